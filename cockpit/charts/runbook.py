"""The runbook's time chart (タイムチャート): plan against actual and forecast, one row per step."""

from __future__ import annotations

from datetime import datetime, tzinfo

from matplotlib import dates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from cockpit.charts import style
from cockpit.charts.runbook_marks import (
    ACTUAL_FILL,
    DEADLINE_COLOUR,
    FAILED_HATCH,
    FORECAST_FILL,
    LATE_EDGE,
    LATE_FILL,
    LATE_HATCH,
    PLANNED_EDGE,
    PLANNED_FILL,
    axis_label,
    chart_title,
    clock,
    is_late,
    legend_entries,
    row_label,
    time_limits,
)
from cockpit.domain.migration import RunbookForecast, StepForecast, StepStatus, current_step
from cockpit.domain.moments import zone_of
from cockpit.i18n import tr

DEADLINE_DASHES = (0, (6, 3))

# One step per row and the figure grows with the runbook, so every title stays legible; long runbooks
# get slightly tighter rows so 300 steps stay a scrollable strip rather than a poster.
_ROW_INCHES = 0.26
_DENSE_ROW_INCHES = 0.22
_DENSE_FROM_STEPS = 40
_ONE_MINUTE = 1 / (24 * 60)  # in matplotlib date units (days)
_WIDTH = style.DEFAULT_SIZE[0] + 1.5  # inches, the timeline and its header alike: their text scales alike
_LEGEND_COLUMNS = 4


def runbook_timeline(
    forecast: RunbookForecast,
    *,
    now: datetime,
    rollback_deadline: datetime | None,
    tz: str,
    title: str | None = None,
    max_rows: int | None = None,
) -> Figure:
    """A Gantt chart of the runbook: plan (pale) and actual or forecast (solid) for every step.

    Late steps stand out three ways (vermillion, hatching, a ``▶ +N min`` mark); steps on the critical
    path carry ``◆`` and a dark outline. The time axis, top and bottom, is in ``tz``.

    Every step gets a row by default (the report, a scrollable pane). With ``max_rows`` only a window
    of that many rows is drawn, starting a little before the first step not yet finished: what a wall
    screen needs, and it draws in a fraction of the time.
    """
    title = title or chart_title()
    if not forecast.steps:
        return style.empty_figure(message=tr("No runbook steps yet"), title=title)
    zone = zone_of(tz)
    rows = _visible_rows(forecast, max_rows=max_rows)
    dense = len(rows) > _DENSE_FROM_STEPS
    row_inches = (_DENSE_ROW_INCHES if dense else _ROW_INCHES) * len(rows)
    height = max(2.8 + row_inches, 4.5)
    with style.chart_context():
        figure = style.new_figure(size=(_WIDTH, height))
        axes = figure.add_subplot()
        positions = list(range(len(rows)))
        _draw_planned(axes, rows, positions)
        _draw_actual(axes, rows, positions)
        _draw_earlier_attempts(axes, rows, positions)
        _draw_late_marks(axes, rows, positions)
        _draw_time_lines(axes, now=now, rollback_deadline=rollback_deadline)

        axes.set_yticks(positions, [_row_label(f) for f in rows])
        for tick_label, row in zip(axes.get_yticklabels(), rows, strict=True):
            tick_label.set_color(LATE_EDGE if _is_late(row) else style.INK)
        axes.set_ylim(len(rows) - 0.4, -0.6)  # first step on top
        axes.tick_params(axis="y", length=0, labelsize=style.NOTE_SIZE - 1 if dense else style.TICK_SIZE)
        axes.set_xlim(
            _time_limits(
                rows, now=now, rollback_deadline=rollback_deadline, whole=len(rows) == forecast.total
            )
        )
        axes.xaxis_date(zone)
        style.date_axis(axes.xaxis, tz=zone)
        axes.tick_params(axis="x", top=True, labeltop=len(rows) > 20)
        axes.grid(axis="x")
        axes.set_xlabel(axis_label(tz))
        figure.legend(
            handles=_legend_handles(now=now, rollback_deadline=rollback_deadline, zone=zone),
            loc="outside lower left",
            ncols=_LEGEND_COLUMNS,
            fontsize=style.NOTE_SIZE,
        )
        style.set_titles(
            figure,
            axes,
            title=title,
            facts=_facts(forecast, rows=rows, zone=zone),
            line_width=60,
        )
        return style.finish(figure)


def _visible_rows(forecast: RunbookForecast, *, max_rows: int | None) -> tuple[StepForecast, ...]:
    rows = forecast.steps
    if max_rows is None or len(rows) <= max_rows:
        return rows
    max_rows = max(max_rows, 1)
    current = current_step(forecast)
    first_open = rows.index(current) if current is not None else len(rows) - 1
    # A few finished steps stay in view, so the chart shows how the work arrived where it is.
    start = max(0, min(first_open - max_rows // 6, len(rows) - max_rows))
    return rows[start : start + max_rows]


def _draw_planned(axes: Axes, rows: tuple[StepForecast, ...], positions: list[int]) -> None:
    starts = [dates.date2num(r.step.planned_start) for r in rows]
    widths = [max(r.step.planned_minutes, 1) * _ONE_MINUTE for r in rows]
    bars = axes.barh(
        positions,
        widths,
        left=starts,
        height=0.82,
        color=PLANNED_FILL,
        edgecolor=PLANNED_EDGE,
        linewidth=0.6,
        label=tr("Planned"),
        gid="planned",
    )
    for bar, row in zip(bars, rows, strict=True):
        bar.set_gid(f"planned-{row.step.id}")


def _draw_actual(axes: Axes, rows: tuple[StepForecast, ...], positions: list[int]) -> None:
    starts = [dates.date2num(r.start) for r in rows]
    # A skipped step takes no time; a hairline still shows where it sits in the chain.
    widths = [max(dates.date2num(r.end) - dates.date2num(r.start), _ONE_MINUTE / 4) for r in rows]
    bars = axes.barh(
        positions,
        widths,
        left=starts,
        height=0.46,
        color=FORECAST_FILL,
        linewidth=0,
        label=tr("Actual / forecast"),
        gid="actual",
    )
    for bar, row in zip(bars, rows, strict=True):
        bar.set_gid(f"actual-{row.step.id}")
        status = row.step.status
        if _is_late(row):
            bar.set_facecolor(LATE_FILL)
            bar.set_edgecolor(LATE_EDGE)
            bar.set_linewidth(0.8)
            bar.set_hatch(FAILED_HATCH if status == StepStatus.FAILED else LATE_HATCH)
        elif status == StepStatus.DONE:
            bar.set_facecolor(ACTUAL_FILL)
        elif status == StepStatus.SKIPPED:
            bar.set_facecolor(style.GREY)
        if row.critical:
            bar.set_edgecolor(style.INK)
            bar.set_linewidth(1.8)


def _draw_earlier_attempts(axes: Axes, rows: tuple[StepForecast, ...], positions: list[int]) -> None:
    """A retried step's failed attempts, hatched and hollow on its row, so the chart keeps what the failure cost."""
    for row, y in zip(rows, positions, strict=True):
        for attempt in row.step.attempts:
            if attempt.actual_start is None:
                continue
            start = dates.date2num(attempt.actual_start)
            end = dates.date2num(attempt.actual_end) if attempt.actual_end else start + _ONE_MINUTE / 4
            (bar,) = axes.barh(
                [y],
                [max(end - start, _ONE_MINUTE / 4)],
                left=[start],
                height=0.3,
                facecolor="none",
                edgecolor=LATE_EDGE,
                linewidth=0.8,
                hatch=FAILED_HATCH,
            )
            bar.set_gid(f"attempt-{row.step.id}-{attempt.attempt}")


def _draw_late_marks(axes: Axes, rows: tuple[StepForecast, ...], positions: list[int]) -> None:
    """A ``▶`` at the end of every late bar; one collection for all, so 300 late steps stay cheap to draw."""
    late = [(dates.date2num(r.end), y) for r, y in zip(rows, positions, strict=True) if _is_late(r)]
    if late:
        ends, ys = zip(*late, strict=True)
        axes.scatter(ends, ys, marker=">", s=60, color=LATE_EDGE, zorder=4, clip_on=False, gid="late-marks")


def _draw_time_lines(axes: Axes, *, now: datetime, rollback_deadline: datetime | None) -> None:
    # Labelled in the legend, not next to the line: on a 300-step chart a label would sit on some bar.
    axes.axvline(dates.date2num(now), color=style.INK, linewidth=2.0, zorder=5, gid="now")
    if rollback_deadline is not None:
        axes.axvline(
            dates.date2num(rollback_deadline),
            color=DEADLINE_COLOUR,
            linewidth=2.4,
            linestyle=DEADLINE_DASHES,
            zorder=5,
            gid="rollback-deadline",
        )


def _time_limits(
    rows: tuple[StepForecast, ...], *, now: datetime, rollback_deadline: datetime | None, whole: bool
) -> tuple[float, float]:
    low, high = time_limits(rows, now=now, rollback_deadline=rollback_deadline, whole=whole)
    return dates.date2num(low), dates.date2num(high)


_is_late = is_late
_row_label = row_label
_clock = clock


def _facts(forecast: RunbookForecast, *, rows: tuple[StepForecast, ...], zone: tzinfo) -> list[str]:
    parts = [tr("{done} of {total} steps done", done=forecast.done, total=forecast.total)]
    if forecast.eta is not None:
        parts.append(tr("ETA {time}", time=_clock(forecast.eta, zone)))
    if forecast.slack_minutes is not None:
        minutes = forecast.slack_minutes
        if minutes >= 0:
            parts.append(tr("{minutes} min before the rollback deadline", minutes=minutes))
        else:
            parts.append(tr("× {minutes} min past the rollback deadline", minutes=-minutes))
    if forecast.late:
        parts.append(tr("{count} steps late", count=len(forecast.late)))
    if len(rows) < len(forecast.steps):
        first = forecast.steps.index(rows[0]) + 1
        parts.append(
            tr(
                "Showing rows {first}–{last} of {total}",
                first=first,
                last=first + len(rows) - 1,
                total=forecast.total,
            )
        )
    return parts


def _legend_handles(
    *, now: datetime, rollback_deadline: datetime | None, zone: tzinfo
) -> list[Patch | Line2D]:
    looks: dict[str, Patch | Line2D] = {
        "planned": Patch(facecolor=PLANNED_FILL, edgecolor=PLANNED_EDGE),
        "done": Patch(facecolor=ACTUAL_FILL),
        "forecast": Patch(facecolor=FORECAST_FILL),
        "late": Patch(facecolor=LATE_FILL, edgecolor=LATE_EDGE, hatch=LATE_HATCH),
        "critical": Patch(facecolor=style.BACKGROUND, edgecolor=style.INK, linewidth=1.8),
        "now": Line2D([], [], color=style.INK, linewidth=2.0),
        "deadline": Line2D([], [], color=DEADLINE_COLOUR, linewidth=2.4, linestyle=DEADLINE_DASHES),
    }
    handles = []
    for entry in legend_entries(now=now, rollback_deadline=rollback_deadline, zone=zone):
        handle = looks[entry.kind]
        handle.set_label(entry.label)
        handles.append(handle)
    return handles
