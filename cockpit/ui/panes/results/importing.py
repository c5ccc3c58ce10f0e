"""Importing result files from the window: on the session's writer, like every write, with a progress dialog.

The import is one operation of ``session.run``: it parses and writes on the writer thread (edits made
meanwhile wait their turn there, as they must: one writer), and its ``Changes`` come back through the
session's refresh like any other write's. The UI thread only moves the progress bar.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

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


class ResultImport(QObject):
    """One import at a time per pane; ``finished(outcome)`` or ``refused(message)`` on the UI thread."""

    progressed = Signal(int)  # emitted from the worker; queued to the UI thread
    finished = Signal(object)  # ImportOutcome
    refused = Signal(str)

    def __init__(self, session: LaunchSession, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._parent_widget = parent
        self.dialog: QProgressDialog | None = None
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
        dialog = QProgressDialog(
            self.tr("Importing {files}…").format(files=names), "", 0, 100, self._parent_widget
        )
        dialog.setWindowTitle(self.tr("Import test results"))
        dialog.setCancelButton(
            None
        )  # one transaction: it either lands whole or not at all, nothing to cancel
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setValue(0)
        self.progressed.connect(dialog.setValue, Qt.ConnectionType.QueuedConnection)
        self.dialog = dialog
        self.session.run(
            importing(paths=paths, level=level, run_name=run_name, progress=self.progressed.emit),
            on_done=self._on_done,
            on_error=self._on_error,
        )
        return True

    def _close_dialog(self) -> None:
        self.running = False
        if self.dialog is not None:
            self.progressed.disconnect(self.dialog.setValue)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _on_done(self, outcome: ImportOutcome) -> None:
        self._close_dialog()  # the session already shows the new run (its refresh came first)
        self.finished.emit(outcome)

    def _on_error(self, exc: BaseException) -> None:
        self._close_dialog()
        if not isinstance(exc, CockpitError):
            raise exc
        self._refuse(self.tr("Nothing was imported: {reason}").format(reason=exc))

    def _refuse(self, message: str) -> None:
        self.session.show_problem(message)
        self.refused.emit(message)
