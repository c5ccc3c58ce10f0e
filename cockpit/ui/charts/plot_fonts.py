"""The chart kit's type: fonts in the paper's size ratios to the widget's own font, text measures, and fitting a
line into a width. Part of the chart kit (``ui.charts.plot_paint`` re-exports every name here).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from cockpit.charts import palette


@dataclass(frozen=True)
class ChartFonts:
    """The chart's type, scaled from the widget's font in the paper's ratios (ticks are the widget's size)."""

    tick: QFont
    label: QFont
    title: QFont
    note: QFont
    legend: QFont

    @classmethod
    def from_widget(cls, base: QFont) -> ChartFonts:
        def sized(points: float) -> QFont:
            font = QFont(base)
            if base.pointSizeF() > 0:
                font.setPointSizeF(base.pointSizeF() * points / palette.TICK_SIZE)
            else:
                font.setPixelSize(max(round(base.pixelSize() * points / palette.TICK_SIZE), 1))
            return font

        return cls(
            tick=QFont(base),
            label=sized(palette.LABEL_SIZE),
            title=sized(palette.TITLE_SIZE),
            note=sized(palette.NOTE_SIZE),
            legend=sized(palette.LEGEND_SIZE),
        )


def text_width(font: QFont, text: str) -> float:
    return QFontMetricsF(font).horizontalAdvance(text)


def line_height(font: QFont) -> float:
    return QFontMetricsF(font).height()


def fitted(font: QFont, text: str, width: float, *, smallest: float = 0.75) -> tuple[QFont, str]:
    """``text`` in ``font`` made to fit ``width``: a smaller size first (down to ``smallest`` of it), then elided.

    A long Japanese axis title on a short plot stays readable instead of being cut at both ends.
    """
    need = text_width(font, text)
    if need <= width or need <= 0:
        return font, text
    smaller = QFont(font)
    scale = max(width / need, smallest)
    if font.pointSizeF() > 0:
        smaller.setPointSizeF(font.pointSizeF() * scale)
    else:
        smaller.setPixelSize(max(round(font.pixelSize() * scale), 1))
    return smaller, QFontMetricsF(smaller).elidedText(text, Qt.TextElideMode.ElideRight, width)
