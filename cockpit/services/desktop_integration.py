"""Linux desktop integration: the launcher, the ``.golive`` file type and the icons in the user's XDG folders.

``cockpit install-desktop`` copies ``resources/desktop/`` and ``resources/icons/`` into ``$XDG_DATA_HOME``
(``~/.local/share``), pointing the launcher at the cockpit that ran the command (the frozen app, or the
``cockpit`` a pip/pipx install made), so a double-click on a launch file opens it in the window. The
desktop's caches are refreshed with update-mime-database / update-desktop-database where they are installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import platformdirs

from cockpit.errors import BadInput, NotSaved
from cockpit.i18n import tr

APP_ID = "golive-cockpit"
# The window's application name. On X11 Qt makes it the WM_CLASS class of every window, which the desktop
# matches against StartupWMClass to put the window under the launcher's icon.
APP_NAME = "Go-Live Cockpit"
MIME_TYPE = "application/x-golive-cockpit"
DOCUMENT_ICON = MIME_TYPE.replace("/", "-")
DESKTOP_FILE = f"{APP_ID}.desktop"
MIME_FILE = f"{APP_ID}.xml"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Desktop Entry spec, "The Exec key": an argument holding one of these must be quoted.
_EXEC_RESERVED = re.compile(r"""[\s"'\\><~|&;$*?#()`]""")
_TOOL_TIMEOUT_S = 60

RESOURCES: Traversable = resources.files("cockpit.resources")


@dataclass(frozen=True)
class DesktopOutcome:
    """What ``install``/``uninstall`` did: the files written or removed, and the cache tools run or missing."""

    data_home: Path
    files: tuple[Path, ...]
    tools_run: tuple[str, ...] = ()
    tools_missing: tuple[str, ...] = ()
    tool_failures: tuple[str, ...] = ()


def user_data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset."""
    return platformdirs.user_data_path()


def launcher_command() -> list[str]:
    """The command the launcher runs, before the file: this same cockpit, wherever it was installed."""
    if getattr(sys, "frozen", False):
        return [sys.executable]  # the built app opens the window on a file given alone
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "cockpit" and script.is_file() and os.access(script, os.X_OK):
        # Not resolved: pipx links ~/.local/bin/cockpit into its venv, and the link outlives an upgrade.
        return [str(script.absolute()), "open"]
    return [sys.executable, "-m", "cockpit", "open"]


def exec_line(command: list[str]) -> str:
    """The ``Exec`` value for ``command`` followed by the desktop's file (%f), quoted as the spec asks."""
    quoted = []
    for argument in command:
        if _EXEC_RESERVED.search(argument):
            argument = '"' + re.sub(r'(["`$\\])', r"\\\1", argument) + '"'
        quoted.append(argument.replace("%", "%%"))
    # The value is also a desktop-file string, whose own escape doubles every backslash.
    return " ".join(quoted).replace("\\", "\\\\") + " %f"


def desktop_entry(command: list[str]) -> str:
    """The shipped .desktop file, its Exec (and TryExec) pointing at ``command``."""
    lines = []
    for line in RESOURCES.joinpath("desktop", DESKTOP_FILE).read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            lines.append(f"Exec={exec_line(command)}")
            lines.append(f"TryExec={command[0]}")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def path_from_desktop(argument: str) -> str:
    """The file name in what a desktop passes on a double-click: a path, or a ``file://`` URI (%u).

    Only ``file://`` with its slashes is a URI, and only when no file has that literal name: ``file:a.golive``
    stays a file name, as everywhere else in the cockpit.
    """
    if not argument.startswith("file://") or Path(argument).exists():
        return argument
    parts = urlsplit(argument)
    if parts.netloc not in ("", "localhost"):
        raise BadInput(
            tr(
                "{uri} is on another machine ({host}). Copy the file to this computer or a mounted shared "
                "folder and open it from there.",
                uri=argument,
                host=parts.netloc,
            )
        )
    return url2pathname(parts.path)  # which undoes the percent-encoding


def icon_files() -> Iterator[tuple[str, Traversable]]:
    """(path under ``icons/hicolor``, shipped file) for every icon: the app's and the document's, all sizes."""
    icons = RESOURCES.joinpath("icons")
    for size in ICON_SIZES:
        folder = f"{size}x{size}"
        yield f"{folder}/apps/{APP_ID}.png", icons.joinpath("hicolor", folder, "apps", f"{APP_ID}.png")
        yield (
            f"{folder}/mimetypes/{DOCUMENT_ICON}.png",
            icons.joinpath("hicolor", folder, "mimetypes", f"{DOCUMENT_ICON}.png"),
        )
    yield f"scalable/apps/{APP_ID}.svg", icons.joinpath(f"{APP_ID}.svg")
    yield f"scalable/mimetypes/{DOCUMENT_ICON}.svg", icons.joinpath(f"{DOCUMENT_ICON}.svg")


def _targets(data_home: Path, command: list[str]) -> Iterator[tuple[Path, bytes]]:
    yield data_home / "applications" / DESKTOP_FILE, desktop_entry(command).encode("utf-8")
    yield data_home / "mime" / "packages" / MIME_FILE, RESOURCES.joinpath("desktop", MIME_FILE).read_bytes()
    for relative, shipped in icon_files():
        yield data_home / "icons" / "hicolor" / relative, shipped.read_bytes()


def check_platform() -> None:
    """XDG folders are a Linux (and BSD) desktop's: elsewhere the app bundle or installer registers .golive."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        raise BadInput(
            tr(
                "install-desktop is for Linux desktops. On Windows and macOS, install the built app "
                '(README "Build the app"): its installer or app bundle registers .golive files.'
            )
        )


def install(data_home: Path | None = None, command: list[str] | None = None) -> DesktopOutcome:
    """Write the launcher, the file type and the icons; an existing copy (an older install) is replaced."""
    home = data_home or user_data_home()
    written = []
    for target, content in _targets(home, command or launcher_command()):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        except OSError as exc:
            raise NotSaved(
                tr(
                    "Could not write {path}: {error}. Make the folder writable (or set XDG_DATA_HOME to one "
                    "that is) and run 'cockpit install-desktop' again.",
                    path=target,
                    error=exc.strerror or exc,
                )
            ) from exc
        written.append(target)
    return _refreshed(home, tuple(written))


def uninstall(data_home: Path | None = None) -> DesktopOutcome:
    """Remove what ``install`` wrote (whichever cockpit it pointed at); files already gone are skipped."""
    home = data_home or user_data_home()
    removed = []
    for target, _content in _targets(home, ["cockpit"]):
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise NotSaved(
                tr(
                    "Could not remove {path}: {error}. Make its folder writable and run "
                    "'cockpit install-desktop --uninstall' again.",
                    path=target,
                    error=exc.strerror or exc,
                )
            ) from exc
        removed.append(target)
    return _refreshed(home, tuple(removed))


def _refreshed(home: Path, files: tuple[Path, ...]) -> DesktopOutcome:
    """Rebuild the desktop's caches of file types and launchers, with the tools this machine has."""
    tools_run, tools_missing, failures = [], [], []
    for tool, folder in (
        ("update-mime-database", home / "mime"),
        ("update-desktop-database", home / "applications"),
    ):
        program = shutil.which(tool)
        if program is None:
            tools_missing.append(tool)
            continue
        if not folder.is_dir():
            continue
        try:
            result = subprocess.run(
                [program, str(folder)], capture_output=True, text=True, timeout=_TOOL_TIMEOUT_S, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            failures.append(f"{tool}: {exc}")
            continue
        if result.returncode != 0:
            failures.append(f"{tool}: {(result.stderr or result.stdout).strip() or result.returncode}")
        else:
            tools_run.append(tool)
    return DesktopOutcome(home, files, tuple(tools_run), tuple(tools_missing), tuple(failures))
