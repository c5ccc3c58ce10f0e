"""Putting the report's pages on paper: each SVG page painted onto a sheet of the printer, as vectors."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QRectF
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtSvg import QSvgRenderer


def _translate(text: str) -> str:
    return QCoreApplication.translate("report", text)


class PrintFailed(RuntimeError):
    """The printer refused a page; the message says what to check."""


def paper_for(page_size: QPageSize) -> str:
    """The report's paper for a printer's: Letter-sized paper gets the Letter layout, everything else A4."""
    return "letter" if page_size.id() in (QPageSize.PageSizeId.Letter, QPageSize.PageSizeId.Legal) else "a4"


def default_page_size() -> QPageSize:
    imperial = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return QPageSize(QPageSize.PageSizeId.Letter if imperial else QPageSize.PageSizeId.A4)


def paint_pages(printer: QPrinter, pages: Sequence[Path]) -> int:
    """Draw each SVG page onto its own sheet, the whole sheet (the page carries its own margins)."""
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(
            _translate("The printer could not be opened; check that it is connected and try again.")
        )
    try:
        sheet = printer.paperRect(QPrinter.Unit.DevicePixel)
        for number, page in enumerate(pages):
            if number and not printer.newPage():
                raise PrintFailed(_translate("The printer refused page {n}.").format(n=number + 1))
            renderer = QSvgRenderer(str(page))
            size = renderer.defaultSize()
            scale = min(sheet.width() / max(size.width(), 1), sheet.height() / max(size.height(), 1))
            width, height = size.width() * scale, size.height() * scale
            left, top = (sheet.width() - width) / 2, (sheet.height() - height) / 2
            renderer.render(painter, QRectF(left, top, width, height))
    finally:
        painter.end()
    return len(pages)
