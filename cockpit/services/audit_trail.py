"""The audit trail in the panes' words: teammates' changes since a moment (``cockpit changes``, View ▸
Changes), a row's history (``cockpit history --table T --id N``, a row's History…), and the launch's
whole trail filtered by person, pane and time and exported as CSV (File ▸ Audit trail…)."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from cockpit.domain.moments import zone_of
from cockpit.i18n import tr
from cockpit.services.atomic_write import write_atomically
from cockpit.services.sections import TABLE_PANES, FieldText, section_title
from cockpit.store.audit_trail import AuditRow, read_audit, read_names
from cockpit.store.launchfile import LaunchFile
from cockpit.words.moments import table_moment_text
from cockpit.words.rows import ROW_META, field_label, field_order, row_kind, row_name, value_text


@dataclass(frozen=True, slots=True)
class TrailEntry:
    """One write to one row (or one import), as a pane would say it."""

    id: int
    at: datetime
    actor: str
    action: str
    table: str
    row_id: int | None
    pane: str
    name: str  # "ticket #5 “Login fails”"
    what: str  # "added", "Status: New → Resolved; Assignee: — → Ito"
    fields: tuple[FieldText, ...]
    summary: str  # the reason given with the change, if any

    def line(self) -> str:
        text = tr("{row}: {what}", row=self.name, what=self.what) if self.name else self.what
        return tr("{text} ({reason})", text=text, reason=self.summary) if self.summary else text

    def as_json(self, zone: ZoneInfo) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "local_time": table_moment_text(self.at, zone),
            "who": self.actor,
            "action": self.action,
            "table": self.table,
            "row_id": self.row_id,
            "pane": self.pane,
            "row": self.name,
            "line": self.line(),
            "fields": [{"field": f.field, "label": f.label, "old": f.old, "new": f.new} for f in self.fields],
            "reason": self.summary,
        }


@dataclass(frozen=True, slots=True)
class Trail:
    entries: tuple[TrailEntry, ...]
    zone: ZoneInfo
    last_id: int  # the newest audit row read: "since you looked" starts after it next time


def read_trail(
    lf: LaunchFile,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    panes: Collection[str] | None = None,
    table: str | None = None,
    row_id: int | None = None,
    people: Collection[str] | None = None,
    not_by: str | None = None,
    after_id: int = 0,
) -> Trail:
    """The audit rows that match, in words, oldest first. ``not_by``: leave out this person's own writes."""
    tables: set[str] | None = None
    if panes is not None:
        tables = {t for t, pane in TABLE_PANES.items() if pane in panes}
    if table is not None:
        tables = {table} if tables is None else tables & {table}
    with lf.reading() as conn:
        rows = read_audit(
            conn, since=since, until=until, tables=tables, row_id=row_id, actors=people, after_id=after_id
        )
        names = read_names(conn, {(r.table, r.row_id) for r in rows if r.row_id is not None})
        found = conn.execute("SELECT timezone FROM launch WHERE id = 1").fetchone()
        last = conn.execute("SELECT COALESCE(MAX(id), 0) FROM audit").fetchone()[0]
    zone = zone_of(found[0] if found else None)
    wanted = [r for r in rows if not_by is None or r.actor != not_by]
    return Trail(tuple(_entry(r, names, zone) for r in wanted), zone, max(last, after_id))


def people_in_trail(lf: LaunchFile) -> tuple[str, ...]:
    """Everyone who wrote to the file, for the audit view's person filter."""
    with lf.reading() as conn:
        return tuple(row[0] for row in conn.execute("SELECT DISTINCT actor FROM audit ORDER BY actor"))


def _entry(row: AuditRow, names: dict[tuple[str, int], str], zone: ZoneInfo) -> TrailEntry:
    pane = TABLE_PANES.get(row.table, "launch")
    fields: tuple[FieldText, ...] = ()
    if row.row_id is None:
        name = ""
    else:
        values = {**row.old, **row.new, "id": row.row_id}
        current = names.get((row.table, row.row_id))
        if current is not None:
            values["title"] = current
        name = row_name(row.table, values)
    if row.action == "insert":
        what = tr("added")
    elif row.action == "delete":
        what = tr("removed")
    elif row.action == "update":
        changed = [c for c in field_order(row.table, [*row.old, *row.new]) if c not in ROW_META]
        fields = tuple(
            FieldText(
                field=c,
                label=field_label(row.table, c),
                old=value_text(row.table, c, row.old.get(c), zone),
                new=value_text(row.table, c, row.new.get(c), zone),
            )
            for c in changed
        )
        what = "; ".join(tr("{field}: {old} → {new}", field=f.label, old=f.old, new=f.new) for f in fields)
    elif row.action == "import":
        count = row.new.get("rows", "?")
        what = tr("{count} × {kind} imported", count=count, kind=row_kind(row.table))
    else:
        what = tr("created the launch file")
    summary = row.summary if row.action != "import" else ""
    return TrailEntry(
        row.id, row.at, row.actor, row.action, row.table, row.row_id, pane, name, what, fields, summary
    )


def write_trail_csv(trail: Trail, path: Path) -> Path:
    """The trail as CSV, one line per changed field (a row added or removed: one line), for a spreadsheet."""
    headers = [
        tr("Time ({zone})", zone=datetime.now(trail.zone).tzname() or str(trail.zone)),
        tr("Changed by"),
        tr("Pane"),
        tr("Row"),
        tr("Change"),
        tr("Field"),
        tr("Old value"),
        tr("New value"),
        tr("Reason"),
    ]
    lines: list[list[str]] = [headers]
    for entry in trail.entries:
        when = table_moment_text(entry.at, trail.zone)
        base = [when, entry.actor, section_title(entry.pane), entry.name]
        if entry.fields:
            for f in entry.fields:
                lines.append([*base, tr("changed"), f.label, f.old, f.new, entry.summary])
        else:
            lines.append([*base, entry.what, "", "", "", entry.summary])
    buffer = io.StringIO()
    csv.writer(buffer).writerows(lines)
    text = "\ufeff" + buffer.getvalue()  # the BOM: Excel reads it as UTF-8

    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8", newline="")

    write_atomically(path, write, what=tr("the audit trail"))
    return path
