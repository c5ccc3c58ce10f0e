"""One open launch file in the window: its data, its edits (with undo), and its teammates' changes.

Every pane gets the session in its constructor and talks to the file only through it. Edits run on
the writer worker; the file is reloaded on that worker too; the watcher polls on a worker of its own.
Local and remote changes end the same way: ``changed(Changes)`` then ``data_loaded(data, changes)``.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from cockpit.changes import Changes
from cockpit.domain.launch import LaunchData
from cockpit.errors import BadInput, CockpitError, Conflict, Locked
from cockpit.secrets import SessionCredentials
from cockpit.services.edits import Edit
from cockpit.store.launchfile import LaunchFile, open_launch
from cockpit.store.watch import AuditEvent, Seen, Snapshot, Watcher, load_snapshot
from cockpit.ui.session.tasks import TaskRunner, Tasks
from cockpit.ui.session.undo import AddCommand, EditCommand, PendingEdit

WATCH_INTERVAL_MS = 1000


def current_login() -> str:
    """Who is at the keyboard: the OS login, as the CLI records it."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) and no USER variable
        return os.environ.get("USERNAME", "unknown")


def merge_changes(*parts: Changes | None) -> Changes:
    merged = Changes()
    for part in parts:
        if part is None:
            continue
        for table, ids in part.rows.items():
            for row_id in ids:
                merged.add(table, row_id)
    return merged


def _single_row(changes: Changes) -> tuple[str, int] | None:
    """(table, id) when ``changes`` touched exactly one row, else None."""
    rows = [(table, row_id) for table, ids in changes.rows.items() for row_id in ids]
    return rows[0] if len(rows) == 1 else None


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the user must read; ``pending`` is the edit kept for a retry, when there is one.

    ``action`` is another way out the message offers (a button named ``action_text``), such as opening
    the edit dialog again with what the user had typed.
    """

    message: str
    pending: PendingEdit | None = None
    action_text: str = ""
    action: Callable[[], None] | None = field(default=None, repr=False)


class LaunchSession(QObject):
    opened = Signal()
    open_failed = Signal(str)
    data_loaded = Signal(object, object)  # LaunchData, Changes (None after a full load)
    changed = Signal(object)  # Changes, local or a teammate's, before the reload that shows them
    problem = Signal(object)  # Problem
    conflict = Signal(object, object)  # PendingEdit, Conflict
    edit_done = Signal(object)  # Edit
    closed = Signal()

    def __init__(
        self,
        *,
        path: str | Path,
        read_only: bool = False,
        actor: str | None = None,
        writer: Tasks | None = None,
        watcher: Tasks | None = None,
        clock: Callable[[], datetime] | None = None,
        watch_interval_ms: int = WATCH_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.actor = actor or current_login()
        self.requested_read_only = read_only
        self.read_only_reason = ""
        self.data: LaunchData | None = None
        self.last_event: AuditEvent | None = None
        self.undo_stack = QUndoStack(self)
        self.my_versions: dict[tuple[str, int], int] = {}  # (table, id) → the version my last write gave it
        # Source credentials the user chose to keep in memory only (no usable keyring on this machine).
        self.session_credentials = SessionCredentials()
        self._clock = clock or (lambda: datetime.now(UTC))
        self._writer = writer or TaskRunner(name="cockpit-writer", parent=self)
        self._watch_tasks = watcher or TaskRunner(name="cockpit-watcher", parent=self)
        self._file: LaunchFile | None = None  # used only inside jobs on the writer
        self._watcher: Watcher | None = None  # used only inside jobs on the watch worker
        self._audit_id = 0
        self._loading = False
        self._queued_changes: Changes | None = None
        self._polling = False
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setInterval(watch_interval_ms)
        self._timer.timeout.connect(self.poll)

    # -- state ---------------------------------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    @property
    def is_open(self) -> bool:
        return self._file is not None and not self._closed

    def now(self) -> datetime:
        return self._clock()

    # -- open, load, close ----------------------------------------------------------------------------------------

    def open(self) -> None:
        path, read_only = self.path, self.requested_read_only

        def job() -> tuple[LaunchFile, Snapshot]:
            launch_file = open_launch(path, read_only=read_only)
            try:
                return launch_file, load_snapshot(launch_file)
            except BaseException:
                launch_file.close()
                raise

        self._writer.submit(job, on_done=self._on_opened, on_error=self._on_open_error)

    def _on_opened(self, result: tuple[LaunchFile, Snapshot]) -> None:
        self._file, snapshot = result
        self.read_only_reason = self._file.read_only_reason
        self._audit_id = snapshot.audit_id
        self._start_watching(snapshot.audit_id)
        self.opened.emit()
        self._apply_snapshot(snapshot, None)

    def _on_open_error(self, exc: BaseException) -> None:
        if not isinstance(exc, CockpitError):
            raise exc
        self.open_failed.emit(str(exc))

    def reload(self, changes: Changes | None = None) -> None:
        """Read the whole launch again on the writer; changes arriving meanwhile fold into one more reload."""
        if self._closed or self._file is None:
            return
        if self._loading:
            self._queued_changes = merge_changes(self._queued_changes, changes)
            return
        self._loading = True
        launch_file = self._file
        self._writer.submit(
            lambda: load_snapshot(launch_file),
            on_done=lambda snapshot: self._on_reloaded(snapshot, changes),
            on_error=self._on_reload_error,
        )

    def _on_reloaded(self, snapshot: Snapshot, changes: Changes | None) -> None:
        self._loading = False
        self._audit_id = max(self._audit_id, snapshot.audit_id)
        self._apply_snapshot(snapshot, changes)
        if self._queued_changes is not None:
            queued, self._queued_changes = self._queued_changes, None
            self.reload(queued)

    def _on_reload_error(self, exc: BaseException) -> None:
        self._loading = False
        if not isinstance(exc, CockpitError):
            raise exc
        self.problem.emit(Problem(message=str(exc)))

    def _apply_snapshot(self, snapshot: Snapshot, changes: Changes | None) -> None:
        self.data = snapshot.data
        self.last_event = snapshot.last_event or self.last_event
        self.data_loaded.emit(snapshot.data, changes)

    def close(self) -> None:
        """Stop watching, let queued edits finish, and close both connections."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        launch_file, watcher = self._file, self._watcher
        if watcher is not None:
            self._watch_tasks.submit(watcher.close)
        if launch_file is not None:
            self._writer.submit(launch_file.close)
        self._watch_tasks.shutdown()
        self._writer.shutdown()
        self.closed.emit()

    # -- the watcher ----------------------------------------------------------------------------------------------

    def _start_watching(self, audit_id: int) -> None:
        path = self.path

        def job() -> Watcher:
            return Watcher(path, since_audit_id=audit_id)

        def started(watcher: Watcher) -> None:
            self._watcher = watcher
            if not self._closed:
                self._timer.start()

        self._watch_tasks.submit(job, on_done=started, on_error=self._on_watch_error)

    def poll(self) -> None:
        """Ask the watcher whether a teammate committed something; skipped while a poll is out."""
        if self._polling or self._watcher is None or self._closed:
            return
        self._polling = True
        self._watch_tasks.submit(self._watcher.poll, on_done=self._on_polled, on_error=self._on_watch_error)

    def _on_polled(self, seen: Seen | None) -> None:
        self._polling = False
        if seen is None or seen.last_audit_id <= self._audit_id:
            return  # nothing new, or only what the last reload already showed (my own edits)
        self.changed.emit(seen.changes)
        self.reload(seen.changes)

    def _on_watch_error(self, exc: BaseException) -> None:
        self._polling = False
        if not isinstance(exc, CockpitError):
            raise exc
        # A locked file makes one poll fail; the next tick tries again. Say so only when it is not that.
        if not isinstance(exc, Locked):
            self.problem.emit(Problem(message=str(exc)))

    # -- edits ----------------------------------------------------------------------------------------------------

    def edit(
        self,
        service: Callable[..., Edit],
        *,
        text: str,
        undo_values: dict[str, Any] | None = None,
        undo_add: bool = False,
        reopen: Callable[[dict[str, Any]], None] | None = None,
        on_done: Callable[[Edit], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """Run ``service(launch_file, actor=me, **kwargs)`` on the writer.

        ``undo_values`` are the arguments that put the row back as it was (taken from the data the user
        saw); with them the edit lands on the undo stack. ``undo_add`` says the service adds one row (a
        checklist item, risk or ticket): undo removes it, redo puts it back. ``text`` names it in Edit ▸ Undo.
        ``reopen(arguments)`` opens the edit dialog again with them, should a conflict make the user keep
        a teammate's version first.
        """
        self.run_edit(
            PendingEdit(
                text=text,
                service=service,
                kwargs=kwargs,
                undo_values=undo_values,
                on_done=on_done,
                undo_add=undo_add,
                reopen=reopen,
            )
        )

    def run_edit(self, pending: PendingEdit) -> None:
        if self._file is None or self._closed:
            self.problem.emit(Problem(message=self.tr("No launch file is open."), pending=pending))
            return
        if self.read_only:
            message = self.tr("Nothing was written: this launch file is open read-only ({reason}).")
            self.problem.emit(Problem(message=message.format(reason=self.read_only_reason)))
            return
        launch_file, actor = self._file, self.actor

        def job() -> Edit:
            result = pending.service(launch_file, actor=actor, **pending.call_kwargs())
            row_key = _single_row(result.changes)
            if row_key is not None:
                self.my_versions[row_key] = result.row["version"]
            if pending.command is not None:
                pending.command.written(result, undoing=pending.undoing)
            return result

        self._writer.submit(
            job,
            on_done=lambda result: self._on_edit_done(pending, result),
            on_error=lambda exc: self._on_edit_error(pending, exc),
        )

    def _on_edit_done(self, pending: PendingEdit, result: Edit) -> None:
        if pending.command is None and pending.undo_add and _single_row(result.changes) is not None:
            row_key = _single_row(result.changes)
            self.undo_stack.push(AddCommand(self, pending, version=result.row["version"], row_key=row_key))
        elif pending.command is None and pending.undo_values is not None:
            command = EditCommand(self, pending, version=result.row["version"])
            command.row_key = _single_row(result.changes)
            self.undo_stack.push(command)
        if pending.on_done is not None:
            pending.on_done(result)
        self.edit_done.emit(result)
        self.changed.emit(result.changes)
        self.reload(result.changes)

    def _on_edit_error(self, pending: PendingEdit, exc: BaseException) -> None:
        if isinstance(exc, Conflict):
            self.conflict.emit(pending, exc)
        elif isinstance(exc, BadInput):
            self.problem.emit(Problem(message=str(exc)))  # retrying the same input would fail the same way
        elif isinstance(exc, CockpitError):  # locked, read-only share, disk full: worth another try
            self.problem.emit(Problem(message=str(exc), pending=pending))
        else:
            raise exc

    def run_on_writer(
        self,
        job: Callable[[LaunchFile, str], Any],
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Run ``job(launch_file, actor)`` on the writer: imports and sources, which are not one undoable edit.

        Errors go to ``on_error`` (the caller shows them where the user is looking); a result with
        ``changes`` is broadcast and reloaded like an edit's.
        """
        if self._file is None or self._closed:
            on_error(CockpitError(self.tr("No launch file is open.")))
            return
        launch_file, actor = self._file, self.actor

        def done(result: Any) -> None:
            changes = getattr(result, "changes", None)
            if changes:
                self.changed.emit(changes)
                self.reload(changes)
            on_done(result)

        self._writer.submit(lambda: job(launch_file, actor), on_done=done, on_error=on_error)

    def apply_again(self, pending: PendingEdit, conflict: Conflict) -> None:
        """The user saw their version and still wants theirs replaced by mine."""
        version = conflict.theirs.get("version")
        if pending.command is not None:
            pending.command.version = version
            self.run_edit(pending)
        else:
            self.run_edit(replace(pending, kwargs={**pending.kwargs, "expect_version": version}))

    def keep_theirs(self, pending: PendingEdit) -> None:
        """The user dropped their edit; show the file as it now is."""
        self.reload()

    def retry(self, pending: PendingEdit) -> None:
        self.run_edit(pending)
