"""Which rows of an imported table are rows the launch already has, and what the file changes in them.

Pure rules, no I/O: the service reads the launch's rows and hands them in.

A row of the file is a launch row when
- its ID is the id of a launch row of that kind with the same title (or name): our export's ID column.
  A file that carries our export's Version column too is taken at its word for every ID, even where the
  title was changed in the file, once most of its rows whose ID the launch knows agree on the title (a
  checklist exported from another launch, whose ids mean other rows here, does not);
- a ticket whose key (Jira, ServiceNow) is the "[KEY]" its title starts with, or whose whole title it is;
- a migration object of the same name, trimmed and compared without regard to case or width ("ORDERS"
  and "orders" are one table in most databases, and spreadsheets change case freely).

Checklist items, steps and risks without our ID are new rows: their titles are no key (two items may
share one), and a runbook's "No." is renumbered when steps are added.

What a file row changes is worked out field by field, for the fields the file states
(``GoodRow.said``), against the row as it is now and as it was at the version the file was exported
from (``base``, read back from the audit trail): a cell that still says what the row said then is not
the user's change, so whatever the team wrote since is kept; a cell the user changed is written, unless
the team changed the same field since: that is a conflict the user sees, never overwritten.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from cockpit.domain.sources import TableKind
from cockpit.i18n import tr
from cockpit.importers.table_rows import BadRow, GoodRow

TIME_FIELDS = frozenset(
    {"due", "planned_start", "actual_start", "actual_end", "opened_at", "first_response_at", "resolved_at"}
)
_NAME_FIELD = {TableKind.OBJECTS: "name"}  # every other kind is known by its title


@dataclass(frozen=True, slots=True)
class LaunchRow:
    """A row of the launch as the matching sees it: its stored values (``version`` among them)."""

    id: int
    values: Mapping[str, Any]
    depends_on: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Matching:
    matched: dict[int, int] = field(default_factory=dict)  # line of the file → id of the launch row
    bad: tuple[BadRow, ...] = ()  # rows that name a launch row twice, or one of two rows alike


def name_of(kind: TableKind, values: Mapping[str, Any]) -> str:
    return str(values.get(_NAME_FIELD.get(kind, "title")) or "")


def folded_name(text: object) -> str:
    """A title or name as compared: width- and case-folded, trimmed, inner spaces single."""
    return " ".join(unicodedata.normalize("NFKC", str(text or "")).casefold().split())


def match_rows(
    kind: TableKind, rows: Iterable[GoodRow], launch_rows: Sequence[LaunchRow], *, versioned: bool
) -> Matching:
    """Each file row that is a launch row, by the rules above. ``versioned``: the file has our export's
    Version column."""
    by_id = {row.id: row for row in launch_rows}
    trust_ids = versioned and _ids_are_ours(kind, rows, by_id)
    by_key, by_title, by_name = _indexes(kind, launch_rows)
    matched: dict[int, int] = {}
    claimed: dict[int, int] = {}  # launch id → the line that matched it first
    bad: list[BadRow] = []
    for row in rows:
        found: int | None = None
        launch_id = _as_id(row.row_id)
        if launch_id in by_id and (
            trust_ids
            or folded_name(name_of(kind, by_id[launch_id].values)) == folded_name(name_of(kind, row.values))
        ):
            found = launch_id
        elif kind is TableKind.TICKETS and row.key:
            found = by_key.get(row.key, by_title.get(row.values["title"]))
        elif kind is TableKind.OBJECTS:
            same_name = by_name.get(folded_name(row.values["name"]), [])
            if len(same_name) > 1:
                bad.append(_ambiguous(kind, row, same_name))
                continue
            found = same_name[0] if same_name else None
        if found is None:
            continue
        if found in claimed:
            bad.append(
                BadRow(
                    line=row.line,
                    reasons=(
                        tr(
                            "line {line} of this file is already #{id} {name!r}; a row is updated once per "
                            "import, so remove one of the two lines",
                            line=claimed[found],
                            id=found,
                            name=name_of(kind, by_id[found].values),
                        ),
                    ),
                )
            )
            continue
        claimed[found] = row.line
        matched[row.line] = found
    return Matching(matched=matched, bad=tuple(bad))


def _ids_are_ours(kind: TableKind, rows: Iterable[GoodRow], by_id: Mapping[int, LaunchRow]) -> bool:
    """Most rows whose ID the launch knows have that row's title: the IDs are this launch's."""
    known = [(row, by_id[i]) for row in rows if (i := _as_id(row.row_id)) is not None and i in by_id]
    same = sum(
        1
        for row, launch_row in known
        if folded_name(name_of(kind, row.values)) == folded_name(name_of(kind, launch_row.values))
    )
    return bool(known) and same * 2 > len(known)


def _indexes(
    kind: TableKind, launch_rows: Sequence[LaunchRow]
) -> tuple[dict[str, int], dict[str, int], dict[str, list[int]]]:
    by_key: dict[str, int] = {}
    by_title: dict[str, int] = {}
    by_name: dict[str, list[int]] = {}
    for launch_row in launch_rows:
        if kind is TableKind.TICKETS:
            title = str(launch_row.values["title"])
            if title.startswith("[") and "]" in title:
                by_key.setdefault(title[1 : title.index("]")], launch_row.id)
            by_title.setdefault(title, launch_row.id)
        elif kind is TableKind.OBJECTS:
            by_name.setdefault(folded_name(launch_row.values["name"]), []).append(launch_row.id)
    return by_key, by_title, by_name


def _ambiguous(kind: TableKind, row: GoodRow, ids: list[int]) -> BadRow:
    return BadRow(
        line=row.line,
        reasons=(
            tr(
                "the launch has {n} objects named {name!r} ({ids}); add the ID column of an export to say "
                "which one this row is",
                n=len(ids),
                name=name_of(kind, row.values),
                ids=", ".join(f"#{i}" for i in ids),
            ),
        ),
    )


def _as_id(text: str) -> int | None:
    text = unicodedata.normalize("NFKC", text).strip().removeprefix("#")
    return int(text) if text.isdigit() else None


@dataclass(frozen=True, slots=True)
class CellChanges:
    changes: dict[str, Any]  # field → the file's value, for the fields the user changed
    conflicts: tuple[str, ...]  # fields the user changed that the team changed too since the export


def cell_changes(
    row: GoodRow, current: Mapping[str, Any], *, base: Mapping[str, Any], changed_since: Iterable[str] = ()
) -> CellChanges:
    """What the file row changes in the launch row ``current``. ``base``: the row as it was when the file
    was exported (``current`` when the file says nothing of it); ``changed_since``: the fields written
    since then."""
    since = set(changed_since)
    changes: dict[str, Any] = {}
    conflicts: list[str] = []
    for name in sorted(row.said):
        if name not in current:
            continue
        value = row.values[name]
        if same_value(name, value, current[name]) or same_value(name, value, base.get(name)):
            continue  # nothing new, or what the row said at the export: the team's later value stays
        if name in since:
            conflicts.append(name)
        else:
            changes[name] = value
    return CellChanges(changes=changes, conflicts=tuple(conflicts))


def same_value(name: str, a: object, b: object) -> bool:
    """Equal as the panes show them: text trimmed, times to the minute (exports drop the milliseconds)."""
    if a is None or a == "":
        return b is None or b == ""
    if b is None or b == "":
        return False
    if name in TIME_FIELDS:
        first, second = _minute(a), _minute(b)
        return first is not None and first == second
    if isinstance(a, str) or isinstance(b, str):
        return unicodedata.normalize("NFC", str(a)).strip() == unicodedata.normalize("NFC", str(b)).strip()
    return a == b


def _minute(value: object) -> datetime | None:
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # as the launch file stores times
    moment = (moment + timedelta(microseconds=500_000)).replace(microsecond=0)  # a spreadsheet's float
    return moment.astimezone(UTC).replace(second=0)
