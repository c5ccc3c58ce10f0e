"""Every row of an imported table through the column mapping: good rows with their store values, links and
what they state; bad rows with their line and every reason. A table read again from the file at every pass
gives good rows checked again at every pass, never held."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime, tzinfo
from typing import Any

from cockpit.domain.sources import TableKind
from cockpit.i18n import tr
from cockpit.importers.cell_values import cell_text, day_first_hint, parse_count
from cockpit.importers.columns import (
    DEPENDS_ON,
    LINK_FIELDS,
    ROW_KEY,
    ROW_VERSION,
    ColumnMapping,
    field_label,
)
from cockpit.importers.row_links import LinkRow, resolve_links, settle
from cockpit.importers.row_stream import RowStream
from cockpit.importers.table_rows import (
    BUILDERS,
    DATE_FIELDS,
    DEFAULTED,
    BadRow,
    GoodRow,
    RowCheck,
    RowReader,
    as_zone,
)
from cockpit.importers.tabular import SourceRow, Table


def validate_rows(
    kind: TableKind | str,
    table: Table,
    mapping: ColumnMapping,
    *,
    tz: tzinfo | str,
    now: datetime | None = None,
    launch_ids: Iterable[int] = (),
) -> RowCheck:
    """Every row through the (possibly edited) mapping. Naive times are in ``tz``, the launch's zone;
    a ticket without an opening time is taken as opened ``now``. ``launch_ids``: the launch's rows of this
    kind, which "Depends on" may name by our export's ID when the file has its Version column.

    A table read again at every pass (``RowStream``) gives good rows checked again at every pass: only the
    bad rows, and each row's links when "Depends on" is mapped, are kept."""
    kind = TableKind(kind)
    if mapping.kind != kind:
        raise ValueError(f"mapping is for {mapping.kind}, not {kind}")
    zone = as_zone(tz)
    now = now or datetime.now(UTC)
    by_field = mapping.by_field
    day_first = _day_first(table, by_field)
    build = BUILDERS[kind]
    key_field = _key_field(kind, mapping)

    def check(source_row: SourceRow) -> tuple[RowReader, dict[str, Any], LinkRow, int | None]:
        row = RowReader(source_row, mapping, tz=zone, day_first=day_first)
        values = build(row, now)
        # Our export's Version goes with its ID; alone, a "Version" column is a ticket system's release.
        version = row.parsed(ROW_VERSION, parse_count) if ROW_KEY in by_field else None
        link = LinkRow(
            line=source_row.line,
            key=row.text(key_field) if key_field else "",
            title=row.text("title"),
            depends=row.text(DEPENDS_ON),
        )
        return row, values, link, version

    ours = key_field == ROW_KEY and ROW_VERSION in by_field  # our export: its IDs are the launch's
    depends_on: dict[int, tuple[int, ...]] = {}
    on_launch: dict[int, tuple[int, ...]] = {}
    link_problems: dict[int, list[str]] = {}
    if DEPENDS_ON in by_field:
        # The links need the whole table: each row's link cells are kept (a runbook or a checklist).
        links: list[LinkRow] = []
        with_problems: set[int] = set()
        for source_row in table.rows:
            row, _values, link, _version = check(source_row)
            links.append(link)
            if row.problems:
                with_problems.add(source_row.line)
        depends_on, on_launch, link_problems = _dependencies(
            kind, key_field, links, with_problems, launch_ids if ours else ()
        )

    def checked(rows: Iterable[SourceRow]) -> Iterator[GoodRow | BadRow]:
        for source_row in rows:
            row, values, link, version = check(source_row)
            problems = [*row.problems, *link_problems.get(source_row.line, ())]
            if problems:
                yield BadRow(line=source_row.line, reasons=tuple(problems))
                continue
            yield GoodRow(
                line=source_row.line,
                values=values,
                key=link.key,
                depends_on=depends_on.get(source_row.line, ()),
                depends_on_ids=on_launch.get(source_row.line, ()),
                row_id=_cell(source_row, by_field.get(ROW_KEY)),
                version=version,
                said=_said(kind, row, values),
            )

    def good_only(rows: Iterable[SourceRow]) -> Iterator[GoodRow]:
        return (found for found in checked(rows) if isinstance(found, GoodRow))

    kept: list[GoodRow] = []
    bad: list[BadRow] = []
    for found in checked(table.rows):
        if isinstance(found, BadRow):
            bad.append(found)
        else:
            kept.append(found)
            if table.rows.streamed:
                kept.clear()  # counted only: read again when needed
    good_count = len(table.rows) - len(bad)
    good = RowStream(kept) if not table.rows.streamed else table.rows.derived(good_only, count=good_count)
    return RowCheck(good=good, bad=tuple(bad))


def _day_first(table: Table, by_field: Mapping[str, int]) -> dict[str, bool]:
    """Each date column's order (``prefers_day_first``), all columns decided in one pass at most."""
    columns = {name: by_field[name] for name in DATE_FIELDS if name in by_field}
    decided: dict[str, bool] = {}
    if columns:
        for row in table.rows:
            for name, column in columns.items():
                if name not in decided and column < len(row.cells):
                    hint = day_first_hint(row.cells[column])
                    if hint is not None:
                        decided[name] = hint
            if len(decided) == len(columns):
                break
    return {name: decided.get(name, False) for name in columns}


def _cell(row: SourceRow, column: int | None) -> str:
    return cell_text(row.cells[column]) if column is not None and column < len(row.cells) else ""


def _said(kind: TableKind, row: RowReader, values: dict[str, Any]) -> frozenset[str]:
    """The store fields this row states: a mapped column, and a cell that is not left to a default."""
    said = {
        name
        for name in row.columns
        if name not in LINK_FIELDS and name in values and (row.has(name) or name not in DEFAULTED)
    }
    if kind is TableKind.TICKETS and "external_key" in row.columns:
        said.add("title")  # the key goes into the title
    if "status" not in said:
        said.discard("blocked_reason")  # read only with a status that says blocked
    return frozenset(said)


# The columns a row is known by, best first: the file's ID column, else a runbook's No.; a ticket's key.
_KEY_FIELDS = {
    TableKind.CHECKLIST: (ROW_KEY,),
    TableKind.STEPS: (ROW_KEY, "seq"),
    TableKind.TICKETS: ("external_key",),
}


def _key_field(kind: TableKind, mapping: ColumnMapping) -> str | None:
    columns = mapping.by_field
    return next((field for field in _KEY_FIELDS.get(kind, ()) if field in columns), None)


def _dependencies(
    kind: TableKind,
    key_field: str | None,
    links: list[LinkRow],
    with_problems: set[int],
    launch_ids: Iterable[int],
) -> tuple[dict[int, tuple[int, ...]], dict[int, tuple[int, ...]], dict[int, list[str]]]:
    """Each row's dependencies as lines of the file, and as ids of launch rows the file does not hold, and
    the problems they give rows (``with_problems``: the lines that have problems of their own)."""
    label = field_label(kind, DEPENDS_ON)
    key_name = field_label(kind, key_field) if key_field else None
    found = resolve_links(links, key_name=key_name, outside=launch_ids)
    problems: dict[int, list[str]] = {}
    for line, reasons in found.problems.items():
        problems.setdefault(line, []).extend(tr("{field}: {reason}", field=label, reason=r) for r in reasons)
    names = {
        link.line: f"{key_name} {link.key.strip()}"
        if key_name and link.key.strip()
        else tr("line {line}", line=link.line)
        for link in links
    }
    bad = with_problems | {line for line, reasons in problems.items() if reasons}
    later = settle(found.depends_on, bad=bad, names=names)
    for line, reason in later.items():
        problems.setdefault(line, []).append(tr("{field}: {reason}", field=label, reason=reason))
    return found.depends_on, found.launch_ids, problems
