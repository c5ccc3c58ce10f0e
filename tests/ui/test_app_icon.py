"""The window carries the cockpit's own icon and names itself as the installed launcher does (issue 16)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from cockpit.services.desktop_integration import APP_ID, APP_NAME
from cockpit.ui.app import create_application


def test_the_application_shows_the_cockpit_icon_at_every_size_and_matches_its_launcher(qapp: QApplication):
    app = create_application()
    assert app is qapp
    sizes = app.windowIcon().availableSizes()
    assert {QSize(n, n) for n in (16, 32, 48, 256, 512)} <= set(sizes)
    # X11 matches WM_CLASS (the application name) to the .desktop file's StartupWMClass; Wayland the app id.
    assert app.applicationName() == APP_NAME
    assert app.desktopFileName() == APP_ID
    pixel = app.windowIcon().pixmap(QSize(48, 48)).toImage().pixelColor(24, 8)
    assert pixel.alpha() == 255  # the mark fills its square: drawn, not a blank placeholder
