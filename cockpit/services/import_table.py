"""Import a checklist, risks, tickets, runbook steps or migration objects from CSV or .xlsx.

Two steps, so the window can show the mapping and the bad rows before anything is written:
``preview_table`` reads and checks the file (no launch-file access at all), ``import_table`` writes
the good rows in one ``BEGIN IMMEDIATE`` transaction with one audit record for the batch — and only
when every row was good, or the user accepted leaving the bad ones out.

The same transaction writes the dependencies between the imported rows (the file's "Depends on"
cells, turned from the file's IDs into the new rows' ids) and a ``table_imports`` row with the file's
SHA-256: the same file again is refused, naming who imported it when, unless asked for ``again``.
Tickets whose key (a Jira key, a ServiceNow number) is already in the launch are skipped, not doubled.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from cockpit.changes import Changes
from cockpit.domain.moments import zone_of
from cockpit.domain.sources import TableKind
from cockpit.errors import BadInput
from cockpit.i18n import ntr, tr
from cockpit.importers.columns import ColumnMapping, field_label, suggest_mapping
from cockpit.importers.table_rows import BadRow, GoodRow, validate_rows
from cockpit.importers.tabular import Table, read_table
from cockpit.store.launchfile import LaunchFile
from cockpit.store.writer import Writer
from cockpit.words.moments import moment_text

STORE_TABLES = {
    TableKind.CHECKLIST: "checklist_items",
    TableKind.RISKS: "risks",
    TableKind.TICKETS: "tickets",
    TableKind.STEPS: "runbook_steps",
    TableKind.OBJECTS: "migration_objects",
}
# The table a kind's dependencies go to, with its (row, depends on) columns.
DEPENDENCY_TABLES = {
    TableKind.CHECKLIST: ("checklist_deps", "item_id", "depends_on_id"),
    TableKind.STEPS: ("step_deps", "step_id", "depends_on_id"),
}


class RowsWithProblems(BadInput):
    """Some rows are bad and leaving them out was not accepted; nothing was written.

    ``str()`` says so in words that fit any front end; ``fix_with(option)`` names a command line's way.
    """

    def __init__(self, *, name: str, bad: int, good: int) -> None:
        self.name, self.bad, self.good = name, bad, good
        super().__init__(
            self._head()
            + " "
            + ntr(
                "Fix the file, or accept importing the {n} good row without the others.",
                "Fix the file, or accept importing the {n} good rows without the others.",
                good,
            )
        )

    def _head(self) -> str:
        return ntr(
            "{name}: {n} row has problems; nothing was written.",
            "{name}: {n} rows have problems; nothing was written.",
            self.bad,
            name=self.name,
        )

    def fix_with(self, option: str) -> str:
        return (
            self._head()
            + " "
            + ntr(
                "Fix the file, or add {option} to import the {n} good row and leave the others out.",
                "Fix the file, or add {option} to import the {n} good rows and leave the others out.",
                self.good,
                option=option,
            )
        )


class AlreadyImported(BadInput):
    """Exactly this file was imported into the launch as this kind before; nothing was written.

    ``fix_with(option)`` adds a command line's way to import it anyway.
    """

    def __init__(self, *, name: str, kind: TableKind, when: str, who: str, rows: int, times: int) -> None:
        self.name, self.kind, self.when, self.who, self.rows, self.times = name, kind, when, who, rows, times
        text = ntr(
            "{name} was already imported into this launch as {kind} on {when} by {who} ({n} row written)",
            "{name} was already imported into this launch as {kind} on {when} by {who} ({n} rows written)",
            rows,
            name=name,
            kind=kind.value,
            when=when,
            who=who,
        )
        if times > 1:
            text += tr(", the last of {times} times", times=times)
        super().__init__(text + tr("; nothing was imported again."))

    def fix_with(self, option: str) -> str:
        return (
            str(self)
            + " "
            + tr(
                "To import its rows once more, as new rows beside the first ones, add {option}.",
                option=option,
            )
        )


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A ticket row left out because a ticket with its key is already in the launch."""

    line: int
    key: str
    ticket_id: int


@dataclass(frozen=True, slots=True)
class TablePreview:
    kind: TableKind
    path: Path
    table: Table
    mapping: ColumnMapping
    good: tuple[GoodRow, ...]
    bad: tuple[BadRow, ...]

    @property
    def missing_required(self) -> tuple[str, ...]:
        """Labels of required fields no column fills: then no row can be imported."""
        return tuple(field_label(self.kind, name) for name in self.mapping.missing_required)

    @property
    def total(self) -> int:
        return len(self.good) + len(self.bad)


@dataclass(frozen=True, slots=True)
class ImportTableOutcome:
    kind: TableKind
    table_name: str  # the store table written
    imported: int
    left_out: int  # bad rows the user accepted to leave out
    changes: Changes
    dependencies: int = 0  # dependency links written between the imported rows
    skipped: tuple[SkippedRow, ...] = ()  # tickets already in the launch (by their key)


def launch_zone(launch_file: LaunchFile) -> tzinfo:
    """The launch's zone, which naive times in an imported table are read in (``Launch.zone``'s fallback)."""
    with launch_file.reading() as conn:
        return zone_of(conn.execute("SELECT timezone FROM launch WHERE id = 1").fetchone()[0])


def preview_table(
    path: str | Path,
    *,
    kind: TableKind | str,
    tz: tzinfo | str,
    mapping: ColumnMapping | None = None,
    sheet: str | None = None,
    now: datetime | None = None,
) -> TablePreview:
    """Read ``path`` and check each row, with ``mapping`` (edited by the user) or the suggested one.

    Raises ``BadInput`` when the file cannot be read as a table at all.
    """
    kind = TableKind(kind)
    path = Path(path)
    table = read_table(path, sheet=sheet)
    if mapping is None:
        mapping = suggest_mapping(kind, table.headers)
    elif mapping.headers != table.headers or mapping.kind != kind:
        raise BadInput(
            tr(
                "The column mapping was made for another table; map the columns of {name} again.",
                name=path.name,
            )
        )
    checked = validate_rows(kind, table, mapping, tz=tz, now=now)
    return TablePreview(
        kind=kind, path=path, table=table, mapping=mapping, good=checked.good, bad=checked.bad
    )


def import_table(
    launch_file: LaunchFile,
    preview: TablePreview,
    *,
    actor: str,
    accept_partial: bool,
    again: bool = False,
) -> ImportTableOutcome:
    """Write the preview's good rows and their dependencies, or nothing: refused when a required
    column is missing, when no row is good, when some rows are bad and ``accept_partial`` is false
    (``RowsWithProblems``), or when this very file was imported as this kind before and ``again`` is
    false (``AlreadyImported``)."""
    if preview.missing_required:
        raise BadInput(
            tr(
                "{name}: no column holds {fields} (columns found: {headers}). Nothing was written; "
                "rename the column or map it by hand.",
                name=preview.path.name,
                fields=", ".join(preview.missing_required),
                headers=", ".join(h for h in preview.table.headers if h) or "-",
            )
        )
    if preview.bad and not accept_partial:
        raise RowsWithProblems(name=preview.path.name, bad=len(preview.bad), good=len(preview.good))
    if not preview.good:
        raise BadInput(tr("{name} has no row to import; nothing was written.", name=preview.path.name))
    sha256 = preview.table.sha256
    if not again:
        with launch_file.reading() as conn:
            _refuse_reimport(conn, preview, sha256)
    table_name = STORE_TABLES[preview.kind]
    with launch_file.writing(actor) as w:
        if not again:
            _refuse_reimport(w.conn, preview, sha256)  # again, now that no one else can write
        good, skipped = list(preview.good), list[SkippedRow]()
        if preview.kind is TableKind.TICKETS:
            good, skipped = _new_tickets(w.conn, preview.good)
        rows = [dict(row.values) for row in good]
        summary = ntr(
            "Imported {n} row from {name}",
            "Imported {n} rows from {name}",
            len(rows),
            name=preview.path.name,
        )
        if preview.bad:
            summary += " " + ntr("({n} bad row left out)", "({n} bad rows left out)", len(preview.bad))
        if skipped:
            summary += " " + ntr(
                "({n} ticket already in the launch skipped)",
                "({n} tickets already in the launch skipped)",
                len(skipped),
            )
        if preview.kind is TableKind.STEPS:
            _number_steps(w.conn, rows)
        # The new rows' ids are handed out here, under the write lock, so the dependencies between
        # them can be written in the same transaction.
        first_id = w.conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table_name}").fetchone()[0]
        id_of_line = {row.line: first_id + n for n, row in enumerate(good)}
        for values, row in zip(rows, good, strict=True):
            values["id"] = id_of_line[row.line]
        if rows:
            w.insert_many(table_name, rows, summary=summary)
        dependencies = _write_dependencies(w, preview, good, id_of_line)
        w.insert(
            "table_imports",
            {
                "kind": preview.kind.value,
                "source": preview.path.name,
                "source_sha256": sha256,
                "rows": len(rows),
                "dependencies": dependencies,
                "left_out": len(preview.bad),
                "skipped": len(skipped),
                "imported_by": actor,
                "imported_at": w.at,
            },
            summary=summary,
        )
    return ImportTableOutcome(
        kind=preview.kind,
        table_name=table_name,
        imported=len(rows),
        left_out=len(preview.bad),
        changes=w.changes,
        dependencies=dependencies,
        skipped=tuple(skipped),
    )


def _write_dependencies(
    w: Writer, preview: TablePreview, good: list[GoodRow], id_of_line: dict[int, int]
) -> int:
    if preview.kind not in DEPENDENCY_TABLES:
        return 0
    table, row_column, depends_column = DEPENDENCY_TABLES[preview.kind]
    links = [
        {row_column: id_of_line[row.line], depends_column: id_of_line[line]}
        for row in good
        for line in row.depends_on
    ]
    if links:
        summary = ntr(
            "Imported {n} dependency from {name}",
            "Imported {n} dependencies from {name}",
            len(links),
            name=preview.path.name,
        )
        w.insert_many(table, links, summary=summary)
    return len(links)


def _refuse_reimport(conn: sqlite3.Connection, preview: TablePreview, sha256: str) -> None:
    found = conn.execute(
        "SELECT imported_at, imported_by, rows, COUNT(*) OVER () AS times FROM table_imports "
        "WHERE kind = ? AND source_sha256 = ? ORDER BY id DESC LIMIT 1",
        [preview.kind.value, sha256],
    ).fetchone()
    if found is None:
        return
    raise AlreadyImported(
        name=preview.path.name,
        kind=preview.kind,
        when=_local_minute(conn, found["imported_at"]),
        who=found["imported_by"],
        rows=found["rows"],
        times=found["times"],
    )


def _local_minute(conn: sqlite3.Connection, stamp: str) -> str:
    """A stored UTC time as the panes show it: in the launch's zone, to the minute, with its abbreviation."""
    zone = zone_of(conn.execute("SELECT timezone FROM launch WHERE id = 1").fetchone()[0])
    return moment_text(stamp, zone)


_KEY_PREFIX = re.compile(r"^\[([^\]]+)\]")


def _new_tickets(
    conn: sqlite3.Connection, rows: tuple[GoodRow, ...]
) -> tuple[list[GoodRow], list[SkippedRow]]:
    """The rows whose ticket is not in the launch yet, and the others. A ticket keeps its system's key
    as the "[KEY] " its title starts with (or in its title as the system wrote it)."""
    if not any(row.key for row in rows):
        return list(rows), []
    by_key: dict[str, int] = {}
    by_title: dict[str, int] = {}
    for ticket_id, title in conn.execute("SELECT id, title FROM tickets ORDER BY id"):
        prefix = _KEY_PREFIX.match(title)
        if prefix:
            by_key.setdefault(prefix[1], ticket_id)
        by_title.setdefault(title, ticket_id)
    new: list[GoodRow] = []
    skipped: list[SkippedRow] = []
    for row in rows:
        found = by_key.get(row.key) if row.key else None
        if found is None and row.key:
            found = by_title.get(row.values["title"])
        if found is None:
            new.append(row)
        else:
            skipped.append(SkippedRow(line=row.line, key=row.key, ticket_id=found))
    return new, skipped


def _number_steps(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
    """Steps without a number go after the runbook's last step, in file order; read under the write
    lock so two imports at once cannot hand out the same numbers."""
    last = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM runbook_steps").fetchone()[0]
    last = max([last, *(r["seq"] for r in rows if r["seq"] is not None)])
    for row in rows:
        if row["seq"] is None:
            last += 1
            row["seq"] = last
