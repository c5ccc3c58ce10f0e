"""The Launch menu's People…, Sign-off roster… and Go/no-go criteria… entries, and the dialogs they open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from cockpit.ui.roster.criteria import CriteriaDialog
from cockpit.ui.roster.manage import ManageDialog
from cockpit.ui.roster.people import PeopleDialog
from cockpit.ui.roster.signers import RosterDialog
from cockpit.ui.session.launch_session import LaunchSession


class RosterActions(QObject):
    """Owns the three entries of one window; each opens its dialog on the window's current launch."""

    def __init__(self, *, parent: QWidget, current_session: Callable[[], LaunchSession | None]) -> None:
        super().__init__(parent)
        self._window = parent
        self._current_session = current_session
        self.dialog: ManageDialog | None = None  # the one open last, for tests
        self.actions: list[QAction] = []

    def add_actions(self, menu: QMenu) -> None:
        for text, dialog_class in (
            (self.tr("&People…"), PeopleDialog),
            (self.tr("Sign-off &roster…"), RosterDialog),
            (self.tr("&Go/no-go criteria…"), CriteriaDialog),
        ):
            action = menu.addAction(text)
            action.triggered.connect(lambda _=False, cls=dialog_class: self.open(cls))
            self.actions.append(action)
        menu.aboutToShow.connect(self.update_enabled)
        self.update_enabled()

    def update_enabled(self) -> None:
        session = self._current_session()
        for action in self.actions:
            action.setEnabled(session is not None and session.is_open)

    def open(self, dialog_class: Callable[..., ManageDialog]) -> ManageDialog | None:
        session = self._current_session()
        if session is None or session.data is None:
            return None
        dialog = dialog_class(session=session, parent=self._window)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def people(self) -> ManageDialog | None:
        return self.open(PeopleDialog)

    def roster(self) -> ManageDialog | None:
        return self.open(RosterDialog)

    def criteria(self) -> ManageDialog | None:
        return self.open(CriteriaDialog)
