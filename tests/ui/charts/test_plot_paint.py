"""The chart kit: the ticks the marks work out are the ones paper shows and the ones the window paints."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from matplotlib.figure import Figure
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath

from cockpit.charts import palette, style
from cockpit.charts.plot_marks import LegendKey, Swatch, time_ticks, value_ticks
from cockpit.ui.charts.plot_paint import (
    ChartFonts,
    PaintedChart,
    TimeScale,
    ValueScale,
    fill_path,
    hatch_brush,
    legend_size,
    paint_axes,
    paint_legend,
    paint_title_block,
    placed_times,
    placed_values,
    plot_area,
)

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 12, 7, 8, 50, tzinfo=UTC)
LOW = NOW - timedelta(hours=72)
Y_TICKS = value_ticks(0, 54)
X_TICKS = time_ticks(LOW, NOW, TOKYO)
KEYS = (
    LegendKey("All open", Swatch("line", colour=palette.INK, width=1.6)),
    LegendKey("P1 (open now: 1)", Swatch("patch", fill=palette.VERMILLION, edge=palette.INK, hatch="///")),
)


class Sample(PaintedChart):
    """A chart made only of kit pieces: a title, axes, a hatched band and a legend."""

    def __init__(self) -> None:
        super().__init__()
        self.title = "Open tickets over time"
        self.plot = QRectF()

    def paint_chart(self, painter: QPainter, outer: QRectF, fonts: ChartFonts) -> None:
        top = paint_title_block(painter, outer, fonts, title=self.title, facts=["Open now: 46"])
        legend = legend_size(fonts, KEYS)
        plot = plot_area(
            outer.adjusted(0, top, 0, 0),
            fonts,
            y_labels=[t.label for t in Y_TICKS],
            y_title="Open tickets",
            x_labels=[t.label for t in X_TICKS.ticks],
            x_offset=bool(X_TICKS.offset),
            x_title="Time (Asia/Tokyo)",
            right=legend.width() + 8,
        )
        self.plot = plot
        x = TimeScale(LOW, NOW, plot.left(), plot.right())
        y = ValueScale(0, 54, plot.bottom(), plot.top())
        paint_axes(
            painter,
            plot,
            fonts,
            x_ticks=placed_times(X_TICKS.ticks, x),
            y_ticks=placed_values(Y_TICKS, y),
            x_offset=X_TICKS.offset,
            x_title="Time (Asia/Tokyo)",
            y_title="Open tickets",
        )
        band = QPainterPath()
        band.addRect(QRectF(QPointF(plot.left(), y(20)), QPointF(plot.right(), y(0))))
        fill_path(painter, band, fill=palette.VERMILLION, edge=palette.INK, hatch="///")
        paint_legend(painter, QPointF(plot.right() + 8, plot.top()), fonts, KEYS)


def test_paper_shows_exactly_the_ticks_the_marks_work_out():
    with style.chart_context():
        figure = Figure(figsize=(11, 4), layout="constrained")
        axes = figure.add_subplot()
        axes.plot([LOW, NOW], [0, 50])  # type: ignore[arg-type]
        axes.set_ylim(0, 54)
        axes.set_xlim(LOW, NOW)  # type: ignore[arg-type]
        style.set_value_ticks(axes.yaxis, Y_TICKS)
        style.set_time_ticks(axes.xaxis, X_TICKS)
        figure.draw_without_rendering()
    assert [t.get_text() for t in axes.get_yticklabels()] == [t.label for t in Y_TICKS]
    assert [t.get_text() for t in axes.get_xticklabels()] == [
        "12/05",
        "12:00",
        "12/06",
        "12:00",
        "12/07",
        "12:00",
    ]
    assert axes.xaxis.get_offset_text().get_text() == "2026-12-07"


def test_the_painted_chart_fills_its_band_inside_the_plot_with_its_hatch(qtbot):
    chart = Sample()
    qtbot.addWidget(chart)
    chart.resize(900, 320)
    chart.show()
    qtbot.waitExposed(chart)
    image = chart.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    plot = chart.plot
    assert 40 < plot.left() < 200 and plot.right() < 900 - legend_size(chart.fonts(), KEYS).width()
    assert plot.bottom() < 320 - 40  # room under it for the times, the date line and the axis title
    inside = plot.adjusted(4, 0, -4, -4)
    colours = {
        QColor(image.pixel(int(x), int(inside.bottom()) - dy)).name()
        for x in range(int(inside.left()), int(inside.right()), 7)
        for dy in range(1, 12, 3)
    }
    assert (
        palette.VERMILLION.lower() in colours and palette.INK.lower() in colours
    )  # the band and its hatching


def test_fonts_keep_the_papers_ratios_to_the_widget_font():
    base = QFont()
    base.setPointSizeF(9)
    fonts = ChartFonts.from_widget(base)
    assert fonts.tick.pointSizeF() == 9
    assert fonts.title.pointSizeF() == 9 * palette.TITLE_SIZE / palette.TICK_SIZE


def test_matplotlib_hatches_have_qt_brushes():
    assert hatch_brush("///", "#000000").style() == Qt.BrushStyle.BDiagPattern
    assert hatch_brush("xxx", "#000000").style() == Qt.BrushStyle.DiagCrossPattern
    assert hatch_brush("...", "#000000") is not None
    assert hatch_brush("", "#000000") is None
