"""The runbook time chart: a planned and an actual/forecast bar per step, in the launch's time zone."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from matplotlib import dates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

from cockpit.charts import runbook, style
from cockpit.domain.migration import (
    AttemptOutcome,
    RunbookStep,
    StepAttempt,
    StepKind,
    StepStatus,
    forecast_runbook,
)

from .conftest import all_text, texts_with_gid

TOKYO = ZoneInfo("Asia/Tokyo")
START = datetime(2026, 11, 30, 13, 0, tzinfo=UTC)  # 22:00 in Tokyo


def _steps() -> list[RunbookStep]:
    at = START
    return [
        RunbookStep(
            id=1,
            seq=1,
            title="業務停止確認",
            kind=StepKind.OTHER,
            planned_start=at,
            planned_minutes=30,
            status=StepStatus.DONE,
            actual_start=at,
            actual_end=at + timedelta(minutes=30),
        ),
        RunbookStep(
            id=2,
            seq=2,
            title="Backup production DB",
            kind=StepKind.BACKUP,
            planned_start=at + timedelta(minutes=30),
            planned_minutes=60,
            status=StepStatus.DONE,
            actual_start=at + timedelta(minutes=30),
            actual_end=at + timedelta(minutes=110),
            depends_on=(1,),
        ),
        RunbookStep(
            id=3,
            seq=3,
            title="顧客マスタ移行",
            kind=StepKind.MIGRATE,
            planned_start=at + timedelta(minutes=90),
            planned_minutes=45,
            depends_on=(2,),
        ),
        RunbookStep(
            id=4,
            seq=4,
            title="Notify users",
            kind=StepKind.OTHER,
            planned_start=at + timedelta(minutes=30),
            planned_minutes=10,
            status=StepStatus.DONE,
            actual_start=at + timedelta(minutes=30),
            actual_end=at + timedelta(minutes=40),
            depends_on=(1,),
        ),
    ]


NOW = START + timedelta(minutes=115)
DEADLINE = START + timedelta(hours=4)


def _chart(steps=None, **kwargs):
    steps = _steps() if steps is None else steps
    forecast = forecast_runbook(steps, now=NOW, rollback_deadline=DEADLINE)
    figure = runbook.runbook_timeline(
        forecast, now=NOW, rollback_deadline=DEADLINE, tz="Asia/Tokyo", **kwargs
    )
    return forecast, figure


def _bars(figure, kind: str) -> dict[int, Rectangle]:
    return {
        int(p.get_gid().split("-")[1]): p
        for p in figure.axes[0].patches
        if isinstance(p.get_gid(), str) and p.get_gid().startswith(f"{kind}-")
    }


def test_one_planned_and_one_actual_bar_per_step(render) -> None:
    forecast, figure = _chart()
    render(figure, "runbook")
    planned, actual = _bars(figure, "planned"), _bars(figure, "actual")
    assert set(planned) == set(actual) == {1, 2, 3, 4}
    assert planned[2].get_x() == dates.date2num(START + timedelta(minutes=30))
    assert planned[2].get_width() == dates.date2num(START + timedelta(minutes=90)) - dates.date2num(
        START + timedelta(minutes=30)
    )
    for row in forecast.steps:
        bar = actual[row.step.id]
        assert round(bar.get_x(), 9) == round(dates.date2num(row.start), 9)
        assert round(bar.get_x() + bar.get_width(), 9) == round(dates.date2num(row.end), 9)


def test_late_steps_stand_out_by_colour_hatch_mark_and_label() -> None:
    forecast, figure = _chart()
    assert set(forecast.late) == {2, 3}  # backup overran by 20 min; the migration waits for it
    actual = _bars(figure, "actual")
    for step_id in (2, 3):
        assert to_hex(actual[step_id].get_facecolor()) == runbook.LATE_FILL.lower()
        assert actual[step_id].get_hatch() == runbook.LATE_HATCH
    assert not actual[4].get_hatch() and to_hex(actual[4].get_facecolor()) == runbook.ACTUAL_FILL.lower()
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    late_label = next(label for label in labels if "2. Backup production DB" in label)
    assert late_label.endswith("▶ +20 min")
    marks = [c for c in figure.axes[0].collections if c.get_gid() == "late-marks"]
    assert len(marks) == 1 and len(marks[0].get_offsets()) == 2


def test_critical_path_steps_carry_the_diamond() -> None:
    forecast, figure = _chart()
    labels = {
        t.get_text().split(". ")[0].lstrip("◆ "): t.get_text() for t in figure.axes[0].get_yticklabels()
    }
    for row in forecast.steps:
        assert labels[str(row.step.seq)].startswith("◆") == row.critical
    assert forecast.critical_path == (1, 2, 3)


def test_now_and_rollback_deadline_lines_with_their_times_in_tokyo() -> None:
    _, figure = _chart()
    lines = {line.get_gid(): line for line in figure.axes[0].get_lines()}
    assert list(lines["now"].get_xdata()) == [dates.date2num(NOW)] * 2
    assert list(lines["rollback-deadline"].get_xdata()) == [dates.date2num(DEADLINE)] * 2
    texts = all_text(figure)
    assert "Now 11/30 23:55" in texts and "Rollback deadline 12/01 02:00" in texts


def test_time_ticks_are_in_the_launchs_time_zone(render) -> None:
    _, figure = _chart()
    render(figure, "runbook-tz")
    axes = figure.axes[0]
    checked = 0
    for location, label in zip(axes.get_xticks(), axes.get_xticklabels(), strict=True):
        if re.fullmatch(r"\d\d:\d\d", label.get_text()):
            assert dates.num2date(location, tz=TOKYO).strftime("%H:%M") == label.get_text()
            checked += 1
    assert checked >= 2
    assert axes.get_xlabel() == "Time (Asia/Tokyo)"


def test_300_steps_one_row_each_and_a_window_for_the_wall(render) -> None:
    steps = [
        RunbookStep(
            id=i,
            seq=i,
            title=f"手順 {i}",
            kind=StepKind.MIGRATE,
            planned_start=START + timedelta(minutes=10 * (i - 1)),
            planned_minutes=10,
            status=StepStatus.DONE if i <= 100 else StepStatus.PENDING,
            actual_start=START + timedelta(minutes=10 * (i - 1)) if i <= 100 else None,
            actual_end=START + timedelta(minutes=10 * i) if i <= 100 else None,
            depends_on=(i - 1,) if i > 1 else (),
        )
        for i in range(1, 301)
    ]
    _, figure = _chart(steps)
    assert len(_bars(figure, "planned")) == len(_bars(figure, "actual")) == 300
    assert len(figure.axes[0].get_yticklabels()) == 300
    FigureCanvasAgg(figure).draw()

    _, window = _chart(steps, max_rows=40)
    render(window, "runbook-window")
    shown = sorted(_bars(window, "actual"))
    assert len(shown) == 40 and shown[0] < 101 <= shown[-1]  # starts a little before the first open step
    assert any("Showing rows" in t and "of 300" in t for t in all_text(window))


def test_an_empty_runbook_says_so(render, japanese) -> None:
    forecast = forecast_runbook([], now=NOW, rollback_deadline=None)
    figure = runbook.runbook_timeline(forecast, now=NOW, rollback_deadline=None, tz="Asia/Tokyo")
    render(figure, "runbook-empty")
    assert texts_with_gid(figure, "empty-message") == {"empty-message": "No runbook steps yet"}
    assert figure.get_suptitle() == "タイムチャート"


def test_japanese_legend_and_colours_from_the_palette(japanese) -> None:
    _, figure = _chart()
    assert "計画" in all_text(figure)
    assert runbook.LATE_FILL == style.VERMILLION


def test_late_label_counts_whole_minutes_down() -> None:
    steps = _steps()
    # The backup ended 20 min 50 s after its planned end: "+20 min", the step table's number too.
    steps[1] = replace(steps[1], actual_end=steps[1].actual_end + timedelta(seconds=50))
    forecast, figure = _chart(steps)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert next(label for label in labels if "2. Backup" in label).endswith("▶ +20 min")
    assert forecast.steps[1].late_by == 20


@pytest.mark.parametrize(
    ("before", "now_in_view"), [(timedelta(days=60), False), (timedelta(minutes=30), True)]
)
def test_a_runbook_weeks_ahead_is_drawn_at_its_own_scale_not_squeezed_beside_now(before, now_in_view) -> None:
    pending = [
        replace(step, status=StepStatus.PENDING, actual_start=None, actual_end=None) for step in _steps()
    ]
    now = START - before
    forecast = forecast_runbook(pending, now=now, rollback_deadline=DEADLINE)
    figure = runbook.runbook_timeline(forecast, now=now, rollback_deadline=DEADLINE, tz="Asia/Tokyo")
    low, high = figure.axes[0].get_xlim()
    assert bool(low <= dates.date2num(now)) is now_in_view
    assert high - low < 1  # less than a day across: the steps' bars keep their width


def test_a_retried_steps_failed_attempt_stays_on_its_row_hatched() -> None:
    failed_at = START + timedelta(minutes=95)
    attempt = StepAttempt(
        attempt=1,
        actual_start=START + timedelta(minutes=90),
        actual_end=failed_at,
        outcome=AttemptOutcome.FAILED,
        reason="Disk full",
    )
    steps = _steps()
    steps[2] = replace(
        steps[2], status=StepStatus.RUNNING, actual_start=failed_at, attempt=2, attempts=(attempt,)
    )
    steps[1] = replace(steps[1], actual_end=START + timedelta(minutes=90))
    _, figure = _chart(steps)
    drawn = {p.get_gid(): p for p in figure.axes[0].patches if isinstance(p.get_gid(), str)}
    earlier = drawn["attempt-3-1"]
    assert earlier.get_hatch() == runbook.FAILED_HATCH
    assert round(earlier.get_x(), 9) == round(dates.date2num(attempt.actual_start), 9)
    assert round(earlier.get_x() + earlier.get_width(), 9) == round(dates.date2num(failed_at), 9)
    assert (
        earlier.get_y() + earlier.get_height() / 2
        == drawn["actual-3"].get_y() + drawn["actual-3"].get_height() / 2
    )
