"""The overview, on a small launch file and on the demo launch: lights per pane with symbol and word, tiles open
their pane, the go/no-go panel and sign-off (in the file, and undone)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt

from cockpit.domain.gate import evaluate_gate
from cockpit.domain.status import Pane, pane_statuses
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.ui.panes.overview.view import countdown_text
from cockpit.ui.widgets.theme import RAG_LOOKS
from cockpit.words.gate import criterion_label


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
    qtbot.waitUntil(lambda: signoffs(small_launch)["Alice Abe"].decision == "conditional_go", timeout=30_000)
    mine = signoffs(small_launch)["Alice Abe"]
    assert mine.comment == "Hotfix 1.2 deployed by Friday (bob)" and mine.updated_by == "alice"
    qtbot.waitUntil(lambda: "signed 2 of 2" in pane.gate_heading.text(), timeout=30_000)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: signoffs(small_launch)["Alice Abe"].decision == "pending", timeout=30_000)


def test_countdown_before_and_after_go_live():
    go_live = datetime(2030, 4, 1, 9, 0, tzinfo=UTC)
    assert countdown_text(go_live, datetime(2030, 3, 30, 7, 58, 55, tzinfo=UTC)) == "T−2d 01:01:05"
    assert countdown_text(go_live, datetime(2030, 4, 1, 10, 0, 0, tzinfo=UTC)) == "T+0d 01:00:00"


def test_countdown_caption_uses_the_launch_time_zone(make_window, small_launch):
    pane = make_window(small_launch).pane("overview")
    assert "Mon 1 Apr 2030 18:00 JST" in pane.countdown_caption.text()  # 09:00 UTC in Asia/Tokyo


# -- the demo launch: mid-cutover, a pending go/no-go with 2 of 4 sign-offs ------------------------------------------


def test_on_the_demo_the_lights_and_the_gate_panel_say_what_the_file_says(make_window, demo_file):
    window = make_window(demo_file)
    pane = window.pane("overview")
    with open_launch(demo_file, read_only=True) as lf:
        data = load_launch(lf)
    now = window.session.now()
    statuses = pane_statuses(data, now=now)
    for tile_pane, tile in pane.tiles.items():
        assert tile.headline.text() == statuses[tile_pane].headline
        assert tile.light.text().startswith(RAG_LOOKS[statuses[tile_pane].rag].symbol)
    gate = evaluate_gate(data, now=now)
    model = pane.criteria_model
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == [
        criterion_label(c.criterion.kind, c.criterion.params) for c in gate.criteria
    ]
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "✔ Met" if c.ok else "✖ Not met" for c in gate.criteria
    ]
    met = sum(c.ok for c in gate.criteria)
    assert f"criteria met {met} of {len(gate.criteria)} · signed 2 of 4" in pane.gate_heading.text()
    people = [pane.signoff_model.index(r, 0).data() for r in range(pane.signoff_model.rowCount())]
    assert people == [s.person for s in data.signoffs]


def test_on_the_demo_a_sign_off_is_in_the_file_and_undo_restores_it(qtbot, make_window, demo_file):
    window = make_window(demo_file, actor="olivia.patel")  # the business owner, still pending in the demo
    window.show_pane("overview")
    pane = window.pane("overview")
    assert signoffs(demo_file)["Olivia Patel"].decision == "pending"
    assert pane.sign_off_button.isEnabled()
    pane.sign_off_button.click()
    dialog = pane.sign_off_dialog
    dialog.decision.setCurrentIndex(dialog.decision.findData("conditional_go"))
    dialog.comment.setPlainText("Go once the bank confirms the transfer file format (Emma)")
    dialog.accept()
    qtbot.waitUntil(lambda: signoffs(demo_file)["Olivia Patel"].decision == "conditional_go", timeout=30_000)
    mine = signoffs(demo_file)["Olivia Patel"]
    assert mine.comment == "Go once the bank confirms the transfer file format (Emma)"
    assert mine.updated_by == "olivia.patel"
    qtbot.waitUntil(lambda: "signed 3 of 4" in pane.gate_heading.text(), timeout=30_000)
    row = next(
        r
        for r in range(pane.signoff_model.rowCount())
        if pane.signoff_model.signoff(r).person == "Olivia Patel"
    )
    assert pane.signoff_model.index(row, 2).data() == "▲ Conditional go"
    assert pane.signoff_model.index(row, 4).data() == mine.comment

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: signoffs(demo_file)["Olivia Patel"].decision == "pending", timeout=30_000)
    assert signoffs(demo_file)["Olivia Patel"].comment == ""
    qtbot.waitUntil(lambda: "signed 2 of 4" in pane.gate_heading.text(), timeout=30_000)


def test_on_the_demo_every_sign_off_comment_is_in_view_at_1280_by_800(qtbot, make_window, demo_file):
    window = make_window(demo_file)
    window.resize(1280, 800)
    window.show_pane("overview")
    pane = window.pane("overview")
    view = pane.signoff_view
    qtbot.waitUntil(lambda: view.horizontalHeader().sectionSize(4) > 0, timeout=30_000)
    header = view.horizontalHeader()
    qtbot.waitUntil(
        lambda: header.length() <= view.viewport().width(), timeout=5_000
    )  # no sideways scrolling
    assert header.sectionSize(4) >= view.viewport().width() // 4  # the comment keeps room to be read
    # Every sign-off shows, each comment whole: the table grows to its wrapped rows.
    qtbot.waitUntil(lambda: not view.verticalScrollBar().isVisible(), timeout=30_000)
