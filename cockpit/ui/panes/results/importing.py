"""Importing result files from the window: on the session's writer, like every write, its progress in the
window's status bar.

The import is one operation of ``session.run``: it parses and writes on the writer thread (edits made
meanwhile wait their turn there, as they must: one writer), and its ``Changes`` come back through the
session's refresh like any other write's. The UI thread only moves the progress bar.

The progress is a strip of the status bar (``ImportProgress``: which files, how far), built with the pane
and shown when an import starts, not a progress dialog: a dialog is a new top-level window, and its first
show took 70–400 ms of the UI thread (bench/refresh.py, (c)), a freeze at the moment the user starts the
import. The strip is in every pane's view, so the user can go on looking at (and editing) the launch;
edits wait behind the import on the writer. There is nothing to cancel: the import is one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from cockpit.domain.tests import TestLevel
from cockpit.errors import CockpitError
from cockpit.services.import_results import ImportOutcome, import_results
from cockpit.store.launchfile import LaunchFile
from cockpit.ui.session.launch_session import LaunchSession


def importing(
    *, paths: Sequence[Path], level: TestLevel, run_name: str, progress: Callable[[int], None]
) -> Callable[[LaunchFile, str], ImportOutcome]:
    """The import as an operation for ``session.run``: it runs on the writer, never on the UI thread."""

    def operation(launch_file: LaunchFile, actor: str) -> ImportOutcome:
        return import_results(
            launch_file,
            paths=list(paths),
            level=level,
            run_name=run_name or None,
            actor=actor,
            progress=progress,
        )

    return operation


class ImportProgress(QWidget):
    """What the status bar shows while results import: the files' names and how far it got."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importProgress")
        self.text = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setMaximumWidth(160)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.bar)
        self.hide()

    def begin(self, text: str) -> None:
        self.text.setText(text)
        self.bar.setValue(0)
        self.show()

    def end(self) -> None:
        self.hide()


class ResultImport(QObject):
    """One import at a time per pane; ``finished(outcome)`` or ``refused(message)`` on the UI thread.

    ``indicator`` is the progress strip; the window puts it in its status bar (``BasePane.status_widgets``).
    """

    progressed = Signal(int)  # emitted from the worker; queued to the UI thread
    finished = Signal(object)  # ImportOutcome
    refused = Signal(str)

    def __init__(self, session: LaunchSession, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.indicator = ImportProgress(parent)  # the window moves it into its status bar
        self.progressed.connect(self.indicator.bar.setValue, Qt.ConnectionType.QueuedConnection)
        self.running = False

    def start(self, *, paths: Sequence[Path], level: TestLevel, run_name: str) -> bool:
        """Begin importing ``paths`` as one run of ``level``; False (and a message) when it cannot start."""
        if self.running:
            return False
        if self.session.read_only:
            message = self.tr("Nothing was imported: this launch file is open read-only ({reason}).")
            self._refuse(message.format(reason=self.session.read_only_reason))
            return False
        self.running = True
        names = ", ".join(p.name for p in paths)
        self.indicator.begin(self.tr("Importing {files}…").format(files=names))
        self.session.run(
            importing(paths=paths, level=level, run_name=run_name, progress=self.progressed.emit),
            on_done=self._on_done,
            on_error=self._on_error,
        )
        return True

    def _end(self) -> None:
        self.running = False
        self.indicator.end()

    def _on_done(self, outcome: ImportOutcome) -> None:
        self._end()  # the session already shows the new run (its refresh came first)
        self.finished.emit(outcome)

    def _on_error(self, exc: BaseException) -> None:
        self._end()
        if not isinstance(exc, CockpitError):
            raise exc
        self._refuse(self.tr("Nothing was imported: {reason}").format(reason=exc))

    def _refuse(self, message: str) -> None:
        self.session.show_problem(message)
        self.refused.emit(message)
