"""The checklist as a tree: stage → category → item, with progress on every stage and category row.

A blocked item carries one child row that says why ("⊘ Blocked: …"), so the reason is on screen (a wall
never shows tooltips) while every row keeps one line: the view keeps uniform row heights, which a
2,000-item checklist needs to scroll and redraw quickly. The reason row answers ``Role.ITEM`` with its
item, so filters, selection and double-click treat it as part of that item.

Items come in through ``patching.PatchableTree``: a change to some items (``patch_items``, with the ids
the session's ``Changes`` name) touches only their rows: ``dataChanged`` for the item, its category and stage (progress) and the items that depend on it;
an item becoming blocked or unblocked inserts or removes its reason row; an added, removed or moved item
(another stage, category or due time) removes and inserts its row, and a category or stage appears or
goes with its first or last item. The view keeps its expansion, selection and any open editor, and the
cost follows the change, not the checklist's size. A full load (``set_items``) repaints the rows that
read differently when the tree keeps its shape, and resets otherwise.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any, overload

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from cockpit.domain.checklist import (
    ChecklistItem,
    ItemStatus,
    is_finished,
    is_overdue,
    unmet_dependencies,
)
from cockpit.ui.panes.checklist.patching import PatchableTree
from cockpit.ui.panes.checklist.tree import Column, Node
from cockpit.ui.widgets.theme import (
    BLOCKED_SYMBOL,
    GATE_SYMBOL,
    MUTED_INK,
    OVERDUE,
    OVERDUE_SYMBOL,
    WAITING_SYMBOL,
)
from cockpit.words.labels import category_label, item_stage_label, item_status_label
from cockpit.words.moments import table_moment_text
from cockpit.words.rows import field_label

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
COLUMN_COUNT = len(Column)
NO_FLAGS = Qt.ItemFlag.NoItemFlags
SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
EDITABLE = SELECTABLE | Qt.ItemFlag.ItemIsEditable
SELECTABLE_LEAF = SELECTABLE | Qt.ItemFlag.ItemNeverHasChildren  # worked out once: enum "|" costs µs per call
EDITABLE_LEAF = EDITABLE | Qt.ItemFlag.ItemNeverHasChildren


class Role(IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1  # the ChecklistItem of an item row (or of its reason row), else None
    KIND = Qt.ItemDataRole.UserRole + 2  # "stage", "category", "item" or "reason" (a blocked item's why)
    OVERDUE = Qt.ItemDataRole.UserRole + 3  # bool, item rows
    KEY = Qt.ItemDataRole.UserRole + 4  # a stable key for expansion and selection


class ChecklistTreeModel(PatchableTree):
    # Inline edits are requests: the pane asks the session, and the reload shows the result.
    status_requested = Signal(object, str)  # ChecklistItem, new status value

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.editable = True

    def branches(self) -> list[tuple[QModelIndex, str]]:
        """Each row with rows under it (stages, categories, blocked items), with its key: what a view expands."""
        return [(self._index(n), n.key) for n in self._nodes if n is not None and n.children]

    def reason_rows(self) -> list[QModelIndex]:
        """The "⊘ Blocked: …" rows, which a view spans over every column."""
        return [self._index(n) for n in self._nodes if n is not None and n.kind == "reason"]

    def item(self, item_id: int) -> ChecklistItem | None:
        return self._items.get(item_id)

    def index_of_item(self, item_id: int, column: int = 0) -> QModelIndex:
        node = self._item_nodes.get(item_id)
        return self._index(node, column) if node is not None else QModelIndex()

    # -- structure ------------------------------------------------------------------------------------------------

    def _node(self, index: Index) -> Node | None:
        if not index.isValid():
            return None
        return self._nodes[index.internalId() - 1]

    # The view lays out every expanded row through index(), rowCount() and flags() (~14,000 calls for a
    # 2,000-item checklist, each crossing from C++ into Python): these three stay lean.
    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            parent_node = self._nodes[parent.internalId() - 1]
            if parent_node is None:  # an index to a row since removed
                return QModelIndex()
            siblings = parent_node.children
        else:
            siblings = self._roots
        if not (0 <= row < len(siblings) and 0 <= column < COLUMN_COUNT):
            return QModelIndex()
        return self.createIndex(row, column, self._ids[id(siblings[row])])

    # Qt's parent() is two methods: the QObject that owns the model, and an index's parent row. An override
    # of the second hides the first unless it hands a call without an index on.
    @overload
    def parent(self, /) -> QObject | None: ...
    @overload
    def parent(self, index: Index, /) -> QModelIndex: ...
    def parent(self, index: Index | None = None, /) -> QObject | QModelIndex | None:
        if index is None:
            return super().parent()
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, self._ids[id(node.parent)])

    def rowCount(self, parent: Index = ROOT) -> int:
        if not parent.isValid():
            return len(self._roots)
        node = self._node(parent)
        if parent.column() != 0 or node is None:  # not the first column, or a row since removed
            return 0
        return len(node.children)

    def columnCount(self, parent: Index = ROOT) -> int:
        return COLUMN_COUNT

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return NO_FLAGS
        node = self._nodes[index.internalId() - 1]
        if node is None:  # a row since removed
            return NO_FLAGS
        # A row with nothing under it says so: the view then does not ask (through the filter) for its children.
        # A blocked item gains its reason row as an inserted row, which the view takes in as it comes.
        if index.column() == Column.STATUS and node.kind == "item" and self.editable:
            return EDITABLE if node.children else EDITABLE_LEAF
        return SELECTABLE if node.children else SELECTABLE_LEAF

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        fields = (
            "status",
            "owner",
            "due",
            "depends_on",
        )  # as the item's dialog and the conflict dialog say them
        names = (self.tr("Item"), *(field_label("checklist_items", name) for name in fields))
        return names[section] if 0 <= section < len(names) else None

    # -- data out -------------------------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        if role == Role.KIND:
            return node.kind
        if role == Role.KEY:
            return node.key
        if role == Role.ITEM:
            return node.item
        if node.item is None:
            return self._group_data(node, index.column(), role)
        if node.kind == "reason":
            return self._reason_data(node.item, index.column(), role)
        return self._item_data(node.item, index.column(), role)

    def _group_data(self, node: Node, column: int, role: int) -> Any:
        progress = node.progress
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.TITLE:
                if node.kind == "stage" and node.stage is not None:
                    return item_stage_label(node.stage)
                return category_label(node.category) if node.category is not None else None
            if progress is None:  # given to every group as it joins the tree: never shown without one
                return None
            if column == Column.STATUS:
                return self.tr("{done} of {total} done · {percent}%").format(
                    done=progress.done,
                    total=progress.total - progress.n_a,
                    percent=round(progress.ratio * 100),
                )
            if column == Column.OWNER and (progress.blocked or progress.overdue):
                return self.tr("{blocked} blocked, {overdue} overdue").format(
                    blocked=progress.blocked, overdue=progress.overdue
                )
            return None
        if role == Qt.ItemDataRole.FontRole and node.kind == "stage":
            font = QFont()
            font.setBold(True)
            return font
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == Column.OWNER
            and progress
            and progress.overdue
        ):
            return QColor(OVERDUE)
        return None

    def blocked_text(self, item: ChecklistItem) -> str:
        reason = " ".join(item.blocked_reason.split())  # one line, whatever line breaks the reason has
        if not reason:
            return self.tr("{symbol} Blocked (no reason given)").format(symbol=BLOCKED_SYMBOL)
        return self.tr("{symbol} Blocked: {reason}").format(symbol=BLOCKED_SYMBOL, reason=reason)

    def _reason_data(self, item: ChecklistItem, column: int, role: int) -> Any:
        """The row under a blocked item; the view spans it over every column."""
        if role == Role.OVERDUE:
            return self._now is not None and is_overdue(item, now=self._now)
        if column != Column.TITLE:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.blocked_text(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.blocked_reason or None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(OVERDUE)
        return None

    def _item_data(self, item: ChecklistItem, column: int, role: int) -> Any:
        overdue = self._now is not None and is_overdue(item, now=self._now)
        if role == Role.OVERDUE:
            return overdue
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if role == Qt.ItemDataRole.EditRole and column == Column.STATUS:
                return item.status.value
            return self._item_text(item, column, overdue)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._item_tooltip(item, column, overdue)
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue and column in (Column.TITLE, Column.DUE):
                return QColor(OVERDUE)
            if is_finished(item):
                return QColor(MUTED_INK)
        if role == Qt.ItemDataRole.FontRole and overdue and column in (Column.TITLE, Column.DUE):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _item_text(self, item: ChecklistItem, column: int, overdue: bool) -> str:
        if column == Column.TITLE:
            gate = f" {GATE_SYMBOL}" if item.is_gate else ""
            return f"#{item.id} {item.title}{gate}"
        if column == Column.STATUS:
            label = item_status_label(item.status)
            return f"{BLOCKED_SYMBOL} {label}" if item.status == ItemStatus.BLOCKED else label
        if column == Column.OWNER:
            return item.owner
        if column == Column.DUE:
            if item.due is None:
                return ""
            when = table_moment_text(item.due, self._zone)
            return f"{OVERDUE_SYMBOL} {when}" if overdue else when
        deps = [self._items.get(d) for d in item.depends_on]
        unmet = {d.id for d in unmet_dependencies(item, self._items)}
        parts = [f"#{d.id}{'' if d.id in unmet else ' ✔'}" for d in deps if d is not None]
        return (f"{WAITING_SYMBOL} " if unmet else "") + ", ".join(parts)

    def _item_tooltip(self, item: ChecklistItem, column: int, overdue: bool) -> str | None:
        if column == Column.STATUS and item.status == ItemStatus.BLOCKED:
            return self.blocked_text(item)
        if column == Column.DUE and overdue:
            return self.tr("Overdue")
        if column == Column.DEPENDS_ON and item.depends_on:
            lines = [
                f"#{d.id} {d.title} — {item_status_label(d.status)}"
                for d in (self._items.get(i) for i in item.depends_on)
                if d is not None
            ]
            return "\n".join(lines)
        if column == Column.TITLE:
            extra = [item.title]
            if item.is_gate:
                extra.append(self.tr("{symbol} Gate item: must be done before go").format(symbol=GATE_SYMBOL))
            if item.evidence:
                extra.append(self.tr("Evidence: {evidence}").format(evidence=item.evidence))
            return "\n".join(extra)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self._node(index)
        if (
            node is None
            or node.kind != "item"
            or index.column() != Column.STATUS
            or role != Qt.ItemDataRole.EditRole
        ):
            return False
        try:
            status = ItemStatus(value)
        except ValueError:
            return False
        if status != node.checklist_item.status:
            self.status_requested.emit(node.checklist_item, status.value)
        return False  # nothing changes here until the file says so
