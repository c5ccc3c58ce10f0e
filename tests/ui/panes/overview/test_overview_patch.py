"""After a change the overview's lights follow (worked out off the UI thread), and tables the change did not
touch are left alone."""

from __future__ import annotations

from cockpit.domain.checklist import ItemStatus
from cockpit.domain.status import Pane
from tests.ui.model_spy import ModelSpy, with_row


def test_a_blocked_gate_item_turns_the_checklist_light_red_and_leaves_the_sign_offs_alone(
    qtbot, make_window, small_launch
):
    window = make_window(small_launch)
    window.show_pane("overview")
    pane = window.pane("overview")
    data, now = window.session.data, window.session.now()
    signoffs = ModelSpy(pane.signoff_model)
    tile = pane.tiles[Pane.CHECKLIST]
    blocked, changes = with_row(
        data, "checklist", "checklist_items", 2, status=ItemStatus.BLOCKED, blocked_reason="No test data"
    )
    pane.apply_data(blocked, now, changes)
    qtbot.waitUntil(lambda: "1 blocked" in tile.reason.text(), timeout=30_000)
    assert signoffs.events == []
