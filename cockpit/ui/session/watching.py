"""Teammates' changes: a timer asks the store's ``Watcher`` on a worker and read-only connection of its own.

The watcher only notices; it never reads the launch. What it saw goes to the session, which refreshes
on its writer (DESIGN §2: one path for a local and a remote change).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from cockpit.store.watch import Seen, Watcher
from cockpit.ui.session.tasks import TaskRunner, Tasks

# A teammate's change shows within this plus the refresh (issue 15: ≤ 1 s after the write, p95, in the runbook
# chart as in the tables); a poll is a stat and ``PRAGMA data_version``, so twice a second costs next to nothing.
WATCH_INTERVAL_MS = 500


class TeammateWatch(QObject):
    """``seen(Seen)`` when another connection committed audit rows; ``failed(exception)`` when a poll failed."""

    seen = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        path: Path,
        *,
        tasks: Tasks | None = None,
        interval_ms: int = WATCH_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._path = path
        self._tasks = tasks or TaskRunner(name="cockpit-watcher", parent=self)
        self._watcher: Watcher | None = None  # used only inside jobs on the watch worker
        self._polling = False
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self, since_audit_id: int) -> None:
        path = self._path

        def started(watcher: Watcher) -> None:
            if self._watcher is not None:  # started again, on the file reopened at the same path
                self._tasks.submit(self._watcher.close)
            self._watcher = watcher
            if self._closed:
                watcher.close()  # closed while it was opening; nothing else uses its connection
            else:
                self._timer.start()

        self._tasks.submit(
            lambda: Watcher(path, since_audit_id=since_audit_id), on_done=started, on_error=self._on_error
        )

    def poll(self) -> None:
        """Ask the watcher whether a teammate committed something; skipped while a poll is out."""
        if self._polling or self._watcher is None or self._closed:
            return
        self._polling = True
        self._tasks.submit(self._watcher.poll, on_done=self._on_polled, on_error=self._on_error)

    def _on_polled(self, seen: Seen | None) -> None:
        self._polling = False
        if seen is not None and not self._closed:
            self.seen.emit(seen)

    def _on_error(self, exc: BaseException) -> None:
        self._polling = False
        if not self._closed:
            self.failed.emit(exc)

    def pause(self) -> None:
        """Stop polling until ``start`` is called again (the file was replaced: nothing to watch)."""
        self._timer.stop()

    def close(self) -> None:
        """Stop polling and close the watcher's connection (after a poll still out)."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        if self._watcher is not None:
            self._tasks.submit(self._watcher.close)
        self._tasks.shutdown()
