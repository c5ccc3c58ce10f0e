"""Check every row of an imported table: good rows become store rows, bad rows keep their line and reasons."""

from __future__ import annotations

from collections.abc import Callable
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
    folded,
    parse_count,
    parse_datetime,
    parse_flag,
    parse_minutes,
    parse_number,
    parse_scale,
)
from cockpit.importers.columns import (
    ColumnMapping,
    field_label,
)
from cockpit.importers.row_stream import RowStream
from cockpit.importers.tabular import SourceRow

# Columns a ticket's date fields are parsed from; their day/month order is decided per column.
DATE_FIELDS = (
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
DEFAULTED = frozenset(
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


class RowReader:
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


def _checklist(row: RowReader, now: datetime) -> dict[str, Any]:
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


def _risk(row: RowReader, now: datetime) -> dict[str, Any]:
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


def _ticket(row: RowReader, now: datetime) -> dict[str, Any]:
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


def _step(row: RowReader, now: datetime) -> dict[str, Any]:
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


def _object(row: RowReader, now: datetime) -> dict[str, Any]:
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


def _kpi_value(row: RowReader, now: datetime) -> dict[str, Any]:
    """The KPI by its name as the file gives it: ``services/kpi_import`` finds it among the launch's."""
    return {
        "kpi": row.required_text("kpi"),
        "at": _stamp(row.when("at", required=True)),
        "value": row.parsed("value", parse_number, required=True),
    }


BUILDERS: dict[TableKind, Callable[[RowReader, datetime], dict[str, Any]]] = {
    TableKind.CHECKLIST: _checklist,
    TableKind.RISKS: _risk,
    TableKind.TICKETS: _ticket,
    TableKind.STEPS: _step,
    TableKind.OBJECTS: _object,
    TableKind.KPI_VALUES: _kpi_value,
}


def as_zone(tz: tzinfo | str) -> tzinfo:
    return zone_of(tz) if isinstance(tz, str) else tz
