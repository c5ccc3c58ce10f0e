"""The Migration pane on the demo launch: big numbers, Start / Finish written to the file, undo, the ledger."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cockpit.charts.runbook import runbook_timeline
from cockpit.domain.migration import (
    ReconStatus,
    RunbookStep,
    StepKind,
    StepStatus,
    forecast_runbook,
    reconcile,
)
from cockpit.services.demo import write_demo
from cockpit.services.runbook import step_action
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.ui.panes.migration.headline import backup_figure
from cockpit.ui.panes.migration.model import late_text
from cockpit.ui.panes.migration.view import MigrationPane
from cockpit.ui.widgets.row_model import RowRole


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return write_demo(tmp_path / "demo.golive", size="small", lang="en", actor="tester")


def file_steps(path: Path) -> dict:
    with open_launch(path, read_only=True) as lf:
        return {s.id: s for s in load_launch(lf).steps}


def open_migration(make_window, path: Path, **kwargs):
    window = make_window(path, **kwargs)
    window.show_pane("migration")
    pane: MigrationPane = window.pane("migration")
    return window, pane


def startable_step(path: Path):
    """A pending step whose dependencies are all done or skipped; running steps are finished first (setup)."""
    with open_launch(path) as lf:
        for running in [s for s in load_launch(lf).steps if s.status == StepStatus.RUNNING]:
            step_action(lf, actor="setup", step_id=running.id, action="finish")
    steps = file_steps(path)
    return next(
        s
        for s in sorted(steps.values(), key=lambda s: s.seq)
        if s.status == StepStatus.PENDING
        and all(steps[d].status in (StepStatus.DONE, StepStatus.SKIPPED) for d in s.depends_on)
    )


def test_models_pass_the_model_tester(qtmodeltester, make_window, demo):
    _, pane = open_migration(make_window, demo)
    for model in (pane.steps, pane.steps_proxy, pane.ledger, pane.ledger_proxy):
        qtmodeltester.check(model)


def test_big_numbers_show_eta_slack_progress_and_backups(make_window, demo):
    window, pane = open_migration(make_window, demo)
    data = window.session.data
    forecast = forecast_runbook(
        data.steps, now=window.session.now(), rollback_deadline=data.launch.rollback_deadline
    )
    assert pane.progress_tile.value.text() == f"{forecast.done} / {forecast.total}"
    assert pane.slack_tile.label.text() == "Slack to rollback deadline"
    assert pane.slack_tile.value.text()[0] in "✔▲✖"  # a symbol, not colour alone
    backups = [s for s in data.steps if s.kind == "backup"]
    done = sum(s.status == StepStatus.DONE for s in backups)
    assert pane.backup_tile.value.text().endswith(f"{done} / {len(backups)}")
    for backup in backups:
        assert backup.title in pane.backup_tile.detail.text()


def test_steps_show_critical_path_and_late_steps(make_window, demo):
    _, pane = open_migration(make_window, demo)
    rows = [pane.steps_proxy.index(r, 0).data(RowRole.ROW) for r in range(pane.steps_proxy.rowCount())]
    assert [r.step.seq for r in rows] == sorted(r.step.seq for r in rows)
    critical = next(r for r in rows if r.critical)
    assert pane.steps_proxy.index(rows.index(critical), 0).data().startswith("◆")
    late = next(r for r in rows if r.is_late)
    late_cell = pane.steps_proxy.index(rows.index(late), 9)
    assert late_cell.data() == f"▶ +{late.late_by} min"
    on_time = next(r for r in rows if not r.is_late)
    assert pane.steps_proxy.index(rows.index(on_time), 9).data() == ""


NOON = datetime(2026, 12, 2, 5, 0, tzinfo=UTC)


def backup(seq: int, status: StepStatus) -> RunbookStep:
    return RunbookStep(
        id=seq,
        seq=seq,
        title=f"Backup {seq}",
        kind=StepKind.BACKUP,
        planned_start=NOON,
        planned_minutes=30,
        status=status,
    )


def test_backup_tile_names_the_pressing_few_and_counts_the_rest():
    steps = tuple(backup(seq, StepStatus.DONE) for seq in range(1, 21)) + (
        backup(21, StepStatus.PENDING),
        backup(22, StepStatus.RUNNING),
        backup(23, StepStatus.PENDING),
    )
    figure = backup_figure(steps)
    assert figure.value.endswith("20 / 23")
    assert figure.detail.splitlines() == [
        "Backups outstanding",
        "○ #21 Backup 21 — Pending",
        "◎ #22 Backup 22 — Running",
        "○ #23 Backup 23 — Pending",
        "and 20 more",
    ]
    failed = backup_figure((*steps[:-1], backup(23, StepStatus.FAILED)))
    assert "✖ #23 Backup 23 — Failed" in failed.detail.splitlines()
    done = backup_figure(tuple(backup(seq, StepStatus.DONE) for seq in range(1, 6)))
    assert done.detail.splitlines()[1:] == [
        "✔ #3 Backup 3 — Done",
        "✔ #4 Backup 4 — Done",
        "✔ #5 Backup 5 — Done",
        "and 2 more",
    ]  # all done: the latest


def test_chart_and_step_table_give_a_late_step_the_same_minutes():
    # Planned 13:55 + 45 min = 14:40, ended 14:43:40: 3 minutes late on both, never 3 on one and 4 on the other.
    planned = NOON - timedelta(minutes=60)
    step = RunbookStep(
        id=5,
        seq=5,
        title="Full backup",
        kind=StepKind.BACKUP,
        planned_start=planned,
        planned_minutes=45,
        status=StepStatus.DONE,
        actual_start=planned,
        actual_end=planned + timedelta(minutes=48, seconds=40),
    )
    forecast = forecast_runbook([step], now=NOON, rollback_deadline=None)
    row = forecast.steps[0]
    assert row.late_by == 3
    assert late_text(row) == "▶ +3 min"
    figure = runbook_timeline(forecast, now=NOON, rollback_deadline=None, tz="Asia/Tokyo")
    assert figure.axes[0].get_yticklabels()[0].get_text().endswith("▶ +3 min")


def test_start_then_finish_from_the_pane_is_in_the_file_and_undo_restores(qtbot, make_window, demo):
    step = startable_step(demo)
    window, pane = open_migration(make_window, demo)
    pane.select_step(step.id)
    assert pane.start_button.isEnabled() and not pane.finish_button.isEnabled()
    pane.start_button.click()
    qtbot.waitUntil(lambda: file_steps(demo)[step.id].status == StepStatus.RUNNING, timeout=30_000)
    assert file_steps(demo)[step.id].actual_start is not None
    qtbot.waitUntil(
        lambda: pane.selected_step() is not None and pane.selected_step().status == "running", timeout=30_000
    )
    assert pane.finish_button.isEnabled() and not pane.start_button.isEnabled()

    pane.finish_button.click()
    qtbot.waitUntil(lambda: file_steps(demo)[step.id].status == StepStatus.DONE, timeout=30_000)
    finished = file_steps(demo)[step.id]
    assert finished.actual_end is not None
    undo_stack = window.session.undo_stack
    qtbot.waitUntil(
        lambda: undo_stack.count() == 2 and undo_stack.undoText() == f"Finish step #{step.seq}",
        timeout=30_000,
    )

    window.undo_action.trigger()  # undo the finish: running again, its start kept
    qtbot.waitUntil(lambda: file_steps(demo)[step.id].status == StepStatus.RUNNING, timeout=30_000)
    assert file_steps(demo)[step.id].actual_end is None
    assert file_steps(demo)[step.id].actual_start == finished.actual_start
    qtbot.waitUntil(lambda: undo_stack.undoText() == f"Start step #{step.seq}", timeout=30_000)
    window.undo_action.trigger()  # undo the start: pending, no times
    qtbot.waitUntil(lambda: file_steps(demo)[step.id].status == StepStatus.PENDING, timeout=30_000)
    assert file_steps(demo)[step.id].actual_start is None
    qtbot.waitUntil(lambda: pane.selected_step().status == "pending", timeout=30_000)
    assert window.conflict_dialog is None  # undoing my own two edits of one row is no conflict


def test_undo_of_a_finish_is_refused_once_a_step_after_it_started(qtbot, make_window, demo):
    """Undoing a finish reopens the step, under reopen's rule: not under a step that started since."""
    step = startable_step(demo)
    dependent = next(
        s for s in file_steps(demo).values() if s.depends_on == (step.id,) and s.status == StepStatus.PENDING
    )
    window, pane = open_migration(make_window, demo)
    pane.select_step(step.id)
    pane.start_button.click()
    qtbot.waitUntil(lambda: pane.selected_step().status == "running", timeout=30_000)
    pane.finish_button.click()
    qtbot.waitUntil(lambda: window.session.undo_stack.count() == 2, timeout=30_000)
    with open_launch(demo) as lf:
        step_action(lf, actor="bob", step_id=dependent.id, action="start")

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=30_000)
    assert f"#{dependent.id} {dependent.title} started after it" in window.message_bar.text.text()
    assert file_steps(demo)[step.id].status == StepStatus.DONE


def test_a_refused_start_shows_the_services_message(qtbot, make_window, demo):
    window, pane = open_migration(make_window, demo)
    steps = file_steps(demo)
    waiting = next(
        s
        for s in sorted(steps.values(), key=lambda s: s.seq)
        if s.status == StepStatus.PENDING and any(steps[d].status != StepStatus.DONE for d in s.depends_on)
    )
    pane.select_step(waiting.id)
    pane.act_on_selected("start")  # the button is enabled for any pending step; the service knows the rule
    qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=30_000)
    assert "waits for steps not yet done" in window.message_bar.text.text()
    assert file_steps(demo)[waiting.id].status == StepStatus.PENDING


def test_ledger_puts_mismatches_on_top_with_delta_and_status_words(make_window, demo):
    window, pane = open_migration(make_window, demo)
    statuses = [
        pane.ledger_proxy.index(r, 0).data(RowRole.ROW).status for r in range(pane.ledger_proxy.rowCount())
    ]
    expected = sum(reconcile(o).status == ReconStatus.MISMATCH for o in window.session.data.objects)
    assert expected > 0
    assert statuses[:expected] == [ReconStatus.MISMATCH] * expected
    assert ReconStatus.MISMATCH not in statuses[expected:]
    top = pane.ledger_proxy.index(0, 0)
    assert top.data() == "✖ Mismatch"
    row = top.data(RowRole.ROW)
    delta = pane.ledger_proxy.index(0, 7)
    assert delta.data() == f"{row.delta:+,} / ±{row.object.tolerance_rows:,}".replace("-", "−")
    assert f"±{row.object.tolerance_rows:,}" in delta.data(Qt.ItemDataRole.ToolTipRole)
    assert f"{expected} mismatches" in pane.tabs.tabText(1)


def test_timeline_chart_is_drawn_and_splitter_state_is_remembered(qtbot, make_window, demo, settings_path):
    window, pane = open_migration(make_window, demo)
    qtbot.waitUntil(lambda: bool(pane.timeline.texts) and bool(pane.timeline_header.texts), timeout=30_000)
    assert pane.timeline_header.texts[0] == "Runbook time chart"
    assert any(text.startswith("◆") for text in pane.timeline_header.texts)  # the legend, above the rows
    assert "Runbook time chart" not in pane.timeline.texts  # the rows scroll; their key does not
    # The strip is as tall as its lines, and the scrolling rows sit right under it.
    header = pane.timeline_header
    qtbot.waitUntil(lambda: header.height() == header.sizeHint().height(), timeout=30_000)
    assert 2 * header.fontMetrics().height() < header.height() < 140
    assert pane.timeline.geometry().top() >= header.geometry().bottom()
    pane.splitter.setSizes([150, 600])
    top, bottom = pane.splitter.sizes()
    window.close()
    _, pane_again = open_migration(make_window, demo)
    top_again, bottom_again = pane_again.splitter.sizes()
    # The new window may be another size: the split's proportion is what comes back.
    assert top_again / (top_again + bottom_again) == pytest.approx(top / (top + bottom), abs=0.02)


def test_read_only_file_disables_start_and_finish(make_window, demo):
    step = startable_step(demo)
    _, pane = open_migration(make_window, demo, read_only=True)
    pane.select_step(step.id)
    assert not pane.start_button.isEnabled() and not pane.finish_button.isEnabled()
