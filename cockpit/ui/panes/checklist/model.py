"""The checklist as a tree: stage → category → item, with progress on every stage and category row.

A blocked item carries one child row that says why ("⊘ Blocked: …"), so the reason is on screen (a wall
never shows tooltips) while every row keeps one line: the view keeps uniform row heights, which a
2,000-item checklist needs to scroll and redraw quickly. The reason row answers ``Role.ITEM`` with its
item, so filters, selection and double-click treat it as part of that item.

When a reload leaves the tree's shape alone (the usual status change), only ``dataChanged`` is sent,
so the view keeps its expansion, selection and any open editor; otherwise the model resets (an item
becoming blocked or unblocked gains or loses its reason row, so it resets).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from cockpit.domain.checklist import (
    Category,
    ChecklistItem,
    ItemStage,
    ItemStatus,
    Progress,
    is_finished,
    is_overdue,
    progress_of,
    unmet_dependencies,
)
from cockpit.ui.widgets.theme import (
    BLOCKED_SYMBOL,
    GATE_SYMBOL,
    MUTED_INK,
    OVERDUE,
    OVERDUE_SYMBOL,
    WAITING_SYMBOL,
)
from cockpit.words.labels import category_label, item_stage_label, item_status_label
from cockpit.words.rows import field_label

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class Column(IntEnum):
    TITLE = 0
    STATUS = 1
    OWNER = 2
    DUE = 3
    DEPENDS_ON = 4


class Role(IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1  # the ChecklistItem of an item row (or of its reason row), else None
    KIND = Qt.ItemDataRole.UserRole + 2  # "stage", "category", "item" or "reason" (a blocked item's why)
    OVERDUE = Qt.ItemDataRole.UserRole + 3  # bool, item rows
    KEY = Qt.ItemDataRole.UserRole + 4  # a stable key for expansion and selection


@dataclass(eq=False)
class Node:
    kind: str
    key: str
    parent: Node | None
    row: int
    stage: ItemStage | None = None
    category: Category | None = None
    item: ChecklistItem | None = None
    progress: Progress | None = None
    children: list[Node] = field(default_factory=list)


def _build(items: tuple[ChecklistItem, ...], now: datetime) -> list[Node]:
    stages: list[Node] = []
    for stage in ItemStage:
        in_stage = [i for i in items if i.stage == stage]
        if not in_stage:
            continue
        stage_node = Node(
            "stage", stage.value, None, len(stages), stage=stage, progress=progress_of(in_stage, now=now)
        )
        stages.append(stage_node)
        for category in Category:
            in_category = [i for i in in_stage if i.category == category]
            if not in_category:
                continue
            category_node = Node(
                "category",
                f"{stage.value}/{category.value}",
                stage_node,
                len(stage_node.children),
                stage=stage,
                category=category,
                progress=progress_of(in_category, now=now),
            )
            stage_node.children.append(category_node)
            for item in sorted(in_category, key=lambda i: (i.due is None, i.due or now, i.id)):
                item_node = Node(
                    "item", f"item/{item.id}", category_node, len(category_node.children), item=item
                )
                category_node.children.append(item_node)
                if item.status == ItemStatus.BLOCKED:
                    item_node.children.append(Node("reason", f"reason/{item.id}", item_node, 0, item=item))
    return stages


def _shape(nodes: list[Node]) -> list:
    return [(n.key, _shape(n.children)) for n in nodes]


class ChecklistTreeModel(QAbstractItemModel):
    # Inline edits are requests: the pane asks the session, and the reload shows the result.
    status_requested = Signal(object, str)  # ChecklistItem, new status value

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._roots: list[Node] = []
        self._nodes: list[Node] = []  # internalId - 1 → node
        self._ids: dict[int, int] = {}  # id(node) → internalId
        self._items: dict[int, ChecklistItem] = {}
        self._now: datetime | None = None
        self._zone: tzinfo | None = None
        self.editable = True

    # -- data in --------------------------------------------------------------------------------------------------

    def set_items(self, items: tuple[ChecklistItem, ...], *, now: datetime, zone: tzinfo | None) -> None:
        roots = _build(tuple(items), now)
        same_shape = _shape(roots) == _shape(self._roots)
        self._now, self._zone = now, zone
        self._items = {i.id: i for i in items}
        if same_shape and self._roots:
            for old, new in zip(self._walk(self._roots), self._walk(roots), strict=True):
                old.item, old.progress = new.item, new.progress
            self._emit_all_changed(ROOT)
            return
        self.beginResetModel()
        self._roots = roots
        self._nodes = list(self._walk(roots))
        self._ids = {id(n): position + 1 for position, n in enumerate(self._nodes)}
        self.endResetModel()

    def _walk(self, nodes: list[Node]):
        for node in nodes:
            yield node
            yield from self._walk(node.children)

    def _emit_all_changed(self, parent: QModelIndex) -> None:
        rows = self.rowCount(parent)
        if rows == 0:
            return
        self.dataChanged.emit(self.index(0, 0, parent), self.index(rows - 1, len(Column) - 1, parent))
        for row in range(rows):
            self._emit_all_changed(self.index(row, 0, parent))

    def branches(self) -> list[tuple[QModelIndex, str]]:
        """Each row with rows under it (stages, categories, blocked items), with its key: what a view expands."""
        return [(self.createIndex(n.row, 0, self._ids[id(n)]), n.key) for n in self._nodes if n.children]

    def reason_rows(self) -> list[QModelIndex]:
        """The "⊘ Blocked: …" rows, which a view spans over every column."""
        return [self.createIndex(n.row, 0, self._ids[id(n)]) for n in self._nodes if n.kind == "reason"]

    def item(self, item_id: int) -> ChecklistItem | None:
        return self._items.get(item_id)

    def index_of_item(self, item_id: int, column: int = 0) -> QModelIndex:
        node = next((n for n in self._nodes if n.kind == "item" and n.item.id == item_id), None)
        return self.createIndex(node.row, column, self._ids[id(node)]) if node is not None else QModelIndex()

    # -- structure ------------------------------------------------------------------------------------------------

    def _node(self, index: Index) -> Node | None:
        if not index.isValid():
            return None
        return self._nodes[index.internalId() - 1]

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if column < 0 or column >= len(Column) or row < 0:
            return QModelIndex()
        siblings = self._roots if not parent.isValid() else self._node(parent).children
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, self._ids[id(siblings[row])])

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, self._ids[id(node.parent)])

    def rowCount(self, parent: Index = ROOT) -> int:
        if not parent.isValid():
            return len(self._roots)
        if parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = ROOT) -> int:
        return len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        node = self._node(index)
        if node.kind == "item" and index.column() == Column.STATUS and self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

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
                return item_stage_label(node.stage) if node.kind == "stage" else category_label(node.category)
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
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.OWNER and progress.overdue:
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
            when = item.due.astimezone(self._zone).strftime("%Y-%m-%d %H:%M")
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
        if status != node.item.status:
            self.status_requested.emit(node.item, status.value)
        return False  # nothing changes here until the file says so
