"""The Support pane's "Open tickets over time", painted natively from ``charts.support_marks``.

The report draws the same marks with matplotlib (``charts.support``); painting them here keeps matplotlib
and its process out of the window (docs/architecture.md, "Charts on screen").

Thousands of tickets make thousands of steps. :func:`open_tickets_drawing` turns the marks into outlines
once, in chart units (``COLUMNS`` columns across the time range, a ticket count up), on any thread: the pane
does it on its chart worker for a large launch. A paint only maps them onto the plot's pixels (in C++).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPolygonF, QTransform

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

# Columns across the time range: more than a wall screen's pixels, so a column never shows as a step.
COLUMNS = 2048


@dataclass(frozen=True)
class OpenTicketsDrawing:
    """The marks and their outlines in chart units: x in columns from the range's start, y in tickets."""

    marks: OpenTicketsMarks
    bands: tuple[tuple[Band, QPainterPath], ...] = ()
    total: QPainterPath | None = None


def open_tickets_drawing(marks: OpenTicketsMarks) -> OpenTicketsDrawing:
    """The outlines of the stacked layers and of "All open" (Qt's painter paths, made on any thread)."""
    if marks.empty_message or marks.start is None or marks.end is None:
        return OpenTicketsDrawing(marks)
    start = marks.start.timestamp()
    per_second = COLUMNS / ((marks.end.timestamp() - start) or 1.0)
    xs = [(moment.timestamp() - start) * per_second for moment in marks.times]
    outlines: dict[tuple[int, ...], list[QPointF]] = {}  # a layer's top is the next one's bottom

    def outline(levels: tuple[int, ...]) -> list[QPointF]:
        if levels not in outlines:
            outlines[levels] = step_outline(xs, levels)
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
    return OpenTicketsDrawing(marks, tuple(bands), total)


def step_outline(xs: Sequence[float], levels: Sequence[int]) -> list[QPointF]:
    """A post step line (each level holds from its x to the next, matplotlib's ``where="post"``).

    Most steps fall inside one column: each column keeps one vertical run (where it enters, its lowest and
    highest level, where it leaves), which draws the same pixels with a few points instead of every step.
    Written for speed: it runs over every step.
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
    points = [QPointF(xs[0], levels[0])]
    for x, *passed in runs:
        for level in dict.fromkeys(passed):
            points.append(QPointF(x, level))
    points.append(QPointF(xs[-1], previous))
    return points


class OpenTicketsChart(PaintedChart):
    """Open tickets per severity over the last hours, stacked; ``show_drawing`` shows a new state at once."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("openTicketsChart")
        self.drawing: OpenTicketsDrawing | None = None
        self.plot = QRectF()  # where the last paint put the plot (tests look inside it)
        self._placed: tuple[tuple | None, list[QPainterPath]] = (None, [])  # the outlines in pixels

    @property
    def marks(self) -> OpenTicketsMarks | None:
        return self.drawing.marks if self.drawing is not None else None

    @property
    def texts(self) -> tuple[str, ...]:
        return self.drawing.marks.texts if self.drawing is not None else ()

    def show_marks(self, marks: OpenTicketsMarks) -> None:
        self.show_drawing(open_tickets_drawing(marks))

    def show_drawing(self, drawing: OpenTicketsDrawing) -> None:
        self.drawing = drawing
        self.title, self.empty_message = drawing.marks.title, drawing.marks.empty_message
        self.shown()

    def paint_chart(self, painter: QPainter, outer: QRectF, fonts: ChartFonts) -> None:
        drawing = self.drawing
        if drawing is None or drawing.total is None:
            return
        marks = drawing.marks
        assert marks.start is not None and marks.end is not None
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
        key = (id(drawing), plot.left(), plot.right(), plot.top(), plot.bottom())
        if self._placed[0] != key:  # mapped again for a new drawing or a new size, not for every repaint
            to_pixels = QTransform(
                plot.width() / COLUMNS, 0, 0, -plot.height() / marks.y_top, plot.left(), plot.bottom()
            )
            paths = [to_pixels.map(path) for _, path in drawing.bands]
            self._placed = (key, [*paths, to_pixels.map(drawing.total)])
        *areas, total = self._placed[1]
        painter.save()
        painter.setClipRect(plot.adjusted(0, -2, 2, 0))
        # Steps are level and upright: crisp without antialiasing, which costs most of a large launch's paint.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for (band, _), path in zip(drawing.bands, areas, strict=True):
            fill_path(painter, path, fill=band.fill, edge=band.edge, hatch=band.hatch, width=BAND_EDGE_WIDTH)
        painter.strokePath(total, pen(palette.INK, TOTAL_WIDTH))
        painter.restore()
        paint_legend(painter, QPointF(plot.right() + PAD, plot.top()), fonts, marks.legend)
