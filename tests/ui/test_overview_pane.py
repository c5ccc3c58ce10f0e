"""The overview: lights per pane with symbol and word, tiles open their pane, the go/no-go panel and sign-off."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt

from cockpit.domain.status import Pane
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.ui.panes.overview.view import countdown_text


def signoffs(path: Path) -> dict:
    with open_launch(path, read_only=True) as lf:
        return {s.person: s for s in load_launch(lf).signoffs}


def test_every_tile_shows_colour_symbol_word_and_number(make_window, small_launch):
    pane = make_window(small_launch).pane("overview")
    checklist = pane.tiles[Pane.CHECKLIST]
    # Gate item #2 is overdue: the checklist is off track, said three ways.
    assert checklist.light.text() == "✖ Off track"
    assert checklist.headline.text() == "20%"
    assert "overdue" in checklist.reason.text()
    assert pane.tiles[Pane.SUPPORT].light.text() == "✔ On track"
    assert pane.tiles[Pane.SUPPORT].headline.text() == "1 open"


def test_clicking_a_tile_opens_its_pane(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    window.show_pane("overview")
    qtbot.mouseClick(window.pane("overview").tiles[Pane.CHECKLIST], Qt.MouseButton.LeftButton)
    assert window.current_pane().pane_id == "checklist"


def test_gate_panel_lists_criteria_and_signoffs(qtmodeltester, make_window, small_launch):
    pane = make_window(small_launch).pane("overview")
    qtmodeltester.check(pane.criteria_model)
    qtmodeltester.check(pane.signoff_model)
    first = pane.criteria_model.index(0, 0)
    assert first.data() == "✖ Not met"
    assert "Regression suite green" in pane.criteria_model.index(0, 2).data()
    rows = [
        [pane.signoff_model.index(r, c).data() for c in range(5)]
        for r in range(pane.signoff_model.rowCount())
    ]
    assert rows[1][:3] == ["Bob Baba", "Business owner", "✔ Go"]
    assert "signed 1 of 2" in pane.gate_heading.text()


def test_sign_off_writes_my_decision(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    pane = window.pane("overview")
    assert pane.sign_off_button.isEnabled()  # alice's login maps to "Alice Abe" on the list
    pane.sign_off_button.click()
    dialog = pane.sign_off_dialog
    dialog.decision.setCurrentIndex(dialog.decision.findData("no_go"))
    dialog.accept()
    assert dialog.isVisible() and "comment" in dialog.error.text()  # a no-go must say why
    dialog.decision.setCurrentIndex(dialog.decision.findData("conditional_go"))
    dialog.comment.setPlainText("Hotfix 1.2 deployed by Friday (bob)")
    dialog.accept()
    qtbot.waitUntil(lambda: signoffs(small_launch)["Alice Abe"].decision == "conditional_go", timeout=10_000)
    mine = signoffs(small_launch)["Alice Abe"]
    assert mine.comment == "Hotfix 1.2 deployed by Friday (bob)" and mine.updated_by == "alice"
    qtbot.waitUntil(lambda: "signed 2 of 2" in pane.gate_heading.text(), timeout=10_000)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: signoffs(small_launch)["Alice Abe"].decision == "pending", timeout=10_000)


def test_countdown_before_and_after_go_live():
    go_live = datetime(2030, 4, 1, 9, 0, tzinfo=UTC)
    assert countdown_text(go_live, datetime(2030, 3, 30, 7, 58, 55, tzinfo=UTC)) == "T−2d 01:01:05"
    assert countdown_text(go_live, datetime(2030, 4, 1, 10, 0, 0, tzinfo=UTC)) == "T+0d 01:00:00"


def test_countdown_caption_uses_the_launch_time_zone(make_window, small_launch):
    pane = make_window(small_launch).pane("overview")
    assert "2030-04-01 18:00 JST" in pane.countdown_caption.text()  # 09:00 UTC in Asia/Tokyo
