"""Import a checklist, risks, tickets, runbook steps or migration objects from CSV or .xlsx.

Two steps, so the window can show the mapping and the bad rows before anything is written:
``preview_table`` reads and checks the file (no launch-file access at all), ``import_table`` writes
the good rows in one ``BEGIN IMMEDIATE`` transaction with one audit record for the batch — and only
when every row was good, or the user accepted leaving the bad ones out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from cockpit.i18n import ntr, tr
from cockpit.importers.columns import ColumnMapping, TableKind, field_label, suggest_mapping
from cockpit.importers.table_rows import BadRow, GoodRow, validate_rows
from cockpit.importers.tabular import Table, read_table
from cockpit.store.errors import BadInput
from cockpit.store.launchfile import LaunchFile
from cockpit.store.writer import Changes

STORE_TABLES = {
    TableKind.CHECKLIST: "checklist_items",
    TableKind.RISKS: "risks",
    TableKind.TICKETS: "tickets",
    TableKind.STEPS: "runbook_steps",
    TableKind.OBJECTS: "migration_objects",
}


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


def launch_zone(launch_file: LaunchFile) -> str:
    """The IANA zone naive times in an imported table are read in."""
    with launch_file.reading() as conn:
        return conn.execute("SELECT timezone FROM launch WHERE id = 1").fetchone()[0]


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
    launch_file: LaunchFile, preview: TablePreview, *, actor: str, accept_partial: bool
) -> ImportTableOutcome:
    """Write the preview's good rows, or nothing: refused when a required column is missing, when no
    row is good, or when some rows are bad and ``accept_partial`` is false."""
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
        raise BadInput(
            ntr(
                "{name}: {n} row has problems; nothing was written. Fix it, or accept importing the {good} good rows.",
                "{name}: {n} rows have problems; nothing was written. Fix them, or accept importing the {good} good rows.",
                len(preview.bad),
                name=preview.path.name,
                good=len(preview.good),
            )
        )
    if not preview.good:
        raise BadInput(tr("{name} has no row to import; nothing was written.", name=preview.path.name))
    table_name = STORE_TABLES[preview.kind]
    rows = [dict(row.values) for row in preview.good]
    summary = ntr(
        "Imported {n} row from {name}",
        "Imported {n} rows from {name}",
        len(rows),
        name=preview.path.name,
    )
    if preview.bad:
        summary += " " + tr("({left} bad rows left out)", left=len(preview.bad))
    with launch_file.writing(actor) as w:
        if preview.kind is TableKind.STEPS:
            _number_steps(w.conn, rows)
        w.insert_many(table_name, rows, summary=summary)
    return ImportTableOutcome(
        kind=preview.kind,
        table_name=table_name,
        imported=len(rows),
        left_out=len(preview.bad),
        changes=w.changes,
    )


def _number_steps(conn, rows: list[dict]) -> None:
    """Steps without a number go after the runbook's last step, in file order; read under the write
    lock so two imports at once cannot hand out the same numbers."""
    last = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM runbook_steps").fetchone()[0]
    last = max([last, *(r["seq"] for r in rows if r["seq"] is not None)])
    for row in rows:
        if row["seq"] is None:
            last += 1
            row["seq"] = last
