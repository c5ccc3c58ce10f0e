"""Hypercare KPI trends: one small plot per KPI, its values over time against its target line.

The report's KPI section draws this function; the window's Hypercare pane paints the same marks natively
(``charts.kpi_marks``), so paper shows what the screen shows. A value that misses the target is drawn as a
vermillion cross, not only in colour, so a black-and-white print still tells a breach from a met value.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from cockpit.charts import style
from cockpit.charts.kpi_marks import (
    BREACH_COLOUR,
    BREACH_WIDTH,
    COLUMNS,
    LINE_COLOUR,
    LINE_WIDTH,
    POINT_SIZE,
    TARGET_COLOUR,
    TARGET_DASHES,
    TARGET_WIDTH,
    KpiPanel,
    KpiTrendsMarks,
    kpi_trend_marks,
)
from cockpit.domain.kpis import Kpi, KpiValue
from cockpit.i18n import tr


def kpi_trends(
    kpis: Sequence[Kpi], values: Sequence[KpiValue], *, tz: str, title: str | None = None
) -> Figure:
    """Each KPI's values over time (times in the launch's zone), its target dashed, breaches crossed."""
    marks = kpi_trend_marks(kpis, values, tz=tz, title=title)
    if marks.empty_message:
        return style.empty_figure(message=marks.empty_message, title=marks.title)
    assert marks.start is not None and marks.end is not None
    with style.chart_context():
        figure = style.new_figure(size=(style.DEFAULT_SIZE[0], max(3.2, 2.3 * marks.rows + 1.0)))
        grid = figure.subplots(marks.rows, COLUMNS, squeeze=False)
        for index, axes in enumerate(grid.flat):
            if index >= len(marks.panels):
                axes.set_axis_off()
                continue
            _draw_panel(axes, marks.panels[index], marks)
        figure.suptitle(marks.title, x=0.01, ha="left", fontsize=style.TITLE_SIZE, color=style.INK)
        figure.text(
            0.99,
            0.995,
            marks.summary,
            ha="right",
            va="top",
            fontsize=style.LABEL_SIZE,
            color=style.VERMILLION if marks.summary_breached else style.MUTED_INK,
        )
        return style.finish(figure)


def _draw_panel(axes: Axes, panel: KpiPanel, marks: KpiTrendsMarks) -> None:
    axes.set_title(panel.title, loc="left", fontsize=style.LABEL_SIZE, color=style.INK)
    axes.axhline(
        panel.target,
        color=TARGET_COLOUR,
        linestyle=(0, TARGET_DASHES),
        linewidth=TARGET_WIDTH,
        label=tr("Target"),
    )
    if panel.empty_message:
        axes.text(
            0.5,
            0.75,
            panel.empty_message,
            transform=axes.transAxes,
            ha="center",
            va="center",
            color=style.MUTED_INK,
            fontsize=style.NOTE_SIZE,
        )
    else:
        times = [at for at, _ in panel.points]
        figures = [value for _, value in panel.points]
        axes.plot(times, figures, color=LINE_COLOUR, linewidth=LINE_WIDTH, marker="o", markersize=POINT_SIZE)  # type: ignore[arg-type]  # matplotlib's stubs take numbers only; its date units take datetimes
        if panel.breached:
            axes.scatter(
                [at for at, _ in panel.breached],  # type: ignore[arg-type]  # matplotlib's stubs take numbers only; its date units take datetimes
                [value for _, value in panel.breached],
                marker="x",
                s=60,
                linewidths=BREACH_WIDTH,
                color=BREACH_COLOUR,
                zorder=3,
                label=tr("Breached"),
            )
        axes.grid(axis="y")
        if panel.y_title:
            axes.set_ylabel(panel.y_title)
    axes.set_xlim(marks.start, marks.end)  # type: ignore[arg-type]  # matplotlib's stubs take numbers only; its date units take datetimes
    axes.set_ylim(panel.y_low, panel.y_high)
    style.set_value_ticks(axes.yaxis, panel.y_ticks)
    style.set_time_ticks(axes.xaxis, marks.x_ticks)
