"""Undo and redo of my edits: each is an ordinary user action, the inverse of the one it takes back.

An edit's undo is the same service called with the values that put the row back (a status set back, a
step reset or reopened, a ticket de-escalated); an add's undo is the removal of that kind of row, its
redo the same add again. A replay names the version my last write gave the row, so a teammate's change
since makes it conflict and the conflict goes to the user: an undo never overwrites someone else's work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from cockpit.services.edits import Edit
from cockpit.services.gate import remove_criterion
from cockpit.services.objects import remove_object
from cockpit.services.people import remove_person
from cockpit.services.removals import remove_checklist_item, remove_risk, remove_ticket
from cockpit.services.roster import remove_signer
from cockpit.services.steps import add_step, remove_step

# The removal that takes back a row I added, by table, with the name of its id argument.
REMOVALS: dict[str, tuple[Callable[..., Edit], str]] = {
    "checklist_items": (remove_checklist_item, "item_id"),
    "risks": (remove_risk, "risk_id"),
    "tickets": (remove_ticket, "ticket_id"),
    "people": (remove_person, "person_id"),
    "signoffs": (remove_signer, "signoff_id"),
    "gate_criteria": (remove_criterion, "criterion_id"),
    "runbook_steps": (remove_step, "step_id"),
    "migration_objects": (remove_object, "object_id"),
}


def _step_again(row: dict[str, Any]) -> dict[str, Any]:
    """``add_step``'s arguments that put a removed step back where it was, as it was planned."""
    kept = ("title", "kind", "owner", "planned_start", "planned_minutes", "depends_on", "seq")
    flags = {name: bool(row.get(name)) for name in ("rollback_point", "rollback_path")}
    return {name: row[name] for name in kept} | flags


# The add that takes back a row I removed, by table, with the add's arguments made from the removed row.
ADDS_AGAIN: dict[str, tuple[Callable[..., Edit], Callable[[dict[str, Any]], dict[str, Any]]]] = {
    "runbook_steps": (add_step, _step_again),
}
# What a redo keeps of the removed row, where adding it anew would set it afresh: a ticket's SLA clocks.
KEPT_BY_REDO: dict[str, tuple[str, ...]] = {"tickets": ("opened_at",)}


class Replayer(Protocol):
    """What a command needs of the session: to run an edit on the writer, and my versions of rows."""

    my_versions: dict[tuple[str, int], int]

    def run_edit(self, pending: PendingEdit) -> None: ...


@dataclass(slots=True)
class PendingEdit:
    """One call of a service function, kept until it succeeds or the user lets it go."""

    text: str
    service: Callable[..., Edit]
    kwargs: dict[str, Any]
    undo_values: dict[str, Any] | None = None
    command: EditCommand | None = None
    undoing: bool = False
    on_done: Callable[[Edit], None] | None = field(default=None, repr=False)
    undo_add: bool = False  # an add: Edit ▸ Undo removes the row, Redo adds it again
    undo_remove: bool = False  # a removal: Edit ▸ Undo adds the row again, Redo removes it again
    versioned: bool = True  # whether a replay names the version it last saw (adding a row again cannot)
    # Opens the pane's edit dialog on the row as it now is, filled with these arguments: how a user who kept
    # a teammate's version gets back what they had typed.
    reopen: Callable[[dict[str, Any]], None] | None = field(default=None, repr=False)

    def call_kwargs(self) -> dict[str, Any]:
        """The service's arguments; an undo or redo always names the version it last saw."""
        if self.command is None:
            return dict(self.kwargs)
        values = {**self.kwargs, **(self.undo_values or {})} if self.undoing else dict(self.kwargs)
        if self.versioned:
            values["expect_version"] = self.command.version
        return values

    def wanted(self) -> dict[str, Any]:
        """The arguments of what the user asked for, without the version it was asked against."""
        return {k: v for k, v in self.call_kwargs().items() if k != "expect_version"}


class EditCommand(QUndoCommand):
    """Undo/redo of one of my edits, replayed through the same service with the version I last wrote.

    A teammate's later change makes the replay conflict, and the conflict goes to the user: an undo
    never overwrites someone else's work silently.
    """

    def __init__(self, session: Replayer, pending: PendingEdit, version: int) -> None:
        super().__init__(pending.text)
        self._session = session
        self._pending = pending
        self.row_key: tuple[str, int] | None = None  # (table, id) of the one row the edit wrote
        self._version = version
        self._applied = True  # pushed after the edit already ran: the stack's first redo() is a no-op

    @property
    def version(self) -> int:
        """The row's version after my last write of it (this edit, or a later one of mine on the same row).

        My own later edits of a row are not a teammate's: undoing several of them in a row must not
        conflict with myself. Read and written on the writer thread too (plain values under the GIL).
        """
        if self.row_key is not None:
            return self._session.my_versions.get(self.row_key, self._version)
        return self._version

    @version.setter
    def version(self, value: int) -> None:
        self._version = value
        if self.row_key is not None:
            self._session.my_versions[self.row_key] = value

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._session.run_edit(replace(self._pending, command=self, undoing=False, on_done=None, reopen=None))

    def undo(self) -> None:
        self._session.run_edit(replace(self._pending, command=self, undoing=True, on_done=None, reopen=None))

    def written(self, result: Edit, *, undoing: bool) -> None:
        """After a replay went through (on the writer thread): remember the version it gave the row."""
        self.version = result.row["version"]


class AddCommand(EditCommand):
    """Undo/redo of a row I added: undo is that kind's removal (checking the version I last wrote), redo
    the same add again, keeping what the first add stamped that the user did not choose (``KEPT_BY_REDO``).

    A teammate's change since makes the removal conflict, and the user chooses. The add again takes the
    free id SQLite hands out: the same one, unless someone added a row after mine since.
    """

    row_key: tuple[str, int]  # an add always knows its row (the id changes when a redo gets another)

    def __init__(
        self, session: Replayer, pending: PendingEdit, version: int, row_key: tuple[str, int]
    ) -> None:
        super().__init__(session, pending, version)
        self.row_key = row_key
        self.removed: dict | None = None  # the row as the undo took it out, for the redo

    def undo(self) -> None:
        table, row_id = self.row_key
        remove, id_argument = REMOVALS[table]
        self._session.run_edit(
            PendingEdit(
                text=self._pending.text,
                service=remove,
                kwargs={id_argument: row_id},
                command=self,
                undoing=True,
            )
        )

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        if self.removed is None:
            return  # the undo never went through (the user kept a teammate's version): the row is there
        kept = {name: self.removed[name] for name in KEPT_BY_REDO.get(self.row_key[0], ())}
        self._session.run_edit(
            replace(
                self._pending,
                kwargs={**self._pending.kwargs, **kept},
                command=self,
                undoing=False,
                versioned=False,
                on_done=None,
                reopen=None,
            )
        )

    def written(self, result: Edit, *, undoing: bool) -> None:
        if undoing:
            self.removed = result.row
            return
        self.removed = None
        self.row_key = (self.row_key[0], result.row["id"])
        self.version = result.row["version"]


class RemoveCommand(EditCommand):
    """Undo/redo of a row I removed: undo adds it again as it was planned (``ADDS_AGAIN``), redo removes it
    again, naming the version the add gave it, so a teammate's change since conflicts and the user chooses.

    The add again takes the free id SQLite hands out: the same one, unless someone added a row after it.
    """

    row_key: tuple[str, int]

    def __init__(
        self, session: Replayer, pending: PendingEdit, version: int, row_key: tuple[str, int], removed: dict
    ) -> None:
        super().__init__(session, pending, version)
        self.row_key = row_key
        self.removed: dict | None = removed  # the row as my removal took it out: what the undo puts back

    def undo(self) -> None:
        if self.removed is None:
            return  # the redo never went through (the user kept a teammate's version): the row is there
        add, arguments = ADDS_AGAIN[self.row_key[0]]
        self._session.run_edit(
            PendingEdit(
                text=self._pending.text,
                service=add,
                kwargs=arguments(self.removed),
                command=self,
                undoing=True,
                versioned=False,
            )
        )

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        table, row_id = self.row_key
        _, id_argument = REMOVALS[table]
        self._session.run_edit(
            replace(
                self._pending,
                kwargs={**self._pending.kwargs, id_argument: row_id},
                command=self,
                undoing=False,
                on_done=None,
                reopen=None,
            )
        )

    def written(self, result: Edit, *, undoing: bool) -> None:
        if undoing:
            self.removed = None
            self.row_key = (self.row_key[0], result.row["id"])
            self.version = result.row["version"]
            return
        self.removed = result.row
