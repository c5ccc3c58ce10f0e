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


def expanded_keys(pane, parent=None) -> dict[str, bool]:
    """Every branch the tree shows (stages, categories, blocked items) and whether it is open."""
    shown = pane.tree.model()
    parent = parent if parent is not None else QModelIndex()
    found: dict[str, bool] = {}
    for row in range(shown.rowCount(parent)):
        index = shown.index(row, 0, parent)
        if shown.hasChildren(index):
            found[index.data(Role.KEY)] = pane.tree.isExpanded(index)
            found.update(expanded_keys(pane, index))
    return found


def categories_open(pane) -> list[tuple[str, bool]]:
    """The tree's categories top to bottom, and whether each is open."""
    return [
        (key, opened)
        for key, opened in expanded_keys(pane).items()
        if key.count("/") == 1 and "item/" not in key
    ]


def test_a_large_checklist_opens_its_categories_a_few_at_a_time_top_first_and_keeps_what_the_user_closed(
    qtbot, make_window, demo_file, monkeypatch
):
    # The demo's 120 items stand in for a launch of tens of thousands: a few rows a turn instead of 2,500.
    monkeypatch.setattr("cockpit.ui.panes.checklist.opening.ROWS_PER_TURN", 10)
    window = make_window(demo_file)
    window.show_pane("checklist")
    pane = window.pane("checklist")
    first_turn = categories_open(pane)
    opened = [key for key, is_open in first_turn if is_open]
    assert opened and len(opened) < len(first_turn) - 1  # the first ones open at once, the rest later
    assert opened == [key for key, _ in first_turn[: len(opened)]]  # from the top
    every_item = sorted(i.id for i in window.session.data.checklist)
    qtbot.waitUntil(lambda: all(is_open for _, is_open in categories_open(pane)), timeout=10_000)
    assert sorted(tree_item_ids(pane)) == every_item

    closed = first_turn[-1][0]
    pane.tree.collapse(next(i for i in _branch_indexes(pane) if i.data(Role.KEY) == closed))
    pane.set_filters(blocked_only=True)
    pane.set_filters(blocked_only=False)  # the tree shows the whole model again, every branch to open
    assert not all(is_open for _, is_open in categories_open(pane)[:-1])
    qtbot.waitUntil(lambda: all(is_open for _, is_open in categories_open(pane)[:-1]), timeout=10_000)
    assert categories_open(pane)[-1] == (closed, False)  # the branch the user closed stays closed
    blocked = next(i for i in window.session.data.checklist if i.status == ItemStatus.BLOCKED)
    reason = pane.tree.model().index(0, 0, view_index(pane, blocked.id))
    assert pane.tree.isFirstColumnSpanned(reason.row(), reason.parent())  # its reason still runs across


def _branch_indexes(pane, parent=None) -> list:
    shown = pane.tree.model()
    parent = parent if parent is not None else QModelIndex()
    found = []
    for row in range(shown.rowCount(parent)):
        index = shown.index(row, 0, parent)
        if shown.hasChildren(index):
            found += [index, *_branch_indexes(pane, index)]
    return found
