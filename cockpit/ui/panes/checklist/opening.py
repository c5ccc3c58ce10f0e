"""Opening the checklist tree's branches: all at once for a usual checklist, a turn at a time for a huge one.

QTreeView lays out every row under an expanded branch at once, through the Python model (about three calls a
row): 45 ms on a quiet core for the 10,000 items of a launch five times the large demo, a stutter on a busy
one. So when many branches open at once (a full load, a filter set or cleared), categories past
``ROWS_PER_TURN`` rows open on the next turns of the event loop, top first, and the selected item's category
at once. A newer full load or filter drops what an older one left to open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QTimer
from PySide6.QtWidgets import QTreeView

from cockpit.ui.panes.checklist.model import ChecklistTreeModel, Role

# The large demo's 2,000 items still open in one turn.
ROWS_PER_TURN = 1_000


class BranchOpener(QObject):
    """Opens the tree's branches as the user left them (``collapsed`` keys stay closed)."""

    def __init__(
        self,
        tree: QTreeView,
        model: ChecklistTreeModel,
        view_index: Callable[[QModelIndex], QModelIndex],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tree, self._model, self._view_index = tree, model, view_index
        self.collapsed: set[str] = set()  # the branches the user closed, by key
        self._opening = 0  # counts the views restored: a newer one drops the branches an older left to open
        tree.collapsed.connect(lambda index: self.collapsed.add(index.data(Role.KEY)))
        tree.expanded.connect(lambda index: self.collapsed.discard(index.data(Role.KEY)))

    def restore(self, selected_group: QModelIndex | None) -> None:
        """Open every branch the user did not close: the first ``ROWS_PER_TURN`` rows' and ``selected_group``
        now, the rest on later turns; span every reason row across the columns."""
        # Row by row from the model's own list, not expandAll(): that visits all 2,000 items of a large
        # checklist through index() and rowCount() in Python, and only ~100 rows have anything under them.
        self._opening += 1
        later: list[QPersistentModelIndex] = []
        budget = ROWS_PER_TURN
        self._tree.blockSignals(True)
        try:
            for source, key in self._model.branches():
                index = self._view_index(source)
                if not index.isValid():
                    continue
                opening = key not in self.collapsed and not self._tree.isExpanded(index)
                if opening and budget <= 0 and source != selected_group:
                    later.append(QPersistentModelIndex(index))  # stays closed until a later turn opens it
                    continue
                if opening:
                    budget -= self._model.rowCount(source)
                self._tree.setExpanded(index, key not in self.collapsed)
        finally:
            self._tree.blockSignals(False)
        if later:
            self._open_later(later, self._opening)
        for source in self._model.reason_rows():  # why an item is blocked: one line across every column
            index = self._view_index(source)
            if index.isValid():
                self._tree.setFirstColumnSpanned(index.row(), index.parent(), True)

    def _open_later(self, branches: list[QPersistentModelIndex], opening: int) -> None:
        """Open ``branches`` a turn at a time, ``ROWS_PER_TURN`` rows each, unless a newer view came since."""

        def open_some() -> None:
            if opening != self._opening:
                return
            budget = ROWS_PER_TURN
            self._tree.blockSignals(True)
            try:
                while branches and budget > 0:
                    branch = branches.pop(0)
                    if branch.isValid():  # a patch since may have removed it
                        budget -= self._tree.model().rowCount(branch)
                        self._tree.setExpanded(branch, True)
            finally:
                self._tree.blockSignals(False)
            if branches:
                QTimer.singleShot(0, self, open_some)

        QTimer.singleShot(0, self, open_some)

    def dress(self, inserted: list[QModelIndex]) -> None:
        """New rows look like the others: branches expanded (unless the user collapsed them), reasons spanned."""
        self._tree.blockSignals(True)
        try:
            for source in inserted:
                index = self._view_index(source)
                if not index.isValid():
                    continue
                if source.data(Role.KIND) == "reason":
                    self._tree.setFirstColumnSpanned(index.row(), index.parent(), True)
                elif self._model.rowCount(source):
                    self._tree.setExpanded(index, source.data(Role.KEY) not in self.collapsed)
        finally:
            self._tree.blockSignals(False)
