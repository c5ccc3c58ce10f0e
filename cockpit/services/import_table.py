"""Import a checklist, risks, tickets, runbook steps or migration objects from CSV or .xlsx.

Two steps, so the window can show the mapping and the bad rows before anything is written:
``preview_table`` reads and checks the file (with ``launch_file``, or ``compare_with_launch``, it also
says what the import would do to the launch's rows), ``import_table`` writes in one ``BEGIN IMMEDIATE``
transaction — and only when every row was good, or the user accepted leaving the bad ones out.

A table of more than ``row_stream.KEEP_ROWS`` rows is not held: it is read again from the file at every
pass (the checks, the plan, the writing), and its many added rows are staged (``store.staging``) as they
are read, so memory stays flat whatever its size and the write lock is held only for short batches.

A row the launch already has (our export's ID, a ticket's key, an object's name:
``importers.row_matching``) updates that row, only the cells the file changes, each row's version
bumped and audited; a row that says nothing new leaves it unchanged; the others are added, with one
audit record for the batch. A row the team changed since the export, in a cell the file changes too,
is a conflict (``ChangedSinceExport``, exit 3): never overwritten, left out only when the user accepts.

The same transaction writes the dependencies (the file's "Depends on" cells, turned from the file's IDs
into the rows' ids; a cycle with the launch's links is refused) and a ``table_imports`` row with the
file's SHA-256 and the counts. The same file imported again with rows to add is refused, naming who
imported it when, unless asked for ``again``; with nothing to add it is a no-op that says so.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from pathlib import Path

from cockpit.changes import Changes
from cockpit.domain.moments import zone_of
from cockpit.domain.sources import TableKind
from cockpit.errors import BadInput
from cockpit.i18n import ntr, tr
from cockpit.importers.columns import (
    DEPENDS_ON,
    ROW_KEY,
    ROW_VERSION,
    ColumnMapping,
    field_label,
    suggest_mapping,
)
from cockpit.importers.limits import MAX_TABLE_ROWS
from cockpit.importers.row_checks import validate_rows
from cockpit.importers.row_stream import RowStream
from cockpit.importers.table_rows import BadRow, GoodRow
from cockpit.importers.tabular import Table, read_table
from cockpit.services.import_cleanup import cleanup_notes
from cockpit.services.import_refusals import AlreadyImported, ChangedSinceExport, RowsWithProblems
from cockpit.services.table_matching import (
    DEPENDENCY_TABLES,
    STORE_TABLES,
    ImportPlan,
    RowConflict,
    RowUpdate,
    plan_import,
)
from cockpit.services.table_writes import (
    SETTLE_ATTEMPTS,
    changed_meanwhile,
    import_staged,
    last_audit_id,
    number_steps,
    settled_since,
    stages,
    stamp_acceptance,
    touched_since,
    write_rest,
)
from cockpit.store.launchfile import LaunchFile
from cockpit.store.staging import clean_abandoned
from cockpit.store.writer import Writer
from cockpit.words.moments import moment_text

# The refusals and the plan's parts, for the front ends that call this module.
__all__ = [
    "DEPENDENCY_TABLES",
    "STORE_TABLES",
    "AlreadyImported",
    "ChangedSinceExport",
    "RowConflict",
    "RowUpdate",
    "RowsWithProblems",
]


@dataclass(frozen=True, slots=True)
class TablePreview:
    """The file read and checked (``good``, ``bad``); once compared with the launch, ``plan`` says which
    good rows would be added, which update a row, which leave it unchanged and which are in conflict."""

    kind: TableKind
    path: Path
    table: Table
    mapping: ColumnMapping
    good: RowStream[GoodRow]  # read again from the file at every pass when there are many
    bad: tuple[BadRow, ...]
    plan: ImportPlan | None = None

    @property
    def missing_required(self) -> tuple[str, ...]:
        """Labels of required fields no column fills: then no row can be imported."""
        return tuple(field_label(self.kind, name) for name in self.mapping.missing_required)

    @property
    def total(self) -> int:
        return len(self.good) + len(self.bad)

    @property
    def problems(self) -> tuple[BadRow, ...]:
        """Every row that cannot be written as it is: the file's bad rows and those the launch refuses."""
        if self.plan is None or not self.plan.bad:
            return self.bad
        return tuple(sorted((*self.bad, *self.plan.bad), key=lambda row: row.line))


@dataclass(frozen=True, slots=True)
class ImportTableOutcome:
    kind: TableKind
    table_name: str  # the store table written
    imported: int  # rows added
    left_out: int  # bad rows the user accepted to leave out
    changes: Changes
    dependencies: int = 0  # dependency links written from the added rows
    updated: tuple[RowUpdate, ...] = ()
    unchanged: int = 0
    conflicts: tuple[RowConflict, ...] = ()  # rows left out: the team changed the same cells since
    imported_before: str = ""  # a no-op's reason: who imported this very file when
    notes: tuple[str, ...] = ()  # what imports that died part-way had left, removed before this one

    @property
    def counts(self) -> str:
        """ "0 added, 2 updated, 5 unchanged": what the CLI, the window and a source's status say."""
        return counts_text(added=self.imported, updated=len(self.updated), unchanged=self.unchanged)


def counts_text(*, added: int, updated: int, unchanged: int) -> str:
    return tr(
        "{added} added, {updated} updated, {unchanged} unchanged",
        added=added,
        updated=updated,
        unchanged=unchanged,
    )


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
    launch_file: LaunchFile | None = None,
    launch_ids: Iterable[int] | None = None,
) -> TablePreview:
    """Read ``path`` and check each row, with ``mapping`` (edited by the user) or the suggested one;
    with ``launch_file``, compared with the launch's rows too (``compare_with_launch``). ``launch_ids``
    (read from ``launch_file`` when not given): the ids of the launch's rows of this kind, which the
    "Depends on" cells of our export may name though the file does not hold them.

    Raises ``BadInput`` when the file cannot be read as a table at all.
    """
    kind = TableKind(kind)
    path = Path(path)
    table = read_table(path, sheet=sheet, max_rows=MAX_TABLE_ROWS[kind])
    if mapping is None:
        mapping = suggest_mapping(kind, table.headers)
    elif mapping.headers != table.headers or mapping.kind != kind:
        raise BadInput(
            tr(
                "The column mapping was made for another table; map the columns of {name} again.",
                name=path.name,
            )
        )
    if launch_ids is None and launch_file is not None:
        with launch_file.reading() as conn:
            launch_ids = [r[0] for r in conn.execute(f"SELECT id FROM {STORE_TABLES[kind]}")]
    checked = validate_rows(kind, table, mapping, tz=tz, now=now, launch_ids=launch_ids or ())
    preview = TablePreview(
        kind=kind, path=path, table=table, mapping=mapping, good=checked.good, bad=checked.bad
    )
    return compare_with_launch(launch_file, preview) if launch_file is not None else preview


def compare_with_launch(launch_file: LaunchFile, preview: TablePreview) -> TablePreview:
    """The preview with its plan: what an import would do to the launch now (one short read)."""
    with launch_file.reading() as conn:
        return replace(preview, plan=replace(_plan(conn, preview), seen=last_audit_id(conn)))


def _plan_again(conn: sqlite3.Connection, preview: TablePreview) -> ImportPlan:
    """The plan as the launch is now: the preview's own, for a file read again at every pass, when nothing
    saved since it was made changes it (planning again reads the whole file again); else made anew."""
    plan = preview.plan
    reusable = plan is not None and plan.seen is not None and preview.good.streamed
    if reusable and plan is not None and not changed_meanwhile(conn, preview, plan, seen=plan.seen or 0):
        return plan
    return _plan(conn, preview)


def _plan(conn: sqlite3.Connection, preview: TablePreview) -> ImportPlan:
    by_field = preview.mapping.by_field
    zone = zone_of(conn.execute("SELECT timezone FROM launch WHERE id = 1").fetchone()[0])
    return plan_import(
        conn,
        preview.kind,
        preview.good,
        versioned=ROW_VERSION in by_field and ROW_KEY in by_field,
        links_mapped=DEPENDS_ON in by_field,
        zone=zone,
    )


def import_table(
    launch_file: LaunchFile,
    preview: TablePreview,
    *,
    actor: str,
    accept_partial: bool,
    again: bool = False,
) -> ImportTableOutcome:
    """Add the preview's new rows, update the rows it changes, with their dependencies, or nothing.

    Refused when a required column is missing, when no row is good, when some rows are bad (in the file,
    or refused by the launch's rows) and ``accept_partial`` is false (``RowsWithProblems``), when rows
    changed since the export in the cells the file changes and ``accept_partial`` is false
    (``ChangedSinceExport``), or when this very file was imported as this kind before, it would add rows
    again and ``again`` is false (``AlreadyImported``). The same file with nothing to add, or a file
    that changes nothing, writes nothing and says so. The plan is made again under the write lock.
    """
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
    notes = cleanup_notes(clean_abandoned(launch_file, actor=actor), launch_zone(launch_file))
    with launch_file.reading() as conn:
        plan, earlier = _judged(conn, preview, accept_partial=accept_partial, again=again)
        seen = last_audit_id(conn)
    if not plan.writes or earlier:
        return _outcome(preview, plan, Changes(), imported_before=earlier, notes=notes)
    if stages(preview, plan):
        summary = _summary(preview, plan, bad=len(preview.bad) + len(plan.bad))
        done = import_staged(launch_file, preview, plan, actor=actor, seen=seen, summary=summary)
        if done is not None:
            changes, dependencies = done
            return _outcome(preview, plan, changes, dependencies=dependencies, notes=notes)
    if preview.good.streamed:
        done = _import_read_again(launch_file, preview, plan, actor=actor, seen=seen)
        if done is not None:
            changes, dependencies = done
            return _outcome(preview, plan, changes, dependencies=dependencies, notes=notes)
    with launch_file.writing(actor) as w:
        # Again, now that no one else can write: the launch may have changed since the read.
        plan, earlier = _judged(w.conn, preview, accept_partial=accept_partial, again=again)
        if not plan.writes or earlier:
            return _outcome(preview, plan, Changes(), imported_before=earlier, notes=notes)
        changes, dependencies = _write(w, preview, plan, tuple(plan.new))
    return _outcome(preview, plan, changes, dependencies=dependencies, notes=notes)


def _import_read_again(
    launch_file: LaunchFile, preview: TablePreview, plan: ImportPlan, *, actor: str, seen: int
) -> tuple[Changes, int] | None:
    """A large file's few added rows and its updates, in one transaction with the plan made outside it:
    planning again would read the whole file while teammates wait. None when teammates saved what may
    change the plan; then the caller plans again under the lock."""
    new = tuple(plan.new)  # read before the lock
    for _attempt in range(SETTLE_ATTEMPTS):
        settled = settled_since(launch_file, preview, plan, seen=seen)
        if settled is None:
            return None
        with launch_file.writing(actor) as w:
            if touched_since(w.conn, preview, seen=settled):
                continue
            return _write(w, preview, plan, new)
    return None


def _write(
    w: Writer, preview: TablePreview, plan: ImportPlan, new: tuple[GoodRow, ...]
) -> tuple[Changes, int]:
    """The plan written in the caller's transaction: the added rows with their ids, then the rest."""
    table_name = STORE_TABLES[preview.kind]
    summary = _summary(preview, plan, bad=len(preview.bad) + len(plan.bad))
    rows = [dict(row.values) for row in new]
    if preview.kind is TableKind.STEPS:
        number_steps(w.conn, rows)
    if preview.kind is TableKind.KPI_VALUES:
        for values in rows:
            values["source"] = preview.path.name
    # The new rows' ids are handed out here, under the write lock, so the dependencies between
    # them can be written in the same transaction.
    first_id = w.conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table_name}").fetchone()[0]
    id_of_line = {row.line: first_id + n for n, row in enumerate(new)}
    for values, row in zip(rows, new, strict=True):
        values["id"] = id_of_line[row.line]
        stamp_acceptance(w, table_name, values)
    id_of_line.update(plan.matched)
    if rows:
        w.insert_many(table_name, rows, summary=summary)
    dependencies = write_rest(w, preview, plan, id_of_line, actor=w.actor, summary=summary)
    return w.changes, dependencies


def _judged(
    conn: sqlite3.Connection, preview: TablePreview, *, accept_partial: bool, again: bool
) -> tuple[ImportPlan, str]:
    """The plan, once it may be written: raises the refusals; ``earlier`` says who imported this very
    file when, if it was, and it has nothing to add (then nothing is written)."""
    plan = _plan_again(conn, preview)
    refusal = None if again else _earlier_import(conn, preview, preview.table.sha256)
    if refusal is not None:
        if plan.new:
            raise refusal
        # Nothing in it is new: what differs from the launch now is the team's work since (or this
        # file's own earlier import), which stays.
        matched = tuple(sorted(plan.matched))
        return ImportPlan(unchanged=matched, bad=plan.bad, matched=plan.matched), refusal.fact
    if plan.bad and not accept_partial:
        bad = len(preview.bad) + len(plan.bad)
        raise RowsWithProblems(name=preview.path.name, bad=bad, good=len(preview.good) - len(plan.bad))
    if plan.conflicts and not accept_partial:
        others = len(plan.new) + len(plan.updates) + len(plan.unchanged)
        raise ChangedSinceExport(name=preview.path.name, conflicts=plan.conflicts, others=others)
    return plan, ""


def _outcome(
    preview: TablePreview,
    plan: ImportPlan,
    changes: Changes,
    *,
    dependencies: int = 0,
    imported_before: str = "",
    notes: tuple[str, ...] = (),
) -> ImportTableOutcome:
    return ImportTableOutcome(
        kind=preview.kind,
        table_name=STORE_TABLES[preview.kind],
        imported=len(plan.new),
        left_out=len(preview.bad) + len(plan.bad),
        changes=changes,
        dependencies=dependencies,
        updated=plan.updates,
        unchanged=len(plan.unchanged),
        conflicts=plan.conflicts,
        imported_before=imported_before,
        notes=notes,
    )


def _summary(preview: TablePreview, plan: ImportPlan, *, bad: int) -> str:
    if plan.updates or plan.unchanged:
        summary = tr(
            "Imported {name}: {counts}",
            name=preview.path.name,
            counts=counts_text(added=len(plan.new), updated=len(plan.updates), unchanged=len(plan.unchanged)),
        )
    else:
        summary = ntr(
            "Imported {n} row from {name}",
            "Imported {n} rows from {name}",
            len(plan.new),
            name=preview.path.name,
        )
    if bad:
        summary += " " + ntr("({n} bad row left out)", "({n} bad rows left out)", bad)
    if plan.conflicts:
        summary += " " + ntr(
            "({n} row changed since the export left out)",
            "({n} rows changed since the export left out)",
            len(plan.conflicts),
        )
    return summary


def _earlier_import(conn: sqlite3.Connection, preview: TablePreview, sha256: str) -> AlreadyImported | None:
    found = conn.execute(
        "SELECT imported_at, imported_by, rows, updated, COUNT(*) OVER () AS times FROM table_imports "
        "WHERE kind = ? AND source_sha256 = ? ORDER BY id DESC LIMIT 1",
        [preview.kind.value, sha256],
    ).fetchone()
    if found is None:
        return None
    return AlreadyImported(
        name=preview.path.name,
        kind=preview.kind,
        when=_local_minute(conn, found["imported_at"]),
        who=found["imported_by"],
        rows=found["rows"],
        updated=found["updated"],
        times=found["times"],
    )


def _local_minute(conn: sqlite3.Connection, stamp: str) -> str:
    """A stored UTC time as the panes show it: in the launch's zone, to the minute, with its abbreviation."""
    zone = zone_of(conn.execute("SELECT timezone FROM launch WHERE id = 1").fetchone()[0])
    return moment_text(stamp, zone)
