"""The inside of one write transaction: every row change with its version bump and audit row."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from cockpit.changes import Changes
from cockpit.domain.moments import zone_of
from cockpit.errors import BadInput, CockpitError, Conflict, Locked, NotFound, NotSaved, ReadOnly
from cockpit.i18n import tr
from cockpit.store.chain import last_link, link_hash
from cockpit.store.new_files import not_written
from cockpit.store.run_counts import recount_runs

# Rows per INSERT statement of a bulk insert: past a few hundred, SQLite's cost to prepare the statement
# grows faster than the rows it carries.
ROWS_PER_STATEMENT = 100

# The table whose runs' counts are kept on their rows (``store.run_counts``).
CASES = "test_cases"

# Tables whose rows carry version / updated_by / updated_at.
VERSIONED = frozenset(
    {
        "launch",
        "people",
        "checklist_items",
        "test_runs",
        "test_cases",
        "runbook_steps",
        "migration_objects",
        "risks",
        "sla_policies",
        "tickets",
        "gate_criteria",
        "signoffs",
        "sources",
        "rehearsals",
        "rehearsal_steps",
        "rehearsal_counts",
        "rollback_decisions",
        "kpis",
        "kpi_values",
        "review_notes",
        "decision_rounds",
        "round_verdicts",
        "round_conditions",
        "team_holidays",
        "ticket_links",
        "reviews",
        "improvement_actions",
        "lessons",
    }
)


# Columns whose audited values are masked: the audit trail is append-only, so a secret written there stays.
# A source URL that carries one is refused now, but a file from before that rule may still hold one.
_AUDIT_REDACTED_URLS = {"sources": frozenset({"url"})}


def _audited(table: str, values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    masked = _AUDIT_REDACTED_URLS.get(table)
    if masked:
        # Imported by the one table that needs it: every other write starts without its patterns.
        from cockpit.domain.url_secrets import redact_url

        values = {
            column: redact_url(value) if column in masked and isinstance(value, str) else value
            for column, value in values.items()
        }
    return json.dumps(values, ensure_ascii=False)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def translate_sqlite_error(exc: sqlite3.Error, path: Path) -> CockpitError:
    """Turn SQLite's terse errors into a message that names the problem and the fix."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return Locked(
            tr(
                "{path} stayed locked by another user past the timeout; nothing was written. Try again in a moment.",
                path=path,
            )
        )
    if "readonly" in text or "read-only" in text:
        return ReadOnly(
            tr("{path} cannot be written here (read-only file or share); nothing was written.", path=path)
        )
    if "disk is full" in text:
        full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return NotSaved(not_written(path, full, what=tr("the launch file")))
    if "disk i/o" in text:
        return NotSaved(not_written(path, OSError(errno.EIO, str(exc)), what=tr("the launch file")))
    if isinstance(exc, sqlite3.IntegrityError):
        return BadInput(
            tr("That change breaks a rule of the launch file ({error}); nothing was written.", error=exc)
        )
    return CockpitError(tr("SQLite error on {path}: {error}", path=path, error=exc))


class Writer:
    def __init__(self, conn: sqlite3.Connection, actor: str) -> None:
        self.conn = conn
        self.actor = actor
        self.at = utc_now()
        self.changes = Changes()
        self._last_link: tuple[int, str] | None = None

    def zone(self) -> ZoneInfo:
        """The launch's time zone, for messages that give a time (``Launch.zone``'s fallback: UTC)."""
        found = self.conn.execute("SELECT timezone FROM launch WHERE id = 1").fetchone()
        return zone_of(found[0] if found else None)

    def row(self, table: str, row_id: int) -> dict[str, Any]:
        found = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id]).fetchone()
        if found is None:
            from cockpit.words.rows import row_noun  # only for the refusal: not on every start

            raise NotFound(tr("There is no {row} in this launch.", row=row_noun(table, row_id)))
        return dict(found)

    def audit(
        self,
        action: str,
        table: str,
        row_id: int | None,
        old: dict[str, Any] | None,
        new: dict[str, Any] | None,
        summary: str = "",
    ) -> None:
        # The chain's last link is read once per transaction: no one else writes while we hold the lock.
        last_id, last_hash = self._last_link if self._last_link else last_link(self.conn)
        values = (
            last_id + 1,
            self.at,
            self.actor,
            action,
            table,
            row_id,
            _audited(table, old),
            _audited(table, new),
            summary,
        )
        own_hash = link_hash(last_hash, values)
        self.conn.execute(
            "INSERT INTO audit (id, at, actor, action, table_name, row_id, old, new, summary, prev_hash, hash)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [*values, last_hash, own_hash],
        )
        self._last_link = (last_id + 1, own_hash)
        self.changes.add(table, row_id)

    def insert(self, table: str, values: dict[str, Any], *, summary: str = "") -> dict[str, Any]:
        values = dict(values)
        if table in VERSIONED:
            values.update(version=1, updated_by=self.actor, updated_at=self.at)
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cursor = self.conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values()))
        row_id = values.get("id", cursor.lastrowid)
        self.audit("insert", table, row_id, None, values, summary)
        if table == CASES:
            recount_runs(self.conn, [values["run_id"]])
        return {**values, "id": row_id}

    def insert_many(
        self, table: str, rows: list[dict[str, Any]], *, summary: str, audited: bool = True
    ) -> int:
        """Bulk insert (imports, demo): one audit row for the batch, not one per row."""
        if not rows:
            return 0
        columns = list(rows[0])
        # itemgetter builds each row's tuple in C.
        pick = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
        return self.insert_rows(
            table, columns=columns, rows=[pick(r) for r in rows], summary=summary, audited=audited
        )

    def insert_rows(
        self,
        table: str,
        *,
        columns: Sequence[str],
        rows: Sequence[Sequence[object]],
        shared: Mapping[str, object] | None = None,
        summary: str = "",
        audited: bool = True,
    ) -> int:
        """Bulk insert of value tuples in ``columns`` order (``insert_values``, the tuples laid end to end)."""
        return self.insert_values(
            table,
            columns=columns,
            values=list(chain.from_iterable(rows)),
            shared=shared,
            summary=summary,
            audited=audited,
        )

    def insert_values(
        self,
        table: str,
        *,
        columns: Sequence[str],
        values: list[object],
        shared: Mapping[str, object] | None = None,
        summary: str = "",
        audited: bool = True,
        rows_per_statement: int = ROWS_PER_STATEMENT,
        counted: bool = False,
    ) -> int:
        """Bulk insert of rows given as one flat list, ``len(columns)`` values a row in ``columns`` order, each
        row also given the ``shared`` values (say, the run every case belongs to): one audit row for the batch,
        not one per row. Flat, because a statement binds its rows' values as one flat sequence: an import
        that reads its cases into one list leaves nothing to lay out here (0.013 s for 100,000 cases).

        Rows go in by the hundred, ``INSERT … VALUES (…), (…), …``, with the shared values bound once per
        statement: for 100,000 test cases that takes about half the time of one statement run per row,
        most of whose cost is the fixed price of running a statement, not the row itself.
        ``audited=False`` is for rows staged out of sight (``store.staging``), audited when they are shown.
        ``rows_per_statement``: an import that inserts while another thread parses takes fewer, larger
        statements, each one a hand-over of the GIL (``importers.read_ahead``).
        ``counted=True``: the caller writes the runs' counts of these test cases itself (an import, which
        counted them while reading); otherwise the runs they belong to are counted again (``store.run_counts``).
        """
        width = len(columns)
        rows = len(values) // width
        if not rows:
            return 0
        shared = dict(shared or {})
        if table in VERSIONED:
            shared.update(version=1, updated_by=self.actor, updated_at=self.at)
        head = tuple(shared.values())
        room = self.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) - len(head)
        per_statement = max(1, min(rows_per_statement, room // width))
        whole = (rows - rows % per_statement) * width
        step = per_statement * width
        if whole:
            sql = _multi_row_insert(table, shared=list(shared), columns=columns, rows=per_statement)
            self.conn.executemany(sql, (head + tuple(values[i : i + step]) for i in range(0, whole, step)))
        if whole < len(values):
            sql = _multi_row_insert(table, shared=list(shared), columns=columns, rows=rows - whole // width)
            self.conn.execute(sql, head + tuple(values[whole:]))
        if audited:
            self.audit("import", table, None, None, {"rows": rows}, summary)
        if table == CASES and not counted:
            recount_runs(self.conn, _run_ids(columns, values, shared))
        return rows

    def show_staged(self, mark_id: int) -> None:
        """Let readers see the rows written out of sight under ``mark_id`` (``store.staging``); the caller
        writes their audit rows in the same transaction."""
        if self.conn.execute("DELETE FROM import_staging WHERE id = ?", [mark_id]).rowcount != 1:
            raise NotSaved(
                tr(
                    "The rows written for this import were removed by another cockpit before they could be "
                    "shown; nothing was imported. Import the file again."
                )
            )

    def check_version(
        self,
        table: str,
        old: dict[str, Any],
        expect_version: int | None,
        *,
        yours: dict[str, Any],
        action: str = "update",
    ) -> None:
        """Raise ``Conflict`` (with the writes since, from the audit) unless ``old`` is at ``expect_version``.

        ``yours`` are the fields the refused write would have set (empty for a removal).
        """
        if expect_version is None or old.get("version") == expect_version:
            return
        from cockpit.store.history import revisions_since  # only for the refusal: not on every start

        raise Conflict(
            table=table,
            row_id=old["id"],
            expected=expect_version,
            theirs=old,
            yours=yours,
            history=revisions_since(self.conn, table, old["id"], old, expect_version),
            action=action,
            zone=self.zone(),
        )

    def update(
        self,
        table: str,
        row_id: int,
        changes: dict[str, Any],
        *,
        expect_version: int | None = None,
        summary: str = "",
    ) -> dict[str, Any]:
        """Apply ``changes`` if the row is still at ``expect_version``; raise ``Conflict`` otherwise."""
        old = self.row(table, row_id)
        self.check_version(table, old, expect_version, yours=changes)
        changed = {k: v for k, v in changes.items() if old.get(k) != v}
        if not changed:
            return old
        values = {**changed, "version": old["version"] + 1, "updated_by": self.actor, "updated_at": self.at}
        assignments = ", ".join(f"{k} = ?" for k in values)
        cursor = self.conn.execute(
            f"UPDATE {table} SET {assignments} WHERE id = ? AND version = ?",
            [*values.values(), row_id, old["version"]],
        )
        if cursor.rowcount != 1:  # cannot happen under BEGIN IMMEDIATE; never write blind if it does
            raise Conflict(
                table=table,
                row_id=row_id,
                expected=old["version"],
                theirs=self.row(table, row_id),
                yours=changes,
            )
        self.audit("update", table, row_id, {k: old[k] for k in changed}, changed, summary)
        if table == CASES:
            recount_runs(self.conn, {old["run_id"], changed.get("run_id", old["run_id"])})
        return {**old, **values}

    def delete(
        self, table: str, row_id: int, *, expect_version: int | None = None, summary: str = ""
    ) -> dict[str, Any]:
        """Remove the row if it is still at ``expect_version`` (else ``Conflict``); return it as it was."""
        old = self.row(table, row_id)
        self.check_version(table, old, expect_version, yours={}, action="delete")
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
        self.audit("delete", table, row_id, old, None, summary)
        if table == CASES:
            recount_runs(self.conn, [old["run_id"]])
        return old


def _run_ids(columns: Sequence[str], values: list[object], shared: Mapping[str, object]) -> set[Any]:
    """The runs test cases inserted as ``values`` (``insert_values``) belong to."""
    if "run_id" in shared:
        return {shared["run_id"]}
    return set(values[list(columns).index("run_id") :: len(columns)])


def _multi_row_insert(table: str, *, shared: list[str], columns: Sequence[str], rows: int) -> str:
    """``INSERT INTO t (shared…, columns…) VALUES (?1, ?2, ?, ?), (?1, ?2, ?, ?), …``: the shared values are
    numbered parameters every row refers to, so each is bound once per statement; a bare ``?`` takes the number
    after the highest so far. Only the shared ones are numbered because SQLite looks a numbered parameter up
    in a list of those named so far: numbering them all made preparing a statement quadratic in its rows."""
    row_marks = f"({', '.join([f'?{n}' for n in range(1, len(shared) + 1)] + ['?'] * len(columns))})"
    return f"INSERT INTO {table} ({', '.join([*shared, *columns])}) VALUES {', '.join([row_marks] * rows)}"
