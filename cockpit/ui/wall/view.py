"""The war-room wall: one full-screen, read-only view of the launch for a screen the whole room watches.

No menu, no side bar, no dialog, no mouse: Esc or F11 leaves, S moves the wall to the next screen (the
choice is remembered), R turns the rotation through its pages on and off (a progress line shows the next
turn), ← → turn a page by hand. It draws what the session already holds and redraws on the session's own
``data_loaded`` (a teammate's change arrives by the session's refresh, never by polling the file here); the
one-second timer moves only the clock and the countdown. A tile whose figure a change moved flashes once.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cockpit.changes import Changes
from cockpit.domain.launch import LaunchData
from cockpit.domain.presence import Presence
from cockpit.ui import settings as keys
from cockpit.ui.panes.overview.view import TILE_PANES, countdown_text
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.team.presence import person_name
from cockpit.ui.wall.content import Attention, WallContent, wall_content
from cockpit.ui.wall.parts import AttentionBlock, FittedLabel, WallTile
from cockpit.ui.wall.rotation import Rotation
from cockpit.ui.wall.theme import (
    RAG_INK,
    STYLE_SHEET,
    pixel_font,
    sizes_for,
)
from cockpit.ui.widgets.theme import RAG_LOOKS

BLOCK_COLUMNS = 3


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
        self.present = FittedLabel()  # who else has the file open (the window's heartbeat finds them)
        self.present.setProperty("role", "muted")
        self.present.hide()
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
        for widget in (self.name, self.clock, self.stage, self.present):
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
        self.kpi_tile = WallTile(None, title=QApplication.translate("wall", "Hypercare KPIs"))
        self.kpi_tile.hide()
        tiles.addWidget(self.kpi_tile, 1)

        self.blocks_grid = QGridLayout()
        self.blocks: list[AttentionBlock] = []
        main = QWidget()
        main.setObjectName("wallPage")
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.addLayout(tiles)
        main_layout.addLayout(self.blocks_grid, 1)
        self._main_layout = main_layout
        # Page 0 the overview; then one page per list, for the rotation (R) or ← →.
        self.pages = QStackedWidget()
        self.pages.addWidget(main)
        self.detail_pages: list[AttentionBlock] = []
        self.rotation = Rotation(keys.read(settings, keys.WALL_ROTATION_SECONDS))
        self.rotation_bar = QProgressBar()
        self.rotation_bar.setObjectName("wallRotation")
        self.rotation_bar.setTextVisible(False)
        self.rotation_label = FittedLabel()
        self.rotation_label.setProperty("role", "muted")
        rotation = QHBoxLayout()
        rotation.addWidget(self.rotation_label, 1)
        rotation.addWidget(self.rotation_bar, 3)
        self.rotation_row = QWidget()
        self.rotation_row.setLayout(rotation)
        self.rotation_row.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.waiting)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.rotation_row)
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
        self._fit_verdict()
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
        self.kpi_tile.setVisible(content.kpis is not None)
        kpis_before = self.kpi_tile.status
        if content.kpis is not None and content.kpis != kpis_before:
            self.kpi_tile.show_status(content.kpis)
            if flash and kpis_before is not None and kpis_before.headline != content.kpis.headline:
                self.kpi_tile.flash()  # a value that moved the count of KPIs breached, like a pane's tile
        self._show_blocks(content.attention)
        self._show_details(content.details)
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

    def _show_details(self, details: tuple[Attention, ...]) -> None:
        while len(self.detail_pages) < len(details):
            block = AttentionBlock()
            self.detail_pages.append(block)
            self.pages.addWidget(block)
        while len(self.detail_pages) > len(details):
            block = self.detail_pages.pop()
            self.pages.removeWidget(block)
            block.deleteLater()
        for block, item in zip(self.detail_pages, details, strict=True):
            block.show_attention(item, self._sizes)
        if self.rotation.page >= self.pages.count():
            self._turn_to(0)
        self._show_rotation()

    def show_presence(self, others: tuple[Presence, ...]) -> None:
        """The teammates whose windows have the file open now, as the status bar names them."""
        names = list(dict.fromkeys(person_name(self.session, p.actor) for p in others))
        self.present.set_full_text(
            QApplication.translate("wall", "Also open: {people}").format(people=", ".join(names))
            if names
            else ""
        )
        self.present.setVisible(bool(names))

    # -- rotation -------------------------------------------------------------------------------------------------

    def toggle_rotation(self) -> None:
        self.rotation.toggle()
        self._show_rotation()

    def _turn_to(self, page: int) -> None:
        self.rotation.go(page, self.pages.count())
        self.pages.setCurrentIndex(self.rotation.page)
        self._show_rotation()

    def _show_rotation(self) -> None:
        rotation = self.rotation
        self.rotation_row.setVisible(rotation.on)
        self.rotation_bar.setRange(0, rotation.seconds)
        self.rotation_bar.setValue(rotation.elapsed)
        self.rotation_label.set_full_text(
            QApplication.translate("wall", "↻ page {page} of {pages} · next in {seconds} s").format(
                page=rotation.page + 1, pages=self.pages.count(), seconds=rotation.left
            )
        )

    def _tick(self) -> None:
        if self.rotation.tick(self.pages.count()):
            self.pages.setCurrentIndex(self.rotation.page)
        self._show_rotation()
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
        else:
            self._fit_verdict()  # the same sizes, another width: the verdict's room changed

    def _apply_sizes(self) -> None:
        s, base = self._sizes, self.font()
        self._layout.setContentsMargins(s.margin, s.margin, s.margin, s.margin)
        self._layout.setSpacing(s.margin)
        for label in (
            self.name,
            self.clock,
            self.stage,
            self.present,
            self.countdown_caption,
            self.verdict_caption,
            self.verdict_detail,
            self.waiting,
            self.rotation_label,
        ):
            label.setFont(pixel_font(base, s.label, bold=label is self.name))
        self.countdown.setFont(pixel_font(base, s.countdown, bold=True))
        # The countdown and the verdict are never cut short: the launch's name gives way first.
        self.countdown.setMinimumWidth(_width_of(self.countdown, "T−00d 00:00:00"))
        self._fit_verdict()
        for tile in (*self.tiles.values(), self.kpi_tile):
            for tile_label in tile.label_widgets():
                tile_label.setFont(pixel_font(base, s.label, bold=tile_label is tile.title))
            tile.set_figure_pixels(s.figure, s.figure_least)
        self._main_layout.setSpacing(s.margin)
        if self.content is not None:
            self._show_blocks(self.content.attention)
            self._show_details(self.content.details)

    def _fit_verdict(self) -> None:
        """The verdict at its full size when it fits beside the countdown and the clock; a long one
        ("Conditional go") a little smaller, never as small as the countdown: still the largest, never cut."""
        s = self._sizes
        # The clock, the stage and who is here keep a readable column (at most a quarter of the wall).
        beside = max(_width_of(label, label.full_text()) for label in (self.clock, self.stage, self.present))
        room = self.width() - 4 * s.margin - self.countdown.minimumWidth() - min(beside, self.width() // 4)
        pixels = s.verdict
        while pixels > s.countdown + 4:
            self.verdict.setFont(pixel_font(self.font(), pixels, bold=True))
            if _width_of(self.verdict, self.verdict.full_text()) <= room:
                break
            pixels -= 4
        self.verdict.setFont(pixel_font(self.font(), pixels, bold=True))
        self.verdict.setMinimumWidth(_width_of(self.verdict, self.verdict.full_text()))

    def headline_widgets(self) -> tuple[QLabel, ...]:
        """The figures that must read from five metres (the verdict, the countdown, each tile's number)."""
        return (self.verdict, self.countdown, *(tile.figure for tile in self._shown_tiles()))

    def _shown_tiles(self) -> tuple[WallTile, ...]:
        return (*self.tiles.values(), *((self.kpi_tile,) if not self.kpi_tile.isHidden() else ()))

    def label_widgets(self) -> tuple[QLabel, ...]:
        """Every other text on the wall."""
        header = (
            self.name,
            self.clock,
            self.stage,
            self.present,
            self.countdown_caption,
            self.verdict_caption,
            self.verdict_detail,
        )
        tiles = tuple(label for tile in self._shown_tiles() for label in tile.label_widgets())
        blocks = tuple(w for b in (*self.blocks, *self.detail_pages) for w in (b.heading, *b.lines))
        return (*header, *tiles, *blocks, self.rotation_label)

    # -- keyboard and screens -----------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            self.close()
        elif key == Qt.Key.Key_S:
            self.move_to_next_screen()
        elif key == Qt.Key.Key_R:
            self.toggle_rotation()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            self._turn_to(self.rotation.page + (1 if key == Qt.Key.Key_Right else -1))
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
