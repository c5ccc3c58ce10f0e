"""The Migration pane's Rehearsals tab on a new launch set up with the CLI: a rehearsal started, a step timed in
it and a count recorded, the rehearsal closed; the comparison shows plan, the rehearsal and live side by side;
a rollback point asks for the decision, and rolling back shows the normal steps as not taken."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cockpit.cli import main
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.ui.panes.migration.view import MigrationPane

WAIT = {"timeout": 30_000}
TITLE, PATH, PLAN, FIRST_REHEARSAL = 1, 2, 3, 4


def cockpit(*args: object) -> None:
    assert main([str(a) for a in args]) == 0


@pytest.fixture
def launch(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("COCKPIT_LANG", "en")
    path = tmp_path / "cutover.golive"
    cockpit("new", path, "--name", "Order system", "--go-live", "2030-12-01T09:00+09:00", "--timezone",
            "Asia/Tokyo", "--template", "empty")  # fmt: skip
    for title, extra in (
        ("Back up the order database", ()),
        ("Go or roll back", ("--depends-on", "1", "--rollback-point")),
        ("Switch interfaces", ("--depends-on", "2")),
        ("Restore the backup", ("--depends-on", "2", "--rollback-path")),
    ):
        cockpit("step", "add", path, "--title", title, "--kind", "migrate", "--planned-start",
                "2030-12-01T01:00+09:00", "--planned-minutes", "30", *extra)  # fmt: skip
    cockpit("object", "add", path, "--name", "Orders", "--source-count", "1200")
    return path


def in_file(path: Path):
    with open_launch(path, read_only=True) as lf:
        return load_launch(lf)


def cell(page, step_id: int, column: int) -> str:
    return page.model.index(page.model.row_of_key(step_id), column).data()


def test_record_a_rehearsal_compare_it_and_decide_to_roll_back(qtbot, make_window, launch):
    window = make_window(launch)
    window.show_pane("migration")
    pane: MigrationPane = window.pane("migration")
    page = pane.rehearsal_page
    pane.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, **WAIT)
    assert pane.tabs.tabText(2).replace("&", "") == "Rehearsals (0)"
    assert "No rehearsal yet" in page.forecast_label.text()
    assert cell(page, 2, PATH) == "◇ Rollback point" and cell(page, 4, PATH) == "Rollback path (standby)"

    page.start_rehearsal_button.click()
    qtbot.waitUntil(lambda: pane.tabs.tabText(2).replace("&", "") == "Rehearsals (1)", **WAIT)
    assert page.selector.currentText() == "Rehearsal 1 (open)"  # the open rehearsal is where times go
    assert page.model.headerData(FIRST_REHEARSAL, Qt.Orientation.Horizontal) == "Rehearsal 1"
    page.select_step(1)
    page.start_button.click()
    qtbot.waitUntil(lambda: in_file(launch).rehearsals[0].step(1) is not None, **WAIT)
    qtbot.waitUntil(lambda: page.finish_button.isEnabled(), **WAIT)
    page.finish_button.click()
    qtbot.waitUntil(lambda: cell(page, 1, FIRST_REHEARSAL) == "0 min (-100.0%)", **WAIT)
    page.count_spin.setValue(1190)
    page.count_button.click()
    qtbot.waitUntil(lambda: bool(in_file(launch).rehearsals[0].counts), **WAIT)
    assert in_file(launch).rehearsals[0].counts[0].target_rows == 1190
    assert in_file(launch).steps[0].status.value == "pending"  # the live run was not touched
    page.close_rehearsal_button.click()
    qtbot.waitUntil(lambda: page.start_rehearsal_button.isEnabled(), **WAIT)
    assert "Rehearsal forecast: ETA P50" in page.forecast_label.text()
    assert cell(page, 1, PLAN) == "30 min"

    page.select_record_in(0)  # live
    page.select_step(1)
    page.start_button.click()
    qtbot.waitUntil(lambda: page.finish_button.isEnabled(), **WAIT)
    page.finish_button.click()
    page.select_step(2)
    qtbot.waitUntil(lambda: page.roll_back_button.isEnabled(), **WAIT)
    assert not page.start_button.isEnabled()  # a rollback point asks for the decision instead
    page.roll_back_button.click()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reason.setText("Order counts do not match")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: cell(page, 3, PATH) == "Not taken", **WAIT)
    assert cell(page, 2, PATH) == "◇ Roll back" and cell(page, 4, PATH) == "Rollback path"
    assert "Rollback decision at #2 Go or roll back: roll back" in page.decision_label.text()
    assert "Order counts do not match" in page.decision_label.text()
    pane.tabs.setCurrentIndex(0)  # the runbook steps say it too
    pane.select_step(3)
    assert "Not taken: the runbook was rolled back" in pane.step_detail.text()
    pane.select_step(2)
    assert "Rollback decision: roll back — " in pane.step_detail.text()
