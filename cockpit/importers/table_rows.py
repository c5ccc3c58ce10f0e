"""Check every row of an imported table: good rows become store rows, bad rows keep their line and reasons."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any, TypeVar

from cockpit.domain.moments import zone_of
from cockpit.domain.sources import TableKind
from cockpit.i18n import tr
from cockpit.importers import vocabulary as words
from cockpit.importers.cell_values import (
    CellError,
    cell_text,
    day_first_hint,
    folded,
    parse_count,
    parse_datetime,
    parse_flag,
    parse_minutes,
    parse_number,
    parse_scale,
)
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
from cockpit.importers.tabular import SourceRow, Table

# Columns a ticket's date fields are parsed from; their day/month order is decided per column.
_DATE_FIELDS = (
    "due",
    "planned_start",
    "actual_start",
    "actual_end",
    "opened_at",
    "first_response_at",
    "resolved_at",
    "at",
)

# Fields an empty cell leaves to a default (a status worked out from the times, a ticket opened now):
# such a cell says nothing about a row already in the launch, so a re-import leaves the field as it is.
# Any other field's empty cell clears it (an owner removed in the spreadsheet).
_DEFAULTED = frozenset(
    {"stage", "status", "kind", "is_gate", "seq", "rejected_rows", "tolerance_rows", "escalation_level",
     "opened_at"}
)  # fmt: skip

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class GoodRow:
    line: int
    values: dict[str, Any]  # store column → value, the same keys for every row of a kind
    key: str = ""  # the row's own key in the file: its ID (or No.); a ticket's key in its ticket system
    depends_on: tuple[int, ...] = ()  # the lines of the rows of the same file it depends on
    depends_on_ids: tuple[int, ...] = ()  # and the launch's rows it names by our export's ID, not in the file
    row_id: str = ""  # the ID column's cell (our export's is the launch row's id), "" without one
    version: int | None = None  # the Version column's cell: the row's version when it was exported
    said: frozenset[str] = frozenset()  # the store fields the file states, which a re-import compares


@dataclass(frozen=True, slots=True)
class BadRow:
    line: int
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True, slots=True)
class RowCheck:
    good: RowStream[GoodRow]
    bad: tuple[BadRow, ...]


class _Row:
    """One source row read through the mapping; every problem is collected, not just the first."""

    def __init__(self, row: SourceRow, mapping: ColumnMapping, *, tz: tzinfo, day_first: dict[str, bool]):
        self.cells = row.cells
        self.columns = mapping.by_field
        self.kind = mapping.kind
        self.tz = tz
        self.day_first = day_first
        self.problems: list[str] = []

    def raw(self, field: str) -> object:
        column = self.columns.get(field)
        if column is None or column >= len(self.cells):
            return None
        return self.cells[column]

    def text(self, field: str) -> str:
        return cell_text(self.raw(field))

    def has(self, field: str) -> bool:
        return self.text(field) != ""

    def problem(self, field: str, reason: str) -> None:
        self.problems.append(tr("{field}: {reason}", field=field_label(self.kind, field), reason=reason))

    def missing(self, field: str) -> None:
        # A required field no column fills is the mapping's problem, said once for the whole file:
        # blaming each of 100,000 rows for it would bury the one line that helps.
        if field in self.columns:
            self.problem(field, tr("missing"))

    def required_text(self, field: str) -> str:
        value = self.text(field)
        if not value:
            self.missing(field)
        return value

    def parsed(
        self, field: str, parse: Callable[[object], T], *, default: T | None = None, required: bool = False
    ) -> T | None:
        if not self.has(field):
            if required:
                self.missing(field)
            return default
        try:
            return parse(self.raw(field))
        except CellError as exc:
            self.problem(field, str(exc))
            return default

    def word(
        self, field: str, vocabulary: dict[str, Any], *, default: object = None, required: bool = False
    ) -> object:
        found = self.parsed(
            field, lambda v: words.parse_word(v, vocabulary), default=default, required=required
        )
        return found.value if hasattr(found, "value") else found

    def when(self, field: str, *, required: bool = False, end_of_day: bool = False) -> datetime | None:
        day_first = self.day_first.get(field, False)
        return self.parsed(
            field,
            lambda v: parse_datetime(v, tz=self.tz, day_first=day_first, end_of_day=end_of_day),
            required=required,
        )


def _stamp(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def _checklist(row: _Row, now: datetime) -> dict[str, Any]:
    status = row.word("status", words.CHECKLIST_STATUS, default="not_started")
    reason = row.text("blocked_reason")
    if status == "blocked" and not reason:
        row.problem("blocked_reason", tr("a blocked item needs the reason it is blocked"))
    return {
        "title": row.required_text("title"),
        "stage": row.word("stage", words.STAGE, default="preparation"),
        "category": row.word("category", words.CATEGORY, required=True),
        "status": status,
        "owner": row.text("owner"),
        "due": _stamp(row.when("due", end_of_day=True)),
        "blocked_reason": reason if status == "blocked" else "",
        "evidence": row.text("evidence"),
        "is_gate": int(bool(row.parsed("is_gate", parse_flag, default=False))),
    }


def _risk(row: _Row, now: datetime) -> dict[str, Any]:
    return {
        "title": row.required_text("title"),
        "category": row.text("category"),
        "likelihood": row.parsed("likelihood", parse_scale, required=True),
        "impact": row.parsed("impact", parse_scale, required=True),
        "residual_likelihood": row.parsed("residual_likelihood", parse_scale),
        "residual_impact": row.parsed("residual_impact", parse_scale),
        "status": row.word("status", words.RISK_STATUS, default="open"),
        "mitigation": row.text("mitigation"),
        "contingency": row.text("contingency"),
        "owner": row.text("owner"),
    }


def _escalation(value: object) -> int:
    found = words.ESCALATION_WORDS.get(cell_text(value).casefold())
    return found if found is not None else parse_count(value)


def _ticket(row: _Row, now: datetime) -> dict[str, Any]:
    title = row.required_text("title")
    key = row.text("external_key")
    if key and title and key not in title:
        title = f"[{key}] {title}"  # the ticket system's number keeps the row findable there
    opened = row.when("opened_at") or now
    first_response = row.when("first_response_at")
    resolved = row.when("resolved_at")
    if resolved is not None and resolved < opened:
        row.problem("resolved_at", tr("earlier than the time the ticket was opened"))
    if first_response is not None and first_response < opened:
        row.problem("first_response_at", tr("earlier than the time the ticket was opened"))
    default_status = "resolved" if resolved is not None else "new"
    kind = words.TICKET_KIND.get(folded(row.text("kind")))
    return {
        "title": title,
        # A ticket system's category ("Software", "Network") says what broke, not what kind of
        # ticket it is: anything not recognised is an incident.
        "kind": kind.value if kind is not None else "incident",
        "severity": row.parsed("severity", lambda v: words.parse_severity(v).value, required=True),
        "status": row.word("status", words.TICKET_STATUS, default=default_status),
        "reporter": row.text("reporter"),
        "assignee": row.text("assignee"),
        "description": row.text("description"),
        "escalation_level": row.parsed("escalation_level", _escalation, default=0),
        "opened_at": _stamp(opened),
        "first_response_at": _stamp(first_response),
        "resolved_at": _stamp(resolved),
    }


def _step(row: _Row, now: datetime) -> dict[str, Any]:
    actual_start = row.when("actual_start")
    actual_end = row.when("actual_end")
    if actual_start and actual_end and actual_end < actual_start:
        row.problem("actual_end", tr("earlier than the actual start"))
    default_status = "done" if actual_end else "running" if actual_start else "pending"
    return {
        "seq": row.parsed("seq", parse_count),
        "title": row.required_text("title"),
        "kind": row.word("kind", words.STEP_KIND, default="other"),
        "owner": row.text("owner"),
        "planned_start": _stamp(row.when("planned_start", required=True)),
        "planned_minutes": row.parsed("planned_minutes", parse_minutes, required=True),
        "status": row.word("status", words.STEP_STATUS, default=default_status),
        "actual_start": _stamp(actual_start),
        "actual_end": _stamp(actual_end),
    }


def _object(row: _Row, now: datetime) -> dict[str, Any]:
    source = row.parsed("source_rows", parse_count, required=True)
    rejected = row.parsed("rejected_rows", parse_count, default=0)
    if isinstance(source, int) and isinstance(rejected, int) and rejected > source:
        row.problem(
            "rejected_rows",
            tr(
                "more rejected rows ({rejected}) than source rows ({source})",
                rejected=rejected,
                source=source,
            ),
        )
    return {
        "name": row.required_text("name"),
        "source_rows": source,
        "target_rows": row.parsed("target_rows", parse_count),
        "rejected_rows": rejected,
        "tolerance_rows": row.parsed("tolerance_rows", parse_count, default=0),
        "accepted_reason": row.text("accepted_reason"),
        "accepted_by": row.text("accepted_by"),
        "owner": row.text("owner"),
    }


def _kpi_value(row: _Row, now: datetime) -> dict[str, Any]:
    """The KPI by its name as the file gives it: ``services/kpi_import`` finds it among the launch's."""
    return {
        "kpi": row.required_text("kpi"),
        "at": _stamp(row.when("at", required=True)),
        "value": row.parsed("value", parse_number, required=True),
    }


_BUILDERS: dict[TableKind, Callable[[_Row, datetime], dict[str, Any]]] = {
    TableKind.CHECKLIST: _checklist,
    TableKind.RISKS: _risk,
    TableKind.TICKETS: _ticket,
    TableKind.STEPS: _step,
    TableKind.OBJECTS: _object,
    TableKind.KPI_VALUES: _kpi_value,
}


def as_zone(tz: tzinfo | str) -> tzinfo:
    return zone_of(tz) if isinstance(tz, str) else tz


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
    build = _BUILDERS[kind]
    key_field = _key_field(kind, mapping)

    def check(source_row: SourceRow) -> tuple[_Row, dict[str, Any], LinkRow, int | None]:
        row = _Row(source_row, mapping, tz=zone, day_first=day_first)
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
    columns = {name: by_field[name] for name in _DATE_FIELDS if name in by_field}
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


def _said(kind: TableKind, row: _Row, values: dict[str, Any]) -> frozenset[str]:
    """The store fields this row states: a mapped column, and a cell that is not left to a default."""
    said = {
        name
        for name in row.columns
        if name not in LINK_FIELDS and name in values and (row.has(name) or name not in _DEFAULTED)
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
