"""Run file and database work off the UI thread; results and errors come back on the UI thread.

One ``TaskRunner`` is one worker thread that runs its jobs in order (DESIGN §2: every write is
serialised on one worker with its own connection). ``InlineTasks`` has the same interface and runs
each job at once, for tests that want a synchronous world (Picard's fake pool).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal

Done = Callable[[Any], object]  # what it returns is dropped
Failed = Callable[[BaseException], None]


class Tasks(Protocol):
    def submit(
        self, job: Callable[[], Any], *, on_done: Done | None = None, on_error: Failed | None = None
    ) -> None:
        """Run ``job``; call ``on_done(result)`` or ``on_error(exception)`` on the UI thread."""

    @property
    def busy(self) -> bool: ...

    def shutdown(self) -> None:
        """Finish the queued jobs, then stop; later submissions are refused."""


@dataclass(slots=True)
class _Job:
    run: Callable[[], Any]
    on_done: Done | None
    on_error: Failed | None
    result: Any = None
    error: BaseException | None = None


def _deliver(job: _Job) -> None:
    if job.error is not None:
        if job.on_error is None:
            raise job.error  # a bug, not a user's problem: let Qt's (or pytest-qt's) hook report it
        job.on_error(job.error)
    elif job.on_done is not None:
        job.on_done(job.result)


class TaskRunner(QObject):
    """One worker thread; jobs run in submission order, one at a time."""

    _finished = Signal(object)

    def __init__(self, *, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._in_flight = 0
        self._stopped = False
        # Queued: the worker emits from its own thread; delivery runs in this object's (the UI) thread.
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    @property
    def busy(self) -> bool:
        return self._in_flight > 0

    def submit(
        self, job: Callable[[], Any], *, on_done: Done | None = None, on_error: Failed | None = None
    ) -> None:
        if self._stopped:
            raise RuntimeError(f"task runner {self._thread.name} was shut down")
        self._in_flight += 1
        self._queue.put(_Job(job, on_done, on_error))

    def shutdown(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._queue.put(None)
        self._thread.join()

    def _loop(self) -> None:
        while (job := self._queue.get()) is not None:
            try:
                job.result = job.run()
            except BaseException as exc:  # delivered to the UI thread, which decides what it means
                job.error = exc
            self._finished.emit(job)

    def _on_finished(self, job: _Job) -> None:
        self._in_flight -= 1
        if not self._stopped:
            _deliver(job)


class InlineTasks:
    """Runs each job immediately on the calling thread: the same contract, without threads (tests)."""

    def __init__(self) -> None:
        self._stopped = False

    @property
    def busy(self) -> bool:
        return False

    def submit(
        self, job: Callable[[], Any], *, on_done: Done | None = None, on_error: Failed | None = None
    ) -> None:
        if self._stopped:
            raise RuntimeError("inline tasks were shut down")
        item = _Job(job, on_done, on_error)
        try:
            item.result = job()
        except Exception as exc:
            item.error = exc
        _deliver(item)

    def shutdown(self) -> None:
        self._stopped = True
