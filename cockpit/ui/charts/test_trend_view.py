"""The Tests pane's pass-rate chart, painted natively on the UI thread (the report draws it with matplotlib).

Both drawings take the bars, rates, marks, ticks and words from ``charts.test_trend_marks``, so the screen
and the paper show the same chart; painting it costs milliseconds and needs no chart process
(docs/architecture.md, "Charts on screen").
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cockpit.charts.test_trend_marks import (
    BAR_WIDTH,
    BELOW_COLOUR,
    HATCH_EDGE,
    INK,
    OUTCOMES,
    RATE_COLOUR,
    RATE_LIMIT,
    RATE_TICKS,
    THRESHOLD_COLOUR,
    TURNED_DEGREES,
    TrendMarks,
    count_ticks,
)
from cockpit.ui.charts.test_trend_paint import (
    CategoryScale,
    category_labels_height,
    paint_category_labels,
    turned_label_extent,
)
from cockpit.ui.widgets.theme import LINE, MUTED_INK, PANEL

AXIS_COLOUR = "#555555"

_PAD = 8
_HATCHES = {"///": Qt.BrushStyle.BDiagPattern, "xx": Qt.BrushStyle.DiagCrossPattern}
_THRESHOLD_DASHES = [5.0, 3.0]
_BAR_ALPHA = round(0.85 * 255)


@dataclass(frozen=True, slots=True)
class TrendGeometry:
    """Where the plot sits in the widget and where a run, a rate and a count land on it, in pixels."""

    plot: QRectF
    runs: CategoryScale
    count_limit: float

    def rate_y(self, percent: float) -> float:
        return self.plot.bottom() - percent / RATE_LIMIT * self.plot.height()

    def count_y(self, count: float) -> float:
        return self.plot.bottom() - count / self.count_limit * self.plot.height()


class TestTrendChart(QWidget):
    """Shows a level's runs: stacked outcome counts (right axis), the pass-rate line (left axis), the
    threshold, the runs under it marked ``×``, and the title, facts and legend around them."""

    __test__ = False  # not a pytest class
    figure_ready = Signal()  # the chart shows the latest marks

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marks: TrendMarks | None = None
        self._geometry: TrendGeometry | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    @property
    def loading(self) -> bool:
        return False  # painted as soon as it is given: nothing to wait for

    @property
    def texts(self) -> tuple[str, ...]:
        """The words on the chart (title, facts, axis titles, run labels, legend), as a reader would find them."""
        marks = self.marks
        if marks is None:
            return ()
        if not marks.runs:
            return (marks.title, marks.empty_message)
        last = (marks.last_rate[2],) if marks.last_rate else ()
        return (
            marks.title,
            *marks.facts,
            marks.rate_axis_label,
            marks.count_axis_label,
            marks.run_axis_label,
            *(label for _, label in marks.ticks),
            *last,
            *(key.label for key in marks.legend),
        )

    def show_trend(self, marks: TrendMarks) -> None:
        self.marks = marks
        self.update()
        self.figure_ready.emit()

    def sizeHint(self) -> QSize:
        return QSize(900, 440)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 160)

    # -- painting -------------------------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(PANEL))
        marks = self.marks
        if marks is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            top = self._paint_titles(painter, marks)
            if marks.runs:
                self._paint_plot(painter, marks, top)
            else:
                painter.setPen(QColor(MUTED_INK))
                painter.drawText(
                    QRectF(self.rect()).adjusted(0, top, 0, 0),
                    Qt.AlignmentFlag.AlignCenter,
                    marks.empty_message,
                )
        painter.end()

    def _paint_plot(self, painter: QPainter, marks: TrendMarks, top: float) -> None:
        geometry = self._geometry = self.geometry_for(marks, top)
        plot, runs, rate_y = geometry.plot, geometry.runs, geometry.rate_y
        painter.setPen(QPen(QColor(LINE), 1))
        for value in RATE_TICKS:  # the grid under the bars
            painter.drawLine(QPointF(plot.left(), rate_y(value)), QPointF(plot.right(), rate_y(value)))
        self._paint_bars(painter, marks, runs, geometry.count_y)
        self._paint_rates(painter, marks, runs, rate_y)
        if marks.threshold is not None:
            pen = QPen(QColor(THRESHOLD_COLOUR), 1.6)
            pen.setDashPattern(_THRESHOLD_DASHES)
            painter.setPen(pen)
            y = rate_y(marks.threshold)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        self._paint_below_marks(painter, marks, runs, rate_y)
        self._paint_last_rate(painter, marks, runs, rate_y)
        self._paint_axes(painter, marks, geometry)

    # -- around the plot (until the chart kit's pieces) -------------------------------------------------------------

    def _title_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        return font

    def _legend_width(self, marks: TrendMarks) -> float:
        metrics = self.fontMetrics()
        return max((metrics.horizontalAdvance(key.label) for key in marks.legend), default=0) + 40 + _PAD

    def _fact_lines(self, marks: TrendMarks, width: float) -> list[str]:
        metrics, lines = self.fontMetrics(), list[str]()
        for fact in marks.facts:
            if lines and metrics.horizontalAdvance(lines[-1] + " · " + fact) <= width:
                lines[-1] += " · " + fact
            else:
                lines.append(fact)
        return lines

    def _paint_titles(self, painter: QPainter, marks: TrendMarks) -> float:
        """The title and the facts under it, left of the legend; returns where the plot may start."""
        width = self.width() - self._legend_width(marks) - 2 * _PAD
        title_metrics = QFontMetrics(self._title_font())
        painter.setFont(self._title_font())
        painter.setPen(QColor(INK))
        painter.drawText(QPointF(_PAD, _PAD + title_metrics.ascent()), marks.title)
        painter.setFont(self.font())
        metrics = self.fontMetrics()
        y = _PAD + title_metrics.height() + 2
        painter.setPen(QColor(MUTED_INK))
        for line in self._fact_lines(marks, width):
            painter.drawText(QPointF(_PAD * 3, y + metrics.ascent()), line)
            y += metrics.height()
        if marks.runs:
            self._paint_legend(painter, marks)
        return y + _PAD

    def geometry_now(self) -> TrendGeometry:
        """Where the plot is as last painted (for tests: where to look for a run's bar or rate)."""
        assert self._geometry is not None
        return self._geometry

    def geometry_for(self, marks: TrendMarks, top: float) -> TrendGeometry:
        metrics = self.fontMetrics()
        counts = count_ticks(marks.count_limit)
        rate_labels = max(metrics.horizontalAdvance(f"{value}%") for value in RATE_TICKS)
        count_labels = max(metrics.horizontalAdvance(label) for _, label in counts)
        left = _PAD + metrics.height() + 6 + rate_labels + 6
        right = self.width() - self._legend_width(marks) - (count_labels + 6 + metrics.height() + 6)
        degrees = TURNED_DEGREES if marks.turned else 0
        labels = [label for _, label in marks.ticks]
        below = category_labels_height(metrics, labels, degrees) + 6 + metrics.height() + _PAD
        bottom = self.height() - below
        runs = CategoryScale(*marks.run_limits, left, max(right, left + 1))
        if degrees and marks.ticks:  # the first run's turned name must not run off the left edge
            position, first = marks.ticks[0]
            reach = turned_label_extent(metrics, first, degrees)[0]
            overhang = reach - runs.x(position) + _PAD
            if overhang > 0:
                runs = CategoryScale(*marks.run_limits, left + overhang, max(right, left + overhang + 1))
        plot = QRectF(QPointF(runs.left, top), QPointF(runs.right, max(bottom, top + 1)))
        return TrendGeometry(plot, runs, marks.count_limit)

    def _paint_axes(self, painter: QPainter, marks: TrendMarks, geometry: TrendGeometry) -> None:
        plot, metrics = geometry.plot, painter.fontMetrics()
        painter.setPen(QPen(QColor(AXIS_COLOUR), 1))
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        painter.drawLine(plot.bottomRight(), plot.topRight())
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        for percent in RATE_TICKS:
            y, label = geometry.rate_y(percent), f"{percent}%"
            painter.setPen(QColor(AXIS_COLOUR))
            painter.drawLine(QPointF(plot.left() - 4, y), QPointF(plot.left(), y))
            painter.setPen(QColor(INK))
            width = metrics.horizontalAdvance(label)
            painter.drawText(QPointF(plot.left() - 6 - width, y + metrics.ascent() / 2 - 1), label)
        for value, label in count_ticks(marks.count_limit):
            y = geometry.count_y(value)
            painter.setPen(QColor(AXIS_COLOUR))
            painter.drawLine(QPointF(plot.right(), y), QPointF(plot.right() + 4, y))
            painter.setPen(QColor(INK))
            painter.drawText(QPointF(plot.right() + 6, y + metrics.ascent() / 2 - 1), label)
        degrees = TURNED_DEGREES if marks.turned else 0
        paint_category_labels(
            painter,
            geometry.runs,
            marks.ticks,
            top=plot.bottom(),
            degrees=degrees,
            colour=INK,
            tick_colour=AXIS_COLOUR,
        )
        painter.setPen(QColor(INK))
        labels = [label for _, label in marks.ticks]
        y = plot.bottom() + 6 + category_labels_height(metrics, labels, degrees) + 4
        width = metrics.horizontalAdvance(marks.run_axis_label)
        painter.drawText(QPointF(plot.center().x() - width / 2, y + metrics.ascent()), marks.run_axis_label)
        count_labels = max(metrics.horizontalAdvance(label) for _, label in count_ticks(marks.count_limit))
        for text, x, degrees_turned in (
            (marks.rate_axis_label, _PAD + metrics.ascent(), -90),
            (marks.count_axis_label, plot.right() + 6 + count_labels + 6 + metrics.ascent(), -90),
        ):
            painter.save()
            painter.translate(x, plot.center().y() + metrics.horizontalAdvance(text) / 2)
            painter.rotate(degrees_turned)
            painter.drawText(QPointF(0, 0), text)
            painter.restore()

    def _paint_legend(self, painter: QPainter, marks: TrendMarks) -> None:
        metrics = painter.fontMetrics()
        line = metrics.height() + 4
        left = self.width() - self._legend_width(marks)
        for index, key in enumerate(marks.legend):
            y = _PAD + index * line
            self._paint_swatch(painter, key.kind, QRectF(left, y + 2, 28, line - 4))
            painter.setPen(QColor(INK))
            painter.drawText(
                QPointF(left + 34, y + (line + metrics.ascent() - metrics.descent()) / 2), key.label
            )

    @staticmethod
    def _paint_swatch(painter: QPainter, kind: str, box: QRectF) -> None:
        middle = box.center()
        if kind == "rate":
            painter.setPen(QPen(QColor(RATE_COLOUR), 2.6))
            painter.drawLine(QPointF(box.left(), middle.y()), QPointF(box.right(), middle.y()))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(RATE_COLOUR))
            painter.drawEllipse(middle, 4.0, 4.0)
        elif kind == "threshold":
            pen = QPen(QColor(THRESHOLD_COLOUR), 1.6)
            pen.setDashPattern(_THRESHOLD_DASHES)
            painter.setPen(pen)
            painter.drawLine(QPointF(box.left(), middle.y()), QPointF(box.right(), middle.y()))
        elif kind == "below":
            painter.setPen(QPen(QColor(BELOW_COLOUR), 3.5))
            painter.drawPath(below_mark_path(middle, 5.0))
        else:
            outcome = next(o for o in OUTCOMES if o.field == kind)
            painter.setBrush(QColor(outcome.colour))
            painter.setPen(QPen(QColor(HATCH_EDGE), 0.6) if outcome.hatch else Qt.PenStyle.NoPen)
            painter.drawRect(box)
            if outcome.hatch:
                painter.setBrush(QBrush(QColor(HATCH_EDGE), _HATCHES[outcome.hatch]))
                painter.drawRect(box)

    @staticmethod
    def _paint_bars(painter: QPainter, marks: TrendMarks, runs: CategoryScale, count_y) -> None:
        half = runs.slot_width() * BAR_WIDTH / 2
        for run in marks.runs:
            x = runs.x(run.position)
            for outcome, bottom, height in run.segments():
                if not height:
                    continue
                box = QRectF(QPointF(x - half, count_y(bottom + height)), QPointF(x + half, count_y(bottom)))
                fill = QColor(outcome.colour)
                fill.setAlpha(_BAR_ALPHA)
                painter.setBrush(fill)
                if outcome.hatch:
                    painter.setPen(QPen(QColor(HATCH_EDGE), 0.6))
                    painter.drawRect(box)
                    painter.setBrush(QBrush(QColor(HATCH_EDGE), _HATCHES[outcome.hatch]))
                else:
                    painter.setPen(Qt.PenStyle.NoPen)
                painter.drawRect(box)

    @staticmethod
    def _paint_rates(painter: QPainter, marks: TrendMarks, runs: CategoryScale, rate_y) -> None:
        """The pass-rate line, broken where a run executed nothing (a gap, never a zero), with its points."""
        painter.setPen(QPen(QColor(RATE_COLOUR), 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        points = [
            None if run.rate is None else QPointF(runs.x(run.position), rate_y(run.rate))
            for run in marks.runs
        ]
        for start, end in zip(points, points[1:], strict=False):
            if start is not None and end is not None:
                painter.drawLine(start, end)
        radius = 2.5 if marks.many else 5.0
        painter.setBrush(QColor(RATE_COLOUR))
        painter.setPen(Qt.PenStyle.NoPen)
        for point in points:
            if point is not None:
                painter.drawEllipse(point, radius, radius)

    @staticmethod
    def _paint_below_marks(painter: QPainter, marks: TrendMarks, runs: CategoryScale, rate_y) -> None:
        """A bold ``×`` on every run under the threshold, outlined in the background colour, as on paper."""
        size = 4.0 if marks.many else 7.0
        for run in marks.runs:
            if not run.below or run.rate is None:
                continue
            cross = below_mark_path(QPointF(runs.x(run.position), rate_y(run.rate)), size)
            for colour, width in ((PANEL, size * 0.9), (BELOW_COLOUR, size * 0.55)):
                painter.setPen(QPen(QColor(colour), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
                painter.drawPath(cross)

    @staticmethod
    def _paint_last_rate(painter: QPainter, marks: TrendMarks, runs: CategoryScale, rate_y) -> None:
        if marks.last_rate is None:
            return
        position, rate, text = marks.last_rate
        metrics = painter.fontMetrics()
        # Left of and above the newest point, which sits against the right-hand count axis; on the
        # background colour, so it stays legible where it crosses the threshold line.
        right, baseline = runs.x(position) - 8, rate_y(rate) - 10
        box = QRectF(
            right - metrics.horizontalAdvance(text), baseline - metrics.ascent(), 0, metrics.height()
        )
        box.setRight(right)
        painter.fillRect(box.adjusted(-2, -1, 2, 1), QColor(PANEL))
        painter.setPen(QColor(RATE_COLOUR))
        painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)


def below_mark_path(centre: QPointF, size: float) -> QPainterPath:
    path = QPainterPath()
    for dx in (-size, size):
        path.moveTo(centre.x() - dx, centre.y() - size)
        path.lineTo(centre.x() + dx, centre.y() + size)
    return path
