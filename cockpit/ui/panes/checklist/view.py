"""The checklist pane: filter bar, the stage → category → item tree, inline status, add and edit."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from PySide6.QtCore import QModelIndex, QSettings
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cockpit.changes import Changes
from cockpit.domain.checklist import ChecklistItem, ItemStatus, is_overdue, unmet_dependencies
from cockpit.domain.figures import checklist_figure_of
from cockpit.domain.launch import LaunchData
from cockpit.domain.status import Pane
from cockpit.services.edits import add_checklist_item, set_checklist_status, update_checklist_item
from cockpit.ui import settings as keys
from cockpit.ui.panes.base import BasePane
from cockpit.ui.panes.checklist.dialogs import BlockedReasonDialog, DoneOverOpenDialog, ItemDialog
from cockpit.ui.panes.checklist.filters import ChecklistFilter
from cockpit.ui.panes.checklist.model import ChecklistTreeModel, Column, Role
from cockpit.ui.panes.checklist.opening import BranchOpener
from cockpit.ui.panes.checklist.status_editor import StatusDelegate
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.widgets.choices import refill_choices
from cockpit.ui.widgets.delegates import RoomyDelegate
from cockpit.ui.widgets.theme import OVERDUE_SYMBOL
from cockpit.words.labels import item_status_label, pane_title


class ChecklistPane(BasePane):
    pane_id = "checklist"
    tables = frozenset({"checklist_items"})

    @classmethod
    def title(cls) -> str:
        return pane_title(Pane.CHECKLIST)

    def __init__(self, session: LaunchSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._owners: Counter[str] = Counter()  # owner → how many items the tree shows with that owner
        self._data: LaunchData | None = None
        self._now: datetime | None = None
        self.reason_dialog: BlockedReasonDialog | None = None
        self.done_dialog: DoneOverOpenDialog | None = None
        self.item_dialog: ItemDialog | None = None

        self.model = ChecklistTreeModel(self)
        self.model.status_requested.connect(self.request_status)
        self.proxy = ChecklistFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter: title, owner, evidence, #id…"))
        self.search.setClearButtonEnabled(True)
        self.owner_filter = QComboBox()
        self.owner_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("Any status"), "")
        for status in ItemStatus:
            self.status_filter.addItem(item_status_label(status), status.value)
        self.overdue_only = QCheckBox(self.tr("{symbol} Overdue").format(symbol=OVERDUE_SYMBOL))
        self.blocked_only = QCheckBox(self.tr("Blocked"))
        self.add_button = QPushButton(self.tr("Add item…"))
        self.add_button.clicked.connect(self.add_item)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.search.textChanged.connect(self._apply_filters)
        self.owner_filter.currentIndexChanged.connect(self._apply_filters)
        self.status_filter.currentIndexChanged.connect(self._apply_filters)
        self.overdue_only.toggled.connect(self._apply_filters)
        self.blocked_only.toggled.connect(self._apply_filters)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        for widget in (self.owner_filter, self.status_filter, self.overdue_only, self.blocked_only):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)

        self.summary = QLabel()
        self.summary.setProperty("role", "muted")
        self.tree = QTreeView()
        # The tree shows the model itself while no filter is set, and the filter's rows once one is: the
        # first layout of a large checklist visits every row, and through the filter each costs twice the
        # calls into Python (74 ms against 125 ms of the UI thread for 10,000 items).
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(RoomyDelegate(self.tree))
        self.tree.setItemDelegateForColumn(Column.STATUS, StatusDelegate(self.tree))
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The title takes what the window gives: it is what people read, the other columns are short.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (Column.STATUS, 170),
            (Column.OWNER, 150),
            (Column.DUE, 160),
            (Column.DEPENDS_ON, 150),
        ):
            self.tree.setColumnWidth(column, width)
        self.branches = BranchOpener(self.tree, self.model, self.view_index, self)
        self.tree.doubleClicked.connect(self._double_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

    # -- data -----------------------------------------------------------------------------------------------------

    def zone(self, now: datetime):
        return self._data.launch.zone if self._data is not None else now.tzinfo

    def apply_data(self, data: LaunchData, now: datetime, changes: Changes | None = None) -> None:
        # Dependency links are rows of their own; a change to them alone has no item ids: redraw everything.
        links = changes is not None and "checklist_deps" in changes.rows
        moved = None if links else self.moved_rows(changes, "checklist_items")
        if moved is None or self._data is None or self._now is None:
            self._data, self._now = data, now
            selected = self.selected_item()
            self.model.editable = not self.session.read_only
            self.model.set_items(data.checklist, now=now, zone=self.zone(now))
            self._owners = Counter(i.owner for i in data.checklist if i.owner)
            self._restore_view(selected.id if selected else None)
        else:
            # Only the moved rows, as of the time the tree shows: ``tick`` moves that time on for every item.
            self._data = data
            if moved:
                self._count_owners(moved, -1)
                self._patch(data.checklist, moved, self._now)
                self._count_owners(moved, 1)
        self._refresh_owners()
        self._show_summary()
        writable = not self.session.read_only
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(writable)

    def _patch(self, checklist: tuple[ChecklistItem, ...], item_ids: set[int], now: datetime) -> None:
        selected = self.selected_item()
        inserted = self.model.patch_items(checklist, item_ids, now=now)
        self.branches.dress(inserted)
        current = self.selected_item()
        if selected is not None and (current is None or current.id != selected.id):
            self._select(selected.id)  # its row moved (another category, due time): the selection follows

    def _show_summary(self) -> None:
        # The tree's stages, summed: no pass over every item; the same figure as the tile and the CLI.
        figure = checklist_figure_of(self.model.overall())
        self.summary.setText(
            self.tr(
                "{done} of {total} applicable items done ({percent}) · {blocked} blocked · {overdue} overdue"
            ).format(
                done=figure.done,
                total=figure.applicable,
                percent=f"{figure.ratio * 100:.0f}%",
                blocked=figure.blocked,
                overdue=figure.overdue,
            )
        )
        self.summary.setToolTip(figure.counts())

    def tick(self, now: datetime) -> None:
        """Items become overdue as time passes; redraw only those (a large checklist takes a moment to redraw)."""
        if self._data is None or self._now is None:
            return
        became = {
            i.id for i in self._data.checklist if is_overdue(i, now=now) != is_overdue(i, now=self._now)
        }
        if became:
            self._now = now
            self._patch(self._data.checklist, became, now)
            self._show_summary()

    def _count_owners(self, item_ids: set[int], sign: int) -> None:
        """The owners the filter offers, counted per item as the tree shows them: a patch moves only its own."""
        for item_id in item_ids:
            item = self.model.item(item_id)
            if item is not None and item.owner:
                self._owners[item.owner] += sign
                if self._owners[item.owner] <= 0:
                    del self._owners[item.owner]

    def _refresh_owners(self) -> None:
        refill_choices(self.owner_filter, [(self.tr("Any owner"), "")], sorted(self._owners))

    def _restore_view(self, selected_id: int | None) -> None:
        selected_group = self.model.index_of_item(selected_id).parent() if selected_id is not None else None
        self.branches.restore(selected_group)
        if selected_id is not None:
            self._select(selected_id)

    def view_index(self, source: QModelIndex) -> QModelIndex:
        """The tree's index of a row of the model (the filter's, while a filter is set)."""
        return source if self.tree.model() is self.model else self.proxy.mapFromSource(source)

    def _select(self, item_id: int) -> None:
        index = self.view_index(self.model.index_of_item(item_id))
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def set_filters(self, **filters) -> None:
        """Set the filter bar's widgets (what the user would click); the proxy follows."""
        if "text" in filters:
            self.search.setText(filters["text"])
        if "owner" in filters:
            self.owner_filter.setCurrentIndex(max(0, self.owner_filter.findData(filters["owner"])))
        if "status" in filters:
            self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(filters["status"])))
        if "overdue_only" in filters:
            self.overdue_only.setChecked(filters["overdue_only"])
        if "blocked_only" in filters:
            self.blocked_only.setChecked(filters["blocked_only"])

    def _apply_filters(self) -> None:
        status = self.status_filter.currentData()
        self.proxy.set_filters(
            owner=self.owner_filter.currentData() or "",
            status=ItemStatus(status) if status else None,
            overdue_only=self.overdue_only.isChecked(),
            blocked_only=self.blocked_only.isChecked(),
            text=self.search.text(),
        )
        shown = self.proxy if self.proxy.active else self.model
        selected = None
        if self.tree.model() is not shown:
            selected = self.selected_item()  # kept across the change of model, as the filter keeps it
            header = self.tree.header().saveState()  # a new model resets the columns: the user's widths stay
            self.tree.setModel(shown)
            self.tree.header().restoreState(header)
        self._restore_view(selected.id if selected is not None else None)

    def visible_item_ids(self, parent: QModelIndex | None = None) -> list[int]:
        parent = parent if parent is not None else QModelIndex()
        ids: list[int] = []
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, 0, parent)
            item = index.data(Role.ITEM)
            ids.extend([item.id] if item is not None else self.visible_item_ids(index))
        return ids

    def focus_find(self) -> bool:
        self.search.setFocus()
        self.search.selectAll()
        return True

    # -- edits ----------------------------------------------------------------------------------------------------

    def selected_item(self) -> ChecklistItem | None:
        return self.tree.currentIndex().data(Role.ITEM)

    def request_status(self, item: ChecklistItem, status: str) -> None:
        """An inline status change. Blocked first asks why; done while an item it depends on is open asks
        for confirmation and a reason. Nothing is written until the user gives one."""
        if status == ItemStatus.BLOCKED:
            dialog = BlockedReasonDialog(item, self)
            dialog.accepted.connect(lambda: self._write_status(item, status, dialog.reason_text()))
            dialog.finished.connect(dialog.deleteLater)
            self.reason_dialog = dialog
            dialog.open()
            return
        open_items = self._open_dependencies(item) if status == ItemStatus.DONE else ()
        if not open_items:
            self._write_status(item, status, "")
            return
        confirm = DoneOverOpenDialog(item, open_items, self)
        confirm.accepted.connect(lambda: self._write_status(item, status, confirm.reason_text(), force=True))
        confirm.finished.connect(confirm.deleteLater)
        self.done_dialog = confirm
        confirm.open()

    def _open_dependencies(self, item: ChecklistItem) -> tuple[ChecklistItem, ...]:
        if self._data is None:
            return ()
        wanted = set(item.depends_on)
        return unmet_dependencies(item, {i.id: i for i in self._data.checklist if i.id in wanted})

    def _write_status(self, item: ChecklistItem, status: str, reason: str, *, force: bool = False) -> None:
        # Undo puts the old status back; a done put back may again go over a dependency opened meanwhile,
        # and taking my own change back is reason enough (``force`` only matters for done).
        undo_values: dict[str, object] = {"status": item.status.value, "reason": item.blocked_reason}
        if item.status == ItemStatus.DONE:
            undo_values.update(force=True, reason=self.tr("Undo: it was done before"))
        self.session.edit(
            set_checklist_status,
            text=self.tr("Set #{id} to {status}").format(
                id=item.id, status=item_status_label(ItemStatus(status))
            ),
            undo_values=undo_values,
            item_id=item.id,
            status=status,
            reason=reason,
            force=force,
            expect_version=item.version,
        )

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() != Column.STATUS and index.data(Role.ITEM) is not None:
            self.edit_selected()

    def _open_item_dialog(self, item: ChecklistItem | None) -> ItemDialog | None:
        if self._data is None or self._now is None or self.session.read_only:
            return None
        people = self._data.people
        named = {i.owner for i in self._data.checklist if i.owner}
        if people:  # once the launch has people only they own items (the service refuses anyone else)
            named &= {p.login for p in people} | {p.name for p in people}
        owners = [*named, *(p.name for p in people)]
        dialog = ItemDialog(
            item=item,
            items=self._data.checklist,
            owners=owners,
            zone=self.zone(self._now),
            now=self._now,
            go_live=self._data.launch.go_live,
            people=self._data.people,
            parent=self,
        )
        dialog.finished.connect(dialog.deleteLater)
        self.item_dialog = dialog
        dialog.open()
        return dialog

    def add_item(self) -> None:
        dialog = self._open_item_dialog(None)
        if dialog is not None:
            dialog.accepted.connect(
                lambda: self.session.edit(
                    add_checklist_item,
                    text=self.tr("Add “{title}”").format(title=dialog.values()["title"]),
                    undo_add=True,
                    **dialog.values(),
                )
            )

    def edit_selected(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        dialog = self._open_item_dialog(item)
        if dialog is not None:
            dialog.accepted.connect(lambda: self.submit_item_changes(item, dialog.values()))

    def edit_again(self, item_id: int, wanted: dict) -> None:
        """After keeping a teammate's version: the dialog on the item as it now is, with what I had typed."""
        item = next((i for i in self._data.checklist if i.id == item_id), None) if self._data else None
        if item is None:  # removed since: nothing to edit again
            return
        dialog = self._open_item_dialog(item)
        if dialog is not None:
            dialog.fill(wanted)
            dialog.accepted.connect(lambda: self.submit_item_changes(item, dialog.values()))

    def submit_item_changes(self, item: ChecklistItem, values: dict) -> None:
        """Send only what changed, with the old values for undo."""
        old = {
            "title": item.title,
            "stage": item.stage.value,
            "category": item.category.value,
            "owner": item.owner,
            "due": item.due,
            "is_gate": item.is_gate,
            "evidence": item.evidence,
            "depends_on": sorted(item.depends_on),
        }
        values = {**values, "depends_on": sorted(values["depends_on"])}
        changed = {k: v for k, v in values.items() if old[k] != v}
        if not changed:
            return
        undo_values = {k: old[k] for k in changed}
        if "owner" in changed:
            undo_values["any_owner"] = True  # the owner it had, even one from before the launch had people
        self.session.edit(
            update_checklist_item,
            text=self.tr("Edit #{id}").format(id=item.id),
            undo_values=undo_values,
            reopen=lambda wanted: self.edit_again(item.id, wanted),
            item_id=item.id,
            expect_version=item.version,
            **changed,
        )

    # -- state ----------------------------------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        keys.write(settings, keys.pane_state(self.pane_id, "header"), self.tree.header().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = keys.read(settings, keys.pane_state(self.pane_id, "header"))
        if not state.isEmpty():
            self.tree.header().restoreState(state)

    def select_item(self, item_id: int) -> None:
        self.tree.setCurrentIndex(self.view_index(self.model.index_of_item(item_id)))
