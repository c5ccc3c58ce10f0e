"""Launch ▸ Settings… and Launch ▸ Stage in the real window: the change shows where the team looks (the overview's
name, countdown, stage and last move; the risk heat map's colours; the SLA clocks), problems are said in the
dialog with the user's input kept, and nothing is written until the input is good."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialogButtonBox

from cockpit.domain.launch import Stage
from cockpit.domain.risks import Zone
from cockpit.domain.support import Severity
from cockpit.services.launch_settings import update_launch
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.ui.panes.risks.words import ZONE_RAG
from cockpit.ui.widgets.theme import RAG_LOOKS


def read(path: Path):
    with open_launch(path, read_only=True) as lf:
        return load_launch(lf)


def click_ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_launch_menu_sits_between_edit_and_view(make_window, small_launch):
    window = make_window(small_launch)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[titles.index("&Edit") + 1] == "&Launch"
    assert titles[titles.index("&Launch") + 1] == "&View"
    launch_entries = [action.text() for action in window.launch_menu.actions()]
    assert launch_entries[:2] == ["&Settings…", "S&tage"]
    assert [a.text() for a in window.launch_actions.stage_menu.actions()] == [
        "Preparation",
        "Cutover",
        "Hypercare",
        "Closed",
    ]


def test_settings_change_what_the_panes_show(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    overview, actions = window.pane("overview"), window.launch_actions
    actions.settings_action.trigger()
    dialog = actions.settings_dialog
    assert dialog is not None and dialog.name.text() == "Order system go-live"
    assert dialog.zone.currentText() == "Asia/Tokyo"
    dialog.name.setText("Order system go-live (wave 2)")
    dialog.go_live.setDateTime(QDateTime(QDate(2030, 4, 2), QTime(10, 0)))  # in the launch's zone
    dialog.has_deadline.setChecked(True)
    dialog.deadline.setDateTime(QDateTime(QDate(2030, 4, 2), QTime(12, 30)))
    dialog.red.setValue(12)  # the one risk (3 × 4 = 12) turns red
    first, resolution = dialog.sla[Severity.P3]
    first.setValue(5)
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        click_ok(dialog)
    assert actions.settings_dialog is None  # closed once written

    assert overview.name.text() == "Order system go-live (wave 2)"
    assert "Tue 2 Apr 2030 10:00 JST" in overview.countdown_caption.text()
    window.show_pane("risks")
    heatmap = window.pane("risks").heatmap_model
    cell = heatmap.index_of_cell(3, 4)
    assert heatmap.data(cell, heatmap.ZONE_ROLE) is Zone.RED
    assert heatmap.data(cell, Qt.ItemDataRole.BackgroundRole) == QColor(RAG_LOOKS[ZONE_RAG[Zone.RED]].colour)
    window.show_pane("support")
    support = window.pane("support").model
    ticket = support.rows_in_order()[0]
    assert support.clock(ticket.id).first_response_due == ticket.opened_at + timedelta(minutes=5)

    data = read(small_launch)
    assert data.launch.name == "Order system go-live (wave 2)"
    assert data.launch.go_live == datetime.fromisoformat("2030-04-02T10:00+09:00")
    assert data.launch.rollback_deadline == datetime.fromisoformat("2030-04-02T12:30+09:00")
    assert data.risk_thresholds.red_min == 12
    p3 = next(p for p in data.sla_policies if p.severity is Severity.P3)
    assert (p3.first_response_minutes, p3.resolution_minutes) == (5, 1440)


def test_bad_settings_are_said_in_the_dialog_and_nothing_is_written(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    actions = window.launch_actions
    before = small_launch.read_bytes()
    actions.settings_action.trigger()
    dialog = actions.settings_dialog
    dialog.amber.setValue(20)  # amber above red (15)
    click_ok(dialog)
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert "Choose an amber minimum" in dialog.problem.text()
    dialog.amber.setValue(5)
    dialog.zone.setCurrentText("Asia/Tokio")
    click_ok(dialog)
    assert "Unknown time zone 'Asia/Tokio'" in dialog.problem.text()
    dialog.zone.setCurrentText("Asia/Tokyo")
    dialog.name.setText("  ")
    click_ok(dialog)
    assert dialog.problem.text() == "Give the launch a name."
    dialog.name.setText("Order system go-live")
    first, resolution = dialog.sla[Severity.P1]
    first.setValue(500)  # after its 240-minute resolution
    click_ok(dialog)
    assert "no later than the resolution" in dialog.problem.text()
    assert dialog.isVisible() and not window.session.busy
    assert small_launch.read_bytes() == before


def test_a_refused_write_keeps_what_the_user_typed(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    actions = window.launch_actions
    actions.settings_action.trigger()
    dialog = actions.settings_dialog
    dialog.name.setText("My new name")
    with open_launch(small_launch) as lf:  # a teammate renames the launch meanwhile
        update_launch(lf, actor="bob", name="Bob's name")
    click_ok(dialog)
    qtbot.waitUntil(dialog.problem.isVisible, timeout=30_000)  # the conflict, not an applied that never comes
    assert "bob" in dialog.problem.text() and "Nothing was written" in dialog.problem.text()
    assert dialog.isVisible() and dialog.name.text() == "My new name"
    assert read(small_launch).launch.name == "Bob's name"


def test_stage_forward_at_once_back_with_a_reason(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    overview, actions = window.pane("overview"), window.launch_actions
    assert overview.stage.text() == "Stage: Preparation" and not overview.stage_move.isVisible()
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        actions.stage_actions[Stage.CUTOVER].trigger()
    assert overview.stage.text() == "Stage: Cutover"
    assert overview.stage_move.isVisible()
    assert overview.stage_move.text().startswith(
        "Moved from Preparation to Cutover by Alice Abe (Launch lead) at "
    )
    assert window.stage_label.text() == "Stage: Cutover"
    actions.show_current_stage()
    assert actions.stage_actions[Stage.CUTOVER].isChecked()

    before = small_launch.read_bytes()
    actions.stage_actions[Stage.PREPARATION].trigger()
    dialog = actions.stage_dialog
    assert dialog is not None and "back from Cutover to Preparation" in dialog.question.text()
    click_ok(dialog)  # no reason yet
    assert dialog.isVisible() and "needs a reason" in dialog.problem.text()
    assert small_launch.read_bytes() == before
    dialog.reason.setText("Rehearsal failed: order import 3% short")
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        click_ok(dialog)
    assert actions.stage_dialog is None
    assert overview.stage.text() == "Stage: Preparation"
    assert overview.stage_move.text().endswith("— Rehearsal failed: order import 3% short")
    move = read(small_launch).launch.last_stage_move
    assert move is not None and (move.previous, move.stage, move.by) == (
        Stage.CUTOVER,
        Stage.PREPARATION,
        "alice",
    )


def test_skipping_a_stage_asks_why_and_cancel_writes_nothing(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    actions = window.launch_actions
    before = small_launch.read_bytes()
    actions.stage_actions[Stage.CLOSED].trigger()
    dialog = actions.stage_dialog
    assert "straight to Closed" in dialog.question.text()
    dialog.reject()
    assert actions.stage_dialog is None
    assert actions.stage_actions[Stage.PREPARATION].isChecked()
    assert small_launch.read_bytes() == before


def test_read_only_launch_offers_no_settings(make_window, small_launch):
    window = make_window(small_launch, read_only=True)
    assert not window.launch_actions.settings_action.isEnabled()
    assert not any(a.isEnabled() for a in window.launch_actions.stage_actions.values())
