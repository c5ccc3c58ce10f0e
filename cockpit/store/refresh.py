"""Bring an in-memory launch up to date by re-reading only what changed since it was read.

A full read of the large demo takes 0.5–0.9 s (most of it building test-case objects); one edit
touches one row. The audit trail names every row each transaction wrote, so after a write (mine or a
teammate's) the rows named since the last audit row the launch includes are read again by id and put
in place, in the order a full read gives them: the patched launch equals ``read_launch`` of the file.

What cannot be patched row by row is read whole: a bulk insert (its audit row names no row), the
dependency tables (a link belongs to its item), test runs (a run's counts depend on all its cases), the
launch row and the SLA table (one row / four rows). A table this
module does not know makes the whole launch be read again, so a newer writer never leaves us stale.
Test cases are read for the runs that became recent or changed; a recent run that did not change keeps
the case objects it had (an import of 100,000 cases builds those, not the other recent runs' again).
"""

from __future__ import annotations

import heapq
import sqlite3
from bisect import bisect_left, insort
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any

from cockpit.changes import Changes
from cockpit.domain.launch import LaunchData
from cockpit.domain.tests import TestCase, TestRun
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import (
    read_cases,
    read_checklist,
    read_criteria,
    read_kpi_values,
    read_kpis,
    read_launch,
    read_launch_row,
    read_objects,
    read_people,
    read_rehearsals,
    read_risks,
    read_rollback_decisions,
    read_runs,
    read_signoffs,
    read_sla_policies,
    read_steps,
    read_tickets,
    recent_run_ids,
)
from cockpit.store.read_rounds import ROUND_TABLES, read_rounds
from cockpit.store.watch import AuditEvent, Snapshot, audit_events_since

WHOLE_TABLE = -1  # how ``Changes`` records an audit row without a row id (a bulk insert)

# Past this many rows of one table, one pass over the table costs less than looking each row up.
MOST_ROWS_BY_ID = 500

# Tables the window shows nothing of: their changes leave ``LaunchData`` as it is.
NOT_IN_LAUNCH_DATA = frozenset({"sources", "table_imports", "review_notes"})


@dataclass(frozen=True, slots=True)
class _Rows:
    """One tuple of ``LaunchData`` that is patched row by row: where it lives and how it is ordered."""

    field: str
    read: Callable[..., tuple[Any, ...]]  # read(conn, ids) in the full read's order
    key: Callable[[Any], Any]  # the full read's ORDER BY
    by_id: bool = True  # ordered by id alone: old rows are found by bisection
    dependents: bool = False  # rows name other rows of the table in ``depends_on``


_BY_ID: dict[str, _Rows] = {
    "people": _Rows("people", read_people, key=lambda row: row.id),
    "checklist_items": _Rows("checklist", read_checklist, key=lambda row: row.id, dependents=True),
    "runbook_steps": _Rows(
        "steps", read_steps, key=lambda row: (row.seq, row.id), by_id=False, dependents=True
    ),
    "migration_objects": _Rows("objects", read_objects, key=lambda row: row.id),
    "risks": _Rows("risks", read_risks, key=lambda row: row.id),
    "tickets": _Rows("tickets", read_tickets, key=lambda row: row.id),
    "gate_criteria": _Rows("criteria", read_criteria, key=lambda row: row.id),
    "signoffs": _Rows("signoffs", read_signoffs, key=lambda row: row.id),
    "kpis": _Rows("kpis", read_kpis, key=lambda row: row.id),
    "kpi_values": _Rows("kpi_values", read_kpi_values, key=lambda row: row.id),
}

# A change to one of these is a change to its items' ``depends_on`` (or a step's attempts): the items are
# read whole. Services write them beside an audited update of the item itself, so this is for a writer
# that audits them on their own.
_LINKS_OF = {
    "checklist_deps": "checklist_items",
    "step_deps": "runbook_steps",
    "step_attempts": "runbook_steps",
    "ticket_pauses": "tickets",
}

_TESTS = frozenset({"test_runs", "test_cases"})

# Few rows, read whole when any of them changes, or a step or an object they name (a removal cascades to
# them without an audit row of their own).
_REHEARSALS = frozenset({"rehearsals", "rehearsal_steps", "rehearsal_counts"})
_DECISIONS = frozenset({"rollback_decisions"})
_NAMED_BY_REHEARSALS = frozenset({"runbook_steps", "step_deps", "step_attempts", "migration_objects"})

KNOWN_TABLES = (
    frozenset(_BY_ID)
    | frozenset(_LINKS_OF)
    | _TESTS
    | NOT_IN_LAUNCH_DATA
    | {"launch", "sla_policies"}
    | _REHEARSALS
    | _DECISIONS
    | ROUND_TABLES
    | {"launch", "sla_policies"}
)


def can_patch(changes: Changes) -> bool:
    """Whether ``patch_launch`` patches these changes rather than reading the whole launch again."""
    return all(table in KNOWN_TABLES for table in changes.rows)


def patch_launch(conn: sqlite3.Connection, previous: LaunchData, changes: Changes) -> LaunchData:
    """``previous`` with the rows ``changes`` names read again from ``conn``: equal to ``read_launch(conn)``
    when ``previous`` was read from the file as it was before those changes.

    Call it inside one read transaction (``LaunchFile.reading``), so every row comes from the same instant.
    """
    if not can_patch(changes):
        return read_launch(conn)
    named = {_LINKS_OF.get(table, table): set(ids) for table, ids in changes.rows.items()}
    for link_table, item_table in _LINKS_OF.items():
        if link_table in changes.rows:
            named[item_table] = {WHOLE_TABLE}
    fields: dict[str, Any] = {}
    if "launch" in named:
        fields["launch"], fields["risk_thresholds"] = read_launch_row(conn)
    if "sla_policies" in named or "launch" in named:  # a policy's calendar counts in the launch's zone
        fields["sla_policies"] = read_sla_policies(conn)
    if named.keys() & (_REHEARSALS | _NAMED_BY_REHEARSALS):
        fields["rehearsals"] = read_rehearsals(conn)
    if named.keys() & (_DECISIONS | _NAMED_BY_REHEARSALS):
        fields["rollback_decisions"] = read_rollback_decisions(conn)
    if named.keys() & ROUND_TABLES:
        fields["rounds"] = read_rounds(conn)
    if named.keys() & _TESTS:
        fields["runs"] = read_runs(conn)
        fields["cases"] = _patched_cases(conn, previous, fields["runs"])
    for table, rows in _BY_ID.items():
        if table in named:
            current = getattr(previous, rows.field)
            fields[rows.field] = _patched_rows(conn, rows, current, named[table])
    return replace(previous, **fields) if fields else previous


def _patched_cases(
    conn: sqlite3.Connection, previous: LaunchData, runs: tuple[TestRun, ...]
) -> tuple[TestCase, ...]:
    """The recent runs' cases, as ``read_recent_cases`` gives them: a run ``previous`` loaded and that is the
    same since (its counts and version unchanged: cases are only ever added, by an import) keeps its case
    objects; the cases of the others are read."""
    before = {run.id: run for run in previous.runs}
    loaded = set(recent_run_ids(previous.runs))
    wanted = recent_run_ids(runs)
    now = {run.id: run for run in runs}
    keep = {run_id for run_id in wanted if run_id in loaded and before.get(run_id) == now[run_id]}
    kept = [case for case in previous.cases if case.run_id in keep] if keep else []
    fresh = read_cases(conn, [run_id for run_id in wanted if run_id not in keep])
    if not kept or not fresh:
        return tuple(kept) or fresh
    if kept[-1].id < fresh[0].id:  # an import's cases come after every case already there
        return (*kept, *fresh)
    return tuple(heapq.merge(kept, fresh, key=attrgetter("id")))


def _patched_rows(
    conn: sqlite3.Connection, rows: _Rows, previous: tuple[Any, ...], ids: Collection[int]
) -> tuple[Any, ...]:
    if WHOLE_TABLE in ids or len(ids) > MOST_ROWS_BY_ID:
        return rows.read(conn)
    fresh = rows.read(conn, ids)
    gone = set(ids) - {row.id for row in fresh}
    if gone and rows.dependents:
        # Deleting a row drops the links to it (ON DELETE CASCADE) without an audit row of their own.
        also = {row.id for row in previous if not gone.isdisjoint(row.depends_on)} - set(ids)
        if also:
            ids = set(ids) | also
            fresh = fresh + rows.read(conn, also)
    return _put_in_place(rows, previous, fresh, ids)


def _put_in_place(
    rows: _Rows, previous: tuple[Any, ...], fresh: tuple[Any, ...], ids: Collection[int]
) -> tuple[Any, ...]:
    """``previous`` without the old versions of ``ids``, with ``fresh`` inserted where the full read's
    order puts them: a copy of the tuple and a bisection per row, whatever the table's size."""
    result = list(previous)
    if rows.by_id:
        for row_id in ids:
            at = bisect_left(result, row_id, key=_row_id)
            if at < len(result) and result[at].id == row_id:
                del result[at]
    else:
        wanted = set(ids)
        result = [row for row in result if row.id not in wanted]
    for row in fresh:
        insort(result, row, key=rows.key)
    return tuple(result)


def _row_id(row: Any) -> int:
    row_id: int = row.id
    return row_id


@dataclass(frozen=True, slots=True)
class Refreshed:
    """The launch after a refresh, the changes it took in (mine and teammates', as the audit names
    them), and whether it was patched (False: read whole)."""

    snapshot: Snapshot
    changes: Changes
    patched: bool


def refresh_snapshot(
    launch_file: LaunchFile, previous: Snapshot, changes: Changes | None = None
) -> Refreshed | None:
    """Read the audit rows after ``previous.audit_id`` and the rows they (and ``changes``) name, in one read
    transaction, and patch ``previous`` with them; None when nothing changed since.

    The new snapshot's audit mark is the last audit row read in the same transaction as the rows, so a
    teammate's write that lands between my write and this read is taken in now, and nothing is taken in
    twice: the next refresh starts after it.
    """
    with launch_file.reading() as conn:
        events = audit_events_since(conn, previous.audit_id)
        seen = Changes.union(Changes.of((event.table, event.row_id) for event in events), changes)
        if not seen:
            return None
        patched = can_patch(seen)
        data = patch_launch(conn, previous.data, seen)
    last: AuditEvent | None = events[-1] if events else previous.last_event
    mark = events[-1].id if events else previous.audit_id
    return Refreshed(
        snapshot=Snapshot(data=data, audit_id=mark, last_event=last), changes=seen, patched=patched
    )
