"""Every remembered preference in one place: its key, its type and its default (Picard style).

The window receives a ``QSettings`` in its constructor; the app opens the user's own, tests open a
file in a temporary folder, so nothing leaks between them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "GoLiveCockpit"
APPLICATION = "cockpit"
MAX_RECENT_FILES = 8


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    default: Any
    kind: type


GEOMETRY = Setting("window/geometry", QByteArray(), QByteArray)
WINDOW_STATE = Setting("window/state", QByteArray(), QByteArray)
MAIN_SPLITTER = Setting("window/splitter", QByteArray(), QByteArray)
LAST_PANE = Setting("window/last_pane", "overview", str)
RECENT_FILES = Setting("files/recent", [], list)
LANGUAGE = Setting("ui/language", "", str)  # "" follows the environment
WALL_ROTATION_SECONDS = Setting("wall/rotation_seconds", 20, int)  # R on the wall turns the rotation on
WALL_SCREEN = Setting("wall/screen", "", str)  # the screen the war-room wall goes on, by name; "" the primary


def pane_state(pane_id: str, name: str) -> Setting:
    """A pane's own saved state (a splitter, a header), kept under the pane's name."""
    return Setting(f"panes/{pane_id}/{name}", QByteArray(), QByteArray)


def open_settings(path: str | Path | None = None) -> QSettings:
    """The user's settings, or an INI file at ``path`` (tests, portable installs)."""
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def read(settings: QSettings, setting: Setting) -> Any:
    value = settings.value(setting.key, setting.default)
    if value is None:
        return setting.default
    if setting.kind is list:
        # INI files hand back a single-entry list as a plain string.
        if isinstance(value, str):
            return [value]
        return list(value) if isinstance(value, Iterable) else setting.default
    if setting.kind is QByteArray:
        return value if isinstance(value, QByteArray) else setting.default
    try:
        return setting.kind(value)
    except (TypeError, ValueError):
        return setting.default


def write(settings: QSettings, setting: Setting, value: Any) -> None:
    settings.setValue(setting.key, value)


def remember_recent(settings: QSettings, path: str | Path) -> list[str]:
    """Put ``path`` first in the recent files, without duplicates; return the new list."""
    path = str(Path(path).resolve())
    recent = [p for p in read(settings, RECENT_FILES) if p != path]
    recent = [path, *recent][:MAX_RECENT_FILES]
    write(settings, RECENT_FILES, recent)
    return recent
