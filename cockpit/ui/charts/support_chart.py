"""The Support pane's "Open tickets over time", painted natively from ``charts.support_marks``.

The report draws the same marks with matplotlib (``charts.support``); painting them here keeps matplotlib
and its process out of the window (docs/architecture.md, "Charts on screen").
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPolygonF

from cockpit.charts import palette
from cockpit.charts.support_marks import BAND_EDGE_WIDTH, TOTAL_WIDTH, Band, OpenTicketsMarks
from cockpit.ui.charts.plot_paint import (
    PAD,
    ChartFonts,
    PaintedChart,
    TimeScale,
    ValueScale,
    fill_path,
    legend_size,
    paint_axes,
    paint_legend,
    paint_title_block,
    pen,
    placed_times,
    placed_values,
    plot_area,
    title_block_height,
)


class OpenTicketsChart(PaintedChart):
    """Open tickets per severity over the last hours, stacked; ``show_marks`` shows a new state at once."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("openTicketsChart")
        self.marks: OpenTicketsMarks | None = None
        self.plot = QRectF()  # where the last paint put the plot (tests look inside it)
        self._outlines: tuple[tuple | None, tuple[list, QPainterPath]] = (None, ([], QPainterPath()))

    @property
    def texts(self) -> tuple[str, ...]:
        return self.marks.texts if self.marks is not None else ()

    def show_marks(self, marks: OpenTicketsMarks) -> None:
        self.marks = marks
        self.title, self.empty_message = marks.title, marks.empty_message
        self.shown()

    def paint_chart(self, painter: QPainter, outer: QRectF, fonts: ChartFonts) -> None:
        marks = self.marks
        if marks is None or marks.start is None or marks.end is None:
            return
        legend = legend_size(fonts, marks.legend)
        heading = title_block_height(fonts, title=marks.title, facts=[" · ".join(marks.facts)])
        plot = plot_area(
            outer.adjusted(0, heading + PAD / 2, 0, 0),
            fonts,
            y_labels=[tick.label for tick in marks.y_ticks],
            y_title=marks.y_title,
            x_labels=[tick.label for tick in marks.x_ticks.ticks],
            x_offset=bool(marks.x_ticks.offset),
            x_title=marks.x_title,
            right=legend.width() + PAD,
        )
        self.plot = plot
        paint_title_block(
            painter, outer, fonts, title=marks.title, facts=[" · ".join(marks.facts)], facts_left=plot.left()
        )
        x = TimeScale(marks.start, marks.end, plot.left(), plot.right())
        y = ValueScale(0, marks.y_top, plot.bottom(), plot.top())
        paint_axes(
            painter,
            plot,
            fonts,
            x_ticks=placed_times(marks.x_ticks.ticks, x),
            y_ticks=placed_values(marks.y_ticks, y),
            x_offset=marks.x_ticks.offset,
            x_title=marks.x_title,
            y_title=marks.y_title,
            outer_left=outer.left(),
        )
        key = (id(marks), plot.left(), plot.right(), plot.top(), plot.bottom())
        if self._outlines[0] != key:  # worked out again for new marks or a new size, not for every repaint
            self._outlines = (key, self._work_out_outlines(marks, x, y))
        bands, total = self._outlines[1]
        painter.save()
        painter.setClipRect(plot.adjusted(0, -2, 2, 0))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for band, path in bands:
            fill_path(painter, path, fill=band.fill, edge=band.edge, hatch=band.hatch, width=BAND_EDGE_WIDTH)
        painter.strokePath(total, pen(palette.INK, TOTAL_WIDTH))
        painter.restore()
        paint_legend(painter, QPointF(plot.right() + PAD, plot.top()), fonts, marks.legend)

    @staticmethod
    def _work_out_outlines(
        marks: OpenTicketsMarks, x: TimeScale, y: ValueScale
    ) -> tuple[list[tuple[Band, QPainterPath]], QPainterPath]:
        # The scale's arithmetic inlined: this runs for every step, 18,000 of them at five times the large demo.
        low, left = x.low.timestamp(), x.start
        per_second = (x.end - x.start) / ((x.high.timestamp() - low) or 1.0)
        xs = [left + (moment.timestamp() - low) * per_second for moment in marks.times]
        outlines: dict[tuple[int, ...], list[QPointF]] = {}  # a layer's top is the next one's bottom

        def outline(levels: tuple[int, ...]) -> list[QPointF]:
            if levels not in outlines:
                outlines[levels] = step_outline(xs, levels, y)
            return outlines[levels]

        bands = []
        for band in marks.bands:
            if not any(band.above):
                continue  # an empty layer would only draw its edge along the one below
            path = QPainterPath()
            path.addPolygon(QPolygonF(outline(band.above)))
            for point in reversed(outline(band.below)):
                path.lineTo(point)
            path.closeSubpath()
            bands.append((band, path))
        total = QPainterPath()
        total.addPolygon(QPolygonF(outline(marks.total)))
        return bands, total


def step_outline(xs: Sequence[float], levels: Sequence[int], y: ValueScale) -> list[QPointF]:
    """A post step line (each level holds from its moment to the next, matplotlib's ``where="post"``) in pixels.

    Thousands of tickets make thousands of steps, most of them inside one pixel column of a pane: each
    column keeps one vertical run (where it enters, its lowest and highest level, where it leaves), which
    draws the same pixels with a few points instead of every step. Written for speed: it runs on the UI
    thread over every step.
    """
    if not levels:
        return []
    runs: list[tuple[float, int, int, int, int]] = []  # per column: x, entering, lowest, highest, leaving
    previous = levels[0]
    column, entering, lowest, highest = None, previous, previous, previous
    for left, level in zip(islice(xs, 1, None), islice(levels, 1, None), strict=True):
        if level == previous:
            continue
        here = round(left)
        if here == column:
            if level < lowest:
                lowest = level
            elif level > highest:
                highest = level
        else:
            if column is not None:
                runs.append((column, entering, lowest, highest, previous))
            column, entering = here, previous
            lowest, highest = (previous, level) if previous < level else (level, previous)
        previous = level
    if column is not None:
        runs.append((column, entering, lowest, highest, previous))
    per_level = (y.end - y.start) / ((y.high - y.low) or 1.0)  # the scale's arithmetic, inlined
    base = y.start - y.low * per_level
    points = [QPointF(xs[0], base + levels[0] * per_level)]
    for x, *passed in runs:
        for level in dict.fromkeys(passed):
            points.append(QPointF(x, base + level * per_level))
    points.append(QPointF(xs[-1], base + previous * per_level))
    return points
