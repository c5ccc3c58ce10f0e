"""Start the window: the application object, fonts, language, theme, and the first file."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QIcon, QPixmap
from PySide6.QtWidgets import QApplication

from cockpit import i18n
from cockpit.services import desktop_integration, public_holiday_cache
from cockpit.ui import settings as keys
from cockpit.ui.main_window import MainWindow
from cockpit.ui.widgets.theme import apply_theme

APP_NAME = desktop_integration.APP_NAME  # the .desktop file's StartupWMClass names it
JAPANESE_FONT_FILE = "ipaexg.ttf"


class GettextTranslator(QTranslator):
    """Qt's ``tr()`` answered from the same gettext catalog as ``cockpit.i18n.tr()``: one catalog to translate."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if not source:
            return ""
        translated = i18n.tr(source)  # no values given: nothing is formatted, placeholders stay for .format()
        return translated if translated != source else None  # a null string lets Qt fall back to the source


def no_display_reason() -> str:
    """Why a window cannot open here (Linux without a display and no platform chosen), or ''."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return ""
    return i18n.tr(
        "No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the cockpit window cannot open. "
        "Run it in a desktop session, or use the command-line commands ('cockpit status FILE')."
    )


def bundled_japanese_font() -> Path | None:
    """matplotlib-fontja's IPAexGothic, found without importing the package (its import changes matplotlib)."""
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / "fonts" / JAPANESE_FONT_FILE
        if candidate.is_file():
            return candidate
    return None


def install_fonts(app: QApplication) -> str | None:
    """Register IPAexGothic and add it as a fallback, so Japanese renders on machines without CJK fonts."""
    path = bundled_japanese_font()
    if path is None:
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    family = families[0]
    font = QFont(app.font())
    # The system family stays first; Qt falls back to IPAexGothic glyph by glyph where it lacks a character.
    # It goes in as the family it resolves to ("DejaVu Sans"), not as the alias Qt starts with ("Sans Serif"):
    # behind an alias, Qt took punctuation both fonts have (“ ” ‘ ’) from IPAexGothic, full width mid-sentence.
    system = QFontInfo(app.font()).family()
    font.setFamilies([system, family] if system != family else [family])
    app.setFont(font)
    return family


def app_icon() -> QIcon:
    """The cockpit's mark at every size it ships (``resources/icons``), for the title bar, task bar and dock."""
    icon = QIcon()
    for relative, shipped in desktop_integration.icon_files():
        if relative.endswith(f"/apps/{desktop_integration.APP_ID}.png"):
            pixmap = QPixmap()
            if pixmap.loadFromData(shipped.read_bytes(), "PNG"):
                icon.addPixmap(pixmap)
    return icon


def install_language(app: QApplication, lang: str | None, settings_language: str) -> str:
    """Set the language for this run (``i18n.startup_language``) and let Qt's ``tr()`` and dialogs speak it."""
    i18n.set_language(i18n.startup_language(lang, settings_language, system=QLocale.system().name()))
    language = i18n.language()
    translator = GettextTranslator(app)
    app.installTranslator(translator)
    qt_translator = QTranslator(app)
    if qt_translator.load(
        QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_translator)  # Qt's own dialogs and buttons
    QLocale.setDefault(QLocale(language))
    return language


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if existing is None:
        app = QApplication(argv or [sys.argv[0]])
    elif isinstance(existing, QApplication):
        app = existing
    else:  # a QCoreApplication without widgets: the window could not be shown in it
        raise RuntimeError(
            f"the cockpit needs a QApplication, not the {type(existing).__name__} already running"
        )
    app.setApplicationName(APP_NAME)
    public_holiday_cache.install()  # the Support pane's clocks skip the holidays package once it answered
    app.setOrganizationName(keys.ORGANIZATION)
    app.setApplicationVersion(__import__("cockpit").__version__)
    # Wayland's app id: the desktop finds the launcher (and its icon) by this name.
    app.setDesktopFileName(desktop_integration.APP_ID)
    app.setWindowIcon(app_icon())
    apply_theme(app)
    install_fonts(app)
    return app


def run_app(*, path: str | None, read_only: bool, war_room: bool, lang: str | None) -> int:
    """Open the cockpit window on ``path`` (or offer File ▸ Open), run until it closes, return the exit code."""
    reason = no_display_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    app = create_application()
    settings = keys.open_settings()
    install_language(app, lang, keys.read(settings, keys.LANGUAGE))
    window = MainWindow(settings=settings)
    window.show()
    if path:
        window.open_file(path, read_only=read_only)
        if war_room:
            window.wall.open_wall()  # the wall full screen over the window; Esc or F11 goes back to it
    else:
        QTimer.singleShot(0, lambda: window.choose_and_open(read_only=read_only))
    return app.exec()
