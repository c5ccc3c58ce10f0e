"""Column widths from the words a table shows, measured with the view's font in Python.

``QHeaderView.resizeSections(ResizeToContents)`` asks the delegate for a size hint per cell (several
``data()`` calls across the language boundary each), and the header keeps room for a sort arrow in every
section, though only the sorted one draws it: a short table of numbers comes out twice as wide as its
words. These helpers measure the texts themselves and leave arrow room only where the arrow is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle


def cell_width(view: QAbstractItemView, texts: Iterable[str], *, bold: bool = False) -> int:
    """The width a cell needs to show the widest of ``texts`` on one line (line breaks count per line)."""
    font = QFont(view.font())
    font.setBold(bold)
    metrics = QFontMetrics(font)
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view)
    lines = {line for text in texts for line in (text or "").split("\n")}
    return max((metrics.horizontalAdvance(line) for line in lines), default=0) + 2 * (margin + 1) + 6


def heading_width(header: QHeaderView, text: str, section: int) -> int:
    """The width a header section needs for ``text``, with room for the sort arrow if it is sorted on."""
    metrics = header.fontMetrics()
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    width = max(metrics.horizontalAdvance(line) for line in (text or " ").split("\n")) + 2 * margin + 8
    if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
        width += metrics.height() + 2 * margin + 8
    return width


def fit_columns(
    view: QAbstractItemView,
    header: QHeaderView,
    texts: Mapping[int, Iterable[str]],
    *,
    most: Mapping[int, int] | None = None,
) -> dict[int, int]:
    """Set each column in ``texts`` to its widest text or its heading, at most ``most[column]`` pixels."""
    model = header.model()
    widths: dict[int, int] = {}
    for column, column_texts in texts.items():
        heading = str(model.headerData(column, header.orientation()) or "") if model is not None else ""
        width = max(cell_width(view, column_texts), heading_width(header, heading, column))
        if most and column in most:
            width = min(width, max(most[column], heading_width(header, heading, column)))
        widths[column] = width
        header.resizeSection(column, width)
    return widths


class FittedColumns:
    """Keeps a table's columns fitted to their words, except the ones the user has dragged to a width."""

    def __init__(self, view: QAbstractItemView, header: QHeaderView) -> None:
        self.view, self.header = view, header
        self._fitting = False
        self.user_sized: set[int] = set()
        header.sectionResized.connect(self._resized)

    def fit(self, texts: Mapping[int, Iterable[str]], *, most: Mapping[int, int] | None = None) -> None:
        self._fitting = True
        try:
            fit_columns(
                self.view,
                self.header,
                {c: t for c, t in texts.items() if c not in self.user_sized},
                most=most,
            )
        finally:
            self._fitting = False

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting and self.header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
            self.user_sized.add(column)
