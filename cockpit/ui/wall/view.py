"""The war-room wall: one full-screen, read-only view of the launch for a screen the whole room watches.

No menu, no side bar, no dialog, no mouse: Esc or F11 leaves, S moves the wall to the next screen (the
choice is remembered). It draws what the session already holds and redraws on the session's own
``data_loaded`` (a teammate's change arrives by the session's refresh, never by polling the file here); the
one-second timer moves only the clock and the countdown. A tile whose figure a change moved flashes once.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cockpit.changes import Changes
from cockpit.domain.launch import LaunchData
from cockpit.domain.status import Pane, PaneStatus
from cockpit.ui import settings as keys
from cockpit.ui.panes.overview.view import TILE_PANES, countdown_text
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.wall.content import Attention, WallContent, wall_content
from cockpit.ui.wall.theme import (
    FLASH,
    NEUTRAL,
    PANEL,
    RAG_INK,
    STYLE_SHEET,
    Sizes,
    pixel_font,
    sizes_for,
)
from cockpit.ui.widgets.theme import RAG_LOOKS
from cockpit.words.labels import pane_title, rag_label

FLASH_MS = 1500  # one flash: long enough to be seen across the room, short enough not to alarm
BLOCK_COLUMNS = 3


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

    def __init__(self, pane: Pane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallTile")
        self.pane = pane
        self.status: PaneStatus | None = None
        self.flashing = False
        self.title = FittedLabel()
        self.title.set_full_text(pane_title(pane))
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
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        for widget in (self.title, self.light, self.figure, self.counts, *self.reasons, self.changed):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._unflash = QTimer(self)
        self._unflash.setSingleShot(True)
        self._unflash.setInterval(FLASH_MS)
        self._unflash.timeout.connect(self._end_flash)

    def label_widgets(self) -> tuple[QLabel, ...]:
        return (self.title, self.light, self.counts, *self.reasons, self.changed)

    def show_status(self, status: PaneStatus) -> None:
        self.status = status
        look = RAG_LOOKS[status.rag]
        self.light.set_full_text(f"{look.symbol} {rag_label(status.rag)}")
        self.light.setStyleSheet(f"color: {RAG_INK[status.rag]};")
        self.figure.set_full_text(status.figure)
        self.counts.setText(status.counts)
        self.reasons[0].set_full_text(status.reason.partition("; ")[0])
        self._paint_border()

    def flash(self) -> None:
        self.flashing = True
        self.changed.set_full_text(QApplication.translate("wall", "✱ just changed"))
        self._paint_border()
        self._unflash.start()

    def _end_flash(self) -> None:
        self.flashing = False
        self.changed.set_full_text("")
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


class WallWindow(QWidget):
    """The wall. ``left`` when the user leaves it (Esc, F11); ``flashed(pane)`` when a tile flashes."""

    left = Signal()
    flashed = Signal(object)  # Pane
    shown_content = Signal()  # the content of the latest data is on screen

    def __init__(self, session: LaunchSession, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("wall")
        self.setStyleSheet(STYLE_SHEET)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(QApplication.translate("wall", "War room"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.session = session
        self.settings = settings
        self.content: WallContent | None = None
        self._sizes = sizes_for(*_size_of(self))

        self.name = QLabel()  # a long launch name takes two lines rather than losing its end
        self.name.setWordWrap(True)
        self.name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.clock = FittedLabel()
        self.stage = FittedLabel()
        self.countdown = FittedLabel()
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.countdown_caption = FittedLabel()
        self.countdown_caption.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.countdown_caption.setProperty("role", "muted")
        self.verdict_caption = FittedLabel()
        self.verdict_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict_caption.set_full_text(QApplication.translate("wall", "Go/no-go decision"))
        self.verdict = FittedLabel()
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict_detail = FittedLabel()
        self.verdict_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict_detail.setProperty("role", "muted")
        self.waiting = FittedLabel()
        self.waiting.set_full_text(QApplication.translate("wall", "Reading the launch file…"))

        left = QVBoxLayout()
        for widget in (self.name, self.clock, self.stage):
            left.addWidget(widget)
        middle = QVBoxLayout()
        middle.addWidget(self.verdict_caption)
        middle.addWidget(self.verdict)
        middle.addWidget(self.verdict_detail)
        right = QVBoxLayout()
        right.addWidget(self.countdown)
        right.addWidget(self.countdown_caption)
        header = QHBoxLayout()
        header.addLayout(left, 5)
        header.addLayout(middle, 7)
        header.addLayout(right, 5)

        self.tiles = {pane: WallTile(pane) for pane in TILE_PANES}
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)

        self.blocks_grid = QGridLayout()
        self.blocks: list[AttentionBlock] = []

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.waiting)
        layout.addLayout(tiles)
        layout.addLayout(self.blocks_grid, 1)
        self._layout = layout
        self._apply_sizes()

        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        session.data_loaded.connect(self._on_data)
        session.closed.connect(self.close)
        if session.data is not None:
            self._show(session.data, session.now(), flash=False)

    # -- what it shows ----------------------------------------------------------------------------------------------

    def _on_data(self, data: LaunchData, changes: Changes | None) -> None:
        # A full load (None) is a new picture, not a teammate's change: nothing flashes.
        self._show(data, self.session.now(), flash=changes is not None)

    def _show(self, data: LaunchData, now: datetime, *, flash: bool) -> None:
        content = wall_content(data, now)
        self.content = content
        self.waiting.hide()
        self.name.setText(content.name)
        self.clock.set_full_text(content.clock)
        self.stage.set_full_text(content.stage)
        self.countdown.set_full_text(content.countdown)
        self.countdown_caption.set_full_text(content.countdown_caption)
        look = RAG_LOOKS[content.verdict_rag]
        self.verdict.set_full_text(f"{look.symbol} {content.verdict}")  # the decision alone: the largest text
        self.verdict.setMinimumWidth(_width_of(self.verdict, self.verdict.full_text()))
        self.verdict.setStyleSheet(f"color: {RAG_INK[content.verdict_rag]};")
        self.verdict_detail.set_full_text(content.verdict_detail)
        for pane, tile in self.tiles.items():
            status = content.tiles[pane]
            before = tile.status
            if before == status:
                continue
            tile.show_status(status)
            if (
                flash
                and before is not None
                and (before.headline, before.rag) != (status.headline, status.rag)
            ):
                tile.flash()
                self.flashed.emit(pane)
        self._show_blocks(content.attention)
        self.shown_content.emit()

    def _show_blocks(self, attention: tuple[Attention, ...]) -> None:
        while len(self.blocks) < len(attention):
            block = AttentionBlock()
            index = len(self.blocks)
            self.blocks_grid.addWidget(block, index // BLOCK_COLUMNS, index % BLOCK_COLUMNS)
            self.blocks.append(block)
        for block, item in zip(self.blocks, attention, strict=False):
            block.show_attention(item, self._sizes)
            block.show()
        for block in self.blocks[len(attention) :]:
            block.hide()

    def _tick(self) -> None:
        data = self.session.data
        if data is None or self.content is None:
            return
        now = self.session.now()
        if now.second == 0:  # lights, forecast and SLA clocks move with time: once a minute
            self._show(data, now, flash=False)
            return
        local = now.astimezone(data.launch.zone)
        self.clock.set_full_text(f"{local:%H:%M:%S} {local.tzname() or data.launch.timezone}")
        self.countdown.set_full_text(countdown_text(data.launch.go_live, now))

    # -- sizes --------------------------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        sizes = sizes_for(*_size_of(self))
        if sizes != self._sizes:
            self._sizes = sizes
            self._apply_sizes()

    def _apply_sizes(self) -> None:
        s, base = self._sizes, self.font()
        self._layout.setContentsMargins(s.margin, s.margin, s.margin, s.margin)
        self._layout.setSpacing(s.margin)
        for label in (
            self.name,
            self.clock,
            self.stage,
            self.countdown_caption,
            self.verdict_caption,
            self.verdict_detail,
            self.waiting,
        ):
            label.setFont(pixel_font(base, s.label, bold=label is self.name))
        self.countdown.setFont(pixel_font(base, s.countdown, bold=True))
        # The countdown and the verdict are never cut short: the launch's name gives way first.
        self.countdown.setMinimumWidth(_width_of(self.countdown, "T−00d 00:00:00"))
        self.verdict.setFont(pixel_font(base, s.verdict, bold=True))
        self.verdict.setMinimumWidth(_width_of(self.verdict, self.verdict.full_text()))
        for tile in self.tiles.values():
            for tile_label in tile.label_widgets():
                tile_label.setFont(pixel_font(base, s.label, bold=tile_label is tile.title))
            tile.figure.setFont(pixel_font(base, s.figure, bold=True))
        if self.content is not None:
            self._show_blocks(self.content.attention)

    def headline_widgets(self) -> tuple[QLabel, ...]:
        """The figures that must read from five metres (the verdict, the countdown, each tile's number)."""
        return (self.verdict, self.countdown, *(tile.figure for tile in self.tiles.values()))

    def label_widgets(self) -> tuple[QLabel, ...]:
        """Every other text on the wall."""
        header = (
            self.name,
            self.clock,
            self.stage,
            self.countdown_caption,
            self.verdict_caption,
            self.verdict_detail,
        )
        tiles = tuple(label for tile in self.tiles.values() for label in tile.label_widgets())
        blocks = tuple(w for b in self.blocks for w in (b.heading, *b.lines))
        return (*header, *tiles, *blocks)

    # -- keyboard and screens -----------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            self.close()
        elif key == Qt.Key.Key_S:
            self.move_to_next_screen()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        self._clock.stop()
        super().closeEvent(event)
        self.left.emit()

    def show_on_chosen_screen(self) -> None:
        self.show_on(chosen_screen(self.settings))

    def move_to_next_screen(self) -> None:
        screens = QApplication.screens()
        current = self.screen()
        index = screens.index(current) if current in screens else -1
        target = screens[(index + 1) % len(screens)]
        keys.write(self.settings, keys.WALL_SCREEN, target.name())
        self.show_on(target)

    def show_on(self, screen: QScreen | None) -> None:
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.activateWindow()
        self.setFocus()


def chosen_screen(settings: QSettings) -> QScreen | None:
    """The screen the wall was last put on, by name; the primary screen when that one is gone."""
    name = keys.read(settings, keys.WALL_SCREEN)
    named = next((s for s in QApplication.screens() if s.name() == name), None)
    return named or QApplication.primaryScreen()


def _width_of(label: QLabel, text: str) -> int:
    return QFontMetrics(label.font()).horizontalAdvance(text) + 8


def _size_of(widget: QWidget) -> tuple[int, int]:
    size = widget.size()
    return size.width(), size.height()
