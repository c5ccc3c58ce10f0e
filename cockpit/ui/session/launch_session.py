"""One open launch file in the window: its data, every operation on it, and its teammates' changes.

Every pane gets the session in its constructor and talks to the file only through it. There is one
route to the file: ``run(op)`` runs ``op(launch_file, actor)`` on the session's one writer thread, and
the refresh after it (the rows the audit names since the last one, ``store/refresh.py``) runs there
too, before anything returns to the UI thread. Edits with undo (``edit``, ``run_edit``), imports,
exports, source refreshes, creating a file and opening it all take that route; the watcher only
notices teammates' commits on a read-only connection of its own and asks for the same refresh.
The session is the only emitter of its signals. Local and remote changes end the same way:
``changed(Changes)``, then ``data_loaded(data, changes)``; an operation's own result then comes as
``applied(result)`` (and its ``on_done``), once the launch that shows it is in ``data``.
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
from cockpit.errors import BadInput, CockpitError, Conflict, FileReplaced, Locked
from cockpit.secrets import SessionCredentials
from cockpit.services.edits import Edit
from cockpit.services.templates import create_from_template
from cockpit.store.launchfile import remove_abandoned_creations
from cockpit.store.refresh import Refreshed
from cockpit.store.watch import AuditEvent, Seen, Snapshot
from cockpit.ui.session.on_writer import OpenLaunch, Operation, Ran
from cockpit.ui.session.tasks import TaskRunner, Tasks
from cockpit.ui.session.undo import AddCommand, EditCommand, PendingEdit, RemoveCommand
from cockpit.ui.session.watching import WATCH_INTERVAL_MS, TeammateWatch

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


def current_login() -> str:
    """Who is at the keyboard: the OS login, as the CLI records it."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) and no USER variable
        return os.environ.get("USERNAME", "unknown")


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
    changed = Signal(object)  # Changes, local or a teammate's, just before the data_loaded that shows them
    applied = Signal(object)  # an operation's result, once ``data`` shows it (after its data_loaded)
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
        self._watch = TeammateWatch(self.path, tasks=watcher, interval_ms=watch_interval_ms, parent=self)
        self._watch.seen.connect(self._on_seen)
        self._watch.failed.connect(self._on_watch_error)
        self._open: OpenLaunch | None = None  # used only inside jobs on the writer
        self._audit_id = 0  # the last audit row ``data`` includes
        self._refresh_out = False  # a refresh is on the writer or on its way back
        self._refresh_again = False  # another was asked for meanwhile
        self._in_flight = 0  # operations and refreshes submitted and not yet back
        self._closed = False
        self._replaced = False  # the path names another file now: said once, until reopened
        self.notes: tuple[
            str, ...
        ] = ()  # what ``create`` cleaned up beside the new file, for the window to say
        self.cleaned_up: tuple[str, ...] = ()  # what a killed import had left in the file, removed on opening

    # -- state ---------------------------------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    @property
    def is_open(self) -> bool:
        return self._open is not None and not self._closed

    @property
    def busy(self) -> bool:
        """Whether an operation or a refresh is still on its way: ``data`` may be about to change."""
        return self._in_flight > 0

    def now(self) -> datetime:
        return self._clock()

    # -- create, open, load, close --------------------------------------------------------------------------------

    def create(
        self,
        *,
        name: str,
        go_live: datetime,
        timezone: str,
        template: str = "empty",
        lang: str = "en",
        on_done: Done | None = None,
        on_error: Failed,
    ) -> None:
        """Create a new launch file at ``path`` on the writer (File ▸ New), filled from ``template`` in
        ``lang``; open it afterwards with ``open``. ``on_done`` gets the ``templates.Created`` counts."""
        path, actor = self.path, self.actor

        def job() -> tuple[Any, list[Path]]:
            # As 'cockpit new' does: what a killed creation left beside it goes first, and is named.
            removed = remove_abandoned_creations(path.parent)
            created = create_from_template(
                path, name=name, go_live=go_live, timezone=timezone, actor=actor, template=template, lang=lang
            )
            return created, removed

        def done(result: tuple[Any, list[Path]]) -> None:
            created, removed = result
            self.notes = tuple(
                self.tr("Removed {name}: an unfinished launch file left by an interrupted creation.").format(
                    name=left.name
                )
                for left in removed
            )
            if on_done is not None:
                on_done(created)

        self._submit(job, on_done=done, on_error=on_error)

    def open(self) -> None:
        path, read_only, actor = self.path, self.requested_read_only, self.actor
        self._submit(
            lambda: OpenLaunch.open(path, read_only=read_only, actor=actor),
            on_done=self._on_opened,
            on_error=self._on_open_error,
        )

    def _on_opened(self, launch: OpenLaunch) -> None:
        if self._closed:
            launch.close()  # closed while it was opening; nothing else uses its connection
            return
        self._open = launch
        snapshot = launch.snapshot
        self.read_only_reason = launch.file.read_only_reason
        self.cleaned_up = launch.cleaned_up
        self._watch.start(snapshot.audit_id)
        self.opened.emit()
        self._show(snapshot, None)

    def _on_open_error(self, exc: BaseException) -> None:
        if not isinstance(exc, CockpitError):
            raise exc
        self.open_failed.emit(str(exc))

    def reload(self) -> None:
        """Read the whole launch again on the writer: the fallback when patching is not to be trusted."""
        launch = self._open
        if launch is None or self._closed:
            return
        self._submit(
            launch.reload,
            on_done=lambda snapshot: self._show(snapshot, None),
            on_error=self._on_refresh_error,
        )

    def refresh(self, changes: Changes | None = None) -> None:
        """Take in what changed since ``data`` was read (the audit names it), on the writer.

        One refresh waiting is enough: it reads everything committed by the time it runs. One asked for
        while another is out runs after it, since that one may have read before the newest commit.
        """
        launch = self._open
        if launch is None or self._closed:
            return
        if self._refresh_out:
            self._refresh_again = True
            return
        self._refresh_out = True

        def finished() -> None:
            self._refresh_out = False
            if self._refresh_again:
                self._refresh_again = False
                self.refresh()

        def done(refreshed: Refreshed | None) -> None:
            if refreshed is not None:
                self._take(refreshed)
            finished()

        def failed(exc: BaseException) -> None:
            finished()
            self._on_refresh_error(exc)

        self._submit(lambda: launch.refresh(changes), on_done=done, on_error=failed)

    def _on_refresh_error(self, exc: BaseException) -> None:
        if not isinstance(exc, CockpitError):
            raise exc
        if isinstance(exc, FileReplaced):
            self._file_replaced(exc)
            return
        if not isinstance(exc, Locked):
            self.problem.emit(Problem(message=str(exc)))
        self._refresh_later()

    def _refresh_later(self) -> None:
        """A read that failed (most often: a teammate's long write held the lock) is tried again shortly."""
        QTimer.singleShot(WATCH_INTERVAL_MS, self, self.refresh)

    def _take(self, refreshed: Refreshed) -> None:
        self.changed.emit(refreshed.changes)
        self._show(refreshed.snapshot, refreshed.changes)

    def _show(self, snapshot: Snapshot, changes: Changes | None) -> None:
        self.data = snapshot.data
        self._audit_id = max(self._audit_id, snapshot.audit_id)
        self.last_event = snapshot.last_event or self.last_event
        self.data_loaded.emit(snapshot.data, changes)

    def close(self) -> None:
        """Stop watching, let queued operations finish, and close both connections."""
        if self._closed:
            return
        self._closed = True
        self._watch.close()
        if self._open is not None:
            self._writer.submit(self._open.close)
        self._writer.shutdown()
        self.closed.emit()

    # -- teammates ------------------------------------------------------------------------------------------------

    def poll(self) -> None:
        """Ask the watcher now rather than at its next tick."""
        self._watch.poll()

    def _on_seen(self, seen: Seen) -> None:
        if seen.last_audit_id > self._audit_id:  # else only what ``data`` already shows (my own writes)
            self.refresh()

    def _on_watch_error(self, exc: BaseException) -> None:
        if not isinstance(exc, CockpitError):
            raise exc
        # The watcher's own connection may fail to open on a file deleted or replaced first: the
        # session's file says what happened.
        replaced = exc if isinstance(exc, FileReplaced) else self._replaced_since_opened()
        if replaced is not None:
            self._file_replaced(replaced)
            return
        # A locked file makes one poll fail; the next tick tries again. Say so only when it is not that.
        if not isinstance(exc, Locked):
            self.problem.emit(Problem(message=str(exc)))

    # -- the one route to the file ----------------------------------------------------------------------------------

    def run(
        self, operation: Operation, *, on_done: Done | None = None, on_error: Failed | None = None
    ) -> None:
        """Run ``operation(launch_file, actor)`` on the writer, then the refresh its ``changes`` call for.

        Back on the UI thread: ``changed`` and ``data_loaded`` for what the refresh read (my write and any
        teammate's since), then ``on_done(result)`` and ``applied(result)``. Errors go to ``on_error`` (the
        caller shows them where the user is looking), else to ``problem``.
        """
        failed = on_error or self._report
        launch = self._open
        if launch is None or self._closed:
            failed(CockpitError(self.tr("No launch file is open.")))
            return
        actor = self.actor
        self._submit(
            lambda: launch.run(operation, actor), on_done=lambda ran: self._ran(ran, on_done), on_error=failed
        )

    def run_quietly(
        self, operation: Operation, *, on_done: Done | None = None, on_error: Failed | None = None
    ) -> None:
        """Run ``operation(launch_file, actor)`` on the writer, in turn with every other operation, for work
        that changes nothing a pane shows (a heartbeat, a snapshot, reading the audit trail): no refresh
        after it and no ``applied``. Errors go to ``on_error`` (else to ``problem``)."""
        launch = self._open
        if launch is None or self._closed:
            return
        actor = self.actor
        self._submit(
            lambda: operation(launch.file, actor), on_done=on_done, on_error=on_error or self._report
        )

    def _ran(self, ran: Ran, on_done: Done | None) -> None:
        if ran.refreshed is not None:
            self._take(ran.refreshed)
        if ran.stale:
            self._refresh_later()
        if on_done is not None:
            on_done(ran.result)
        self.applied.emit(ran.result)

    def _report(self, exc: BaseException) -> None:
        if not isinstance(exc, CockpitError):
            raise exc
        if isinstance(exc, FileReplaced):
            self._file_replaced(exc)
            return
        self.show_problem(str(exc))

    def _file_replaced(self, exc: FileReplaced) -> None:
        """Say once that the path names another file now (or none), and offer to open what is there."""
        if self._replaced or self._closed:
            return
        self._replaced = True
        self._watch.pause()
        self.problem.emit(Problem(message=str(exc), action_text=self.tr("Reopen"), action=self.reopen))

    def _replaced_since_opened(self) -> FileReplaced | None:
        """A stat of the path against the file opened (no SQLite: safe on the UI thread)."""
        launch = self._open
        if launch is None:
            return None
        try:
            launch.file.check_same_file()
        except FileReplaced as exc:
            return exc
        return None

    def reopen(self) -> None:
        """Open the file at the path again, as it is now: its data, its watcher, its writes."""
        if self._closed:
            return
        self._replaced = False
        stale, self._open = self._open, None
        if stale is not None:
            self._writer.submit(stale.close)
        self.undo_stack.clear()  # the undo steps name rows of the file that was replaced
        self.my_versions.clear()
        self._audit_id = 0
        self.open()

    def show_problem(self, message: str) -> None:
        """Say ``message`` where the window shows problems (its message bar)."""
        self.problem.emit(Problem(message=message))

    def _submit(self, job: Callable[[], Any], *, on_done: Done | None, on_error: Failed) -> None:
        self._in_flight += 1

        def done(result: Any) -> None:
            self._in_flight -= 1
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            self._in_flight -= 1
            on_error(exc)

        self._writer.submit(job, on_done=done, on_error=failed)

    # -- edits with undo ------------------------------------------------------------------------------------------

    def edit(
        self,
        service: Callable[..., Edit],
        *,
        text: str,
        undo_values: dict[str, Any] | None = None,
        undo_add: bool = False,
        undo_remove: bool = False,
        reopen: Callable[[dict[str, Any]], None] | None = None,
        on_done: Callable[[Edit], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """Run ``service(launch_file, actor=me, **kwargs)`` on the writer.

        ``undo_values`` are the arguments that put the row back as it was (taken from the data the user
        saw); with them the edit lands on the undo stack. ``undo_add`` says the service adds one row (a
        checklist item, risk or ticket): undo removes it, redo puts it back; ``undo_remove`` says it removes
        one (a runbook step: ``undo.ADDS_AGAIN``): undo adds it again. ``text`` names it in Edit ▸ Undo.
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
                undo_remove=undo_remove,
                reopen=reopen,
            )
        )

    def run_edit(self, pending: PendingEdit) -> None:
        """One undoable edit (or an undo/redo replay of one) through ``run``."""
        if self._open is None or self._closed:
            self.problem.emit(Problem(message=self.tr("No launch file is open."), pending=pending))
            return
        if self.read_only:
            message = self.tr("Nothing was written: this launch file is open read-only ({reason}).")
            self.problem.emit(Problem(message=message.format(reason=self.read_only_reason)))
            return

        def write(launch_file, actor: str) -> Edit:
            result = pending.service(launch_file, actor=actor, **pending.call_kwargs())
            row_key = _single_row(result.changes)
            if row_key is not None:
                self.my_versions[row_key] = result.row["version"]
            if pending.command is not None:
                pending.command.written(result, undoing=pending.undoing)
            return result

        self.run(
            write,
            on_done=lambda result: self._on_edit_done(pending, result),
            on_error=lambda exc: self._on_edit_error(pending, exc),
        )

    def _on_edit_done(self, pending: PendingEdit, result: Edit) -> None:
        added = _single_row(result.changes) if pending.command is None and pending.undo_add else None
        removed = _single_row(result.changes) if pending.command is None and pending.undo_remove else None
        if added is not None:
            self.undo_stack.push(AddCommand(self, pending, version=result.row["version"], row_key=added))
        elif removed is not None:
            self.undo_stack.push(
                RemoveCommand(
                    self, pending, version=result.row["version"], row_key=removed, removed=result.row
                )
            )
        elif pending.command is None and pending.undo_values is not None:
            command = EditCommand(self, pending, version=result.row["version"])
            command.row_key = _single_row(result.changes)
            self.undo_stack.push(command)
        if pending.on_done is not None:
            pending.on_done(result)
        self.edit_done.emit(result)

    def _on_edit_error(self, pending: PendingEdit, exc: BaseException) -> None:
        if isinstance(exc, FileReplaced):
            self._file_replaced(exc)
        elif isinstance(exc, Conflict):
            self.conflict.emit(pending, exc)
        elif isinstance(exc, BadInput):
            self.problem.emit(Problem(message=str(exc)))  # retrying the same input would fail the same way
        elif isinstance(exc, CockpitError):  # locked, read-only share, disk full: worth another try
            self.problem.emit(Problem(message=str(exc), pending=pending))
        else:
            raise exc

    def apply_again(self, pending: PendingEdit, conflict: Conflict) -> None:
        """The user saw their version and still wants theirs replaced by mine."""
        version: int = conflict.theirs["version"]  # the row as it is: never without one, never written blind
        if pending.command is not None:
            pending.command.version = version
            self.run_edit(pending)
        else:
            self.run_edit(replace(pending, kwargs={**pending.kwargs, "expect_version": version}))

    def keep_theirs(self, pending: PendingEdit) -> None:
        """The user dropped their edit; show the file as it now is."""
        self.refresh()

    def retry(self, pending: PendingEdit) -> None:
        self.run_edit(pending)
