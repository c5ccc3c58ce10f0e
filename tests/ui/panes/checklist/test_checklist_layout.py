"""The tree's rows as the view lays them out: an item with nothing under it shows no branch to open, and one
that becomes blocked shows its reason row under it, on screen, all the same."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from cockpit.domain.checklist import ItemStatus
from cockpit.ui.panes.checklist.model import Column, Role
from tests.ui.model_spy import with_row


def checklist(make_window, path):
    window = make_window(path)
    window.show_pane("checklist")
    return window.session.data, window.pane("checklist")


def view_index(pane, item_id: int):
    return pane.view_index(pane.model.index_of_item(item_id))


def test_a_newly_blocked_item_shows_its_reason_under_it_and_a_leaf_has_no_branch(
    qtbot, make_window, small_launch
):
    data, pane = checklist(make_window, small_launch)
    item = view_index(pane, 2)
    assert not pane.tree.model().hasChildren(item)  # in progress: nothing under it to open
    blocked, changes = with_row(
        data, "checklist", "checklist_items", 2, status=ItemStatus.BLOCKED, blocked_reason="No test data"
    )
    pane.apply_data(blocked, pane._now, changes)
    item = view_index(pane, 2)
    reason = pane.tree.model().index(0, 0, item)
    assert pane.tree.model().hasChildren(item) and reason.data() == "⊘ Blocked: No test data"
    qtbot.waitUntil(lambda: pane.tree.visualRect(reason).isValid(), timeout=10_000)
    assert pane.tree.isExpanded(item)
    assert pane.tree.visualRect(reason).top() >= pane.tree.visualRect(item).bottom()
    assert pane.tree.indexBelow(item) == reason  # the next row on screen says why


def tree_item_ids(pane, parent=None) -> list[int]:
    """The items the tree itself shows, top to bottom."""
    shown = pane.tree.model()
    parent = parent if parent is not None else QModelIndex()
    ids: list[int] = []
    for row in range(shown.rowCount(parent)):
        index = shown.index(row, 0, parent)
        kind = index.data(Role.KIND)
        if kind == "item":
            ids.append(index.data(Role.ITEM).id)
        elif kind != "reason":
            ids.extend(tree_item_ids(pane, index))
    return ids


def test_a_filter_set_and_cleared_keeps_the_widths_the_collapsed_branches_and_the_selection(
    make_window, demo_file
):
    _, pane = checklist(make_window, demo_file)
    every_item = tree_item_ids(pane)
    assert len(every_item) == 120
    blocked = [i for i in every_item if pane.model.item(i).status == ItemStatus.BLOCKED]
    chosen = blocked[0]
    stages = [pane.tree.model().index(row, 0) for row in range(pane.tree.model().rowCount())]
    other = next(s for s in stages if s.data(Role.KEY) != pane.model.item(chosen).stage.value)
    other_key = other.data(Role.KEY)
    pane.tree.setColumnWidth(Column.OWNER, 222)
    pane.tree.collapse(other)

    pane.set_filters(blocked_only=True)
    assert tree_item_ids(pane) == blocked
    assert pane.tree.columnWidth(Column.OWNER) == 222
    pane.select_item(chosen)
    pane.set_filters(blocked_only=False)
    assert tree_item_ids(pane) == every_item
    assert pane.tree.columnWidth(Column.OWNER) == 222
    assert pane.selected_item().id == chosen
    shown = pane.tree.model()
    expanded = {
        shown.index(row, 0).data(Role.KEY): pane.tree.isExpanded(shown.index(row, 0))
        for row in range(shown.rowCount())
    }
    assert expanded.pop(other_key) is False  # still collapsed, as the user left it
    assert all(expanded.values())
