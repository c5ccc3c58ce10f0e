"""A painted chart shown at a size and given its marks, as the panes do, for the chart tests."""

from __future__ import annotations

from typing import TypeVar

from cockpit.ui.charts.plot_paint import PaintedChart

Chart = TypeVar("Chart", bound=PaintedChart)


def shown_with(qtbot, chart: Chart, marks, *, size: tuple[int, int]) -> Chart:
    """``chart`` on screen at ``size`` once it shows ``marks`` and has painted them (its plots placed)."""
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.show()
    qtbot.waitExposed(chart)
    with qtbot.waitSignal(chart.figure_ready):
        chart.show_marks(marks)
    chart.grab()
    return chart
