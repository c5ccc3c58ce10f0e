"""The tree's rows as the view lays them out: an item with nothing under it shows no branch to open, and one
that becomes blocked shows its reason row under it, on screen, all the same."""

from __future__ import annotations

from cockpit.domain.checklist import ItemStatus
from tests.ui.model_spy import with_row


def checklist(make_window, path):
    window = make_window(path)
    window.show_pane("checklist")
    return window.session.data, window.pane("checklist")


def view_index(pane, item_id: int):
    return pane.proxy.mapFromSource(pane.model.index_of_item(item_id))


def test_a_newly_blocked_item_shows_its_reason_under_it_and_a_leaf_has_no_branch(
    qtbot, make_window, small_launch
):
    data, pane = checklist(make_window, small_launch)
    item = view_index(pane, 2)
    assert not pane.proxy.hasChildren(item)  # in progress: nothing under it to open
    blocked, changes = with_row(
        data, "checklist", "checklist_items", 2, status=ItemStatus.BLOCKED, blocked_reason="No test data"
    )
    pane.apply_data(blocked, pane._now, changes)
    item = view_index(pane, 2)
    reason = pane.proxy.index(0, 0, item)
    assert pane.proxy.hasChildren(item) and reason.data() == "⊘ Blocked: No test data"
    qtbot.waitUntil(lambda: pane.tree.visualRect(reason).isValid(), timeout=10_000)
    assert pane.tree.isExpanded(item)
    assert pane.tree.visualRect(reason).top() >= pane.tree.visualRect(item).bottom()
    assert pane.tree.indexBelow(item) == reason  # the next row on screen says why
