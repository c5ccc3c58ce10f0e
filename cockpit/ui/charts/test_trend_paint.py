"""Axes the chart kit (``plot_paint``) does not have yet: a category axis whose labels turn when they would
overlap, and a value axis on the right of the plot (a twin of the left one, on another scale).

Written for the test trend (runs along the bottom, percent on the left, counts on the right) but general,
so they can move into the kit: ticks are (pixel, label) pairs as ``plot_paint.paint_axes`` takes them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from cockpit.charts import palette
from cockpit.ui.charts.plot_paint import TICK_LENGTH, ChartFonts, line_height, text_width

_GAP = 3.0  # between a tick mark and its label
_TITLE_GAP = 4.0  # between the tick labels and the axis title


def turned_reach(font: QFont, text: str, degrees: float) -> tuple[float, float]:
    """How far a label turned by ``degrees`` counter-clockwise, its right end at the tick (matplotlib's
    ``ha="right", rotation_mode="anchor"``), reaches left of and below the tick, in pixels."""
    angle = math.radians(degrees)
    width, height = text_width(font, text), line_height(font)
    return width * math.cos(angle) + height * math.sin(angle), width * math.sin(angle) + height * math.cos(
        angle
    )


def category_axis_height(
    fonts: ChartFonts, labels: Sequence[str], *, degrees: float, title: str = ""
) -> float:
    """The room under the plot for the category tick marks, their labels (turned or not) and the axis title."""
    height = TICK_LENGTH + _GAP
    if labels:
        height += (
            max(turned_reach(fonts.tick, label, degrees)[1] for label in labels)
            if degrees
            else line_height(fonts.tick)
        )
    if title:
        height += _TITLE_GAP + line_height(fonts.label)
    return height


def category_axis_overhang(fonts: ChartFonts, first: tuple[float, str] | None, *, degrees: float) -> float:
    """How far the first turned label reaches left of the plot's left edge, from its tick at ``first[0]``
    pixels right of that edge (0 when it does not)."""
    if first is None or not degrees:
        return 0.0
    offset, label = first
    return max(turned_reach(fonts.tick, label, degrees)[0] - offset, 0.0)


def paint_category_axis(
    painter: QPainter,
    plot: QRectF,
    fonts: ChartFonts,
    ticks: Sequence[tuple[float, str]],
    *,
    degrees: float,
    title: str = "",
) -> None:
    """Tick marks under the plot's bottom edge, their labels under them (turned by ``degrees``, right end at
    the tick, so long names do not overlap), and the axis title centred under all."""
    painter.save()
    painter.setFont(fonts.tick)
    metrics = QFontMetricsF(fonts.tick)
    label_top = plot.bottom() + TICK_LENGTH + _GAP
    # Turned labels lie side by side a line's height apart across their slant; flat ones need their width.
    slant = math.sin(math.radians(degrees)) if degrees else 0.0
    last_x = -math.inf
    for x, label in ticks:
        painter.setPen(QPen(QColor(palette.AXIS_COLOUR), 1))
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + TICK_LENGTH))
        width = metrics.horizontalAdvance(label)
        room = metrics.height() / slant if slant else width + 4
        if x - last_x < room:
            continue  # a narrow chart names fewer runs rather than smudging their names together
        last_x = x
        painter.setPen(QColor(palette.INK))
        if not degrees:
            painter.drawText(
                QRectF(x - width / 2 - 1, label_top, width + 2, metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )
            continue
        painter.save()
        painter.translate(x, label_top)
        painter.rotate(-degrees)
        painter.drawText(
            QRectF(-width - 1, 0, width + 1, metrics.height()), Qt.AlignmentFlag.AlignRight, label
        )
        painter.restore()
    if title:
        labels = [label for _, label in ticks]
        top = plot.bottom() + category_axis_height(fonts, labels, degrees=degrees) + _TITLE_GAP
        painter.setFont(fonts.label)
        painter.setPen(QColor(palette.INK))
        painter.drawText(
            QRectF(plot.left(), top, plot.width(), line_height(fonts.label)),
            Qt.AlignmentFlag.AlignCenter,
            title,
        )
    painter.restore()


def right_axis_width(fonts: ChartFonts, labels: Sequence[str], *, title: str = "") -> float:
    """The room right of the plot for a value axis there: tick marks, labels and the turned title."""
    width = TICK_LENGTH + _GAP + max((text_width(fonts.tick, label) for label in labels), default=0.0)
    return width + (_TITLE_GAP + line_height(fonts.label) if title else 0.0)


def paint_right_axis(
    painter: QPainter, plot: QRectF, fonts: ChartFonts, ticks: Sequence[tuple[float, str]], *, title: str = ""
) -> None:
    """The plot's right edge as an axis: its line, tick marks and labels (``ticks`` as (y pixel, label)) and
    its title turned to read upwards, as matplotlib draws a twin axis's."""
    painter.save()
    axis_pen = QPen(QColor(palette.AXIS_COLOUR), 1)
    painter.setPen(axis_pen)
    painter.drawLine(plot.bottomRight(), plot.topRight())
    painter.setFont(fonts.tick)
    tick_height = line_height(fonts.tick)
    left = plot.right() + TICK_LENGTH + _GAP
    for y, label in ticks:
        painter.setPen(axis_pen)
        painter.drawLine(QPointF(plot.right(), y), QPointF(plot.right() + TICK_LENGTH, y))
        painter.setPen(QColor(palette.INK))
        painter.drawText(
            QRectF(left, y - tick_height / 2, 400, tick_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            label,
        )
    if title:
        widest = max((text_width(fonts.tick, label) for _, label in ticks), default=0.0)
        label_height = line_height(fonts.label)
        painter.setFont(fonts.label)
        painter.setPen(QColor(palette.INK))
        painter.translate(left + widest + _TITLE_GAP + label_height / 2, plot.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-plot.height() / 2, -label_height / 2, plot.height(), label_height),
            Qt.AlignmentFlag.AlignCenter,
            title,
        )
    painter.restore()
