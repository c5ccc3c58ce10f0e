"""A launch set up in the window alone, from a file made by `cockpit new --template empty`: the settings, the
team, the sign-off roster, a criterion, a runbook step that fails and is retried, and an object's counts.
Each change is seen where the team looks for it, and the ones the window offers to undo are undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from cockpit.domain.launch import Stage
from cockpit.domain.migration import StepStatus
from cockpit.services.templates import create_from_template
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from tests.ui.conftest import GO_LIVE

WAIT = {"timeout": 30_000}


@pytest.fixture
def new_launch(tmp_path: Path) -> Path:
    path = tmp_path / "ours.golive"
    create_from_template(
        path, name="Order system", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="alice", template="empty"
    )
    return path


def in_file(path: Path):
    with open_launch(path, read_only=True) as lf:
        return load_launch(lf)


def column(model, col: int) -> list[str]:
    return [model.index(row, col).data() for row in range(model.rowCount())]


def menu_entry(window, text: str):
    return next(a for a in window.launch_menu.actions() if a.text().replace("&", "") == text)


def press_ok(qtbot, window, form) -> None:
    with qtbot.waitSignal(window.session.applied, **WAIT):
        form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def add_person(qtbot, window, people, name: str, login: str, role: str) -> None:
    form = people.add()
    form.fields["name"].setText(name)
    form.fields["login"].setText(login)
    form.fields["role"].setText(role)
    press_ok(qtbot, window, form)


def test_a_new_launch_set_up_in_the_window(qtbot, make_window, new_launch):
    window = make_window(new_launch)
    overview = window.pane("overview")
    assert column(overview.signoff_model, 0) == []

    # Launch ▸ Settings…: the name the wall shows.
    window.launch_actions.settings_action.trigger()
    settings = window.launch_actions.settings_dialog
    settings.name.setText("Order system (wave 1)")
    with qtbot.waitSignal(window.session.applied, **WAIT):
        settings.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert overview.name.text() == "Order system (wave 1)"

    # Launch ▸ People… and Sign-off roster….
    menu_entry(window, "People…").trigger()
    people = window.roster.dialog
    add_person(qtbot, window, people, "Aiko Sato", "sato", "Launch lead")
    add_person(qtbot, window, people, "Ken Ito", "ito", "DBA")
    assert column(people.model, 0) == ["Aiko Sato", "Ken Ito"]
    people.close()
    menu_entry(window, "Sign-off roster…").trigger()
    roster = window.roster.dialog
    form = roster.add()
    form.person.setCurrentIndex(form.person.findData("sato"))
    press_ok(qtbot, window, form)
    roster.close()
    assert column(overview.signoff_model, 0) == ["Aiko Sato"]
    assert "signed 0 of 1" in overview.gate_heading.text()

    # Launch ▸ Go/no-go criteria…: UAT at 90%, then undone back to 95%.
    menu_entry(window, "Go/no-go criteria…").trigger()
    criteria = window.roster.dialog
    (uat,) = [c for c in in_file(new_launch).criteria if c.params.get("level") == "uat"]
    criteria.select_row(uat.id)
    form = criteria.edit_selected()
    form.minimum.setValue(90)
    press_ok(qtbot, window, form)
    criteria.close()
    qtbot.waitUntil(lambda: "UAT tests pass rate ≥ 90%" in column(overview.criteria_model, 1), **WAIT)
    with qtbot.waitSignal(window.session.applied, **WAIT):
        window.undo_action.trigger()
    qtbot.waitUntil(lambda: "UAT tests pass rate ≥ 95%" in column(overview.criteria_model, 1), **WAIT)

    # Launch ▸ Stage: to cutover, shown on the Overview.
    with qtbot.waitSignal(window.session.applied, **WAIT):
        window.launch_actions.stage_actions[Stage.CUTOVER].trigger()
    assert overview.stage.text() == "Stage: Cutover"

    # Migration: a step added, started, failed with a reason, retried and finished.
    window.show_pane("migration")
    migration = window.pane("migration")
    migration.step_actions.add_button.click()
    dialog = migration.step_actions.dialog
    dialog.title.setText("Load the order history")
    dialog.kind.setCurrentIndex(dialog.kind.findData("migrate"))
    dialog.owner.setCurrentText("ito")
    dialog.planned_minutes.setValue(90)
    dialog.accept()
    qtbot.waitUntil(lambda: migration.selected_step() is not None, **WAIT)
    assert migration.tabs.tabText(0) == "Runbook steps (1)"
    migration.start_button.click()
    qtbot.waitUntil(lambda: migration.selected_step().status is StepStatus.RUNNING, **WAIT)
    migration.step_actions.fail_button.click()
    reason = migration.step_actions.dialog
    reason.reason.setText("Tablespace full")
    reason.ok_button.click()
    qtbot.waitUntil(lambda: migration.selected_step().status is StepStatus.FAILED, **WAIT)
    assert migration.step_detail.text() == "Failed: Tablespace full"
    migration.step_actions.retry_button.click()
    qtbot.waitUntil(lambda: migration.selected_step().attempt == 2, **WAIT)
    migration.finish_button.click()
    qtbot.waitUntil(lambda: migration.selected_step().status is StepStatus.DONE, **WAIT)
    (step,) = in_file(new_launch).steps
    assert [(a.attempt, a.reason) for a in step.attempts] == [(1, "Tablespace full")]

    # The ledger: an object added and its loaded count recorded.
    migration.tabs.setCurrentIndex(1)
    ledger = migration.ledger_actions
    ledger.add_button.click()
    dialog = ledger.dialog
    dialog.name.setText("Orders")
    dialog.source.setValue(5_000)
    dialog.accept()
    qtbot.waitUntil(lambda: migration.selected_object() is not None, **WAIT)
    ledger.edit_button.click()
    dialog = ledger.dialog
    dialog.has_target.setChecked(True)
    dialog.target.setValue(5_000)
    dialog.accept()
    row = migration.ledger.row_of_key(migration.selected_object().id)
    qtbot.waitUntil(lambda: migration.ledger.index(row, 0).data() == "✔ Reconciled", **WAIT)
    assert in_file(new_launch).objects[0].target_rows == 5_000

    # What the Overview's gate says of it all: the reconciliation met, no backup step in this runbook.
    window.show_pane("overview")

    def met() -> dict[str, str]:
        model = overview.criteria_model
        return {model.index(r, 1).data(): model.index(r, 0).data() for r in range(model.rowCount())}

    qtbot.waitUntil(
        lambda: met().get("Every migration object reconciled within tolerance") == "✔ Met", **WAIT
    )
    assert met()["Production backup taken"] == "✖ Not met"
    data = in_file(new_launch)
    assert (data.launch.name, data.launch.stage, len(data.people), len(data.signoffs)) == (
        "Order system (wave 1)",
        Stage.CUTOVER,
        2,
        1,
    )
