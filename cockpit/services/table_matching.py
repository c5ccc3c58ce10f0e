"""An imported table set against the launch: which rows are new, which update a launch row (and which
cells), which say nothing new, and which the team changed since the export in the same cells.

Read inside one transaction (the preview's short read, then again under the import's write lock), with
the matching rules of ``importers.row_matching``. A row exported at version N and now at a later one is
compared with the row as it was at N, read back from the audit trail (``store.history``), so only the
cells the user changed in the file count as changes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import tzinfo
from typing import Any

from cockpit.domain.kpis import kpi_named
from cockpit.domain.sources import TableKind
from cockpit.i18n import tr
from cockpit.importers.columns import DEPENDS_ON, field_label
from cockpit.importers.row_links import settle
from cockpit.importers.row_matching import LaunchRow, Matching, cell_changes, match_rows, name_of
from cockpit.importers.row_stream import RowStream
from cockpit.importers.table_rows import BadRow, GoodRow
from cockpit.store.history import revisions_since, row_before
from cockpit.store.read import read_kpis, staged_ranges
from cockpit.words.moments import moment_text

STORE_TABLES = {
    TableKind.CHECKLIST: "checklist_items",
    TableKind.RISKS: "risks",
    TableKind.TICKETS: "tickets",
    TableKind.STEPS: "runbook_steps",
    TableKind.OBJECTS: "migration_objects",
    TableKind.KPI_VALUES: "kpi_values",
}
# The table a kind's dependencies go to, with its (row, depends on) columns.
DEPENDENCY_TABLES = {
    TableKind.CHECKLIST: ("checklist_deps", "item_id", "depends_on_id"),
    TableKind.STEPS: ("step_deps", "step_id", "depends_on_id"),
}


@dataclass(frozen=True, slots=True)
class RowUpdate:
    """A launch row the file changes: its new cells, and its dependencies when they change (as lines of
    the file, since a new row's id is handed out only when it is written)."""

    line: int
    row_id: int
    name: str
    changes: dict[str, Any]
    depends_on: tuple[int, ...] | None = None
    depends_on_ids: tuple[int, ...] = ()  # with ``depends_on``: launch rows the file names but does not hold


@dataclass(frozen=True, slots=True)
class RowConflict:
    """A row the file changes in cells the team changed too since the export: left as the launch has it."""

    line: int
    row_id: int
    name: str
    fields: tuple[str, ...]  # labels of the fields both changed
    who: str
    when: str  # in the launch's zone, as the panes show times

    @property
    def reason(self) -> str:
        return tr(
            "#{id} {name!r} was changed by {who} at {when}, after the export, in the cells the file changes: "
            "{fields}",
            id=self.row_id,
            name=self.name,
            who=self.who,
            when=self.when,
            fields=", ".join(self.fields),
        )


@dataclass(frozen=True, slots=True)
class ImportPlan:
    new: RowStream[GoodRow] = field(default_factory=lambda: RowStream(()))  # read again when the table is
    updates: tuple[RowUpdate, ...] = ()
    unchanged: tuple[int, ...] = ()  # lines of rows that say nothing the launch does not hold
    conflicts: tuple[RowConflict, ...] = ()
    bad: tuple[BadRow, ...] = ()  # rows the matching refuses, and rows that wait for one of those
    matched: dict[int, int] = field(default_factory=dict)  # line → launch id, for every matched row
    seen: int | None = None  # the last audit row when the launch was read for it

    @property
    def writes(self) -> bool:
        return bool(self.new or self.updates)


def plan_import(
    conn: sqlite3.Connection,
    kind: TableKind,
    rows: RowStream[GoodRow],
    *,
    versioned: bool,
    links_mapped: bool,
    zone: tzinfo,
) -> ImportPlan:
    """The plan for the file's good ``rows``. ``versioned``: the file has our export's Version column;
    ``links_mapped``: a column holds "Depends on" (else the launch rows' links are left as they are).
    The rows are gone through a few times, never held: the plan keeps the matched rows' lines, updates
    and conflicts, and its new rows are the good rows without those (read again when ``rows`` are)."""
    if kind is TableKind.KPI_VALUES:  # values are only ever added, each for a KPI the launch has
        return plan_kpi_values(conn, rows)
    table = STORE_TABLES[kind]
    launch_rows = _launch_rows(conn, kind)
    by_id = {r.id: r for r in launch_rows}
    # A launch without rows of the kind matches none: a large file of new rows is not read for it.
    matching = match_rows(kind, rows, launch_rows, versioned=versioned) if launch_rows else Matching()
    refused = {b.line for b in matching.bad}
    links = links_mapped and kind in DEPENDENCY_TABLES
    updates: list[RowUpdate] = []
    unchanged: list[int] = []
    conflicts: list[RowConflict] = []
    # Only matched rows are looked at again: a file of new rows alone is not read a second time.
    for row in rows if matching.matched else ():
        if row.line in refused:
            continue
        row_id = matching.matched.get(row.line)
        if row_id is None:
            continue  # a new row
        launch_row = by_id[row_id]
        stored = dict(launch_row.values)
        history: tuple[Any, ...] = ()
        if row.version is not None and row.version < stored["version"]:
            # The stored row, not its links: a links' audit row moves no version of its own.
            history = revisions_since(conn, table, row_id, stored, row.version)
        current = {**stored, DEPENDS_ON: sorted(launch_row.depends_on)}
        base = row_before(current, history)
        since = {name for revision in history for name in revision.fields()}
        cells = cell_changes(row, current, base=base, changed_since=since)
        depends_on, links_conflict = None, False
        if links:
            wanted = [matching.matched.get(line, -line) for line in row.depends_on]  # -line: a new row
            wanted += row.depends_on_ids
            if set(wanted) not in (set(current[DEPENDS_ON]), set(base.get(DEPENDS_ON) or ())):
                if DEPENDS_ON in since:
                    links_conflict = True
                else:
                    depends_on = row.depends_on
        name = name_of(kind, current)
        if cells.conflicts or links_conflict:
            fields = [*cells.conflicts, *([DEPENDS_ON] if links_conflict else [])]
            latest = next(r for r in reversed(history) if set(r.fields()) & set(fields))
            conflicts.append(
                RowConflict(
                    line=row.line,
                    row_id=row_id,
                    name=name,
                    fields=tuple(field_label(kind, f) for f in fields),
                    who=latest.actor,
                    when=moment_text(latest.at, zone),
                )
            )
        elif cells.changes or depends_on is not None:
            ids = row.depends_on_ids if depends_on is not None else ()
            updates.append(RowUpdate(row.line, row_id, name, cells.changes, depends_on, ids))
        else:
            unchanged.append(row.line)
    bad = {b.line: b for b in matching.bad}
    if links:
        new = _without(rows, set(refused) | set(matching.matched))
        bad.update(
            _waiting_or_circular(
                kind, new, updates, matching.matched, by_id, set(bad) | {c.line for c in conflicts}
            )
        )
    return ImportPlan(
        new=_without(rows, set(bad) | set(matching.matched)),
        updates=tuple(u for u in updates if u.line not in bad),
        unchanged=tuple(unchanged),
        conflicts=tuple(conflicts),
        bad=tuple(bad[line] for line in sorted(bad)),
        matched=matching.matched,
    )


def _without(rows: RowStream[GoodRow], lines: set[int]) -> RowStream[GoodRow]:
    """The rows but those of ``lines`` (all lines of ``rows``)."""
    return rows.derived(lambda some: (r for r in some if r.line not in lines), count=len(rows) - len(lines))


def _waiting_or_circular(
    kind: TableKind,
    new_rows: Iterable[GoodRow],
    updates: list[RowUpdate],
    matched: dict[int, int],
    by_id: dict[int, LaunchRow],
    left_out: set[int],
) -> dict[int, BadRow]:
    """Rows that wait for a row left out, and rows whose links would close a cycle with the launch's:
    checked on the whole table as it would be, each row named by its id (a new one by its line)."""
    label = field_label(kind, DEPENDS_ON)
    new = [(r.line, r.depends_on, r.depends_on_ids) for r in new_rows]  # links only: a runbook, a checklist
    node_of_line = {
        line: matched.get(line, -line) for line in [*(line for line, *_ in new), *(u.line for u in updates)]
    }
    graph: dict[int, tuple[int, ...]] = {r.id: r.depends_on for r in by_id.values()}
    changed = {u.line: (u.depends_on, u.depends_on_ids) for u in updates if u.depends_on is not None}
    for line, lines, ids in new:
        changed[line] = (lines, ids)
    for line, (lines, ids) in changed.items():
        graph[node_of_line[line]] = (*(matched.get(dep, -dep) for dep in lines), *ids)
    names = {node: f"#{node}" for node in graph}
    names.update((node, tr("line {line}", line=-node)) for node in graph if node < 0)
    for node in {d for deps in graph.values() for d in deps}:
        names.setdefault(node, f"#{node}" if node > 0 else tr("line {line}", line=-node))
    # A launch row left as it is (a conflict) is still there to wait for; a new row left out is not.
    left_nodes = {-line for line in left_out if line not in matched}
    reasons = settle(graph, bad=left_nodes, names=names)
    line_of_node = {node: line for line, node in node_of_line.items()}
    found: dict[int, BadRow] = {}
    for node, reason in reasons.items():
        at = line_of_node.get(node)
        if at is not None and at not in left_out:
            found[at] = BadRow(line=at, reasons=(tr("{field}: {reason}", field=label, reason=reason),))
    return found


def _launch_rows(conn: sqlite3.Connection, kind: TableKind) -> list[LaunchRow]:
    table = STORE_TABLES[kind]
    deps: dict[int, list[int]] = {}
    if kind in DEPENDENCY_TABLES:
        links, row_column, depends_column = DEPENDENCY_TABLES[kind]
        for row_id, depends_on in conn.execute(f"SELECT {row_column}, {depends_column} FROM {links}"):
            deps.setdefault(row_id, []).append(depends_on)
    # Rows another import is still writing (``store.staging``) are not the launch's yet.
    staged = staged_ranges(conn, table)
    return [
        LaunchRow(id=found["id"], values=dict(found), depends_on=tuple(sorted(deps.get(found["id"], ()))))
        for found in conn.execute(f"SELECT * FROM {table} ORDER BY id")
        if not any(first <= found["id"] <= last for first, last in staged)
    ]


def plan_kpi_values(conn: sqlite3.Connection, rows: RowStream[GoodRow]) -> ImportPlan:
    """Every KPI value is new; a row naming a KPI the launch does not have is bad, naming the ones it has."""
    kpis = read_kpis(conn)
    bad: list[BadRow] = []
    for row in rows:
        if kpi_named(kpis, str(row.values["kpi"])) is None:
            known = ", ".join(k.name for k in kpis) or tr("none yet")
            reason = tr(
                "the launch has no KPI named {name!r}; add it first, or use one of: {known}",
                name=row.values["kpi"],
                known=known,
            )
            bad.append(BadRow(line=row.line, reasons=(reason,)))
    bad_lines = {b.line for b in bad}

    def with_kpi_ids(some: Iterable[GoodRow]) -> Iterator[GoodRow]:
        for row in some:
            if row.line not in bad_lines:
                values = dict(row.values)
                kpi = kpi_named(kpis, str(values.pop("kpi")))
                assert kpi is not None  # rows naming no KPI are the bad ones
                yield replace(row, values={"kpi_id": kpi.id, **values})

    return ImportPlan(new=rows.derived(with_kpi_ids, count=len(rows) - len(bad)), bad=tuple(bad))
