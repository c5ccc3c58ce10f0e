"""What the runbook's time chart shows, worked out once for both of its drawings (no matplotlib, no Qt).

The report draws the chart with matplotlib (``charts.runbook``); the Migration pane paints it natively in Qt
(``ui.charts.runbook_view``), because a matplotlib picture of every row costs seconds per change and grows
with the runbook (docs/architecture.md, "The runbook chart on screen"). Both read their rows, colours, words
and time range from here, so the screen and the paper show the same chart: the same steps, bars and marks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from cockpit.domain.migration import RunbookForecast, StepForecast, StepStatus
from cockpit.i18n import tr

# The chart palette's colours (charts.style's colour-blind-safe set), here so the Qt drawing needs no matplotlib.
INK = "#222222"
GREY = "#8C8C8C"
PLANNED_FILL = "#DCE3EA"
PLANNED_EDGE = "#9AA7B4"
ACTUAL_FILL = "#0072B2"  # done: what really happened
FORECAST_FILL = "#56B4E9"  # running or still to come
LATE_FILL = "#D55E00"
LATE_EDGE = "#7A2E00"  # hatching takes the edge colour: dark, so the stripes show on the vermillion
LATE_HATCH = "////"
FAILED_HATCH = "xxx"
CRITICAL_MARK = "◆"
LATE_MARK = "▶"
DEADLINE_COLOUR = LATE_FILL

LABEL_CHARS = 34
# A skipped step takes no time; a quarter-minute hairline still shows where it sits in the chain.
HAIRLINE = timedelta(seconds=15)
SHORTEST_SPAN = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class RowMarks:
    """One step's row: its words and the bars and marks drawn on it."""

    key: int  # the step's id
    label: str
    late: bool
    critical: bool
    planned: tuple[datetime, datetime]
    bar: tuple[datetime, datetime]  # actual or forecast
    fill: str
    edge: str | None
    hatch: str | None
    attempts: tuple[tuple[datetime, datetime], ...]  # earlier failed attempts, hollow and hatched
    late_mark: datetime | None  # where the ``▶`` sits (the bar's end), None on time


def is_late(row: StepForecast) -> bool:
    return row.is_late or row.step.status == StepStatus.FAILED


def row_label(row: StepForecast) -> str:
    """Seq and title, ``◆`` on the critical path, and how late the step is: the row reads without its bar."""
    title = row.step.title
    if len(title) > LABEL_CHARS:
        title = title[: LABEL_CHARS - 1] + "…"
    mark = f"{CRITICAL_MARK} " if row.critical else ""
    label = f"{mark}{row.step.seq}. {title}"
    if row.step.status == StepStatus.FAILED:
        return f"{label}  {tr('× failed')}"
    if row.is_late:
        return f"{label}  {tr('{mark} +{minutes} min', mark=LATE_MARK, minutes=row.late_by)}"
    return label


def row_marks(row: StepForecast) -> RowMarks:
    late = is_late(row)
    status = row.step.status
    fill, edge, hatch = FORECAST_FILL, None, None
    if late:
        fill, edge = LATE_FILL, LATE_EDGE
        hatch = FAILED_HATCH if status == StepStatus.FAILED else LATE_HATCH
    elif status == StepStatus.DONE:
        fill = ACTUAL_FILL
    elif status == StepStatus.SKIPPED:
        fill = GREY
    if row.critical:
        edge = INK
    attempts = tuple(
        (a.actual_start, max(a.actual_end or a.actual_start, a.actual_start + HAIRLINE))
        for a in row.step.attempts
        if a.actual_start is not None
    )
    planned_start = row.step.planned_start
    return RowMarks(
        key=row.step.id,
        label=row_label(row),
        late=late,
        critical=row.critical,
        planned=(planned_start, planned_start + timedelta(minutes=max(row.step.planned_minutes, 1))),
        bar=(row.start, max(row.end, row.start + HAIRLINE)),
        fill=fill,
        edge=edge,
        hatch=hatch,
        attempts=attempts,
        late_mark=row.end if late else None,
    )


def time_limits(
    rows: tuple[StepForecast, ...], *, now: datetime, rollback_deadline: datetime | None, whole: bool
) -> tuple[datetime, datetime]:
    """The chart's time range: every bar, and now and the rollback deadline when they are near enough."""
    moments = [now]
    for row in rows:
        moments += [row.start, row.end, row.step.planned_start]
        moments += [a.actual_start for a in row.step.attempts if a.actual_start is not None]
        moments.append(row.step.planned_start + timedelta(minutes=row.step.planned_minutes))
    planned = moments[1:] or moments
    low, high = min(planned), max(planned)
    span = max(high - low, SHORTEST_SPAN)
    # Weeks before the cutover the now-line would squeeze the runbook into a sliver at the far right: the chart
    # shows the plan, and the legend says when now is. From half a runbook's length before its start, now shows.
    if now >= low - span * 0.5:
        low, high = min(low, now), max(high, now)
        span = max(high - low, SHORTEST_SPAN)
    # A window of rows keeps its own scale when the deadline is far away; the legend still gives it.
    if rollback_deadline is not None and (
        whole or low - span * 0.5 <= rollback_deadline <= high + span * 0.5
    ):
        low, high = min(low, rollback_deadline), max(high, rollback_deadline)
        span = max(high - low, SHORTEST_SPAN)
    # Room on the right for the "▶ +N min" marks after the last bars.
    return low - span * 0.02, high + span * 0.1


def clock(moment: datetime, zone: tzinfo) -> str:
    return moment.astimezone(zone).strftime("%m/%d %H:%M")


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One key of the legend: ``kind`` says how its swatch looks (a bar's colours, or a line)."""

    kind: str  # "planned", "done", "forecast", "late", "critical", "now", "deadline"
    label: str


def legend_entries(
    *, now: datetime, rollback_deadline: datetime | None, zone: tzinfo
) -> tuple[LegendEntry, ...]:
    entries = [
        LegendEntry("planned", tr("Planned")),
        LegendEntry("done", tr("Done (actual)")),
        LegendEntry("forecast", tr("Running / forecast")),
        LegendEntry("late", tr("{mark} Late", mark=LATE_MARK)),
        LegendEntry("critical", tr("{mark} Critical path", mark=CRITICAL_MARK)),
        LegendEntry("now", tr("Now {time}", time=clock(now, zone))),
    ]
    if rollback_deadline is not None:
        entries.append(
            LegendEntry("deadline", tr("Rollback deadline {time}", time=clock(rollback_deadline, zone)))
        )
    return tuple(entries)


def chart_title() -> str:
    return tr("Runbook time chart")


def axis_label(tz: str) -> str:
    return tr("Time ({zone})", zone=tz)


def forecast_rows(forecast: RunbookForecast) -> tuple[RowMarks, ...]:
    return tuple(row_marks(row) for row in forecast.steps)
