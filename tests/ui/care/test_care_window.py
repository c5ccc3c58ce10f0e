"""The window after go-live: hold and resume a ticket (its clock says Paused), respond, link it; record a review,
an improvement action and a lesson through Launch ▸ Reviews; an overdue action on the Overview."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from cockpit.services.reviews import add_action
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.ui.panes.support.model import Column

WAIT = {"timeout": 30_000}


def file_data(path: Path):
    with open_launch(path, read_only=True) as lf:
        return load_launch(lf)


def press_ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_hold_pauses_the_clock_and_resume_runs_it_again(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    window.show_pane("support")
    pane = window.pane("support")
    ticket_id = file_data(small_launch).tickets[0].id
    pane.select_ticket(ticket_id)
    assert pane.care.hold_button.text() == "Hold"
    with qtbot.waitSignal(window.session.applied, **WAIT):
        pane.care.hold_button.click()
    cell = pane.model.index(pane.model.row_of(ticket_id), Column.SLA)
    assert cell.data().startswith("Paused")
    assert pane.care.hold_button.text() == "Resume"
    assert file_data(small_launch).tickets[0].paused
    with qtbot.waitSignal(window.session.applied, **WAIT):
        pane.care.hold_button.click()
    cell = pane.model.index(pane.model.row_of(ticket_id), Column.SLA)
    assert not cell.data().startswith("Paused")
    ticket = file_data(small_launch).tickets[0]
    assert not ticket.paused and len(ticket.pauses) == 1 and ticket.pauses[0].end is not None


def test_respond_then_link_the_ticket_to_a_risk(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    window.show_pane("support")
    pane = window.pane("support")
    ticket_id = file_data(small_launch).tickets[0].id
    pane.select_ticket(ticket_id)
    with qtbot.waitSignal(window.session.applied, **WAIT):
        pane.care.respond_button.click()
    assert file_data(small_launch).tickets[0].first_response_at is not None
    pane.care.link_button.click()
    dialog = pane.care.link_dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("risk"))
    with qtbot.waitSignal(window.session.applied, **WAIT):
        press_ok(dialog)
    links = file_data(small_launch).ticket_links
    assert [(link.ticket_id, link.kind.value) for link in links] == [(ticket_id, "risk")]
    assert pane.care.link_button.toolTip() == f"About: risk {links[0].target}"


def test_launch_menu_records_a_review_an_action_and_a_lesson(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    window.care.record_review()
    review = window.care.dialog
    review.attendees.setText("Alice, Bob")
    review.findings.setPlainText("Login slow on Mondays")
    with qtbot.waitSignal(window.session.applied, **WAIT):
        press_ok(review)
    window.care.add_action()
    action = window.care.dialog
    action.title.setText("Add a login server")
    action.review.setCurrentIndex(1)  # the meeting just recorded
    with qtbot.waitSignal(window.session.applied, **WAIT):
        press_ok(action)
    window.care.add_lesson()
    lesson = window.care.dialog
    lesson.text.setPlainText("Load-test the login page")
    with qtbot.waitSignal(window.session.applied, **WAIT):
        press_ok(lesson)
    data = file_data(small_launch)
    assert [r.attendees for r in data.reviews] == ["Alice, Bob"]
    assert data.reviews[0].figures["opened"] >= 0
    assert [(a.title, a.review_id) for a in data.actions] == [("Add a login server", data.reviews[0].id)]
    assert [lesson.text for lesson in data.lessons] == ["Load-test the login page"]


def test_an_empty_action_is_refused_in_the_dialog(make_window, small_launch):
    window = make_window(small_launch)
    window.care.add_action()
    press_ok(window.care.dialog)
    assert window.care.dialog.problem.isVisibleTo(window.care.dialog)
    assert "action" in window.care.dialog.problem.text()


def test_an_overdue_action_shows_on_the_overview(qtbot, make_window, small_launch):
    with open_launch(small_launch) as lf:
        add_action(
            lf,
            actor="alice",
            title="Fix the invoice batch",
            owner="Bob Baba",
            due=(datetime.now(UTC) - timedelta(days=1)).isoformat(),
        )
    window = make_window(small_launch)
    window.show_pane("overview")
    label = window.pane("overview").overdue_actions
    assert label.isVisibleTo(window)
    assert "Improvement actions overdue (1)" in label.text() and "Fix the invoice batch" in label.text()
