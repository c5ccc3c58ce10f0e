"""How the window talks back: a message bar that keeps a failed edit for a retry, and the conflict dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cockpit.store.errors import Conflict
from cockpit.ui.session import PendingEdit, Problem

_HIDDEN_FIELDS = frozenset({"version", "updated_by", "updated_at", "expect_version"})


class MessageBar(QFrame):
    """A strip above the panes; it stays until dismissed, so a message cannot be missed on a busy day."""

    retry_requested = Signal(object)  # PendingEdit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self._pending: PendingEdit | None = None
        self.icon = QLabel("⚠")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.clicked.connect(self._retry)
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.dismiss_button)
        self.hide()

    @property
    def pending(self) -> PendingEdit | None:
        return self._pending

    def show_problem(self, problem: Problem) -> None:
        self._pending = problem.pending
        message = problem.message
        if problem.pending is not None:
            message += " " + self.tr("Your change “{what}” is kept: press Retry to try again.").format(
                what=problem.pending.text
            )
        self.text.setText(message)
        self.retry_button.setVisible(problem.pending is not None)
        self.show()

    def dismiss(self) -> None:
        self._pending = None
        self.hide()

    def _retry(self) -> None:
        pending, self._pending = self._pending, None
        self.hide()
        if pending is not None:
            self.retry_requested.emit(pending)


class ConflictDialog(QDialog):
    """Theirs and mine side by side; the user decides. Accepted means "apply mine again"."""

    def __init__(self, pending: PendingEdit, conflict: Conflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pending, self.conflict = pending, conflict
        self.setWindowTitle(self.tr("Someone changed this while you were editing"))
        theirs = conflict.theirs
        who = theirs.get("updated_by") or self.tr("someone")
        when = theirs.get("updated_at") or "?"
        intro = QLabel(
            self.tr(
                "“{what}” was not saved: {who} changed {table} #{id} at {when}. "
                "Keep their version, or apply yours on top of it."
            ).format(what=pending.text, who=who, table=conflict.table, id=conflict.row_id, when=when)
        )
        intro.setWordWrap(True)
        fields = [k for k in conflict.yours if k not in _HIDDEN_FIELDS]
        self.table = QTableWidget(len(fields), 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Theirs (in the file)"), self.tr("Yours")]
        )
        for row, name in enumerate(fields):
            for column, value in enumerate((name, theirs.get(name), conflict.yours.get(name))):
                item = QTableWidgetItem("" if value is None else str(value))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        buttons = QDialogButtonBox()
        self.keep_button = buttons.addButton(self.tr("Keep theirs"), QDialogButtonBox.ButtonRole.RejectRole)
        self.apply_button = buttons.addButton(
            self.tr("Apply mine again"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 300)
