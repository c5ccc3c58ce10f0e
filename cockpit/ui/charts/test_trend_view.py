"""The Tests pane's pass-rate chart, painted natively on the UI thread (the report draws it with matplotlib).

Both drawings take the bars, rates, marks, ticks and words from ``charts.test_trend_marks``, so the screen
and the paper show the same chart; painting it costs milliseconds and needs no chart process
(docs/architecture.md, "The Tests pane's chart on screen"). The axes, titles and legend are the chart kit's
(``plot_paint``); the run axis and the count axis on the right are ``test_trend_paint``'s.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath
from PySide6.QtWidgets import QWidget

from cockpit.charts import palette
from cockpit.charts.test_trend_marks import (
    BAR_WIDTH,
    BELOW_SWATCH,
    RATE_LIMIT,
    RATE_SWATCH,
    THRESHOLD_SWATCH,
    TURNED_DEGREES,
    TrendMarks,
)
from cockpit.ui.charts.plot_paint import (
    PAD,
    ChartFonts,
    PaintedChart,
    ValueScale,
    fill_path,
    legend_size,
    line_height,
    paint_axes,
    paint_legend,
    paint_marker,
    paint_title_block,
    pen,
    placed_values,
    plot_area,
    text_width,
    wrap_facts,
)
from cockpit.ui.charts.test_trend_paint import (
    category_axis_height,
    category_axis_overhang,
    paint_category_axis,
    paint_right_axis,
    right_axis_width,
)

LEGEND_BESIDE_SHARE = 0.3  # the legend sits beside the plot while it takes no more of the chart's width
_BAR_ALPHA = "D9"  # matplotlib's alpha 0.85, as the #AARRGGBB a QColor reads


@dataclass(frozen=True, slots=True)
class TrendGeometry:
    """Where the plot sits in the widget and where a run, a rate and a count land on it, in pixels."""

    plot: QRectF
    runs: ValueScale  # a run's position (0 for the oldest) across
    rates: ValueScale  # a percent up, on the left axis
    counts: ValueScale  # a number of cases up, on the right axis


class TestTrendChart(PaintedChart):
    """Shows a level's runs: stacked outcome counts (right axis), the pass-rate line (left axis), the
    threshold, the runs under it marked ``×``, and the title, facts and legend around them."""

    __test__ = False  # not a pytest class

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marks: TrendMarks | None = None
        self.geometry_painted: TrendGeometry | None = None  # as last painted: where a user finds a run

    @property
    def texts(self) -> tuple[str, ...]:
        """The words on the chart (title, facts, axis titles, run labels, legend), as a reader would find them."""
        marks = self.marks
        if marks is None or not marks.runs:
            return super().texts
        return (
            marks.title,
            *marks.facts,
            marks.rate_axis_label,
            marks.count_axis_label,
            marks.run_axis_label,
            *(label for _, label in marks.ticks),
            *((marks.last_rate[2],) if marks.last_rate else ()),
            *(key.label for key in marks.legend),
        )

    def show_trend(self, marks: TrendMarks) -> None:
        self.marks = marks
        self.title, self.empty_message = marks.title, marks.empty_message
        self.shown()

    # -- painting -------------------------------------------------------------------------------------------------

    def paint_chart(self, painter: QPainter, outer: QRectF, fonts: ChartFonts) -> None:
        marks = self.marks
        if marks is None:
            return
        legend = legend_size(fonts, marks.legend)
        beside = legend.width() <= outer.width() * LEGEND_BESIDE_SHARE
        # A narrow chart keeps its plot wide: the legend goes in rows under the title instead of beside it.
        left_of_legend = outer.adjusted(0, 0, -(legend.width() + PAD) if beside else 0, 0)
        facts = wrap_facts(fonts, marks.facts, left_of_legend.width() - 3 * PAD)
        top = paint_title_block(
            painter, left_of_legend, fonts, title=marks.title, facts=facts, facts_left=outer.left() + 3 * PAD
        )
        if beside:
            paint_legend(painter, QPointF(outer.right() - legend.width(), outer.top()), fonts, marks.legend)
        else:
            columns = max(int(outer.width() // legend.width()), 1)
            top += paint_legend(
                painter, QPointF(outer.left(), outer.top() + top), fonts, marks.legend, columns=columns
            ).height()
        geometry = self.geometry_painted = self.geometry_for(
            marks, left_of_legend.adjusted(0, top + PAD, 0, 0), fonts
        )
        plot = geometry.plot
        paint_axes(
            painter,
            plot,
            fonts,
            y_ticks=placed_values(marks.rate_ticks, geometry.rates),
            y_title=marks.rate_axis_label,
            outer_left=outer.left(),
        )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.save()
        painter.setClipRect(plot.adjusted(-12, -12, 12, 0))  # points and marks at the edge show whole
        self._paint_bars(painter, marks, geometry)
        self._paint_rates(painter, marks, geometry)
        if marks.threshold is not None:
            painter.setPen(pen(THRESHOLD_SWATCH.colour, THRESHOLD_SWATCH.width, THRESHOLD_SWATCH.dashes))
            y = geometry.rates(marks.threshold)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        self._paint_below_marks(painter, marks, geometry)
        painter.restore()
        self._paint_last_rate(painter, marks, geometry, fonts)
        paint_right_axis(
            painter,
            plot,
            fonts,
            placed_values(marks.count_ticks, geometry.counts),
            title=marks.count_axis_label,
        )
        ticks = [(geometry.runs(position), label) for position, label in marks.ticks]
        degrees = TURNED_DEGREES if marks.turned else 0
        paint_category_axis(painter, plot, fonts, ticks, degrees=degrees, title=marks.run_axis_label)

    @staticmethod
    def geometry_for(marks: TrendMarks, outer: QRectF, fonts: ChartFonts) -> TrendGeometry:
        """The plot inside ``outer``: room left for the rate axis, right for the count axis, below for the runs."""
        degrees = TURNED_DEGREES if marks.turned else 0
        labels = [label for _, label in marks.ticks]
        right = right_axis_width(
            fonts, [tick.label for tick in marks.count_ticks], title=marks.count_axis_label
        )
        below = category_axis_height(fonts, labels, degrees=degrees, title=marks.run_axis_label)
        plot = plot_area(
            outer.adjusted(0, 0, 0, -below),
            fonts,
            y_labels=[tick.label for tick in marks.rate_ticks],
            y_title=marks.rate_axis_label,
            right=right,
        )
        runs = ValueScale(*marks.run_limits, plot.left(), plot.right())
        # The first run's turned name must not run off the chart's left edge.
        first = (runs(marks.ticks[0][0]) - outer.left(), marks.ticks[0][1]) if marks.ticks else None
        overhang = category_axis_overhang(fonts, first, degrees=degrees)
        if overhang:
            plot.setLeft(min(plot.left() + overhang, plot.right() - 1))
            runs = ValueScale(*marks.run_limits, plot.left(), plot.right())
        return TrendGeometry(
            plot=plot,
            runs=runs,
            rates=ValueScale(0, RATE_LIMIT, plot.bottom(), plot.top()),
            counts=ValueScale(0, marks.count_limit, plot.bottom(), plot.top()),
        )

    @staticmethod
    def _paint_bars(painter: QPainter, marks: TrendMarks, geometry: TrendGeometry) -> None:
        half = (geometry.runs(1) - geometry.runs(0)) * BAR_WIDTH / 2
        counts = geometry.counts
        for run in marks.runs:
            x = geometry.runs(run.position)
            for outcome, bottom, height in run.segments():
                if height:
                    path = QPainterPath()
                    path.addRect(
                        QRectF(QPointF(x - half, counts(bottom + height)), QPointF(x + half, counts(bottom)))
                    )
                    swatch = outcome.swatch
                    fill = f"#{_BAR_ALPHA}{swatch.fill.lstrip('#')}"
                    fill_path(
                        painter, path, fill=fill, edge=swatch.edge, hatch=swatch.hatch, width=swatch.width
                    )

    @staticmethod
    def _paint_rates(painter: QPainter, marks: TrendMarks, geometry: TrendGeometry) -> None:
        """The pass-rate line, broken where a run executed nothing (a gap, never a zero), with its points."""
        points = [
            None if run.rate is None else QPointF(geometry.runs(run.position), geometry.rates(run.rate))
            for run in marks.runs
        ]
        line = pen(RATE_SWATCH.colour, RATE_SWATCH.width)
        line.setCapStyle(Qt.PenCapStyle.RoundCap)
        line.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(line)
        for start, end in zip(points, points[1:], strict=False):
            if start is not None and end is not None:
                painter.drawLine(start, end)
        size = 5.0 if marks.many else 10.0
        for point in points:
            if point is not None:
                paint_marker(painter, point, RATE_SWATCH.marker, size, RATE_SWATCH.colour)

    @staticmethod
    def _paint_below_marks(painter: QPainter, marks: TrendMarks, geometry: TrendGeometry) -> None:
        """A bold ``×`` on every run under the threshold, outlined in the background colour as on paper."""
        half = 4.0 if marks.many else 7.0
        for run in marks.runs:
            if run.below and run.rate is not None:
                centre = QPointF(geometry.runs(run.position), geometry.rates(run.rate))
                cross = QPainterPath()
                for dx in (-half, half):
                    cross.moveTo(centre.x() - dx, centre.y() - half)
                    cross.lineTo(centre.x() + dx, centre.y() + half)
                painter.strokePath(cross, pen(palette.BACKGROUND, half * 0.9))
                painter.strokePath(cross, pen(BELOW_SWATCH.colour, half * 0.55))

    @staticmethod
    def _paint_last_rate(
        painter: QPainter, marks: TrendMarks, geometry: TrendGeometry, fonts: ChartFonts
    ) -> None:
        """The newest rate's number, left of and above its point (which sits against the count axis), on the
        background colour so it stays legible where it crosses the threshold line."""
        if marks.last_rate is None:
            return
        position, rate, text = marks.last_rate
        width, height = text_width(fonts.label, text), line_height(fonts.label)
        right, bottom = geometry.runs(position) - 8, geometry.rates(rate) - 6
        box = QRectF(right - width, bottom - height, width, height)
        painter.fillRect(box.adjusted(-2, 0, 2, 0), QColor(palette.BACKGROUND))
        painter.setFont(fonts.label)
        painter.setPen(QColor(RATE_SWATCH.colour))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
