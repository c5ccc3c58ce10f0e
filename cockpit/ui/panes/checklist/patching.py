"""How the checklist tree takes its items in: a full load (``set_items``) or a change to some items
(``patch_items``), announced to views as rows inserted, removed and repainted, never a reset after the
first fill. ``model.ChecklistTreeModel`` builds on this for what the rows show.

Qt refers to a row by an internal id: every node gets one when it joins the tree (``_register``), and a
removed node's id is never reused (``_forget``), so an index a view still holds can never name another row.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import datetime, tzinfo

from PySide6.QtCore import QAbstractItemModel, QModelIndex

from cockpit.domain.checklist import (
    ChecklistItem,
    ItemStatus,
    Progress,
    combined,
    counted,
    is_overdue,
    progress_of,
)
from cockpit.ui.panes.checklist.tree import (
    Column,
    Node,
    build,
    category_node,
    flatten,
    group_order,
    item_node,
    item_order,
    placement,
    reason_node,
    renumber,
    shape,
    stage_node,
)

ROOT = QModelIndex()


def _moved(old: Node, new: Node, was: datetime | None, now: datetime) -> bool:
    """Whether a row of the same tree reads differently: another item or progress, or overdue since."""
    if old.item is not None:
        if old.item is not new.item and old.item != new.item:
            return True
        return was is None or is_overdue(old.item, now=was) != is_overdue(new.item, now=now)
    return old.progress != new.progress


class PatchableTree(QAbstractItemModel):
    """The nodes behind the checklist tree, and how they change."""

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

    # -- data in --------------------------------------------------------------------------------------------------

    def set_items(self, items: tuple[ChecklistItem, ...], *, now: datetime, zone: tzinfo | None) -> None:
        """Show all of ``items`` (a full load): anything may have changed."""
        roots = build(tuple(items), now)
        same_shape = bool(self._roots) and shape(roots) == shape(self._roots)
        was, self._now, self._zone = self._now, now, zone
        self._items = {i.id: i for i in items}
        self._dependents = {}
        for item in items:
            for dep_id in item.depends_on:
                self._dependents.setdefault(dep_id, set()).add(item.id)
        if same_shape:
            # Same tree: repaint the rows whose item, progress or overdue state moved (an unchanged item is
            # usually the same object), not every row: that made the proxy and the view visit all of them.
            moved = [
                old
                for old, new in zip(self._walk(self._roots), self._walk(roots), strict=True)
                if _moved(old, new, was, now)
            ]
            for old, new in zip(self._walk(self._roots), self._walk(roots), strict=True):
                old.item, old.progress = new.item, new.progress
            self._item_nodes = {n.checklist_item.id: n for n in self._walk(self._roots) if n.kind == "item"}
            for node in moved:
                self.dataChanged.emit(self._index(node), self._index(node, self.columnCount() - 1))
            return
        self.beginResetModel()
        self._roots = roots
        nodes = list(self._walk(roots))
        self._nodes = list(nodes)
        self._ids = {id(n): position + 1 for position, n in enumerate(nodes)}
        self._item_nodes = {n.checklist_item.id: n for n in nodes if n.kind == "item"}
        self.endResetModel()

    def patch_items(
        self, items: tuple[ChecklistItem, ...], item_ids: set[int], *, now: datetime
    ) -> list[QModelIndex]:
        """Show ``items`` where only the items ``item_ids`` may differ from what the tree shows.

        Returns the rows it inserted, so the view can expand the new branches and span the new reason rows.
        """
        was, self._now = self._now or now, now
        fresh = _by_id(items, item_ids)
        inserted: list[Node] = []
        regroup: dict[int, Node] = {}  # the groups whose counts moved, by id(node)
        repaint: set[int] = set()  # items whose dependency column shows a changed item
        for item_id in sorted(item_ids):
            old, new = self._items.get(item_id), fresh.get(item_id)
            if old is None and new is None:
                continue  # added and removed again (an undo) before this pane drew it
            node = self._item_nodes.get(item_id)
            repaint |= self._dependents.get(item_id, set())
            self._follow_dependencies(item_id, old, new)
            if new is None:
                self._items.pop(item_id, None)
            else:
                self._items[item_id] = new
            if node is not None:
                # Its groups count it out as the tree counted it (at the time it last showed), ...
                self._count(node, node.checklist_item, was, -1, regroup)
                if new is None or placement(new) != placement(node.checklist_item):
                    self._remove_item(node)
                    node = None
            if new is None:
                continue
            if node is None:
                node = self._insert_item(new, inserted, now)
            else:
                self._update_item(node, new, inserted)
            self._count(node, new, now, 1, regroup)  # ... and count it in again as it is now
        for group in regroup.values():
            if id(group) in self._ids:  # still in the tree
                self.dataChanged.emit(self._index(group), self._index(group, self.columnCount() - 1))
        for item_id in repaint - set(item_ids):
            node = self._item_nodes.get(item_id)
            if node is not None:
                index = self._index(node, Column.DEPENDS_ON)
                self.dataChanged.emit(index, index)
        return [self._index(n) for n in inserted if id(n) in self._ids]

    def overall(self) -> Progress:
        """The whole checklist's progress, as the tree counts it: the sum of its stages'."""
        return combined(stage.progress for stage in self._roots if stage.progress is not None)

    @staticmethod
    def _count(node: Node, item: ChecklistItem, at: datetime, sign: int, groups: dict[int, Node]) -> None:
        """Count ``item`` in or out of the category and stage above ``node``: O(1), whatever their size."""
        for group in (node.parent, node.parent.parent if node.parent is not None else None):
            if group is not None and group.progress is not None:
                group.progress = counted(group.progress, item, now=at, sign=sign)
                groups[id(group)] = group

    def _follow_dependencies(
        self, item_id: int, old: ChecklistItem | None, new: ChecklistItem | None
    ) -> None:
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
            reason_row = self._index(node.children[0])
            self.dataChanged.emit(reason_row, reason_row)
        self.dataChanged.emit(self._index(node), self._index(node, self.columnCount() - 1))

    def _insert_item(self, item: ChecklistItem, inserted: list[Node], now: datetime) -> Node:
        stage = next((n for n in self._roots if n.stage == item.stage), None)
        if stage is None:
            stage = self._insert_group(None, stage_node(item.stage, 0), inserted, now)
        category = next((n for n in stage.children if n.category == item.category), None)
        if category is None:
            category = self._insert_group(stage, category_node(stage, item.category, 0), inserted, now)
        siblings = category.children
        row = next(
            (r for r, n in enumerate(siblings) if item_order(n.checklist_item) > item_order(item)),
            len(siblings),
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

    def _insert_group(self, parent: Node | None, node: Node, inserted: list[Node], now: datetime) -> Node:
        siblings = parent.children if parent is not None else self._roots
        row = next((r for r, n in enumerate(siblings) if group_order(n) > group_order(node)), len(siblings))
        node.row = row
        node.progress = progress_of((), now=now)  # until its first item arrives
        self._register(node)
        self.beginInsertRows(self._index(parent) if parent is not None else ROOT, row, row)
        siblings.insert(row, node)
        renumber(siblings, row)
        self.endInsertRows()
        inserted.append(node)
        return node

    def _remove_item(self, node: Node) -> None:
        """Remove an item's row, and its category and stage when it was their last item."""
        self._item_nodes.pop(node.checklist_item.id, None)
        gone: Node | None = node
        while gone is not None:
            parent = gone.parent
            siblings = parent.children if parent is not None else self._roots
            self.beginRemoveRows(self._index(parent) if parent is not None else ROOT, gone.row, gone.row)
            del siblings[gone.row]
            renumber(siblings, gone.row)
            self._forget(gone)
            self.endRemoveRows()
            gone = parent if parent is not None and not parent.children else None

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

    def _walk(self, nodes: list[Node]) -> list[Node]:
        return flatten(nodes)


def _by_id(items: tuple[ChecklistItem, ...], ids: set[int]) -> dict[int, ChecklistItem]:
    """The items of ``ids`` that ``items`` holds. The session's checklist is in id order, so each is found by
    bisection; an id not found that way is looked for in the whole tuple (a removed item, or another order)."""
    found: dict[int, ChecklistItem] = {}
    for item_id in ids:
        at = bisect_left(items, item_id, key=_item_id)
        if at < len(items) and items[at].id == item_id:
            found[item_id] = items[at]
    missing = set(ids) - found.keys()
    if missing:
        found.update((i.id, i) for i in items if i.id in missing)
    return found


def _item_id(item: ChecklistItem) -> int:
    return item.id
