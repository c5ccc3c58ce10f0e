"""Hypercare KPI trends: one small plot per KPI, its values over time against its target line.

The window's Hypercare pane and the report's KPI section draw this same function, so paper shows what the
screen shows. A value that misses the target is drawn as a vermillion cross, not only in colour, so a
black-and-white print still tells a breach from a met value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from cockpit.charts import style
from cockpit.domain.kpis import Kpi, KpiValue, is_met, summarize_kpis, target_text, values_by_kpi
from cockpit.domain.moments import zone_of
from cockpit.i18n import tr

COLUMNS = 2  # plots side by side: five KPIs fit a wall screen and half an A4 page


def kpi_trends(
    kpis: Sequence[Kpi], values: Sequence[KpiValue], *, tz: str, title: str | None = None
) -> Figure:
    """Each KPI's values over time (times in the launch's zone), its target dashed, breaches crossed."""
    title = title or tr("KPI trends")
    if not kpis:
        return style.empty_figure(message=tr("No KPIs yet"), title=title)
    if not values:
        return style.empty_figure(message=tr("No KPI values yet"), title=title)
    zone = zone_of(tz)
    by_kpi = values_by_kpi(values)
    rows = math.ceil(len(kpis) / COLUMNS)
    summary = summarize_kpis(kpis, values)
    with style.chart_context():
        figure = style.new_figure(size=(style.DEFAULT_SIZE[0], max(3.2, 2.3 * rows + 1.0)))
        grid = figure.subplots(rows, COLUMNS, squeeze=False)
        span = _time_span(values)
        for index, axes in enumerate(grid.flat):
            if index >= len(kpis):
                axes.set_axis_off()
                continue
            _draw_kpi(axes, kpis[index], by_kpi.get(kpis[index].id, ()), zone)
            axes.set_xlim(*span)
        figure.suptitle(title, x=0.01, ha="left", fontsize=style.TITLE_SIZE, color=style.INK)
        figure.text(
            0.99,
            0.995,
            summary.text,
            ha="right",
            va="top",
            fontsize=style.LABEL_SIZE,
            color=style.VERMILLION if summary.breached else style.MUTED_INK,
        )
        return style.finish(figure)


def _time_span(values: Sequence[KpiValue]) -> tuple[datetime, datetime]:
    """One time axis for every plot (the hypercare period so far), so the plots line up; a lone value
    gets a day around it."""
    first, last = min(v.at for v in values), max(v.at for v in values)
    pad = (last - first) * 0.03 or timedelta(hours=12)
    return first - pad, last + pad


def _draw_kpi(axes: Axes, kpi: Kpi, values: Sequence[KpiValue], zone: tzinfo) -> None:
    axes.set_title(f"{kpi.name}  {target_text(kpi)}", loc="left", fontsize=style.LABEL_SIZE, color=style.INK)
    axes.axhline(kpi.target, color=style.MUTED_INK, linestyle="--", linewidth=1.2, label=tr("Target"))
    if not values:
        axes.text(
            0.5,
            0.75,
            tr("No values yet"),
            transform=axes.transAxes,
            ha="center",
            va="center",
            color=style.MUTED_INK,
            fontsize=style.NOTE_SIZE,
        )
        axes.set_yticks([kpi.target])
        style.date_axis(axes.xaxis, tz=zone)
        return
    times = [v.at for v in values]
    figures = [v.value for v in values]
    axes.plot(times, figures, color=style.BLUE, linewidth=1.6, marker="o", markersize=3)  # type: ignore[arg-type]  # matplotlib's stubs take numbers only; its date units take datetimes
    missed = [v for v in values if not is_met(kpi, v.value)]
    if missed:
        axes.scatter(
            [v.at for v in missed],  # type: ignore[arg-type]  # matplotlib's stubs take numbers only; its date units take datetimes
            [v.value for v in missed],
            marker="x",
            s=60,
            linewidths=2.2,
            color=style.VERMILLION,
            zorder=3,
            label=tr("Breached"),
        )
    low, high = min([*figures, kpi.target]), max([*figures, kpi.target])
    margin = (high - low) * 0.15 or abs(kpi.target) * 0.05 or 1.0
    axes.set_ylim(low - margin, high + margin)
    axes.grid(axis="y")
    if kpi.unit:
        axes.set_ylabel(kpi.unit)
    style.date_axis(axes.xaxis, tz=zone)
