"""Compare two launch files (``cockpit diff OLD NEW``, File ▸ Compare with…): per pane, the headline facts
in the team's words ("3 new P2 tickets", "risk #7 “…” amber → red", "step 14 finished 25 min late"), then
every row added, removed or changed, field by field as the panes' dialogs word them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from cockpit.domain import file_diff
from cockpit.domain.file_diff import RowChange, RowChangeKind
from cockpit.domain.moments import zone_of
from cockpit.i18n import ntr, tr
from cockpit.services.sections import TABLE_PANES as TABLE_PANES
from cockpit.services.sections import FieldText as FieldText
from cockpit.services.sections import section_title as section_title
from cockpit.store.launchfile import open_launch
from cockpit.store.raw_rows import Rows, read_rows
from cockpit.words import labels
from cockpit.words.rows import field_label, field_order, row_kind, row_name, value_text


@dataclass(frozen=True, slots=True)
class RowText:
    """One row's change in words: "checklist item #12 “Backups verified”", and its fields old → new."""

    table: str
    row_id: int
    change: RowChangeKind
    name: str
    fields: tuple[FieldText, ...] = ()

    def line(self) -> str:
        if self.change is RowChangeKind.ADDED:
            return tr("added {row}", row=self.name)
        if self.change is RowChangeKind.REMOVED:
            return tr("removed {row}", row=self.name)
        details = "; ".join(
            tr("{field}: {old} → {new}", field=f.label, old=f.old, new=f.new) for f in self.fields
        )
        return tr("{row}: {details}", row=self.name, details=details)


@dataclass(frozen=True, slots=True)
class PaneDiff:
    pane: str
    title: str
    summary: tuple[str, ...]
    rows: tuple[RowText, ...]

    def count(self, change: RowChangeKind) -> int:
        return sum(1 for row in self.rows if row.change is change)


@dataclass(frozen=True, slots=True)
class LaunchDiff:
    old: Path
    new: Path
    panes: tuple[PaneDiff, ...]

    @property
    def changed_rows(self) -> int:
        return sum(len(pane.rows) for pane in self.panes)

    def as_json(self) -> dict[str, Any]:
        return {
            "old": str(self.old),
            "new": str(self.new),
            "rows": self.changed_rows,
            "panes": [
                {
                    "pane": pane.pane,
                    "title": pane.title,
                    "counts": {kind.value: pane.count(kind) for kind in RowChangeKind},
                    "summary": list(pane.summary),
                    "rows": [
                        {
                            "table": row.table,
                            "id": row.row_id,
                            "change": row.change.value,
                            "name": row.name,
                            "line": row.line(),
                            "fields": [
                                {"field": f.field, "label": f.label, "old": f.old, "new": f.new}
                                for f in row.fields
                            ],
                        }
                        for row in pane.rows
                    ],
                }
                for pane in self.panes
            ],
        }


def read_file_rows(path: Path) -> Rows:
    with open_launch(path, read_only=True) as lf, lf.reading() as conn:
        return read_rows(conn)


def compare_files(old_path: Path, new_path: Path) -> LaunchDiff:
    """What changed from OLD to NEW (each opened read-only, read in one short transaction)."""
    return compare_rows(
        read_file_rows(old_path), read_file_rows(new_path), old_path=old_path, new_path=new_path
    )


def compare_rows(old: Rows, new: Rows, *, old_path: Path, new_path: Path) -> LaunchDiff:
    changes = file_diff.diff_rows(old, new)
    launch = new.get("launch", {}).get(1) or old.get("launch", {}).get(1) or {}
    zone = zone_of(launch.get("timezone"))
    summaries = _summaries(old, new, changes)
    panes = []
    for pane in dict.fromkeys(TABLE_PANES.values()):
        rows = tuple(_row_text(change, zone) for change in changes if TABLE_PANES.get(change.table) == pane)
        if rows or summaries.get(pane):
            panes.append(PaneDiff(pane, section_title(pane), tuple(summaries.get(pane, ())), rows))
    return LaunchDiff(old_path, new_path, tuple(panes))


def _row_text(change: RowChange, zone: ZoneInfo) -> RowText:
    name = row_name(change.table, change.row)
    by_name = {f.field: f for f in change.fields}
    fields = tuple(
        FieldText(
            field=column,
            label=field_label(change.table, column),
            old=value_text(change.table, column, by_name[column].old, zone),
            new=value_text(change.table, column, by_name[column].new, zone),
        )
        for column in field_order(change.table, by_name)
    )
    return RowText(change.table, change.row_id, change.kind, name, fields)


def _summaries(old: Rows, new: Rows, changes: tuple[RowChange, ...]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for table in TABLE_PANES:
        lines = found.setdefault(TABLE_PANES[table], [])
        added = sum(1 for c in changes if c.table == table and c.kind is RowChangeKind.ADDED)
        removed = sum(1 for c in changes if c.table == table and c.kind is RowChangeKind.REMOVED)
        if table == "tickets":
            for severity, count in sorted(file_diff.added_by(changes, "tickets", "severity").items()):
                lines.append(
                    ntr(
                        "{count} new {severity} ticket",
                        "{count} new {severity} tickets",
                        count,
                        count=count,
                        severity=severity,
                    )
                )
        elif added:
            lines.append(tr("{rows} added", rows=count_of(table, added)))
        if removed:
            lines.append(tr("{rows} removed", rows=count_of(table, removed)))
        for status, count in sorted(file_diff.status_moves(changes, table).items()):
            status_text = value_text(table, "status", status, zone_of(None))
            lines.append(tr("{rows} now {status}", rows=count_of(table, count), status=status_text))
    for move in file_diff.zone_moves(old, new):
        found["risks"].append(
            tr(
                "{risk} {old} → {new}",
                risk=row_name("risks", {"id": move.risk_id, "title": move.title}),
                old=labels.risk_zone_label(move.old),
                new=labels.risk_zone_label(move.new),
            )
        )
    for step in file_diff.steps_finished(changes):
        found["migration"].append(_finished_text(step))
    return found


def count_of(table: str, count: int) -> str:
    """ "12 checklist items": a count of a table's rows, in the plural the language gives it."""
    if table == "checklist_items":
        return ntr("{count} checklist item", "{count} checklist items", count, count=count)
    if table == "tickets":
        return ntr("{count} ticket", "{count} tickets", count, count=count)
    if table == "risks":
        return ntr("{count} risk", "{count} risks", count, count=count)
    if table == "runbook_steps":
        return ntr("{count} runbook step", "{count} runbook steps", count, count=count)
    if table == "migration_objects":
        return ntr("{count} migration object", "{count} migration objects", count, count=count)
    if table == "test_runs":
        return ntr("{count} test run", "{count} test runs", count, count=count)
    if table == "review_notes":
        return ntr("{count} review note", "{count} review notes", count, count=count)
    return tr("{count} × {kind}", count=count, kind=row_kind(table))


def _finished_text(step: file_diff.StepFinished) -> str:
    name = row_name("runbook_steps", {"id": step.step_id, "title": step.title})
    if step.late_minutes > 0:
        return ntr(
            "{step} finished {minutes} min late",
            "{step} finished {minutes} min late",
            step.late_minutes,
            step=name,
            minutes=step.late_minutes,
        )
    if step.late_minutes < 0:
        early = -step.late_minutes
        return ntr(
            "{step} finished {minutes} min early",
            "{step} finished {minutes} min early",
            early,
            step=name,
            minutes=early,
        )
    return tr("{step} finished on time", step=name)
