"""The runbook time chart on screen: painted natively, the same chart as the report's, the clock moves only the now-line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from matplotlib import dates
from matplotlib.colors import to_hex

from cockpit.charts.runbook import runbook_timeline
from cockpit.domain.migration import (
    AttemptOutcome,
    RunbookStep,
    StepAttempt,
    StepKind,
    StepStatus,
    forecast_runbook,
)
from cockpit.services.steps import add_step
from cockpit.store.launchfile import open_launch
from cockpit.ui.charts.runbook_view import RunbookTimeline
from tests.launches import new_launch

START = datetime(2026, 11, 30, 13, 0, tzinfo=UTC)
NOW = START + timedelta(minutes=115)
DEADLINE = START + timedelta(hours=4)
TZ = "Asia/Tokyo"


def at(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


def mixed_steps() -> list[RunbookStep]:
    """Done on time, done late, failed after an earlier failed attempt, running, pending and skipped."""
    return [
        RunbookStep(1, 1, "Stop the old system", StepKind.OTHER, at(0), 30, status=StepStatus.DONE,
                    actual_start=at(0), actual_end=at(30)),
        RunbookStep(2, 2, "Backup production DB", StepKind.BACKUP, at(30), 60, status=StepStatus.DONE,
                    actual_start=at(30), actual_end=at(110), depends_on=(1,)),
        RunbookStep(3, 3, "Load customers", StepKind.MIGRATE, at(90), 20, status=StepStatus.FAILED,
                    actual_start=at(110), actual_end=at(114), depends_on=(2,),
                    attempts=(StepAttempt(1, at(100), at(105), AttemptOutcome.FAILED, "timeout"),)),
        RunbookStep(4, 4, "Notify users", StepKind.OTHER, at(30), 10, status=StepStatus.RUNNING,
                    actual_start=at(31), depends_on=(1,)),
        RunbookStep(5, 5, "Verify counts", StepKind.VERIFY, at(140), 15, depends_on=(3,)),
        RunbookStep(6, 6, "Optional warm-up", StepKind.OTHER, at(40), 5, status=StepStatus.SKIPPED,
                    depends_on=(1,)),
    ]  # fmt: skip


def shown(qtbot, forecast, *, now=NOW, size=(1000, 500)) -> RunbookTimeline:
    view = RunbookTimeline()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.show_forecast(forecast, now=now, rollback_deadline=DEADLINE, tz=TZ)
    return view


def test_the_screen_shows_the_reports_chart_the_same_steps_bars_and_late_marks(qtbot):
    forecast = forecast_runbook(mixed_steps(), now=NOW, rollback_deadline=DEADLINE)
    paper = runbook_timeline(forecast, now=NOW, rollback_deadline=DEADLINE, tz=TZ)
    screen = shown(qtbot, forecast)
    axes = paper.axes[0]
    rows = screen.rows.rows

    assert [label.get_text() for label in axes.get_yticklabels()] == [row.label for row in rows]
    assert [to_hex(label.get_color()) for label in axes.get_yticklabels()] == [
        to_hex("#7A2E00" if row.late else "#222222") for row in rows
    ]
    bars = {patch.get_gid(): patch for patch in axes.patches}
    for row in rows:
        planned, actual = bars[f"planned-{row.key}"], bars[f"actual-{row.key}"]
        assert planned.get_x() == dates.date2num(row.planned[0])
        assert actual.get_x() == dates.date2num(row.bar[0])
        assert actual.get_x() + actual.get_width() == dates.date2num(row.bar[1])
        assert to_hex(actual.get_facecolor()) == to_hex(row.fill)
        assert (actual.get_hatch() or None) == row.hatch
        for number, attempt in enumerate(row.attempts, start=1):
            assert bars[f"attempt-{row.key}-{number}"].get_x() == dates.date2num(attempt[0])
    (marks,) = [c for c in axes.collections if c.get_gid() == "late-marks"]
    assert [tuple(xy) for xy in marks.get_offsets()] == [
        (dates.date2num(row.late_mark), index) for index, row in enumerate(rows) if row.late_mark is not None
    ]
    assert sum(row.late for row in rows) >= 2  # late and failed both show
    # The key says what the paper's legend says.
    assert list(screen.key.texts[1:]) == [text.get_text() for text in paper.legends[0].get_texts()]
    assert axes.get_xlim() == tuple(
        dates.date2num(moment) for moment in (screen.rows.scale.low, screen.rows.scale.high)
    )


def test_the_clock_moves_the_now_line_without_working_out_the_rows_again(qtbot):
    forecast = forecast_runbook(mixed_steps(), now=NOW, rollback_deadline=DEADLINE)
    view = shown(qtbot, forecast)
    assert view.rebuilds == 1
    line_before = view.rows.scale.x(NOW)
    later = NOW + timedelta(minutes=5)
    view.set_now(later)
    assert view.rebuilds == 1
    assert view.rows.now == later and view.rows.scale.x(later) > line_before
    assert "Now 12/01 00:00" in view.key.texts  # 15:00 UTC is midnight in Tokyo: the key's time moved too


def test_only_the_rows_in_view_are_painted_whatever_the_runbooks_size(qtbot):
    steps = [
        RunbookStep(i, i, f"Step {i}", StepKind.MIGRATE, at(i), 5, depends_on=(i - 1,) if i > 1 else ())
        for i in range(1, 1501)
    ]
    forecast = forecast_runbook(steps, now=NOW, rollback_deadline=None)
    view = shown(qtbot, forecast, size=(900, 400))
    view.grab()  # paints what is in view
    in_view = view.scroll_area.viewport().height() // view.rows.row_height() + 2
    assert 0 < view.rows.rows_painted <= in_view < 1500
    assert len(view.texts) == 1 + 1500  # every row is there to scroll to


def test_in_the_pane_the_clock_redraws_nothing_and_a_teammates_step_shows(qtbot, make_window, tmp_path: Path):
    go_live = datetime.now(UTC) + timedelta(days=30)  # the plan is weeks away: the forecast keeps still
    path = new_launch(tmp_path / "new.golive", name="Cutover", go_live=go_live, timezone=TZ, actor="ann")
    with open_launch(path) as lf:
        add_step(
            lf, actor="ann", title="Freeze changes", kind="other", planned_start=go_live, planned_minutes=30
        )
    window = make_window(path)
    window.show_pane("migration")
    pane = window.pane("migration")
    qtbot.waitUntil(lambda: any("Freeze changes" in text for text in pane.timeline.texts), timeout=30_000)
    rebuilds = pane.timeline.rebuilds
    minute = window.session.now().replace(second=0, microsecond=0) + timedelta(minutes=1)
    pane.tick(minute)
    pane.tick(minute + timedelta(minutes=1))
    assert pane.timeline.rebuilds == rebuilds  # only the now-line and the key's time moved
    assert pane.timeline.rows.now == minute + timedelta(minutes=1)

    with qtbot.waitSignal(pane.timeline.figure_ready, timeout=30_000), open_launch(path) as lf:
        add_step(lf, actor="bob", title="Switch DNS", kind="other", planned_start=go_live, planned_minutes=10)
    assert any("Switch DNS" in text for text in pane.timeline.texts)
    assert pane.timeline.rebuilds == rebuilds + 1
