"""The runbook time chart painted natively: rows, the time axis and the key, from ``charts.runbook_marks``.

Only the rows in the exposed part of the view are painted, so a change costs the same for 30 steps or 1,500,
and the now-line is one line painted over the rows: moving it repaints two thin strips, never the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from cockpit.charts.plot_marks import Swatch
from cockpit.charts.runbook_marks import (
    ACTUAL_FILL,
    DEADLINE_COLOUR,
    FAILED_HATCH,
    FORECAST_FILL,
    INK,
    LATE_EDGE,
    LATE_FILL,
    LATE_HATCH,
    PLANNED_EDGE,
    PLANNED_FILL,
    LegendEntry,
    RowMarks,
)
from cockpit.ui.charts import plot_paint
from cockpit.ui.charts.plot_paint import hatch_brush, paint_swatch
from cockpit.ui.widgets.theme import LINE, MUTED_INK, PANEL

# Tick steps in minutes: the smallest that leaves room for every tick's label.
_TICK_STEPS = (5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080)
_PAD = 8  # pixels around the label column and the plot
_DEADLINE_DASHES = [6.0, 3.0]


class TimeScale(plot_paint.TimeScale):
    """The kit's time scale (a moment's pixel across the plot), shared by the rows and the time axis, with the
    runbook's own ticks: round minutes to weeks, as many as fit the width."""

    __slots__ = ()

    def x(self, moment: datetime) -> float:
        return self(moment)

    def ticks(self, metrics: QFontMetrics, zone: tzinfo) -> list[tuple[float, str]]:
        room = max(metrics.horizontalAdvance("00/00 00:00") * 1.6, 1.0)
        fits = max(int((self.end - self.start) / room), 1)
        minutes = (self.high - self.low).total_seconds() / 60
        step = next((s for s in _TICK_STEPS if minutes / s <= fits), _TICK_STEPS[-1])
        local = self.low.astimezone(zone)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        steps_in = -(-int((local - midnight).total_seconds() // 60) // step)
        tick = midnight + timedelta(minutes=steps_in * step)
        out = []
        while tick <= self.high:
            label = tick.strftime("%m/%d") if (tick.hour, tick.minute) == (0, 0) else tick.strftime("%H:%M")
            out.append((self.x(tick), label))
            tick = (tick + timedelta(minutes=step)).astimezone(zone)  # across a clock change too
        return out


def row_height(metrics: QFontMetrics) -> int:
    return metrics.height() + 8


def longest_label(metrics: QFontMetrics, labels: Sequence[str]) -> int:
    """The width of the longest row label (1,500 measured at 5×: ~10 ms, so kept while the rows stay)."""
    return max((metrics.horizontalAdvance(label) for label in labels), default=0)


def label_width(longest: int, width: int) -> int:
    """As wide as the longest row label, but never more than two fifths of the chart."""
    return min(longest + 2 * _PAD, int(width * 0.4))


class RunbookRows(QWidget):
    """The chart's rows: as tall as all of them, inside a scroll area that shows some."""

    width_changed = Signal()  # the scroll bar came or went, or the pane was resized: the time scale follows

    def __init__(self) -> None:
        super().__init__()
        self.rows: tuple[RowMarks, ...] = ()
        self.scale: TimeScale | None = None
        self.ticks: list[tuple[float, str]] = []
        self.now: datetime | None = None
        self.deadline: datetime | None = None
        self.label_width = 0
        self.empty_message = ""
        self.rows_painted = 0  # rows painted by the last paint: only the visible ones (tests check it)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def row_height(self) -> int:
        return row_height(self.fontMetrics())

    def sizeHint(self) -> QSize:
        return QSize(self.width(), self.row_height() * len(self.rows) + _PAD)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.width_changed.emit()

    def row_top(self, index: int) -> int:
        return index * self.row_height()

    def now_strip(self) -> QRect:
        """The few pixels the now-line covers: all that is painted again when only the time moved."""
        if self.scale is None or self.now is None:
            return QRect()
        x = round(self.scale.x(self.now))
        return QRect(x - 3, 0, 7, self.height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        exposed = event.rect()
        painter.fillRect(exposed, QColor(PANEL))
        if not self.rows or self.scale is None:
            painter.setPen(QColor(MUTED_INK))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_message)
            painter.end()
            return
        height = self.row_height()
        first = max(exposed.top() // height, 0)
        last = min(exposed.bottom() // height, len(self.rows) - 1)
        painter.setPen(QPen(QColor(LINE), 1))
        for x, _ in self.ticks:  # the grid under the bars
            painter.drawLine(QPointF(x, exposed.top()), QPointF(x, exposed.bottom() + 1))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index in range(first, last + 1):
            self._paint_row(painter, self.rows[index], index * height, height)
        self.rows_painted = max(last - first + 1, 0)
        self._paint_lines(painter, exposed)
        painter.end()

    def _paint_row(self, painter: QPainter, row: RowMarks, top: int, height: int) -> None:
        scale = self.scale
        assert scale is not None
        painter.setPen(QColor(LATE_EDGE if row.late else INK))
        text_rect = QRect(_PAD, top, self.label_width - 2 * _PAD, height)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, row.label)
        middle = top + height / 2

        def span(bounds: tuple[datetime, datetime], fraction: float) -> QRectF:
            left, right = scale.x(bounds[0]), scale.x(bounds[1])
            return QRectF(left, middle - height * fraction / 2, max(right - left, 1.0), height * fraction)

        painter.setPen(QPen(QColor(PLANNED_EDGE), 0.8))
        painter.setBrush(QColor(PLANNED_FILL))
        painter.drawRect(span(row.planned, 0.82))
        bar = span(row.bar, 0.46)
        painter.setPen(
            Qt.PenStyle.NoPen if row.edge is None else QPen(QColor(row.edge), 2 if row.critical else 1)
        )
        painter.setBrush(QColor(row.fill))
        painter.drawRect(bar)
        hatch = hatch_brush(row.hatch or "", LATE_EDGE)
        if hatch is not None:
            painter.setBrush(hatch)
            painter.drawRect(bar)
        for attempt in row.attempts:
            painter.setPen(QPen(QColor(LATE_EDGE), 0.8))
            painter.setBrush(hatch_brush(FAILED_HATCH, LATE_EDGE) or QColor(LATE_EDGE))
            painter.drawRect(span(attempt, 0.3))
        if row.late_mark is not None:
            x, size = scale.x(row.late_mark), height * 0.3
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(LATE_EDGE))
            points = [
                QPointF(x + 2, middle - size),
                QPointF(x + 2 + size * 1.5, middle),
                QPointF(x + 2, middle + size),
            ]
            painter.drawPolygon(QPolygonF(points))

    def _paint_lines(self, painter: QPainter, exposed: QRect) -> None:
        scale = self.scale
        assert scale is not None
        if self.deadline is not None:
            pen = QPen(QColor(DEADLINE_COLOUR), 2.4)
            pen.setDashPattern(_DEADLINE_DASHES)
            painter.setPen(pen)
            x = scale.x(self.deadline)
            painter.drawLine(QPointF(x, exposed.top()), QPointF(x, exposed.bottom() + 1))
        if self.now is not None:
            painter.setPen(QPen(QColor(INK), 2.0))
            x = scale.x(self.now)
            painter.drawLine(QPointF(x, exposed.top()), QPointF(x, exposed.bottom() + 1))


class TimeAxis(QWidget):
    """The times above the rows, outside the scroll area: they stay in view however far the rows scroll."""

    def __init__(self, rows: RunbookRows) -> None:
        super().__init__()
        self._rows = rows
        self.axis_label = ""
        self.setFixedHeight(self.fontMetrics().height() * 2 + 6)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(PANEL))
        metrics = self.fontMetrics()
        line_height = metrics.height()
        painter.setPen(QColor(MUTED_INK))
        painter.drawText(
            QRect(_PAD, 0, max(self._rows.label_width - 2 * _PAD, 1), line_height * 2),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            self.axis_label,
        )
        painter.setPen(QColor(INK))
        for x, label in self._rows.ticks:
            width = metrics.horizontalAdvance(label)
            painter.drawText(QPointF(x - width / 2, line_height * 1.5), label)
            painter.drawLine(QPointF(x, self.height() - 5), QPointF(x, self.height()))
        painter.setPen(QColor(LINE))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        painter.end()


class RunbookKey(QWidget):
    """The chart's title and key (critical path ``◆``, late ``▶``, now, the rollback deadline) above the rows."""

    _COLUMNS = 4

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.entries: tuple[LegendEntry, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    @property
    def texts(self) -> tuple[str, ...]:
        return (self.title, *(entry.label for entry in self.entries)) if self.title else ()

    def show_key(self, title: str, entries: tuple[LegendEntry, ...]) -> None:
        if (title, entries) != (self.title, self.entries):
            self.title, self.entries = title, entries
            self.updateGeometry()
            self.update()

    def sizeHint(self) -> QSize:
        lines = max(-(-len(self.entries) // self._COLUMNS), 1)
        title = self.fontMetrics().height() * 1.3 * 1.3  # the title's larger font, and some air
        return QSize(self.width(), int(max((self.fontMetrics().height() + 4) * lines + 8, title)))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(PANEL))
        title_font = painter.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(QColor(INK))
        painter.drawText(self.rect().adjusted(_PAD, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, self.title)
        painter.setFont(self.font())
        metrics = self.fontMetrics()
        line = metrics.height() + 4
        column = max(metrics.horizontalAdvance(e.label) for e in self.entries) + 40 if self.entries else 0
        left = self.width() - column * self._COLUMNS
        for index, entry in enumerate(self.entries):
            x = left + (index % self._COLUMNS) * column
            y = 4 + (index // self._COLUMNS) * line
            self._paint_swatch(painter, entry.kind, QRectF(x, y + 3, 24, line - 8))
            painter.setPen(QColor(INK))
            painter.drawText(
                QRect(int(x) + 30, y, column - 30, line), Qt.AlignmentFlag.AlignVCenter, entry.label
            )
        painter.end()

    @staticmethod
    def _paint_swatch(painter: QPainter, kind: str, box: QRectF) -> None:
        paint_swatch(painter, box, _SWATCHES.get(kind, _SWATCHES["critical"]))


_SWATCHES = {
    "now": Swatch("line", colour=INK, width=2.2),
    "deadline": Swatch("line", colour=DEADLINE_COLOUR, width=2.2, dashes=tuple(_DEADLINE_DASHES)),
    "planned": Swatch("patch", fill=PLANNED_FILL, edge=PLANNED_EDGE),
    "done": Swatch("patch", fill=ACTUAL_FILL),
    "forecast": Swatch("patch", fill=FORECAST_FILL),
    "late": Swatch("patch", fill=LATE_FILL, edge=LATE_EDGE, hatch=LATE_HATCH),
    "critical": Swatch("patch", fill=PANEL, edge=INK, width=2),
}
