"""What the "Open tickets over time" chart shows, worked out once for both of its drawings (no matplotlib, no Qt).

The report draws it with matplotlib (``charts.support``); the Support pane paints it natively
(``ui.charts.support_chart``), so the window needs no matplotlib process. Both take their steps, colours,
hatches, words, ticks and time range from here: the screen and the paper show the same chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from cockpit.charts import palette
from cockpit.charts.plot_marks import LegendKey, Swatch, TimeTicks, ValueTick, time_ticks, value_ticks
from cockpit.domain.moments import zone_of
from cockpit.domain.support import Severity, Ticket
from cockpit.i18n import tr

# P1 at the bottom of the stack, where the eye starts; the hatching tells P1 from P2 without colour.
SEVERITY_COLOURS = {
    Severity.P1: palette.VERMILLION,
    Severity.P2: palette.ORANGE,
    Severity.P3: palette.SKY,
    Severity.P4: palette.LIGHT_GREY,
}
SEVERITY_HATCHES = {Severity.P1: "///", Severity.P2: "...", Severity.P3: "", Severity.P4: ""}
P1_EDGE = palette.INK
BAND_EDGE = "#444444"
BAND_EDGE_WIDTH = 0.6
TOTAL_WIDTH = 1.6
HEADROOM = 1.15  # above the peak, so the "All open" line never runs along the frame
Y_TICKS = 6  # at most this many intervals: the same ticks on a wall screen, a narrow pane and paper
X_TICKS = 8


@dataclass(frozen=True, slots=True)
class OpenSeries:
    """Open-ticket counts per severity; ``counts[s][i]`` holds from ``times[i]`` until ``times[i + 1]``."""

    times: tuple[datetime, ...]
    counts: dict[Severity, tuple[int, ...]]


def open_ticket_series(tickets: Sequence[Ticket], *, start: datetime, end: datetime) -> OpenSeries:
    """Exact step counts: one point at the window's start, at every opening and closing inside it, and at the end.

    One pass over the tickets and one over the moments (a running count per severity), not a search per
    moment: the window works this out on its UI thread, for 25,000 tickets too.
    """
    initial = dict.fromkeys(Severity, 0)  # open at the window's start: what happened up to it
    changes: dict[Severity, dict[datetime, int]] = {s: {} for s in Severity}
    for ticket in tickets:
        closed_at = _closed_at(ticket)
        if ticket.opened_at > end or (closed_at is not None and closed_at <= start):
            continue
        for moment, step in ((ticket.opened_at, 1), (closed_at, -1)):
            if moment is None:
                continue
            if moment <= start:
                initial[ticket.severity] += step
            elif moment <= end:  # a closing after the window's end is not seen in it
                at = changes[ticket.severity]
                at[moment] = at.get(moment, 0) + step
    times = tuple(sorted({start, end}.union(*(at.keys() for at in changes.values()))))
    counts: dict[Severity, tuple[int, ...]] = {}
    for severity, at in changes.items():
        running, column = initial[severity], []
        for moment in times:
            running += at.get(moment, 0)
            column.append(running)
        counts[severity] = tuple(column)
    return OpenSeries(times=times, counts=counts)


def _closed_at(ticket: Ticket) -> datetime | None:
    """When the ticket stopped being open; None while it is open.

    A reopened ticket is open now whatever its old resolution time says. A ticket closed without a
    resolution time counts as closed at its last update, the best moment the file knows.
    """
    if ticket.is_open:
        return None
    return ticket.resolved_at or ticket.updated_at or ticket.opened_at


@dataclass(frozen=True, slots=True)
class Band:
    """One severity's layer of the stack: from ``below[i]`` up to ``above[i]`` from ``times[i]`` on."""

    severity: Severity
    label: str
    below: tuple[int, ...]
    above: tuple[int, ...]
    fill: str
    edge: str
    hatch: str


@dataclass(frozen=True, slots=True)
class OpenTicketsMarks:
    """Everything on the chart; ``empty_message`` set means there is nothing to draw but the title and it."""

    title: str
    empty_message: str = ""
    facts: tuple[str, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    times: tuple[datetime, ...] = ()
    bands: tuple[Band, ...] = ()  # P1 first: the bottom of the stack
    total: tuple[int, ...] = ()
    total_label: str = ""
    y_top: float = 1.0
    y_ticks: tuple[ValueTick, ...] = ()
    x_ticks: TimeTicks = TimeTicks((), "")
    y_title: str = ""
    x_title: str = ""
    legend: tuple[LegendKey, ...] = ()  # newest on top: "All open", then P4 … P1, as the stack reads

    @property
    def texts(self) -> tuple[str, ...]:
        """The words on the chart, as a reader finds them: title, facts, axis titles, legend."""
        if self.empty_message:
            return (self.title, self.empty_message)
        return (self.title, *self.facts, self.y_title, self.x_title, *(key.label for key in self.legend))


def open_tickets_marks(
    tickets: Sequence[Ticket], *, now: datetime, tz: str, hours: int = 72, title: str | None = None
) -> OpenTicketsMarks:
    """Stacked steps of open tickets per severity over the last ``hours``, times in the launch's zone."""
    title = title or tr("Open tickets over time")
    if not tickets:
        return OpenTicketsMarks(title=title, empty_message=tr("No tickets yet"))
    start = now - timedelta(hours=hours)
    series = open_ticket_series(tickets, start=start, end=now)
    current = {s: series.counts[s][-1] for s in Severity}
    bands: list[Band] = []
    below = (0,) * len(series.times)
    for severity in Severity:
        above = tuple(b + c for b, c in zip(below, series.counts[severity], strict=True))
        bands.append(
            Band(
                severity=severity,
                label=tr("{severity} (open now: {count})", severity=severity.value, count=current[severity]),
                below=below,
                above=above,
                fill=SEVERITY_COLOURS[severity],
                edge=P1_EDGE if severity == Severity.P1 else BAND_EDGE,
                hatch=SEVERITY_HATCHES[severity],
            )
        )
        below = above
    total_label = tr("All open")
    peak = max(below)
    y_top = max(peak * HEADROOM, 1)
    legend = (
        LegendKey(total_label, Swatch("line", colour=palette.INK, width=TOTAL_WIDTH)),
        *(
            LegendKey(band.label, Swatch("patch", fill=band.fill, edge=band.edge, hatch=band.hatch))
            for band in reversed(bands)
        ),
    )
    return OpenTicketsMarks(
        title=title,
        facts=(
            tr("Open now: {total}", total=sum(current.values())),
            tr("Peak in the last {hours} h: {peak}", hours=hours, peak=peak),
        ),
        start=start,
        end=now,
        times=series.times,
        bands=tuple(bands),
        total=below,
        total_label=total_label,
        y_top=y_top,
        y_ticks=value_ticks(0, y_top, max_count=Y_TICKS, integer=True),
        x_ticks=time_ticks(start, now, zone_of(tz), max_count=X_TICKS),
        y_title=tr("Tickets open"),  # short: a y axis is only as long as the chart is high
        x_title=tr("Time ({zone})", zone=tz),
        legend=legend,
    )
