"""What changed between two copies of a launch (``cockpit diff OLD NEW``), row by row and field by field, and
the few facts a lead reads first: how many items moved to which status, new tickets by severity, risks that
changed zone, steps that finished and how late.

Rows come as stored (``store/raw_rows.py``: table → id → column → value); a row is the same row in both
files by its id, which a copy (a snapshot) keeps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from cockpit.words.rows import ROW_META as ROW_META

if TYPE_CHECKING:  # the risks' rules load when a comparison words a zone move
    from cockpit.domain.risks import RiskThresholds, Zone


Rows = Mapping[str, Mapping[int, Mapping[str, Any]]]


class RowChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row added, removed or changed; ``row`` is the row as it is in NEW (in OLD when removed)."""

    table: str
    row_id: int
    kind: RowChangeKind
    row: Mapping[str, Any]
    fields: tuple[FieldChange, ...] = ()
    old_row: Mapping[str, Any] | None = None

    def changed(self, field: str) -> FieldChange | None:
        return next((f for f in self.fields if f.field == field), None)


@dataclass(frozen=True, slots=True)
class ZoneMove:
    risk_id: int
    title: str
    old: Zone
    new: Zone


@dataclass(frozen=True, slots=True)
class StepFinished:
    step_id: int
    seq: int
    title: str
    late_minutes: int  # negative: early


def diff_rows(old: Rows, new: Rows) -> tuple[RowChange, ...]:
    """Every row added, removed or changed, table by table in NEW's order, then by id."""
    found: list[RowChange] = []
    for table in dict.fromkeys([*new, *old]):
        before, after = old.get(table, {}), new.get(table, {})
        for row_id in sorted(set(before) | set(after)):
            if row_id not in before:
                found.append(RowChange(table, row_id, RowChangeKind.ADDED, after[row_id]))
            elif row_id not in after:
                found.append(RowChange(table, row_id, RowChangeKind.REMOVED, before[row_id]))
            else:
                fields = _field_changes(before[row_id], after[row_id])
                if fields:
                    found.append(
                        RowChange(
                            table,
                            row_id,
                            RowChangeKind.CHANGED,
                            after[row_id],
                            fields,
                            old_row=before[row_id],
                        )
                    )
    return tuple(found)


def _field_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    names = [name for name in dict.fromkeys([*before, *after]) if name not in ROW_META]
    return tuple(
        FieldChange(name, before.get(name), after.get(name))
        for name in names
        if before.get(name) != after.get(name)
    )


def status_moves(changes: tuple[RowChange, ...], table: str) -> Counter[str]:
    """How many rows of ``table`` moved to each status (rows added in a status other than the first count
    as added, not moved)."""
    moves: Counter[str] = Counter()
    for change in changes:
        if change.table == table and change.kind is RowChangeKind.CHANGED:
            status = change.changed("status")
            if status is not None:
                moves[str(status.new)] += 1
    return moves


def added_by(changes: tuple[RowChange, ...], table: str, field: str) -> Counter[str]:
    """Rows added to ``table``, counted by the value of ``field`` (new tickets by severity)."""
    return Counter(
        str(change.row.get(field))
        for change in changes
        if change.table == table and change.kind is RowChangeKind.ADDED
    )


def thresholds_of(rows: Rows) -> RiskThresholds:
    from cockpit.domain.risks import RiskThresholds

    launch = rows.get("launch", {}).get(1)
    if not launch:
        return RiskThresholds()
    return RiskThresholds(red_min=launch["risk_red_min"], amber_min=launch["risk_amber_min"])


def residual_zone_of(risk: Mapping[str, Any], thresholds: RiskThresholds) -> Zone:
    """The zone a stored risk is in after mitigation (its inherent rating where none was reassessed)."""
    from cockpit.domain.risks import zone

    likelihood = risk["residual_likelihood"] or risk["likelihood"]
    impact = risk["residual_impact"] or risk["impact"]
    return zone(likelihood * impact, thresholds)


def zone_moves(old: Rows, new: Rows) -> tuple[ZoneMove, ...]:
    """Risks whose residual zone changed (a changed rating, or red/amber bands moved under them)."""
    before_bands, after_bands = thresholds_of(old), thresholds_of(new)
    moves = []
    for risk_id, risk in new.get("risks", {}).items():
        previous = old.get("risks", {}).get(risk_id)
        if previous is None:
            continue
        was, now = residual_zone_of(previous, before_bands), residual_zone_of(risk, after_bands)
        if was is not now:
            moves.append(ZoneMove(risk_id, str(risk["title"]), was, now))
    return tuple(moves)


def steps_finished(changes: tuple[RowChange, ...]) -> tuple[StepFinished, ...]:
    """Steps that are done in NEW and were not in OLD, with how late they finished against their plan."""
    found = []
    for change in changes:
        if change.table != "runbook_steps" or change.row.get("status") != "done":
            continue
        if change.kind is RowChangeKind.CHANGED and change.changed("status") is None:
            continue
        if change.kind is RowChangeKind.REMOVED or not change.row.get("actual_end"):
            continue
        row = change.row
        planned_end = datetime.fromisoformat(row["planned_start"]) + timedelta(minutes=row["planned_minutes"])
        late = datetime.fromisoformat(row["actual_end"]) - planned_end
        minutes = round(late / timedelta(minutes=1))
        found.append(StepFinished(row["id"], int(row.get("seq") or row["id"]), str(row["title"]), minutes))
    return tuple(found)
