"""QPainter strokes and fills for the window's charts: pens, matplotlib's hatches, filled outlines, point marks,
legend swatches. Part of the chart kit (``ui.charts.plot_paint`` re-exports every name here).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen

from cockpit.charts import palette
from cockpit.charts.plot_marks import Swatch

# matplotlib's hatch letters as Qt brush patterns: the nearest look, drawn in the patch's edge colour.
_HATCH_PATTERNS = {
    "/": Qt.BrushStyle.BDiagPattern,
    "\\": Qt.BrushStyle.FDiagPattern,
    "x": Qt.BrushStyle.DiagCrossPattern,
    "+": Qt.BrushStyle.CrossPattern,
    "|": Qt.BrushStyle.VerPattern,
    "-": Qt.BrushStyle.HorPattern,
    ".": Qt.BrushStyle.Dense6Pattern,
    "o": Qt.BrushStyle.Dense6Pattern,
    "*": Qt.BrushStyle.Dense5Pattern,
}


def pen(colour: str, width: float, dashes: Sequence[float] = ()) -> QPen:
    line = QPen(QColor(colour), width)
    line.setCapStyle(Qt.PenCapStyle.FlatCap)
    line.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    if dashes:
        line.setDashPattern(list(dashes))
    return line


def hatch_brush(hatch: str, colour: str) -> QBrush | None:
    """A brush that draws matplotlib's ``hatch`` ("///", "...", "xxx") over a fill, in ``colour``; None for none."""
    if not hatch:
        return None
    style = _HATCH_PATTERNS.get(hatch[0])
    return None if style is None else QBrush(QColor(colour), style)


def fill_path(
    painter: QPainter, path: QPainterPath, *, fill: str, edge: str = "", hatch: str = "", width: float = 0.6
) -> None:
    """A filled area (a bar, a stacked band) with its hatching and edge, as matplotlib draws a patch."""
    painter.fillPath(path, QColor(fill))
    brush = hatch_brush(hatch, edge or palette.INK)
    if brush is not None:
        painter.fillPath(path, brush)
    if edge:
        painter.strokePath(path, pen(edge, width))


def paint_marker(
    painter: QPainter, centre: QPointF, marker: str, size: float, colour: str, width: float = 1.5
) -> None:
    """A point mark ``size`` pixels across: "o" a filled dot, "x" a cross, "s" a square."""
    paint_markers(painter, [centre], marker, size, colour, width)


def paint_markers(
    painter: QPainter, centres: Sequence[QPointF], marker: str, size: float, colour: str, width: float = 1.5
) -> None:
    """The same mark at every centre, with the painter set up once for all of them."""
    half = size / 2
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if marker == "x":
        painter.setPen(pen(colour, width))
        for centre in centres:
            x, y = centre.x(), centre.y()
            painter.drawLine(QPointF(x - half, y - half), QPointF(x + half, y + half))
            painter.drawLine(QPointF(x - half, y + half), QPointF(x + half, y - half))
    elif marker in ("o", "s"):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        draw = painter.drawEllipse if marker == "o" else painter.drawRect
        for centre in centres:
            draw(QRectF(centre.x() - half, centre.y() - half, size, size))
    painter.restore()


def paint_swatch(painter: QPainter, box: QRectF, swatch: Swatch) -> None:
    """A legend key's little picture in ``box``: a line (with its marker), a marker, or a hatched patch."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    middle = box.center().y()
    if swatch.kind == "line":
        painter.setPen(pen(swatch.colour, swatch.width, swatch.dashes))
        painter.drawLine(QPointF(box.left(), middle), QPointF(box.right(), middle))
        if swatch.marker:
            paint_marker(painter, box.center(), swatch.marker, 5, swatch.colour)
    elif swatch.kind == "marker":
        paint_marker(painter, box.center(), swatch.marker, min(box.height(), 9), swatch.colour, swatch.width)
    else:
        path = QPainterPath()
        path.addRect(box)
        fill_path(
            painter,
            path,
            fill=swatch.fill or palette.BACKGROUND,
            edge=swatch.edge,
            hatch=swatch.hatch,
            width=swatch.width,
        )
    painter.restore()
