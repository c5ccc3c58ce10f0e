"""The wall's pieces: a line that never widens the wall, a pane's tile (which can flash once), a list block."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from cockpit.domain.status import Pane, PaneStatus
from cockpit.ui.wall.content import Attention, KpiTile
from cockpit.ui.wall.theme import FLASH, NEUTRAL, PANEL, RAG_INK, Sizes, pixel_font
from cockpit.ui.widgets.theme import RAG_LOOKS
from cockpit.words.labels import pane_title, rag_label

FLASH_MS = 1500  # one flash: long enough to be seen across the room, short enough not to alarm


class FittedLabel(QLabel):
    """One line that never widens the wall: too long, it ends in "…" (the full text is its tooltip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._fit()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._fit()

    def _fit(self) -> None:
        width = max(self.width(), 1)
        self.setText(QFontMetrics(self.font()).elidedText(self._full, Qt.TextElideMode.ElideRight, width))


class WallTile(QFrame):
    """A pane's light on the wall: title, symbol and word, the headline figure, and why."""

    def __init__(self, pane: Pane | None, parent: QWidget | None = None, *, title: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("wallTile")
        self.pane = pane  # None: a tile no pane owns (the hypercare KPIs), titled ``title``
        self.status: PaneStatus | KpiTile | None = None
        self.flashing = False
        self.title = FittedLabel()
        self.title.set_full_text(pane_title(pane) if pane is not None else title)
        self.light = FittedLabel()
        self.figure = FittedLabel()
        self.counts = QLabel()  # what the figure counts, wrapped: it must be read whole
        self.counts.setWordWrap(True)
        self.counts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.reasons = (FittedLabel(),)  # why this colour: the first clause; the blocks below list the rest
        for label in self.reasons:
            label.setProperty("role", "muted")
        self.changed = FittedLabel()  # the word beside the flash's colour
        self.changed.set_full_text("")
        self.changed.hide()
        layout = QVBoxLayout(self)
        self._layout = layout
        layout.setSpacing(2)
        for widget in (self.title, self.light, self.figure, self.counts, *self.reasons, self.changed):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.figure_pixels = (72, 64)  # its size, and the least it may shrink to so a long figure shows whole
        self._unflash = QTimer(self)
        self._unflash.setSingleShot(True)
        self._unflash.setInterval(FLASH_MS)
        self._unflash.timeout.connect(self._end_flash)

    def label_widgets(self) -> tuple[QLabel, ...]:
        return (self.title, self.light, self.counts, *self.reasons, self.changed)

    def show_status(self, status: PaneStatus | KpiTile) -> None:
        self.status = status
        look = RAG_LOOKS[status.rag]
        self.light.set_full_text(f"{look.symbol} {rag_label(status.rag)}")
        self.light.setStyleSheet(f"color: {RAG_INK[status.rag]};")
        self.figure.set_full_text(status.figure)
        self.fit_figure()
        self.counts.setText(status.counts)
        self.reasons[0].set_full_text(status.reason.partition("; ")[0])
        self._paint_border()

    def set_figure_pixels(self, pixels: int, least: int) -> None:
        self.figure_pixels = (pixels, least)
        self.fit_figure()

    def fit_figure(self) -> None:
        """The figure at its size, or a little smaller when six tiles share the width and it is long."""
        pixels, least = self.figure_pixels
        # The tile's own width (its layout sets the label's a moment after the tile is resized).
        margins = self._layout.contentsMargins()
        room = self.contentsRect().width() - margins.left() - margins.right()
        while pixels > least:
            self.figure.setFont(pixel_font(self.font(), pixels, bold=True))
            if (
                room <= 1
                or QFontMetrics(self.figure.font()).horizontalAdvance(self.figure.full_text()) <= room
            ):
                break
            pixels -= 2
        self.figure.setFont(pixel_font(self.font(), pixels, bold=True))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_figure()

    def flash(self) -> None:
        self.flashing = True
        self.changed.set_full_text(QApplication.translate("wall", "✱ just changed"))
        self.changed.show()
        self._paint_border()
        self._unflash.start()

    def _end_flash(self) -> None:
        self.flashing = False
        self.changed.set_full_text("")
        self.changed.hide()  # its line goes back to the tile's text
        self._paint_border()

    def _paint_border(self) -> None:
        colour = FLASH if self.flashing else RAG_INK[self.status.rag] if self.status else PANEL
        self.setStyleSheet(
            f"QFrame#wallTile {{ background: {PANEL}; border: 3px solid {colour};"
            f" border-left: 14px solid {colour}; border-radius: 6px; }}"
        )
        self.changed.setStyleSheet(f"color: {FLASH};")


class AttentionBlock(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallBlock")
        self.heading = FittedLabel()
        self.lines: list[FittedLabel] = []
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.heading)
        self._layout.addStretch(1)

    def show_attention(self, attention: Attention, sizes: Sizes) -> None:
        self.heading.set_full_text(attention.heading)
        self.heading.setFont(pixel_font(self.font(), sizes.label, bold=True))
        self.heading.setStyleSheet(f"color: {NEUTRAL};")
        while len(self.lines) < len(attention.lines):
            label = FittedLabel()
            self._layout.insertWidget(self._layout.count() - 1, label)
            self.lines.append(label)
        for label, (text, rag) in zip(self.lines, attention.lines, strict=False):
            label.set_full_text(text)
            label.setFont(pixel_font(self.font(), sizes.label))
            label.setStyleSheet(f"color: {RAG_INK[rag]};" if rag is not None else "")
            label.show()
        for label in self.lines[len(attention.lines) :]:
            label.hide()
