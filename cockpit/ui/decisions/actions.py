"""Launch ▸ Decisions… and File ▸ Export minutes…: the go/no-go rounds' entries of the window's menus.

The minutes are a PDF drawn with matplotlib, which the window's process never imports: like the status
report, they are written by another process (``cockpit minutes``, the command line's own), and ``done`` says
how that ended.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QWidget

from cockpit import i18n
from cockpit.ui.decisions.dialog import DecisionsDialog
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.words.rounds import round_title


class DecisionsActions(QObject):
    done = Signal(str, bool)  # what the minutes export says when it ends, and whether it went well

    def __init__(self, *, parent: QWidget, current_session: Callable[[], LaunchSession | None]) -> None:
        super().__init__(parent)
        self._window = parent
        self._current_session = current_session
        self.dialog: DecisionsDialog | None = None  # the one open last, for tests
        self.decisions_action: QAction | None = None
        self.minutes_action: QAction | None = None
        self.process: QProcess | None = None

    def add_decisions_action(self, menu: QMenu) -> None:
        self.decisions_action = menu.addAction(self.tr("&Decisions…"))
        self.decisions_action.setObjectName("decisionsAction")
        self.decisions_action.triggered.connect(lambda: self.open())
        menu.aboutToShow.connect(self.update_enabled)
        self.update_enabled()

    def add_minutes_action(self, menu: QMenu) -> None:
        self.minutes_action = menu.addAction(self.tr("Export &minutes…"))
        self.minutes_action.setObjectName("exportMinutesAction")
        self.minutes_action.setStatusTip(self.tr("Save the minutes of a go/no-go meeting as a PDF file"))
        self.minutes_action.triggered.connect(lambda: self.choose_and_export())
        menu.aboutToShow.connect(self.update_enabled)
        self.update_enabled()

    def update_enabled(self) -> None:
        session = self._current_session()
        is_open = session is not None and session.is_open
        if self.decisions_action is not None:
            self.decisions_action.setEnabled(is_open)
        if self.minutes_action is not None:
            has_rounds = (
                is_open and session is not None and session.data is not None and bool(session.data.rounds)
            )
            self.minutes_action.setEnabled(has_rounds and self.process is None)

    def open(self) -> DecisionsDialog | None:
        session = self._current_session()
        if session is None or session.data is None:
            return None
        dialog = DecisionsDialog(session=session, parent=self._window)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def choose_and_export(self) -> None:
        session = self._current_session()
        if session is None or session.data is None or not session.data.rounds or self.process is not None:
            return
        rounds = session.data.rounds
        names = [round_title(r.number, r.title) for r in rounds]
        name, ok = QInputDialog.getItem(
            self._window, self.tr("Export minutes"), self.tr("Which meeting?"), names, len(names) - 1, False
        )
        if not ok:
            return
        number = rounds[names.index(name)].number
        suggested = session.path.with_name(f"{session.path.stem}-minutes-{number}.pdf")
        path, _ = QFileDialog.getSaveFileName(
            self._window, self.tr("Export minutes"), str(suggested), self.tr("PDF files (*.pdf)")
        )
        if path:
            target = Path(path)
            self.export_minutes(number, target if target.suffix.lower() == ".pdf" else Path(f"{path}.pdf"))

    def export_minutes(self, number: int, path: Path) -> None:
        """Write round ``number``'s minutes to ``path`` in the window's language; ``done`` says how it went."""
        session = self._current_session()
        if session is None or self.process is not None:
            return
        process = QProcess(self)
        self.process = process
        process.setProgram(sys.executable)
        arguments = ["-m", "cockpit", "minutes", str(session.path), str(number), "--out", str(path)]
        process.setArguments([*arguments, "--lang", i18n.language(), "--json"])
        process.finished.connect(lambda code, _status: self._finished(process, code))
        process.start()
        self.update_enabled()

    def _finished(self, process: QProcess, code: int) -> None:
        out = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
        err = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        self.process = None
        process.deleteLater()
        self.update_enabled()
        if code == 0:
            result = json.loads(out)
            self.done.emit(
                self.tr("Exported the minutes of meeting {number} ({n} pages) to {path}.").format(
                    number=result["round"], n=result["pages"], path=result["path"]
                ),
                True,
            )
        else:
            self.done.emit(
                err.removeprefix("cockpit: ") or self.tr("The minutes could not be written."), False
            )
