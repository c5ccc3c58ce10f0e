"""KPI trends: one plot per KPI against its dashed target, breaches crossed, and the count the tile says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from matplotlib.collections import PathCollection
from matplotlib.lines import Line2D

from cockpit.charts.kpis import kpi_trends
from cockpit.domain.kpis import Direction, Kpi, KpiValue

from .conftest import all_text

START = datetime(2026, 12, 2, 0, 0, tzinfo=UTC)
KPIS = (
    Kpi(1, "Uptime", "%", 99.9, Direction.AT_LEAST),
    Kpi(2, "Response time (p95)", "ms", 800, Direction.AT_MOST),
    Kpi(3, "Open incidents", "", 3, Direction.AT_MOST),
)
VALUES = (
    KpiValue(1, 1, START, 99.95),
    KpiValue(2, 1, START + timedelta(hours=1), 99.5),  # breached
    KpiValue(3, 1, START + timedelta(hours=2), 99.99),
    KpiValue(4, 2, START, 650),
    KpiValue(5, 2, START + timedelta(hours=2), 900),  # breached, and the latest
)


def test_each_kpi_has_its_plot_target_line_and_crossed_breaches(render) -> None:
    figure = kpi_trends(KPIS, VALUES, tz="Asia/Tokyo")
    render(figure, "kpi-trends")
    plots = [axes for axes in figure.axes if axes.get_visible() and axes.axison]
    assert [axes.get_title(loc="left") for axes in plots] == [
        "Uptime  ≥ 99.9 %",
        "Response time (p95)  ≤ 800 ms",
        "Open incidents  ≤ 3",
    ]
    targets = [
        [line.get_ydata()[0] for line in axes.get_lines() if line.get_linestyle() == "--"] for axes in plots
    ]
    assert targets == [[99.9], [800], [3]]
    crosses = [
        [
            tuple(offset)
            for c in axes.collections
            if isinstance(c, PathCollection)
            for offset in c.get_offsets()
        ]
        for axes in plots
    ]
    assert [[y for _, y in found] for found in crosses] == [[99.5], [900.0], []]
    drawn = [line for line in plots[0].get_lines() if isinstance(line, Line2D) and line.get_marker() == "o"]
    assert list(drawn[0].get_ydata()) == [99.95, 99.5, 99.99]
    words = all_text(figure)
    assert "KPIs: 1 of 3 breached" in words  # the latest of each: only the response time misses now
    assert "No values yet" in words  # open incidents has none


def test_without_kpis_or_values_the_chart_says_so(render) -> None:
    assert "No KPIs yet" in all_text(kpi_trends((), (), tz="UTC"))
    render(kpi_trends(KPIS, (), tz="UTC"), "no-values")
    assert "No KPI values yet" in all_text(kpi_trends(KPIS, (), tz="UTC"))
