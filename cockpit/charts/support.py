"""Hypercare support load: how many tickets were open at each moment, stacked by severity."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from cockpit.charts import style
from cockpit.domain.moments import zone_of
from cockpit.domain.support import Severity, Ticket
from cockpit.i18n import tr

# P1 at the bottom of the stack, where the eye starts; the hatching tells P1 from P2 without colour.
SEVERITY_COLOURS = {
    Severity.P1: style.VERMILLION,
    Severity.P2: style.ORANGE,
    Severity.P3: style.SKY,
    Severity.P4: style.LIGHT_GREY,
}
SEVERITY_HATCHES = {Severity.P1: "///", Severity.P2: "...", Severity.P3: "", Severity.P4: ""}


@dataclass(frozen=True, slots=True)
class OpenSeries:
    """Open-ticket counts per severity; ``counts[s][i]`` holds from ``times[i]`` until ``times[i + 1]``."""

    times: tuple[datetime, ...]
    counts: dict[Severity, tuple[int, ...]]


def open_ticket_series(tickets: Sequence[Ticket], *, start: datetime, end: datetime) -> OpenSeries:
    """Exact step counts: one point at the window's start, at every opening and closing inside it, and at the end."""
    intervals: dict[Severity, tuple[list[datetime], list[datetime]]] = {s: ([], []) for s in Severity}
    breakpoints = {start, end}
    for ticket in tickets:
        closed_at = _closed_at(ticket)
        if ticket.opened_at > end or (closed_at is not None and closed_at <= start):
            continue
        opens, closes = intervals[ticket.severity]
        opens.append(ticket.opened_at)
        if closed_at is not None:
            closes.append(closed_at)
        breakpoints.update(t for t in (ticket.opened_at, closed_at) if t is not None and start < t < end)
    times = tuple(sorted(breakpoints))
    counts: dict[Severity, tuple[int, ...]] = {}
    for severity, (opens, closes) in intervals.items():
        opens.sort()
        closes.sort()
        counts[severity] = tuple(bisect_right(opens, t) - bisect_right(closes, t) for t in times)
    return OpenSeries(times=times, counts=counts)


def _closed_at(ticket: Ticket) -> datetime | None:
    """When the ticket stopped being open; None while it is open.

    A reopened ticket is open now whatever its old resolution time says. A ticket closed without a
    resolution time counts as closed at its last update, the best moment the file knows.
    """
    if ticket.is_open:
        return None
    return ticket.resolved_at or ticket.updated_at or ticket.opened_at


def open_tickets_over_time(
    tickets: Sequence[Ticket], *, now: datetime, tz: str, hours: int = 72, title: str | None = None
) -> Figure:
    """Stacked steps of open tickets per severity over the last ``hours``, times in the launch's zone."""
    title = title or tr("Open tickets over time")
    if not tickets:
        return style.empty_figure(message=tr("No tickets yet"), title=title)
    zone = zone_of(tz)
    start = now - timedelta(hours=hours)
    series = open_ticket_series(tickets, start=start, end=now)
    current = {s: series.counts[s][-1] for s in Severity}

    with style.chart_context():
        figure = style.new_figure()
        axes = figure.add_subplot()
        below = [0] * len(series.times)
        for severity in Severity:
            above = [b + c for b, c in zip(below, series.counts[severity], strict=True)]
            axes.fill_between(
                series.times,  # type: ignore[arg-type]  # matplotlib's stubs take numbers only; its date units take datetimes
                below,
                above,
                step="post",
                facecolor=SEVERITY_COLOURS[severity],
                edgecolor=style.INK if severity == Severity.P1 else "#444444",
                hatch=SEVERITY_HATCHES[severity],
                linewidth=0.6,
                label=tr("{severity} (open now: {count})", severity=severity.value, count=current[severity]),
                gid=f"open-{severity.value}",
            )
            below = above
        axes.step(
            series.times,  # type: ignore[arg-type]  # matplotlib's stubs take numbers only; its date units take datetimes
            below,
            where="post",
            color=style.INK,
            linewidth=1.6,
            label=tr("All open"),
        )

        total_now = sum(current.values())
        peak = max(below)
        axes.set_xlim(start, now)  # type: ignore[arg-type]  # matplotlib's stubs take numbers only; its date units take datetimes
        axes.set_ylim(0, max(peak * 1.15, 1))
        locator = axes.yaxis.get_major_locator()
        if isinstance(locator, MaxNLocator):  # a linear axis's AutoLocator is one
            locator.set_params(integer=True)
        axes.grid(axis="y")
        axes.set_ylabel(tr("Open tickets"))
        axes.set_xlabel(tr("Time ({zone})", zone=tz))
        style.date_axis(axes.xaxis, tz=zone)
        # Newest on top in the legend, matching the stack read from top to bottom.
        handles, labels = axes.get_legend_handles_labels()
        axes.legend(handles[::-1], labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0))
        style.set_titles(
            figure,
            axes,
            title=title,
            facts=[
                tr("Open now: {total}", total=total_now),
                tr("Peak in the last {hours} h: {peak}", hours=hours, peak=peak),
            ],
        )
        return style.finish(figure)
