"""Launch ▸ Decisions… in the real window: open a round, give a verdict with conditions, decide, meet a
condition, and the next round beside the first; the Overview's line follows; File ▸ Export minutes…."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from cockpit.services.rounds import open_new_round
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch


def launch_in(path: Path):
    with open_launch(path, read_only=True) as lf:
        return load_launch(lf)


def column(model, col: int) -> list[str]:
    return [model.index(row, col).data() for row in range(model.rowCount())]


def press_ok(qtbot, window, form) -> None:
    buttons = form.findChild(QDialogButtonBox)
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def decisions_entry(window):
    return next(a for a in window.launch_menu.actions() if a.text().replace("&", "") == "Decisions…")


def test_two_rounds_in_the_decisions_dialog(qtbot, make_window, small_launch, tmp_path):
    window = make_window(small_launch)
    overview = window.pane("overview")
    assert overview.round_line.text() == "No go/no-go meeting yet (Launch ▸ Decisions…)."
    decisions_entry(window).trigger()
    dialog = window.decisions.dialog
    assert dialog.rounds_model.rowCount() == 0
    assert not dialog.sign_button.isEnabled() and not dialog.decide_button.isEnabled()

    form = dialog.open_round()
    assert form.title.placeholderText() == "Go/no-go meeting 1"
    form.chair.setCurrentIndex(form.chair.findData("alice"))
    form.attendees.item(1).setCheckState(Qt.CheckState.Checked)  # Bob
    press_ok(qtbot, window, form)
    assert column(dialog.rounds_model, 1) == ["Go/no-go meeting 1"]
    assert column(dialog.rounds_model, 4) == ["In session"]
    assert "Chair: Alice Abe · Attendees: Alice Abe, Bob Baba" in dialog.heading.text()
    assert "Latest meeting: Go/no-go meeting 1 · In session · 0 verdicts" in overview.round_line.text()

    form = dialog.sign()  # alice is on the roster
    form.verdict.setCurrentIndex(form.verdict.findData("conditional"))
    form.add_condition("Key users trained", "bob", datetime(2020, 1, 1, 9, 0))
    form.add_condition("Cutover rehearsal 2 done", "alice", datetime(2099, 1, 1, 9, 0))
    press_ok(qtbot, window, form)
    assert column(dialog.verdicts_model, 1) == ["Conditional go"]
    assert column(dialog.conditions_model, 2) == ["Key users trained", "Cutover rehearsal 2 done"]
    assert column(dialog.conditions_model, 5)[0].endswith("overdue")
    qtbot.waitUntil(lambda: "(1 overdue)" in overview.round_line.text(), timeout=30_000)

    form = dialog.decide()
    form.decision.setCurrentIndex(form.decision.findData("conditional"))
    press_ok(qtbot, window, form)
    assert column(dialog.rounds_model, 4) == ["Conditional go"]
    assert not dialog.decide_button.isEnabled()

    dialog.conditions_view.selectRow(0)
    form = dialog.condition_met()
    form.evidence.setPlainText("Training log signed")
    press_ok(qtbot, window, form)
    assert column(dialog.conditions_model, 5)[0] == "✔ met by alice: Training log signed"

    form = dialog.open_round()
    form.chair.setCurrentIndex(form.chair.findData("bob"))
    press_ok(qtbot, window, form)
    assert column(dialog.rounds_model, 0) == ["1", "2"]
    # Round 2 (selected) lists round 1's condition still open, and compares with round 1.
    assert column(dialog.conditions_model, 2) == ["Cutover rehearsal 2 done"]
    assert column(dialog.conditions_model, 1) == ["Round 1"]
    assert set(column(dialog.criteria_model, 5)) <= {"same", "changed"}

    dialog.select_round(1)
    frozen = column(dialog.criteria_model, 2)
    assert frozen == [c.detail for c in launch_in(small_launch).rounds[0].criteria]

    minutes = tmp_path / "minutes.pdf"
    with qtbot.waitSignal(window.decisions.done, timeout=120_000) as done:
        window.decisions.export_minutes(1, minutes)
    message, ok = done.args
    assert ok, message
    assert message.startswith("Exported the minutes of meeting 1 (") and minutes.exists()


def test_the_overview_sign_off_signs_in_the_open_round(qtbot, make_window, small_launch):
    with open_launch(small_launch) as lf:
        open_new_round(lf, actor="alice", chair="alice")
    window = make_window(small_launch)
    overview = window.pane("overview")
    assert overview.round_line.text().startswith("Latest meeting: Go/no-go meeting 1 · In session")
    mine = overview.my_signoff()
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        overview.submit_sign_off(mine, "conditional_go", "Helpdesk staffed for week 1")
    (round_,) = launch_in(small_launch).rounds
    assert [(v.person, v.verdict.value) for v in round_.verdicts] == [("Alice Abe", "conditional_go")]
    assert [c.text for c in round_.conditions] == ["Helpdesk staffed for week 1"]
    qtbot.waitUntil(lambda: "1 verdict · 1 condition open" in overview.round_line.text(), timeout=30_000)


def test_the_sign_off_dialog_says_a_verdict_in_session_cannot_be_undone(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    overview = window.pane("overview")
    overview.sign_off()
    assert not overview.sign_off_dialog.meeting_note.isVisibleTo(overview.sign_off_dialog)  # no meeting yet
    overview.sign_off_dialog.reject()
    with open_launch(small_launch) as lf:
        open_new_round(lf, actor="alice", chair="alice")
    qtbot.waitUntil(lambda: "In session" in overview.round_line.text(), timeout=30_000)
    overview.sign_off()
    note = overview.sign_off_dialog.meeting_note
    assert note.isVisibleTo(overview.sign_off_dialog)
    assert note.text().startswith(
        "Go/no-go meeting 1 is in session: your decision is recorded as your verdict"
    )
    assert "Edit ▸ Undo cannot take it back" in note.text()
    overview.sign_off_dialog.reject()
