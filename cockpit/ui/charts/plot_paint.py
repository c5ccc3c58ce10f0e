"""QPainter pieces for the window's charts: a plot area inside margins, scales, axes, titles and a legend.

The window paints its charts natively instead of asking a matplotlib process for a picture (docs/
architecture.md, "Charts on screen"): the pieces here draw what ``charts.plot_marks`` worked out (ticks,
labels, legend keys) in ``charts.palette``'s colours, with type sizes kept in the paper's ratios to the
widget's own font, so a Japanese window gets its Japanese font and paper and screen show the same chart.

A chart widget derives from :class:`PaintedChart` and paints into the rectangle it is given; a typical paint:
``title_height = paint_title_block(...)``, ``plot = plot_area(...)``, ``paint_axes(...)``, its own marks
through the scales, ``paint_legend(...)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cockpit.charts import palette
from cockpit.charts.plot_marks import LegendKey, TimeTick, ValueTick

# The kit's other halves, re-exported: a chart imports every piece from here.
from cockpit.ui.charts.plot_fonts import ChartFonts as ChartFonts
from cockpit.ui.charts.plot_fonts import fitted as fitted
from cockpit.ui.charts.plot_fonts import line_height as line_height
from cockpit.ui.charts.plot_fonts import text_width as text_width
from cockpit.ui.charts.plot_strokes import fill_path as fill_path
from cockpit.ui.charts.plot_strokes import hatch_brush as hatch_brush
from cockpit.ui.charts.plot_strokes import paint_marker as paint_marker
from cockpit.ui.charts.plot_strokes import paint_markers as paint_markers
from cockpit.ui.charts.plot_strokes import paint_swatch as paint_swatch
from cockpit.ui.charts.plot_strokes import pen as pen

LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT_MIDDLE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter

PAD = 8.0  # pixels between the chart's parts and around it
TICK_LENGTH = 4.0

# -- scales ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ValueScale:
    """A value's pixel along one axis: ``low`` sits at ``start``, ``high`` at ``end`` (for y, start is the bottom)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = (self.high - self.low) or 1.0
        return self.start + (value - self.low) / span * (self.end - self.start)


@dataclass(frozen=True, slots=True)
class TimeScale:
    """A moment's pixel across the plot: ``low`` at ``start``, ``high`` at ``end``."""

    low: datetime
    high: datetime
    start: float
    end: float

    def __call__(self, moment: datetime) -> float:
        span = (self.high - self.low).total_seconds() or 1.0
        return self.start + (moment - self.low).total_seconds() / span * (self.end - self.start)


# -- layout ----------------------------------------------------------------------------------------------------


def title_block_height(fonts: ChartFonts, *, title: str, facts: Sequence[str] = ()) -> float:
    """The room the title and its facts' lines take above the plot."""
    height = line_height(fonts.title) + 2 if title else 0.0
    return height + line_height(fonts.label) * len(facts)


def paint_title_block(
    painter: QPainter,
    rect: QRectF,
    fonts: ChartFonts,
    *,
    title: str,
    facts: Sequence[str] = (),
    facts_left: float | None = None,
    right_text: str = "",
    right_colour: str = palette.MUTED_INK,
) -> float:
    """The title top left, its facts (one line each, muted) under it, ``right_text`` top right; returns its height.

    ``facts_left`` lines the facts up with the plot, as matplotlib places an axes title; the title itself
    starts at the chart's edge.
    """
    y = rect.top()
    if title:
        painter.setFont(fonts.title)
        painter.setPen(QColor(palette.INK))
        height = line_height(fonts.title)
        painter.drawText(QRectF(rect.left(), y, rect.width(), height), LEFT_MIDDLE, title)
        y += height + 2
    if right_text:
        painter.setFont(fonts.label)
        painter.setPen(QColor(right_colour))
        painter.drawText(
            QRectF(rect.left(), rect.top(), rect.width(), line_height(fonts.label)), RIGHT_MIDDLE, right_text
        )
    painter.setFont(fonts.label)
    painter.setPen(QColor(palette.MUTED_INK))
    left = rect.left() if facts_left is None else facts_left
    for fact in facts:
        height = line_height(fonts.label)
        painter.drawText(QRectF(left, y, rect.right() - left, height), LEFT_MIDDLE, fact)
        y += height
    return y - rect.top()


def wrap_facts(fonts: ChartFonts, facts: Sequence[str], width: float) -> list[str]:
    """Facts joined with " · " into lines no wider than ``width`` pixels, broken between facts, never inside one."""
    lines: list[str] = []
    for fact in facts:
        if lines and text_width(fonts.label, f"{lines[-1]} · {fact}") <= width:
            lines[-1] += " · " + fact
        else:
            lines.append(fact)
    return lines


def plot_area(
    outer: QRectF,
    fonts: ChartFonts,
    *,
    y_labels: Sequence[str] = (),
    y_title: str = "",
    x_labels: Sequence[str] = (),
    x_offset: bool = False,
    x_title: str = "",
    right: float = 0.0,
) -> QRectF:
    """The plot inside ``outer``: room on the left for the y tick labels and title, below for the x ones.

    ``right`` keeps that many pixels free on the right (a legend's width); half the widest x label stays
    free too, so the last time's label is never cut off.
    """
    tick_height = line_height(fonts.tick)
    left = outer.left() + TICK_LENGTH + 3
    if y_labels:
        left += max(text_width(fonts.tick, label) for label in y_labels)
    if y_title:
        left += line_height(fonts.label) + 4
    bottom = outer.bottom() - TICK_LENGTH - 2
    if x_labels:
        bottom -= tick_height
    if x_offset:
        bottom -= tick_height
    if x_title:
        bottom -= line_height(fonts.label) + 2
    half_label = max((text_width(fonts.tick, label) for label in x_labels), default=0.0) / 2
    top = outer.top() + tick_height / 2  # the top y label is centred on the top edge
    right_edge = outer.right() - max(right, half_label + 2)
    return QRectF(QPointF(left, top), QPointF(max(right_edge, left + 1), max(bottom, top + 1)))


# -- axes ------------------------------------------------------------------------------------------------------


def paint_axes(
    painter: QPainter,
    plot: QRectF,
    fonts: ChartFonts,
    *,
    x_ticks: Sequence[tuple[float, str]] = (),
    y_ticks: Sequence[tuple[float, str]] = (),
    x_offset: str = "",
    x_title: str = "",
    y_title: str = "",
    grid_y: bool = True,
    grid_x: bool = False,
    outer_left: float | None = None,
) -> None:
    """Grid lines, the left and bottom axis lines, tick marks and labels, and the axis titles (y's turned).

    Ticks are (pixel, label) pairs: x pixels across, y pixels down. Labels that would overlap the one
    before are left out, so a narrow window thins its times instead of smudging them.
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(QPen(QColor(palette.GRID_COLOUR), 1))
    if grid_y:
        for y, _ in y_ticks:
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
    if grid_x:
        for x, _ in x_ticks:
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
    axis_pen = QPen(QColor(palette.AXIS_COLOUR), 1)
    painter.setPen(axis_pen)
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.bottomLeft(), plot.topLeft())
    tick_metrics = QFontMetricsF(fonts.tick)
    tick_height = tick_metrics.height()
    painter.setFont(fonts.tick)
    for y, label in y_ticks:
        painter.setPen(axis_pen)
        painter.drawLine(QPointF(plot.left() - TICK_LENGTH, y), QPointF(plot.left(), y))
        painter.setPen(QColor(palette.INK))
        box = QRectF(plot.left() - TICK_LENGTH - 3 - 400, y - tick_height / 2, 400, tick_height)
        painter.drawText(box, RIGHT_MIDDLE, label)
    label_top = plot.bottom() + TICK_LENGTH + 2
    last_right = float("-inf")
    for x, label in x_ticks:
        painter.setPen(axis_pen)
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + TICK_LENGTH))
        width = tick_metrics.horizontalAdvance(label)
        if x - width / 2 < last_right + 4:
            continue
        last_right = x + width / 2
        painter.setPen(QColor(palette.INK))
        painter.drawText(QRectF(x - width / 2 - 1, label_top, width + 2, tick_height), CENTRE, label)
    below = label_top + (tick_height if x_ticks else 0)
    if x_offset:
        painter.setPen(QColor(palette.INK))
        painter.drawText(QRectF(plot.left(), below, plot.width(), tick_height), RIGHT_MIDDLE, x_offset)
        below += tick_height
    painter.setFont(fonts.label)
    painter.setPen(QColor(palette.INK))
    label_height = line_height(fonts.label)
    if x_title:
        painter.drawText(QRectF(plot.left(), below + 2, plot.width(), label_height), CENTRE, x_title)
    if y_title:
        widest = max((tick_metrics.horizontalAdvance(label) for _, label in y_ticks), default=0.0)
        centre_x = plot.left() - TICK_LENGTH - 3 - widest - 4 - label_height / 2
        if outer_left is not None:
            centre_x = max(centre_x, outer_left + label_height / 2)
        font, text = fitted(fonts.label, y_title, plot.height())
        painter.setFont(font)
        painter.translate(centre_x, plot.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-plot.height() / 2, -label_height / 2, plot.height(), label_height), CENTRE, text
        )
    painter.restore()


def placed_values(ticks: Sequence[ValueTick], scale: ValueScale) -> list[tuple[float, str]]:
    """Value ticks as (pixel, label), the ones outside the scale's range left out."""
    low, high = sorted((scale.low, scale.high))
    slack = (high - low) * 1e-9
    return [(scale(t.value), t.label) for t in ticks if low - slack <= t.value <= high + slack]


def placed_times(ticks: Sequence[TimeTick], scale: TimeScale) -> list[tuple[float, str]]:
    return [(scale(t.at), t.label) for t in ticks if scale.low <= t.at <= scale.high]


def paint_centred_note(painter: QPainter, rect: QRectF, font: QFont, text: str) -> None:
    """A muted line in the middle of ``rect``: an empty chart's or an empty plot's message."""
    painter.setFont(font)
    painter.setPen(QColor(palette.MUTED_INK))
    painter.drawText(rect, CENTRE | Qt.TextFlag.TextWordWrap, text)


# -- the legend --------------------------------------------------------------------------------------------


SWATCH_WIDTH = 28.0


def legend_size(fonts: ChartFonts, keys: Sequence[LegendKey], *, columns: int = 1) -> QSizeF:
    """How much room ``keys`` take laid out in ``columns`` (filled row by row)."""
    if not keys:
        return QSizeF(0, 0)
    columns = max(min(columns, len(keys)), 1)
    row = line_height(fonts.legend) + 6
    column = max(text_width(fonts.legend, key.label) for key in keys) + SWATCH_WIDTH + 8 + 12
    return QSizeF(column * columns, row * -(-len(keys) // columns))


def paint_legend(
    painter: QPainter, top_left: QPointF, fonts: ChartFonts, keys: Sequence[LegendKey], *, columns: int = 1
) -> QRectF:
    """The keys' swatches and words, row by row from ``top_left``; returns the rectangle they took."""
    size = legend_size(fonts, keys, columns=columns)
    if not keys:
        return QRectF(top_left, size)
    columns = max(min(columns, len(keys)), 1)
    row = line_height(fonts.legend) + 6
    column = size.width() / columns
    painter.save()
    painter.setFont(fonts.legend)
    for index, key in enumerate(keys):
        x = top_left.x() + (index % columns) * column
        y = top_left.y() + (index // columns) * row
        swatch_height = min(row - 8, 12.0)
        paint_swatch(
            painter, QRectF(x, y + (row - swatch_height) / 2, SWATCH_WIDTH, swatch_height), key.swatch
        )
        painter.setPen(QColor(palette.INK))
        painter.drawText(
            QRectF(x + SWATCH_WIDTH + 8, y, column - SWATCH_WIDTH - 8, row), LEFT_MIDDLE, key.label
        )
    painter.restore()
    return QRectF(top_left, size)


# -- the widget ------------------------------------------------------------------------------------------------


class PaintedChart(QWidget):
    """A chart painted on the UI thread from marks worked out beforehand; shows ``empty_message`` when set.

    Subclasses hold their marks, call :meth:`shown` once they hold the latest (``figure_ready``), and paint in :meth:`paint_chart`; ``texts`` lists the words on the
    chart as a reader finds them (tests and the smoke check read it).
    """

    figure_ready = Signal()  # the chart shows the latest data
    # The probes (bench, smoke check, tests) wait on these: a painted chart is its own canvas, loading while its marks are worked out on a worker, failed if that raised.
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.empty_message = ""
        self.error = ""
        self._expected = False  # new marks are being worked out elsewhere (ui.charts.marks_worker)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    @property
    def loading(self) -> bool:
        """Whether new marks are on their way; painting them takes no time to wait for."""
        return self._expected

    def expect(self) -> None:
        """New marks are being worked out: ``loading`` until they are shown (the old ones stay meanwhile)."""
        self._expected = True

    def fail(self, exc: BaseException) -> None:
        self._expected = False
        self.error = str(exc) or type(exc).__name__
        self.failed.emit(self.error)

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(text for text in (self.title, self.empty_message) if text)

    @property
    def canvas(self) -> QWidget:
        return self

    def fonts(self) -> ChartFonts:
        return ChartFonts.from_widget(self.font())

    def shown(self) -> None:
        self._expected = False
        self.error = ""
        self.update()
        self.figure_ready.emit()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(palette.BACKGROUND))
        outer = QRectF(self.rect()).adjusted(PAD, PAD / 2, -PAD, -PAD / 2)
        fonts = self.fonts()
        if self.empty_message:
            top = paint_title_block(painter, outer, fonts, title=self.title)
            paint_centred_note(painter, outer.adjusted(0, top, 0, 0), fonts.title, self.empty_message)
        else:
            self.paint_chart(painter, outer, fonts)
        painter.end()

    def paint_chart(self, painter: QPainter, outer: QRectF, fonts: ChartFonts) -> None:
        raise NotImplementedError
