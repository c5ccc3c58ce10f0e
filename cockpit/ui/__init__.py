"""The window: the only package that imports PySide6."""

from cockpit.ui.pyside_workarounds import keep_singletons_alive

keep_singletons_alive()  # before any Qt call can leak a reference (see pyside_workarounds)
