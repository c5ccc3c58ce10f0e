"""The Migration pane on a new launch, as a team builds and runs its runbook: a step added, started, marked
failed, retried and finished; a step edited and removed (and put back by undo); an object's counts recorded
and its difference accepted and cleared. Each change is in the file and shown in the pane."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cockpit.domain.migration import ReconStatus, StepStatus, reconcile
from cockpit.store.launchfile import create_launch, open_launch
from cockpit.store.read import load_launch
from cockpit.ui.panes.migration.view import MigrationPane
from tests.ui.conftest import GO_LIVE

STATUS_COLUMN = 8
WAIT = {"timeout": 30_000}


@pytest.fixture
def new_launch(tmp_path: Path) -> Path:
    path = tmp_path / "new.golive"
    create_launch(path, name="Order system", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="setup")
    return path


def in_file(path: Path):
    with open_launch(path, read_only=True) as lf:
        return load_launch(lf)


def open_migration(make_window, path: Path):
    window = make_window(path)
    window.show_pane("migration")
    pane: MigrationPane = window.pane("migration")
    return window, pane


def step_cell(
    pane: MigrationPane, step_id: int, column: int = STATUS_COLUMN, role=Qt.ItemDataRole.DisplayRole
):
    row = pane.steps.row_of_key(step_id)
    return pane.steps.index(row, column).data(role) if row >= 0 else None


def add_step_in_dialog(qtbot, pane: MigrationPane, title: str, *, depends_on: tuple[int, ...] = ()) -> None:
    pane.step_actions.add_button.click()
    dialog = pane.step_actions.dialog
    dialog.accept()
    assert dialog.isVisible() and "title" in dialog.error.text()  # nothing written without a title
    dialog.title.setText(title)
    dialog.kind.setCurrentIndex(dialog.kind.findData("backup"))
    dialog.owner.setCurrentText("dba")
    dialog.planned_minutes.setValue(45)
    for row in range(dialog.depends_on.count()):
        entry = dialog.depends_on.item(row)
        if entry.data(Qt.ItemDataRole.UserRole) in depends_on:
            entry.setCheckState(Qt.CheckState.Checked)
    dialog.accept()


def wait_steps(qtbot, pane: MigrationPane, path: Path, count: int) -> None:
    """Until the file has ``count`` steps and the pane shows them (what the next dialog lists)."""
    qtbot.waitUntil(lambda: len(in_file(path).steps) == count and pane.steps.rowCount() == count, **WAIT)


def answer_reason(pane: MigrationPane, reason: str) -> None:
    dialog = pane.step_actions.dialog
    assert dialog.isVisible() and not dialog.ok_button.isEnabled()
    dialog.reason.setText(reason)
    dialog.ok_button.click()


def test_add_start_fail_retry_finish_each_shown_in_the_pane(qtbot, make_window, new_launch):
    window, pane = open_migration(make_window, new_launch)
    assert not pane.start_button.isEnabled() and pane.step_actions.add_button.isEnabled()
    add_step_in_dialog(qtbot, pane, "Back up the order database")
    wait_steps(qtbot, pane, new_launch, 1)
    (step,) = in_file(new_launch).steps
    assert (step.title, step.kind.value, step.owner, step.planned_minutes) == (
        "Back up the order database",
        "backup",
        "dba",
        45,
    )
    qtbot.waitUntil(lambda: pane.selected_step() is not None and pane.selected_step().id == step.id, **WAIT)
    assert step_cell(pane, step.id, 1) == "Back up the order database"
    assert pane.tabs.tabText(0) == "Runbook steps (1)"

    pane.start_button.click()
    qtbot.waitUntil(lambda: pane.selected_step().status is StepStatus.RUNNING, **WAIT)
    assert pane.step_actions.fail_button.isEnabled() and not pane.step_actions.retry_button.isEnabled()

    pane.step_actions.fail_button.click()
    answer_reason(pane, "Backup volume full")
    qtbot.waitUntil(lambda: pane.selected_step().status is StepStatus.FAILED, **WAIT)
    assert step_cell(pane, step.id) == "✖ Failed"
    assert "Backup volume full" in step_cell(pane, step.id, role=Qt.ItemDataRole.ToolTipRole)
    assert pane.step_detail.text() == "Failed: Backup volume full"
    assert not pane.start_button.isEnabled() and pane.step_actions.retry_button.isEnabled()

    pane.step_actions.retry_button.click()
    qtbot.waitUntil(lambda: pane.selected_step().status is StepStatus.RUNNING, **WAIT)
    assert step_cell(pane, step.id).endswith("· attempt 2")
    assert "Attempt 1 failed" in pane.step_detail.text() and "Backup volume full" in pane.step_detail.text()
    (attempt,) = in_file(new_launch).steps[0].attempts
    assert (attempt.attempt, attempt.reason, attempt.recorded_by) == (1, "Backup volume full", "alice")

    # Undo of the retry: the failure as it was; redo: the retry again.
    qtbot.waitUntil(lambda: window.session.undo_stack.undoText() == "Retry step #1", **WAIT)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: pane.selected_step().status is StepStatus.FAILED, **WAIT)
    assert in_file(new_launch).steps[0].attempts == ()
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: pane.selected_step().status is StepStatus.RUNNING, **WAIT)

    pane.finish_button.click()
    qtbot.waitUntil(lambda: pane.selected_step().status is StepStatus.DONE, **WAIT)
    done = in_file(new_launch).steps[0]
    assert (done.status, done.attempt, len(done.attempts)) == (StepStatus.DONE, 2, 1)
    assert step_cell(pane, step.id).startswith("✔ Done")
    assert pane.progress_tile.value.text() == "1 / 1"
    assert window.conflict_dialog is None


def test_skip_asks_a_reason_and_lets_the_next_step_start(qtbot, make_window, new_launch):
    window, pane = open_migration(make_window, new_launch)
    add_step_in_dialog(qtbot, pane, "Archive old orders")
    wait_steps(qtbot, pane, new_launch, 1)
    first = in_file(new_launch).steps[0].id
    add_step_in_dialog(qtbot, pane, "Load orders", depends_on=(first,))
    wait_steps(qtbot, pane, new_launch, 2)
    second = in_file(new_launch).steps[1]
    assert second.depends_on == (first,)
    pane.select_step(first)
    pane.step_actions.skip_button.click()
    answer_reason(pane, "No archive this year")
    qtbot.waitUntil(lambda: pane.selected_step().status is StepStatus.SKIPPED, **WAIT)
    assert pane.step_detail.text() == "Skipped: No archive this year"
    pane.select_step(second.id)
    pane.start_button.click()
    qtbot.waitUntil(lambda: pane.selected_step().status is StepStatus.RUNNING, **WAIT)


def test_edit_a_step_and_remove_it_undo_puts_it_back(qtbot, make_window, new_launch):
    window, pane = open_migration(make_window, new_launch)
    add_step_in_dialog(qtbot, pane, "Switch DNS")
    wait_steps(qtbot, pane, new_launch, 1)
    step = in_file(new_launch).steps[0]
    qtbot.waitUntil(lambda: pane.selected_step() is not None, **WAIT)
    pane.step_actions.edit_button.click()
    dialog = pane.step_actions.dialog
    dialog.title.setText("Switch DNS to the new system")
    dialog.kind.setCurrentIndex(dialog.kind.findData("switch"))
    dialog.planned_minutes.setValue(10)
    dialog.accept()
    qtbot.waitUntil(lambda: in_file(new_launch).steps[0].title == "Switch DNS to the new system", **WAIT)
    edited = in_file(new_launch).steps[0]
    assert (edited.kind.value, edited.planned_minutes, edited.owner) == ("switch", 10, "dba")
    qtbot.waitUntil(lambda: step_cell(pane, step.id, 1) == "Switch DNS to the new system", **WAIT)

    pane.step_actions.dialog = None
    row = pane.steps_proxy.mapFromSource(pane.steps.index(pane.steps.row_of_key(step.id), 1))
    pane.steps_table.doubleClicked.emit(row)  # a double click opens the same dialog
    assert pane.step_actions.dialog.windowTitle() == "Edit step #1"
    pane.step_actions.dialog.reject()
    pane.select_step(step.id)
    pane.step_actions.remove_button.click()
    qtbot.waitUntil(lambda: in_file(new_launch).steps == (), **WAIT)
    qtbot.waitUntil(lambda: pane.steps.rowCount() == 0, **WAIT)
    qtbot.waitUntil(lambda: window.session.undo_stack.undoText() == "Remove step #1", **WAIT)
    window.undo_action.trigger()
    wait_steps(qtbot, pane, new_launch, 1)
    back = in_file(new_launch).steps[0]
    assert (back.title, back.kind.value, back.seq, back.planned_minutes) == (
        "Switch DNS to the new system",
        "switch",
        1,
        10,
    )
    qtbot.waitUntil(lambda: pane.steps.rowCount() == 1, **WAIT)
    window.redo_action.trigger()  # removed again, by the id the undo gave it back
    qtbot.waitUntil(lambda: in_file(new_launch).steps == (), **WAIT)
    assert window.conflict_dialog is None


def ledger_cell(pane: MigrationPane, object_id: int, column: int = 0):
    row = pane.ledger.row_of_key(object_id)
    return pane.ledger.index(row, column).data() if row >= 0 else None


def test_record_counts_and_accept_a_difference_each_shown_in_the_ledger(qtbot, make_window, new_launch):
    window, pane = open_migration(make_window, new_launch)
    pane.tabs.setCurrentIndex(1)
    actions = pane.ledger_actions
    assert actions.add_button.isEnabled() and not actions.accept_button.isEnabled()
    actions.add_button.click()
    dialog = actions.dialog
    dialog.name.setText("Customers")
    dialog.source.setValue(120_000)
    dialog.tolerance.setValue(10)
    dialog.accept()
    qtbot.waitUntil(lambda: len(in_file(new_launch).objects) == 1, **WAIT)
    obj = in_file(new_launch).objects[0]
    assert (obj.name, obj.source_rows, obj.target_rows, obj.tolerance_rows) == (
        "Customers",
        120_000,
        None,
        10,
    )
    qtbot.waitUntil(lambda: pane.selected_object() is not None, **WAIT)
    assert ledger_cell(pane, obj.id) == "○ Not loaded yet"

    actions.edit_button.click()
    dialog = actions.dialog
    assert not dialog.target.isEnabled()
    dialog.rejected_count.setValue(300)
    dialog.has_target.setChecked(True)
    dialog.target.setValue(119_400)
    dialog.accept()
    qtbot.waitUntil(lambda: in_file(new_launch).objects[0].target_rows == 119_400, **WAIT)
    qtbot.waitUntil(lambda: ledger_cell(pane, obj.id) == "✖ Mismatch", **WAIT)
    assert ledger_cell(pane, obj.id, 7) == "−300 / ±10"
    assert pane.tabs.tabText(1) == "Reconciliation (1, 1 mismatch)"
    qtbot.waitUntil(actions.accept_button.isEnabled, **WAIT)

    actions.accept_button.click()
    dialog = actions.dialog
    dialog.reason.setText("300 duplicate customers merged on purpose")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: ledger_cell(pane, obj.id) == "△ Accepted difference", **WAIT)
    accepted = in_file(new_launch).objects[0]
    assert (accepted.accepted_by, accepted.accepted_reason) == (
        "alice",
        "300 duplicate customers merged on purpose",
    )
    assert reconcile(accepted).status is ReconStatus.ACCEPTED
    when = accepted.accepted_at.astimezone(accepted_zone(window)).strftime("%m-%d %H:%M")
    assert (
        pane.object_detail.text() == f"Accepted by alice at {when}: 300 duplicate customers merged on purpose"
    )

    # Undo the acceptance: a mismatch again; redo; then clear it from its button.
    qtbot.waitUntil(lambda: window.session.undo_stack.undoText().startswith("Accept the difference"), **WAIT)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: ledger_cell(pane, obj.id) == "✖ Mismatch", **WAIT)
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: ledger_cell(pane, obj.id) == "△ Accepted difference", **WAIT)
    qtbot.waitUntil(actions.clear_button.isEnabled, **WAIT)
    actions.clear_button.click()
    qtbot.waitUntil(lambda: ledger_cell(pane, obj.id) == "✖ Mismatch", **WAIT)
    cleared = in_file(new_launch).objects[0]
    assert (cleared.accepted_reason, cleared.accepted_by, cleared.accepted_at) == ("", "", None)
    assert pane.object_detail.text() == ""
    assert window.conflict_dialog is None


def accepted_zone(window):
    return window.session.data.launch.zone


def test_a_loop_is_refused_with_the_services_message(qtbot, make_window, new_launch):
    window, pane = open_migration(make_window, new_launch)
    add_step_in_dialog(qtbot, pane, "A")
    wait_steps(qtbot, pane, new_launch, 1)
    first = in_file(new_launch).steps[0].id
    add_step_in_dialog(qtbot, pane, "B", depends_on=(first,))
    wait_steps(qtbot, pane, new_launch, 2)
    second = in_file(new_launch).steps[1].id
    pane.select_step(first)
    pane.step_actions.edit_button.click()
    dialog = pane.step_actions.dialog
    for row in range(dialog.depends_on.count()):
        dialog.depends_on.item(row).setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    qtbot.waitUntil(lambda: window.message_bar.isVisible(), **WAIT)
    assert f"#{first} → #{second} → #{first}" in window.message_bar.text.text()
    assert in_file(new_launch).steps[0].depends_on == ()


def test_read_only_disables_every_edit(make_window, new_launch):
    window = make_window(new_launch, read_only=True)
    window.show_pane("migration")
    pane: MigrationPane = window.pane("migration")
    buttons = (*pane.step_actions.moves, *pane.step_actions.planning, *pane.ledger_actions.buttons)
    assert not any(button.isEnabled() for button in buttons)
