"""The writes of a table import besides its added rows: the rows it updates, the links, its record; and the
added rows themselves when there are so many that they are staged (``store.staging``) by short transactions
instead of written under one long write lock."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from cockpit.changes import Changes
from cockpit.domain.sources import TableKind
from cockpit.i18n import ntr, tr
from cockpit.importers.columns import DEPENDS_ON
from cockpit.importers.row_matching import LaunchRow, match_rows
from cockpit.importers.table_rows import BadRow, GoodRow
from cockpit.importers.tabular import Table
from cockpit.services.table_matching import DEPENDENCY_TABLES, STORE_TABLES, ImportPlan, RowUpdate
from cockpit.store.launchfile import LaunchFile
from cockpit.store.staging import STAGE_FROM_ROWS, discard, stage_rows
from cockpit.store.writer import Writer

# Teammates saving into the same table again and again while the import waits to show its rows: after
# this many looks the import is made again in one transaction, its plan made under the lock.
SETTLE_ATTEMPTS = 3


class TablePreview(Protocol):
    """What these writes need of ``import_table.TablePreview`` (which imports this module)."""

    @property
    def kind(self) -> TableKind: ...
    @property
    def path(self) -> Path: ...
    @property
    def table(self) -> Table: ...
    @property
    def bad(self) -> tuple[BadRow, ...]: ...


def stages(preview: TablePreview, plan: ImportPlan) -> bool:
    """Whether the added rows are staged: many of them, and not steps (whose numbers are handed out with
    the runbook's under one lock; a runbook never has that many)."""
    return len(plan.new) > STAGE_FROM_ROWS and preview.kind is not TableKind.STEPS


def last_audit_id(conn: sqlite3.Connection) -> int:
    found: int = conn.execute("SELECT COALESCE(MAX(id), 0) FROM audit").fetchone()[0]
    return found


def import_staged(
    launch_file: LaunchFile, preview: TablePreview, plan: ImportPlan, *, actor: str, seen: int, summary: str
) -> tuple[Changes, int] | None:
    """Stage the added rows (read from the file as they are written, when it is read again at every pass),
    then show them with the rest of the import in one short transaction. None when what teammates saved
    meanwhile may change the plan (``changed_meanwhile``): then nothing is left written, and the caller
    imports in one transaction, its plan made again under the lock."""
    table = STORE_TABLES[preview.kind]
    # A new row's id is its place among the new rows: the links between them need it (a checklist).
    links = preview.kind in DEPENDENCY_TABLES

    def fill(writer: Writer, values: dict[str, Any], row_id: int) -> None:
        values["id"] = row_id
        stamp_acceptance(writer, table, values)
        if preview.kind is TableKind.KPI_VALUES:
            values["source"] = preview.path.name  # as a smaller import of values says where they came from

    staged = stage_rows(
        launch_file,
        actor=actor,
        table=table,
        label=preview.path.name,
        rows=(dict(row.values) for row in plan.new),
        count=len(plan.new),
        fill=fill,
    )
    try:
        id_of_line = dict(plan.matched)
        if links:
            id_of_line.update((row.line, staged.first_id + n) for n, row in enumerate(plan.new))
        new_links = dependency_links(preview, plan.new, id_of_line)  # read before the lock
        shown = False
        for _attempt in range(SETTLE_ATTEMPTS):
            settled = settled_since(launch_file, preview, plan, seen=seen)
            if settled is None:
                break
            with launch_file.writing(actor) as w:
                if touched_since(w.conn, preview, seen=settled):
                    continue  # saved in the last moment: looked at again, without the lock
                w.show_staged(staged.mark_id)
                w.audit("import", table, None, None, {"rows": len(plan.new)}, summary)
                dependencies = write_rest(
                    w, preview, plan, id_of_line, actor=actor, summary=summary, links=new_links
                )
                shown = True
                break
    except BaseException:
        discard(launch_file, staged, actor=actor)
        raise
    if not shown:
        discard(launch_file, staged, actor=actor)
        return None
    return w.changes, dependencies


def settled_since(
    launch_file: LaunchFile, preview: TablePreview, plan: ImportPlan, *, seen: int
) -> int | None:
    """The last audit id once sure that nothing teammates saved since ``seen`` changes the plan; None when
    something may. Read outside the write lock: matching the file's new rows again may read the file."""
    with launch_file.reading() as conn:
        latest = last_audit_id(conn)
        return None if changed_meanwhile(conn, preview, plan, seen=seen) else latest


def touched_since(conn: sqlite3.Connection, preview: TablePreview, *, seen: int) -> bool:
    """Whether anything saved since ``seen`` is of a table the plan reads (then it is checked again)."""
    tables = _plan_tables(preview.kind)
    found = conn.execute(
        f"SELECT 1 FROM audit WHERE id > ? AND table_name IN ({', '.join('?' * len(tables))}) LIMIT 1",
        [seen, *tables],
    ).fetchone()
    return found is not None


def _plan_tables(kind: TableKind) -> tuple[str, ...]:
    """The tables whose rows the plan of an import of ``kind`` is made from: its own first."""
    links = DEPENDENCY_TABLES[kind][:1] if kind in DEPENDENCY_TABLES else ()
    kpis = ("kpis",) if kind is TableKind.KPI_VALUES else ()
    return (STORE_TABLES[kind], "table_imports", *links, *kpis)


def changed_meanwhile(
    conn: sqlite3.Connection, preview: TablePreview, plan: ImportPlan, *, seen: int
) -> bool:
    """Whether what teammates saved since the plan was made (the audit after ``seen``) may change the plan:
    a row this import updates edited or removed, links or an import of the kind, or a row added or edited
    that the file's new rows would now match (say, a ticket added by hand with a key the file has too).
    Anything else (a new ticket, another ticket's status) changes nothing the import does, and is kept."""
    table, *other_tables = _plan_tables(preview.kind)
    touched = set(plan.matched.values())
    others: set[int] = set()
    found = conn.execute(
        f"SELECT table_name, action, row_id FROM audit WHERE id > ? AND table_name IN (?{', ?' * len(other_tables)})",
        [seen, table, *other_tables],
    )
    for name, action, row_id in found:
        if name != table or row_id is None or row_id in touched:
            return True
        if action != "delete":
            others.add(row_id)
    if not others:
        return False
    marks = ",".join("?" * len(others))
    launch_rows = [
        LaunchRow(id=row["id"], values=dict(row))
        for row in conn.execute(f"SELECT * FROM {table} WHERE id IN ({marks})", sorted(others))
    ]
    return any(
        match_rows(preview.kind, plan.new, launch_rows, versioned=versioned).matched
        for versioned in (False, True)
    )


def write_rest(
    w: Writer,
    preview: TablePreview,
    plan: ImportPlan,
    id_of_line: dict[int, int],
    *,
    actor: str,
    summary: str,
    links: list[dict[str, int]] | None = None,
) -> int:
    """The added rows' links (``links``, when worked out before the lock), the updated rows, the import's
    record; return how many links were added."""
    if links is None:
        links = dependency_links(preview, plan.new, id_of_line)
    dependencies = write_dependencies(w, preview, links)
    for update in plan.updates:
        write_update(w, preview, update, id_of_line)
    w.insert(
        "table_imports",
        {
            "kind": preview.kind.value,
            "source": preview.path.name,
            "source_sha256": preview.table.sha256,
            "rows": len(plan.new),
            "updated": len(plan.updates),
            "unchanged": len(plan.unchanged),
            "conflicts": len(plan.conflicts),
            "dependencies": dependencies,
            "left_out": len(preview.bad) + len(plan.bad),
            "skipped": 0,
            "imported_by": actor,
            "imported_at": w.at,
        },
        summary=summary,
    )
    return dependencies


def stamp_acceptance(w: Writer, table: str, values: dict[str, Any]) -> None:
    """An object's difference accepted (or cleared) through a table says who and when, as the ledger's own
    Accept difference does: the file's Accepted by, else the importer, at the import's time."""
    if table != "migration_objects" or "accepted_reason" not in values:
        return
    accepted = bool((values["accepted_reason"] or "").strip())
    values["accepted_at"] = w.at if accepted else None
    values["accepted_by"] = (values.get("accepted_by") or w.actor) if accepted else ""


def write_update(w: Writer, preview: TablePreview, update: RowUpdate, id_of_line: dict[int, int]) -> None:
    """One matched row: its changed cells, then its links, the row one version on and audited."""
    table = STORE_TABLES[preview.kind]
    summary = tr("Updated from {name}", name=preview.path.name)
    changes = dict(update.changes)
    stamp_acceptance(w, table, changes)
    row = w.update(table, update.row_id, changes, summary=summary)
    if update.depends_on is None:
        return
    links, row_column, depends_column = DEPENDENCY_TABLES[preview.kind]
    old = [
        r[0]
        for r in w.conn.execute(
            f"SELECT {depends_column} FROM {links} WHERE {row_column} = ? ORDER BY {depends_column}",
            [update.row_id],
        )
    ]
    new = sorted({*(id_of_line[line] for line in update.depends_on), *update.depends_on_ids})
    w.conn.execute(f"DELETE FROM {links} WHERE {row_column} = ?", [update.row_id])
    w.conn.executemany(
        f"INSERT INTO {links} ({row_column}, {depends_column}) VALUES (?, ?)",
        [(update.row_id, dep) for dep in new],
    )
    if not update.changes and row.get("updated_at") != w.at:
        # Only the links changed: the row still moves to a new version, so others see the change.
        w.update(table, update.row_id, {"updated_at": w.at})
    w.audit("update", table, update.row_id, {DEPENDS_ON: old}, {DEPENDS_ON: new}, summary)


def dependency_links(
    preview: TablePreview, good: Iterable[GoodRow], id_of_line: dict[int, int]
) -> list[dict[str, int]]:
    """The added rows' links, to other added rows and to rows the launch had, as rows of the links' table."""
    if preview.kind not in DEPENDENCY_TABLES:
        return []
    _table, row_column, depends_column = DEPENDENCY_TABLES[preview.kind]
    return [
        {row_column: id_of_line[row.line], depends_column: depends}
        for row in good
        for depends in dict.fromkeys([*(id_of_line[line] for line in row.depends_on), *row.depends_on_ids])
    ]


def write_dependencies(w: Writer, preview: TablePreview, links: list[dict[str, int]]) -> int:
    if links:
        summary = ntr(
            "Imported {n} dependency from {name}",
            "Imported {n} dependencies from {name}",
            len(links),
            name=preview.path.name,
        )
        w.insert_many(DEPENDENCY_TABLES[preview.kind][0], links, summary=summary)
    return len(links)


def number_steps(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
    """Steps without a number go after the runbook's last step, in file order; read under the write
    lock so two imports at once cannot hand out the same numbers."""
    last = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM runbook_steps").fetchone()[0]
    last = max([last, *(r["seq"] for r in rows if r["seq"] is not None)])
    for row in rows:
        if row["seq"] is None:
            last += 1
            row["seq"] = last
