"""Hypercare support load: how many tickets were open at each moment, stacked by severity.

The marks (series, colours, words, ticks) come from ``charts.support_marks``, which the Support pane paints
natively too: this drawing is the report's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from matplotlib.figure import Figure

from cockpit.charts import style
from cockpit.charts.support_marks import (
    BAND_EDGE_WIDTH,
    SEVERITY_COLOURS,
    SEVERITY_HATCHES,
    TOTAL_WIDTH,
    OpenSeries,
    open_ticket_series,
    open_tickets_marks,
)
from cockpit.domain.support import Ticket

__all__ = [
    "SEVERITY_COLOURS",
    "SEVERITY_HATCHES",
    "OpenSeries",
    "open_ticket_series",
    "open_tickets_over_time",
]


def open_tickets_over_time(
    tickets: Sequence[Ticket], *, now: datetime, tz: str, hours: int = 72, title: str | None = None
) -> Figure:
    """Stacked steps of open tickets per severity over the last ``hours``, times in the launch's zone."""
    marks = open_tickets_marks(tickets, now=now, tz=tz, hours=hours, title=title)
    if marks.empty_message:
        return style.empty_figure(message=marks.empty_message, title=marks.title)
    assert marks.start is not None and marks.end is not None

    with style.chart_context():
        figure = style.new_figure()
        axes = figure.add_subplot()
        for band in marks.bands:
            axes.fill_between(
                marks.times,  # type: ignore[arg-type]  # matplotlib's stubs take numbers only; its date units take datetimes
                band.below,
                band.above,
                step="post",
                facecolor=band.fill,
                edgecolor=band.edge,
                hatch=band.hatch,
                linewidth=BAND_EDGE_WIDTH,
                label=band.label,
                gid=f"open-{band.severity.value}",
            )
        axes.step(
            marks.times,  # type: ignore[arg-type]  # matplotlib's stubs take numbers only; its date units take datetimes
            marks.total,
            where="post",
            color=style.INK,
            linewidth=TOTAL_WIDTH,
            label=marks.total_label,
        )
        axes.set_xlim(marks.start, marks.end)  # type: ignore[arg-type]  # matplotlib's stubs take numbers only; its date units take datetimes
        axes.set_ylim(0, marks.y_top)
        style.set_value_ticks(axes.yaxis, marks.y_ticks)
        style.set_time_ticks(axes.xaxis, marks.x_ticks)
        axes.grid(axis="y")
        axes.set_ylabel(marks.y_title)
        axes.set_xlabel(marks.x_title)
        # Newest on top in the legend, matching the stack read from top to bottom (marks.legend's order).
        handles, labels = axes.get_legend_handles_labels()
        axes.legend(handles[::-1], labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0))
        style.set_titles(figure, axes, title=marks.title, facts=marks.facts)
        return style.finish(figure)
