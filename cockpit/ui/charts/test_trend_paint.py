"""Pieces for charts with a category axis and two value axes, painted with QPainter.

Written for the test trend (runs along the bottom, a percent axis on the left and a count axis on the
right) but general: a category axis of slots with labels that turn when they would overlap, stacked bars in
those slots, and a value axis on either side of the plot.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen


@dataclass(frozen=True, slots=True)
class CategoryScale:
    """Slots along the plot's width: slot ``i`` centred at ``x(i)``, from ``low`` to ``high`` in slot units."""

    low: float
    high: float
    left: float
    right: float

    def x(self, position: float) -> float:
        span = (self.high - self.low) or 1.0
        return self.left + (position - self.low) / span * (self.right - self.left)

    def slot_width(self) -> float:
        return (self.right - self.left) / ((self.high - self.low) or 1.0)


def turned_label_extent(metrics: QFontMetrics, text: str, degrees: float) -> tuple[float, float]:
    """How far a label turned by ``degrees`` (anchored at its top right, as matplotlib's ``rotation_mode
    "anchor"``) reaches left of and below its tick, in pixels."""
    angle = math.radians(degrees)
    width, height = metrics.horizontalAdvance(text), metrics.height()
    return width * math.cos(angle) + height * math.sin(angle), width * math.sin(angle) + height * math.cos(
        angle
    )


def category_labels_height(metrics: QFontMetrics, labels: Sequence[str], degrees: float) -> float:
    """The height the category labels take under the plot, turned or not."""
    if not labels:
        return 0.0
    if not degrees:
        return float(metrics.height())
    return max(turned_label_extent(metrics, label, degrees)[1] for label in labels)


def paint_category_labels(
    painter: QPainter,
    scale: CategoryScale,
    ticks: Sequence[tuple[float, str]],
    *,
    top: float,
    degrees: float,
    colour: str,
    tick_colour: str,
) -> None:
    """Tick marks under the plot's bottom edge ``top`` and the labels under them, turned by ``degrees``
    (counter-clockwise, right end at the tick) when they are."""
    metrics = painter.fontMetrics()
    for position, label in ticks:
        x = scale.x(position)
        painter.setPen(QPen(QColor(tick_colour), 1))
        painter.drawLine(QPointF(x, top), QPointF(x, top + 4))
        painter.setPen(QColor(colour))
        width = metrics.horizontalAdvance(label)
        if not degrees:
            painter.drawText(QPointF(x - width / 2, top + 6 + metrics.ascent()), label)
            continue
        painter.save()
        painter.translate(x, top + 6)
        painter.rotate(-degrees)
        painter.drawText(QRectF(-width, 0, width, metrics.height()), Qt.AlignmentFlag.AlignRight, label)
        painter.restore()
