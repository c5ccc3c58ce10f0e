"""View ▸ War room (F11): the wall opens on the launch the window has open, and closes back to the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.team.presence import PresenceBeat
from cockpit.ui.wall.view import WallWindow


class WallActions(QObject):
    """The menu entry and the one wall it opens. ``opened(wall)`` once it is on screen."""

    opened = Signal(object)  # WallWindow

    def __init__(
        self,
        *,
        parent: QWidget,
        current_session: Callable[[], LaunchSession | None],
        settings: QSettings,
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self._current_session = current_session
        self._settings = settings
        self.wall: WallWindow | None = None
        self.action: QAction | None = None
        self.presence: PresenceBeat | None = None

    def follow_presence(self, presence: PresenceBeat) -> None:
        """The window's heartbeat tells the wall who else has the file open (the wall does not beat itself)."""
        self.presence = presence
        presence.found.connect(self._show_presence)

    def _show_presence(self, others: tuple) -> None:
        if self.wall is not None:
            self.wall.show_presence(others)

    def add_action(self, menu: QMenu) -> QAction:
        action = menu.addAction(self.tr("&War room"))
        action.setCheckable(True)
        action.setShortcut(QKeySequence("F11"))
        action.setToolTip(
            self.tr("The launch full screen for the room: Esc or F11 leaves, S moves it to the next screen")
        )
        action.toggled.connect(self._toggled)
        self.action = action
        return action

    def _toggled(self, on: bool) -> None:
        if on:
            self.open_wall()
        elif self.wall is not None:
            self.wall.close()

    def open_wall(self) -> WallWindow | None:
        session = self._current_session()
        if session is None:
            if self.action is not None:
                self.action.setChecked(False)
            return None
        if self.wall is None:
            wall = WallWindow(session, self._settings)
            wall.left.connect(self._left)
            self.wall = wall
            session.closed.connect(wall.close)
        if self.presence is not None:
            self.wall.show_presence(self.presence.others)
        self.wall.show_on_chosen_screen()
        if self.action is not None and not self.action.isChecked():
            self.action.blockSignals(True)
            self.action.setChecked(True)
            self.action.blockSignals(False)
        self.opened.emit(self.wall)
        return self.wall

    def _left(self) -> None:
        wall, self.wall = self.wall, None
        if wall is not None:
            wall.deleteLater()
        if self.action is not None:
            self.action.blockSignals(True)
            self.action.setChecked(False)
            self.action.blockSignals(False)
        self._window.activateWindow()
