"""Rehearsals (移行リハーサル): start and close one, record step times and object counts in it.

Nothing here touches the live run's rows: a rehearsal's times and counts are rows of their own
(``rehearsal_steps``, ``rehearsal_counts``), versioned and audited like every edit. Times default to now;
``at`` records a time read off the rehearsal's log sheet afterwards.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from cockpit.domain.rehearsals import (
    Rehearsal,
    check_can_close,
    check_can_finish,
    check_can_start,
    check_rehearsal_open,
    rehearsal_title,
)
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.edits import Edit
from cockpit.services.rules import moment, now, refusals_as_bad_input, stamp
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import read_rehearsals, read_steps
from cockpit.store.writer import Writer


class RehearsalMove(StrEnum):
    START = "start"
    FINISH = "finish"


def _open_one(w: Writer) -> Rehearsal | None:
    return next((r for r in read_rehearsals(w.conn) if r.is_open), None)


def _numbered(w: Writer, number: int) -> Rehearsal:
    found = next((r for r in read_rehearsals(w.conn) if r.number == number), None)
    if found is None:
        raise BadInput(
            tr(
                "There is no rehearsal {number}; see them with: cockpit rehearsal list FILE",
                number=number,
            )
        )
    return found


def _when(at: datetime | str | None) -> datetime:
    given = moment(at, tr("--at"))
    return now() if given is None else given


def start_rehearsal(lf: LaunchFile, *, actor: str, name: str = "", at: datetime | str | None = None) -> Edit:
    """Open the next rehearsal (number 1, 2, …); refused while another one is open."""
    started = _when(at)
    with lf.writing(actor) as w:
        running = _open_one(w)
        if running is not None:
            raise BadInput(
                tr(
                    "{rehearsal} is still open; close it first: cockpit rehearsal close FILE",
                    rehearsal=rehearsal_title(running),
                )
            )
        number = w.conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM rehearsals").fetchone()[0]
        row = w.insert(
            "rehearsals", {"number": number, "name": (name or "").strip(), "started_at": stamp(started)}
        )
    return Edit(row, w.changes)


def close_rehearsal(lf: LaunchFile, *, actor: str, at: datetime | str | None = None) -> Edit:
    """Close the open rehearsal; refused while a step is still running in it."""
    closed = _when(at)
    with lf.writing(actor) as w:
        running = _open_one(w)
        if running is None:
            raise BadInput(tr("No rehearsal is open; start one with: cockpit rehearsal start FILE"))
        with refusals_as_bad_input():
            check_can_close(running, read_steps(w.conn))
        row = w.update("rehearsals", running.id, {"closed_at": stamp(closed)})
    return Edit(row, w.changes)


def rehearsal_step(
    lf: LaunchFile,
    *,
    actor: str,
    number: int,
    step_id: int,
    move: RehearsalMove | str,
    at: datetime | str | None = None,
) -> Edit:
    """Start or finish ``step_id`` in rehearsal ``number`` (the open one); the live step is not touched."""
    chosen = RehearsalMove(move)
    when = _when(at)
    with lf.writing(actor) as w:
        rehearsal = _numbered(w, number)
        w.row("runbook_steps", step_id)  # NotFound names the step
        (step,) = read_steps(w.conn, [step_id])
        with refusals_as_bad_input():
            if chosen is RehearsalMove.START:
                check_can_start(rehearsal, step, when)
            else:
                check_can_finish(rehearsal, step, when)
        if chosen is RehearsalMove.START:
            row = w.insert(
                "rehearsal_steps",
                {"rehearsal_id": rehearsal.id, "step_id": step_id, "actual_start": stamp(when)},
            )
        else:
            row_id = w.conn.execute(
                "SELECT id FROM rehearsal_steps WHERE rehearsal_id = ? AND step_id = ?",
                [rehearsal.id, step_id],
            ).fetchone()[0]
            row = w.update("rehearsal_steps", row_id, {"actual_end": stamp(when)})
    return Edit({**row, "rehearsal": number}, w.changes)


def rehearsal_count(
    lf: LaunchFile,
    *,
    actor: str,
    number: int,
    object_id: int,
    target_rows: int | None,
    rejected_rows: int | None = None,
) -> Edit:
    """Record an object's loaded (and rejected) rows in rehearsal ``number`` (the open one)."""
    for value in (target_rows, rejected_rows):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise BadInput(tr("A count of rows is a whole number, 0 or more, not {value!r}.", value=value))
    with lf.writing(actor) as w:
        rehearsal = _numbered(w, number)
        w.row("migration_objects", object_id)
        with refusals_as_bad_input():
            check_rehearsal_open(rehearsal)
        found = w.conn.execute(
            "SELECT id FROM rehearsal_counts WHERE rehearsal_id = ? AND object_id = ?",
            [rehearsal.id, object_id],
        ).fetchone()
        values: dict[str, object] = {"target_rows": target_rows}
        if rejected_rows is not None:
            values["rejected_rows"] = rejected_rows
        if found is None:
            row = w.insert(
                "rehearsal_counts", {"rehearsal_id": rehearsal.id, "object_id": object_id, **values}
            )
        else:
            row = w.update("rehearsal_counts", found[0], values)
    return Edit({**row, "rehearsal": number}, w.changes)
