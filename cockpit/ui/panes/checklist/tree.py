"""The checklist tree's nodes (stage → category → item → reason) and where a node belongs among its siblings.

Qt-free: ``model.py`` shows these nodes and announces every change to them to its views.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum

from cockpit.domain.checklist import Category, ChecklistItem, ItemStage, ItemStatus, Progress, progress_of


class Column(IntEnum):
    TITLE = 0
    STATUS = 1
    OWNER = 2
    DUE = 3
    DEPENDS_ON = 4


STAGE_ORDER = {stage: position for position, stage in enumerate(ItemStage)}
CATEGORY_ORDER = {category: position for position, category in enumerate(Category)}


@dataclass(eq=False, slots=True)  # slots: a 10,000-item checklist holds as many nodes
class Node:
    kind: str  # "stage", "category", "item" or "reason" (a blocked item's why)
    key: str
    parent: Node | None
    row: int
    stage: ItemStage | None = None
    category: Category | None = None
    item: ChecklistItem | None = None
    progress: Progress | None = None
    children: list[Node] = field(default_factory=list)

    @property
    def checklist_item(self) -> ChecklistItem:
        """The item of an item or reason node (they are made with one, and only ever given another)."""
        if self.item is None:
            raise TypeError(f"the {self.kind} node {self.key} has no item")
        return self.item

    @property
    def parent_node(self) -> Node:
        """The node this one sits under: every node but a stage is made with one."""
        if self.parent is None:
            raise TypeError(f"the {self.kind} node {self.key} has no parent")
        return self.parent

    def items(self) -> list[ChecklistItem]:
        """The items under a stage or category node."""
        if self.kind == "category":
            return [child.checklist_item for child in self.children]
        return [item for category in self.children for item in category.items()]


def item_order(item: ChecklistItem) -> tuple:
    """How items sort within their category: by due time (none last), then id."""
    return (item.due is None, item.due.timestamp() if item.due is not None else 0.0, item.id)


def placement(item: ChecklistItem) -> tuple:
    """What decides an item's place in the tree: moving it means removing and inserting its row."""
    return (item.stage, item.category, item_order(item))


def group_order(node: Node) -> int:
    """Where a stage sits among the stages, or a category among its stage's categories."""
    if node.kind == "stage" and node.stage is not None:
        return STAGE_ORDER[node.stage]
    if node.kind == "category" and node.category is not None:
        return CATEGORY_ORDER[node.category]
    raise TypeError(f"the {node.kind} node {node.key} is not a group")


def item_node(item: ChecklistItem, parent: Node, row: int) -> Node:
    node = Node("item", f"item/{item.id}", parent, row, item=item)
    if item.status == ItemStatus.BLOCKED:
        node.children.append(reason_node(node))
    return node


def reason_node(item: Node) -> Node:
    return Node("reason", f"reason/{item.checklist_item.id}", item, 0, item=item.item)


def stage_node(stage: ItemStage, row: int) -> Node:
    return Node("stage", stage.value, None, row, stage=stage)


def category_node(parent: Node, category: Category, row: int) -> Node:
    if parent.stage is None:
        raise TypeError(f"a category goes under a stage, not the {parent.kind} node {parent.key}")
    return Node(
        "category",
        f"{parent.stage.value}/{category.value}",
        parent,
        row,
        stage=parent.stage,
        category=category,
    )


def build(items: tuple[ChecklistItem, ...], now: datetime) -> list[Node]:
    grouped: dict[ItemStage, dict[Category, list[ChecklistItem]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        grouped[item.stage][item.category].append(item)
    stages: list[Node] = []
    for stage in ItemStage:
        if stage not in grouped:
            continue
        stage_row = stage_node(stage, len(stages))
        stages.append(stage_row)
        for category in Category:
            in_category = grouped[stage].get(category)
            if not in_category:
                continue
            category_row = category_node(stage_row, category, len(stage_row.children))
            stage_row.children.append(category_row)
            for item in sorted(in_category, key=item_order):
                category_row.children.append(item_node(item, category_row, len(category_row.children)))
            category_row.progress = progress_of(in_category, now=now)
        stage_row.progress = progress_of(stage_row.items(), now=now)
    return stages


def flatten(nodes: list[Node]) -> list[Node]:
    """Every node under ``nodes`` in the tree's row order (each before its children), without recursion."""
    found: list[Node] = []
    pending = nodes[::-1]
    while pending:
        node = pending.pop()
        found.append(node)
        if node.children:
            pending += node.children[::-1]
    return found


def shape(nodes: list[Node]) -> list[tuple[str, int]]:
    """Each row's key and how many rows it has under it, in row order: equal shapes are the same tree."""
    return [(n.key, len(n.children)) for n in flatten(nodes)]


def renumber(siblings: list[Node], start: int = 0) -> None:
    for row in range(start, len(siblings)):
        siblings[row].row = row
