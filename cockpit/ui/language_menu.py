"""View ▸ Language: English or 日本語, remembered per user (QSettings) and applied at the next start.

The window words every pane, menu and dialog once, when it builds them; switching live would leave parts
of it in the old language, so the choice is saved and a message says a restart applies it. ``--lang`` and
``COCKPIT_LANG`` still win for the start they are given to (``i18n.startup_language``). Nothing of it goes
into the launch file: two people on one file may read it in two languages.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from cockpit import i18n
from cockpit.i18n import N_
from cockpit.ui import settings as keys

# Each language in its own words, so a reader lost in the other one still finds theirs.
LANGUAGE_NAMES = {"en": "English", "ja": "日本語"}
# Said in the language shown and in the one chosen: someone switching may not read the one shown.
RESTART_NOTICE = N_("The cockpit will speak {language} from its next start. Restart it to switch now.")


class LanguageMenu(QObject):
    def __init__(self, *, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self._settings = settings
        self._window = parent
        self.notice: QMessageBox | None = None  # the last "restart to apply" message, kept for tests
        self.actions: dict[str, QAction] = {}

    def add_menu(self, view_menu: QMenu) -> QMenu:
        menu = view_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(menu)
        group.setExclusive(True)
        # The check marks what the user chose; until they choose, the language this window speaks.
        chosen = keys.read(self._settings, keys.LANGUAGE) or i18n.language()
        for code, name in LANGUAGE_NAMES.items():
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setData(code)
            action.triggered.connect(lambda _=False, code=code: self.choose(code))
            group.addAction(action)
            self.actions[code] = action
        return menu

    def choose(self, code: str) -> None:
        """Remember ``code`` for the next start; say so when it is not the language shown now."""
        keys.write(self._settings, keys.LANGUAGE, code)
        self._settings.sync()
        self.actions[code].setChecked(True)
        if code == i18n.language():
            return
        shown = i18n.tr(RESTART_NOTICE, language=LANGUAGE_NAMES[code])
        chosen = i18n.tr_in(code, RESTART_NOTICE, language=LANGUAGE_NAMES[code])
        self.notice = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Language"),
            shown if chosen == shown else f"{shown}\n\n{chosen}",
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        self.notice.open()  # window-modal, without blocking the event loop
