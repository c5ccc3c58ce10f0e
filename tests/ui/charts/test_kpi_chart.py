"""The Hypercare pane's KPI trends on screen: painted natively, the same small plots as the report's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from PySide6.QtGui import QColor, QImage

from cockpit.charts import palette
from cockpit.charts.kpi_marks import kpi_trend_marks
from cockpit.charts.kpis import kpi_trends
from cockpit.domain.kpis import Direction, Kpi, KpiValue
from cockpit.ui.charts.kpi_chart import KpiTrendsChart
from tests.ui.charts.painting import shown_with

START = datetime(2026, 12, 2, 0, 0, tzinfo=UTC)
TZ = "Asia/Tokyo"
KPIS = (
    Kpi(1, "Uptime", "%", 99.9, Direction.AT_LEAST),
    Kpi(2, "Response time (p95)", "ms", 800, Direction.AT_MOST),
    Kpi(3, "Open incidents", "", 3, Direction.AT_MOST),
)
VALUES = (
    *(KpiValue(i, 1, START + timedelta(hours=6 * i), 99.95 + 0.01 * (i % 3)) for i in range(1, 12)),
    KpiValue(20, 1, START + timedelta(hours=40), 99.5),  # breached
    KpiValue(21, 2, START, 650),
    KpiValue(22, 2, START + timedelta(hours=30), 900),  # breached, and the latest
    KpiValue(23, 2, START + timedelta(hours=60), 700),
)


def painted(qtbot, marks, size=(900, 600)) -> KpiTrendsChart:
    return shown_with(qtbot, KpiTrendsChart(), marks, size=size)


def colours_in(chart: KpiTrendsChart, index: int) -> set[str]:
    image = chart.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    plot = chart.plots[index].toRect().adjusted(1, -6, 6, 0)
    return {
        QColor(image.pixel(x, y)).name()
        for x in range(plot.left(), plot.right())
        for y in range(plot.top(), plot.bottom())
    }


def test_screen_and_paper_show_the_same_plots_ticks_targets_and_crosses(qtbot):
    marks = kpi_trend_marks(KPIS, VALUES, tz=TZ)
    figure = kpi_trends(KPIS, VALUES, tz=TZ)
    FigureCanvasAgg(figure).draw()
    plots = [axes for axes in figure.axes if axes.axison]

    assert [axes.get_title(loc="left") for axes in plots] == [panel.title for panel in marks.panels]
    for axes, panel in zip(plots, marks.panels, strict=True):
        assert [t.get_text() for t in axes.get_yticklabels()] == [t.label for t in panel.y_ticks]
        assert [t.get_text() for t in axes.get_xticklabels()] == [t.label for t in marks.x_ticks.ticks]
        assert axes.xaxis.get_offset_text().get_text() == marks.x_ticks.offset
        assert axes.get_ylim() == (panel.y_low, panel.y_high)
        crosses = [
            tuple(o) for c in axes.collections if isinstance(c, PathCollection) for o in c.get_offsets()
        ]
        assert [y for _, y in crosses] == [value for _, value in panel.breached]
        assert axes.get_ylabel() == ("" if panel.empty_message else panel.y_title)
    assert [len(panel.breached) for panel in marks.panels] == [1, 1, 0]
    assert marks.panels[2].empty_message == "No values yet" and [
        t.label for t in marks.panels[2].y_ticks
    ] == ["3"]

    chart = painted(qtbot, marks)
    shown = chart.texts
    assert shown[:2] == ("KPI trends", "KPIs: 0 of 3 breached")  # the latest of each meets its target
    assert [p.title for p in marks.panels] == [t for t in shown if "  " in t]
    assert "No values yet" in shown
    assert len(chart.plots) == 3
    assert chart.plots[0].left() == chart.plots[2].left()  # a column's plots line up
    uptime = colours_in(chart, 0)
    assert palette.BLUE.lower() in uptime and palette.VERMILLION.lower() in uptime  # the line and its cross
    assert palette.VERMILLION.lower() not in colours_in(chart, 2)  # no values: no cross


def test_without_kpis_or_values_the_screen_says_so_as_paper_does(qtbot):
    assert painted(qtbot, kpi_trend_marks((), (), tz=TZ)).texts == ("KPI trends", "No KPIs yet")
    assert painted(qtbot, kpi_trend_marks(KPIS, (), tz=TZ)).texts == ("KPI trends", "No KPI values yet")
