"""Importing result files from the window: off the UI thread, on a connection of its own, with a progress dialog.

The import opens its own ``LaunchFile`` on a worker (the session's writer stays free for edits, and the
UI thread never touches the file); its ``Changes`` then go through the session like any other change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from cockpit.domain.tests import TestLevel
from cockpit.errors import CockpitError
from cockpit.services.import_results import ImportOutcome, import_results
from cockpit.store.launchfile import open_launch
from cockpit.ui.session.launch_session import LaunchSession, Problem
from cockpit.ui.session.tasks import TaskRunner, Tasks


def import_into(
    path: Path,
    *,
    paths: Sequence[Path],
    level: TestLevel,
    run_name: str,
    actor: str,
    progress: Callable[[int], None],
) -> ImportOutcome:
    """The worker's job: open the launch file, import, close. Runs on the import worker, never on the UI thread."""
    with open_launch(path) as launch_file:
        return import_results(
            launch_file,
            paths=list(paths),
            level=level,
            run_name=run_name or None,
            actor=actor,
            progress=progress,
        )


class ResultImport(QObject):
    """One import at a time per pane; ``finished(outcome)`` or ``refused(message)`` on the UI thread."""

    progressed = Signal(int)  # emitted from the worker; queued to the UI thread
    finished = Signal(object)  # ImportOutcome
    refused = Signal(str)

    def __init__(
        self, session: LaunchSession, *, tasks: Tasks | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._tasks = tasks
        self._parent_widget = parent
        self.dialog: QProgressDialog | None = None
        self.running = False

    def _runner(self) -> Tasks:
        if self._tasks is None:
            self._tasks = TaskRunner(name="cockpit-import", parent=self)
        return self._tasks

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
        launch_path, actor, emit = self.session.path, self.session.actor, self.progressed.emit
        self._runner().submit(
            lambda: import_into(
                launch_path, paths=paths, level=level, run_name=run_name, actor=actor, progress=emit
            ),
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
        self._close_dialog()
        self.session.changed.emit(outcome.changes)
        self.session.reload(outcome.changes)
        self.finished.emit(outcome)

    def _on_error(self, exc: BaseException) -> None:
        self._close_dialog()
        if not isinstance(exc, CockpitError):
            raise exc
        self._refuse(self.tr("Nothing was imported: {reason}").format(reason=exc))

    def _refuse(self, message: str) -> None:
        self.session.problem.emit(Problem(message=message))
        self.refused.emit(message)

    def shutdown(self) -> None:
        if self._tasks is not None:
            self._tasks.shutdown()
