"""The checklist as a tree: stage → category → item, with progress on every stage and category row.

A blocked item carries one child row that says why ("⊘ Blocked: …"), so the reason is on screen (a wall
never shows tooltips) while every row keeps one line: the view keeps uniform row heights, which a
2,000-item checklist needs to scroll and redraw quickly. The reason row answers ``Role.ITEM`` with its
item, so filters, selection and double-click treat it as part of that item.

A change to some items (``patch_items``, with the ids the session's ``Changes`` name) touches only their
rows: ``dataChanged`` for the item, its category and stage (progress) and the items that depend on it;
an item becoming blocked or unblocked inserts or removes its reason row; an added, removed or moved item
(another stage, category or due time) removes and inserts its row, and a category or stage appears or
goes with its first or last item. The view keeps its expansion, selection and any open editor, and the
cost follows the change, not the checklist's size. A full load (``set_items``) sends ``dataChanged``
when the tree keeps its shape and resets otherwise.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from cockpit.domain.checklist import (
    ChecklistItem,
    ItemStatus,
    is_finished,
    is_overdue,
    progress_of,
    unmet_dependencies,
)
from cockpit.ui.panes.checklist.tree import (
    Node,
    build,
    category_node,
    group_order,
    item_node,
    item_order,
    placement,
    reason_node,
    renumber,
    shape,
    stage_node,
)
from cockpit.ui.widgets.theme import (
    BLOCKED_SYMBOL,
    GATE_SYMBOL,
    MUTED_INK,
    OVERDUE,
    OVERDUE_SYMBOL,
    WAITING_SYMBOL,
)
from cockpit.ui.words.labels import category_label, item_stage_label, item_status_label

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


def _moved(old: Node, new: Node, was: datetime | None, now: datetime) -> bool:
    """Whether a row of the same tree reads differently: another item or progress, or overdue since."""
    if old.item is not None:
        if old.item is not new.item and old.item != new.item:
            return True
        return was is None or is_overdue(old.item, now=was) != is_overdue(new.item, now=now)
    return old.progress != new.progress


class ChecklistTreeModel(QAbstractItemModel):
    # Inline edits are requests: the pane asks the session, and the reload shows the result.
    status_requested = Signal(object, str)  # ChecklistItem, new status value

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._roots: list[Node] = []
        self._nodes: list[Node | None] = []  # internalId - 1 → node (None: a node since removed)
        self._ids: dict[int, int] = {}  # id(node) → internalId
        self._items: dict[int, ChecklistItem] = {}
        self._item_nodes: dict[int, Node] = {}  # item id → its row
        self._dependents: dict[int, set[int]] = {}  # item id → the items that depend on it
        self._now: datetime | None = None
        self._zone: tzinfo | None = None
        self.editable = True

    # -- data in --------------------------------------------------------------------------------------------------

    def set_items(self, items: tuple[ChecklistItem, ...], *, now: datetime, zone: tzinfo | None) -> None:
        """Show all of ``items`` (a full load): anything may have changed."""
        roots = build(tuple(items), now)
        same_shape = shape(roots) == shape(self._roots)
        was, self._now, self._zone = self._now, now, zone
        self._items = {i.id: i for i in items}
        self._dependents = {}
        for item in items:
            for dep_id in item.depends_on:
                self._dependents.setdefault(dep_id, set()).add(item.id)
        if same_shape and self._roots:
            # Same tree: repaint the rows whose item, progress or overdue state moved (an unchanged item is
            # usually the same object), not every row: that made the proxy and the view visit all of them.
            moved = [
                old
                for old, new in zip(self._walk(self._roots), self._walk(roots), strict=True)
                if _moved(old, new, was, now)
            ]
            for old, new in zip(self._walk(self._roots), self._walk(roots), strict=True):
                old.item, old.progress = new.item, new.progress
            self._item_nodes = {n.item.id: n for n in self._walk(self._roots) if n.kind == "item"}
            for node in moved:
                self.dataChanged.emit(self._index(node), self._index(node, len(Column) - 1))
            return
        self.beginResetModel()
        self._roots = roots
        self._nodes = list(self._walk(roots))
        self._ids = {id(n): position + 1 for position, n in enumerate(self._nodes)}
        self._item_nodes = {n.item.id: n for n in self._nodes if n.kind == "item"}
        self.endResetModel()

    def patch_items(
        self, items: tuple[ChecklistItem, ...], item_ids: set[int], *, now: datetime
    ) -> list[QModelIndex]:
        """Show ``items`` where only the items ``item_ids`` may differ from what the tree shows.

        Returns the rows it inserted, so the view can expand the new branches and span the new reason rows.
        """
        self._now = now
        fresh = {i.id: i for i in items if i.id in item_ids}
        inserted: list[Node] = []
        regroup: set[Node] = set()  # categories whose progress needs working out again
        repaint: set[int] = set()  # items whose dependency column shows a changed item
        for item_id in sorted(item_ids):
            old, new = self._items.get(item_id), fresh.get(item_id)
            if old is None and new is None:
                continue  # added and removed again (an undo) before this pane drew it
            node = self._item_nodes.get(item_id)
            repaint |= self._dependents.get(item_id, set())
            self._follow_dependencies(old, new)
            if new is None:
                self._items.pop(item_id, None)
            else:
                self._items[item_id] = new
            if node is not None and (new is None or placement(new) != placement(node.item)):
                regroup.add(node.parent)
                self._remove_item(node)
                node = None
            if new is None:
                continue
            if node is None:
                node = self._insert_item(new, inserted)
            else:
                self._update_item(node, new, inserted)
            regroup.add(node.parent)
        self._regroup(regroup, now)
        for item_id in repaint - set(item_ids):
            node = self._item_nodes.get(item_id)
            if node is not None:
                index = self._index(node, Column.DEPENDS_ON)
                self.dataChanged.emit(index, index)
        return [self._index(n) for n in inserted if id(n) in self._ids]

    def _follow_dependencies(self, old: ChecklistItem | None, new: ChecklistItem | None) -> None:
        item_id = (old or new).id
        for dep_id in old.depends_on if old is not None else ():
            self._dependents.get(dep_id, set()).discard(item_id)
        for dep_id in new.depends_on if new is not None else ():
            self._dependents.setdefault(dep_id, set()).add(item_id)

    def _update_item(self, node: Node, item: ChecklistItem, inserted: list[Node]) -> None:
        was_blocked = bool(node.children)
        node.item = item
        if was_blocked and item.status != ItemStatus.BLOCKED:
            self.beginRemoveRows(self._index(node), 0, 0)
            self._forget(node.children.pop())
            self.endRemoveRows()
        elif not was_blocked and item.status == ItemStatus.BLOCKED:
            reason = self._register(reason_node(node))
            self.beginInsertRows(self._index(node), 0, 0)
            node.children.append(reason)
            self.endInsertRows()
            inserted.extend((node, reason))
        elif was_blocked:
            node.children[0].item = item
            reason = self._index(node.children[0])
            self.dataChanged.emit(reason, reason)
        self.dataChanged.emit(self._index(node), self._index(node, len(Column) - 1))

    def _insert_item(self, item: ChecklistItem, inserted: list[Node]) -> Node:
        stage = next((n for n in self._roots if n.stage == item.stage), None)
        if stage is None:
            stage = self._insert_group(None, stage_node(item.stage, 0), inserted)
        category = next((n for n in stage.children if n.category == item.category), None)
        if category is None:
            category = self._insert_group(stage, category_node(stage, item.category, 0), inserted)
        siblings = category.children
        row = next(
            (r for r, n in enumerate(siblings) if item_order(n.item) > item_order(item)), len(siblings)
        )
        node = item_node(item, category, row)
        self._register(node)
        for child in node.children:
            self._register(child)
        self.beginInsertRows(self._index(category), row, row)
        siblings.insert(row, node)
        renumber(siblings, row)
        self.endInsertRows()
        self._item_nodes[item.id] = node
        inserted.append(node)
        inserted.extend(node.children)
        return node

    def _insert_group(self, parent: Node | None, node: Node, inserted: list[Node]) -> Node:
        siblings = parent.children if parent is not None else self._roots
        row = next((r for r, n in enumerate(siblings) if group_order(n) > group_order(node)), len(siblings))
        node.row = row
        node.progress = progress_of((), now=self._now)  # until its first item arrives
        self._register(node)
        self.beginInsertRows(self._index(parent) if parent is not None else ROOT, row, row)
        siblings.insert(row, node)
        renumber(siblings, row)
        self.endInsertRows()
        inserted.append(node)
        return node

    def _remove_item(self, node: Node) -> None:
        """Remove an item's row, and its category and stage when it was their last item."""
        self._item_nodes.pop(node.item.id, None)
        while node is not None:
            parent = node.parent
            siblings = parent.children if parent is not None else self._roots
            self.beginRemoveRows(self._index(parent) if parent is not None else ROOT, node.row, node.row)
            del siblings[node.row]
            renumber(siblings, node.row)
            self._forget(node)
            self.endRemoveRows()
            node = parent if parent is not None and not parent.children else None

    def _regroup(self, categories: set[Node], now: datetime) -> None:
        """Work the progress of these categories and their stages out again, and repaint those rows."""
        stages = {c.parent for c in categories}
        for group in [g for g in (*categories, *stages) if id(g) in self._ids]:  # still in the tree
            group.progress = progress_of(group.items(), now=now)
            self.dataChanged.emit(self._index(group), self._index(group, len(Column) - 1))

    def _register(self, node: Node) -> Node:
        self._nodes.append(node)
        self._ids[id(node)] = len(self._nodes)
        return node

    def _forget(self, node: Node) -> None:
        for gone in [node, *self._walk(node.children)]:
            internal = self._ids.pop(id(gone), None)
            if internal is not None:
                self._nodes[internal - 1] = None

    def _index(self, node: Node, column: int = 0) -> QModelIndex:
        return self.createIndex(node.row, column, self._ids[id(node)])

    def _walk(self, nodes: list[Node]):
        for node in nodes:
            yield node
            yield from self._walk(node.children)

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
        names = (self.tr("Item"), self.tr("Status"), self.tr("Owner"), self.tr("Due"), self.tr("Depends on"))
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
