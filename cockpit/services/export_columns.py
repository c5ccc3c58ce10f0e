"""The columns of each exported pane, and its rows as plain values.

Importable panes use the same header labels and values the importer reads, so an exported
checklist, risk register, runbook, ledger or ticket list imports back as it was. Their ID and Version
columns let a re-import find each row again and tell whether someone changed it since the export.

Headers and the domain's values (stages, statuses, kinds, categories, levels) are in the viewer's
language, as the panes show them; the importer reads them back in any language we ship.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from cockpit.domain.launch import LaunchData
from cockpit.domain.migration import reconcile
from cockpit.domain.risks import Risk, residual_rating, score
from cockpit.domain.tests import TestLevel, pass_rate, run_history
from cockpit.i18n import N_, tr
from cockpit.store.read import when
from cockpit.words.labels import (
    category_label,
    item_stage_label,
    item_status_label,
    level_label,
    outcome_label,
    recon_status_label,
    risk_status_label,
    step_kind_label,
    step_status_label,
    ticket_kind_label,
    ticket_status_label,
)


@dataclass(frozen=True, slots=True)
class Column:
    label: str  # N_() marked; translated when written
    width: int = 14  # characters, for the .xlsx column


_COLUMNS: dict[str, tuple[Column, ...]] = {
    "checklist": (
        Column(N_("ID"), 6),
        Column(N_("Title"), 48),
        Column(N_("Stage"), 12),
        Column(N_("Category"), 20),
        Column(N_("Status"), 12),
        Column(N_("Owner"), 16),
        Column(N_("Due"), 17),
        Column(N_("Blocked reason"), 30),
        Column(N_("Evidence"), 30),
        Column(N_("Gate"), 6),
        Column(N_("Depends on"), 12),
        Column(N_("Updated by"), 14),
        Column(N_("Updated at"), 17),
        Column(N_("Version"), 7),
    ),
    "tests": (
        Column(N_("Level"), 12),
        Column(N_("Run"), 24),
        Column(N_("Suite"), 30),
        Column(N_("Class"), 36),
        Column(N_("Name"), 48),
        Column(N_("Outcome"), 10),
        Column(N_("Seconds"), 9),
        Column(N_("Flaky"), 6),
        Column(N_("Message"), 48),
    ),
    "runs": (
        Column(N_("ID"), 6),
        Column(N_("Level"), 12),
        Column(N_("Name"), 30),
        Column(N_("Started"), 17),
        Column(N_("Source"), 30),
        Column(N_("Total"), 8),
        Column(N_("Passed"), 8),
        Column(N_("Failed"), 8),
        Column(N_("Errors"), 8),
        Column(N_("Skipped"), 8),
        Column(N_("Flaky"), 8),
        Column(N_("Pass rate"), 9),
    ),
    "steps": (
        Column(N_("ID"), 6),
        Column(N_("No."), 6),
        Column(N_("Title"), 48),
        Column(N_("Kind"), 14),
        Column(N_("Owner"), 16),
        Column(N_("Planned start"), 17),
        Column(N_("Planned minutes"), 9),
        Column(N_("Status"), 10),
        Column(N_("Actual start"), 17),
        Column(N_("Actual end"), 17),
        Column(N_("Depends on"), 12),
        Column(N_("Version"), 7),
    ),
    "objects": (
        Column(N_("ID"), 6),
        Column(N_("Name"), 30),
        Column(N_("Source rows"), 12),
        Column(N_("Target rows"), 12),
        Column(N_("Rejected rows"), 12),
        Column(N_("Tolerance rows"), 12),
        Column(N_("Difference"), 12),
        Column(N_("Reconciliation"), 14),
        Column(N_("Accepted difference"), 30),
        Column(N_("Accepted by"), 14),
        Column(N_("Owner"), 16),
        Column(N_("Version"), 7),
    ),
    "risks": (
        Column(N_("ID"), 6),
        Column(N_("Title"), 48),
        Column(N_("Category"), 16),
        Column(N_("Likelihood"), 10),
        Column(N_("Impact"), 10),
        Column(N_("Score"), 8),
        Column(N_("Residual likelihood"), 10),
        Column(N_("Residual impact"), 10),
        Column(N_("Residual score"), 8),
        Column(N_("Status"), 10),
        Column(N_("Mitigation"), 40),
        Column(N_("Contingency"), 40),
        Column(N_("Owner"), 16),
        Column(N_("Version"), 7),
    ),
    "tickets": (
        Column(N_("ID"), 6),
        Column(N_("Title"), 48),
        Column(N_("Severity"), 9),
        Column(N_("Kind"), 10),
        Column(N_("Status"), 12),
        Column(N_("Reporter"), 16),
        Column(N_("Assignee"), 16),
        Column(N_("Description"), 48),
        Column(N_("Escalation level"), 9),
        Column(N_("Opened"), 17),
        Column(N_("First response"), 17),
        Column(N_("Resolved"), 17),
        Column(N_("Version"), 7),
    ),
    "audit": (
        Column(N_("ID"), 8),
        Column(N_("At"), 20),
        Column(N_("Actor"), 14),
        Column(N_("Action"), 9),
        Column(N_("Table"), 18),
        Column(N_("Row"), 7),
        Column(N_("Summary"), 40),
        Column(N_("Old values"), 48),
        Column(N_("New values"), 48),
    ),
}


def columns_for(kind: str) -> list[Column]:
    return list(_COLUMNS[kind])


def _ids(ids: tuple[int, ...]) -> str:
    return " ".join(str(i) for i in ids)


def _yes(flag: bool) -> str:
    return tr("yes") if flag else tr("no")


def rows_for(kind: str, data: LaunchData, conn: sqlite3.Connection) -> list[list[Any]]:
    """The pane's rows; ``conn`` is inside the caller's read transaction (the audit is not in ``data``)."""
    if kind == "checklist":
        return [
            [i.id, i.title, item_stage_label(i.stage), category_label(i.category), item_status_label(i.status),
             i.owner, i.due, i.blocked_reason, i.evidence, _yes(i.is_gate), _ids(i.depends_on), i.updated_by,
             i.updated_at, i.version]
            for i in data.checklist
        ]  # fmt: skip
    if kind == "tests":
        return _latest_cases(data)
    if kind == "runs":
        return [
            [r.id, level_label(r.level), r.name, r.started_at, r.source, r.total, r.passed, r.failed, r.errors,
             r.skipped, r.flaky, _rate(pass_rate(r))]
            for r in data.runs
        ]  # fmt: skip
    if kind == "steps":
        return [
            [s.id, s.seq, s.title, step_kind_label(s.kind), s.owner, s.planned_start, s.planned_minutes,
             step_status_label(s.status), s.actual_start, s.actual_end, _ids(s.depends_on), s.version]
            for s in data.steps
        ]  # fmt: skip
    if kind == "objects":
        rows = []
        for o in data.objects:
            recon = reconcile(o)
            rows.append(
                [o.id, o.name, o.source_rows, o.target_rows, o.rejected_rows, o.tolerance_rows, recon.delta,
                 recon_status_label(recon.status), o.accepted_reason, o.accepted_by, o.owner, o.version]
            )  # fmt: skip
        return rows
    if kind == "risks":
        return [_risk_row(r) for r in data.risks]
    if kind == "tickets":
        return [
            [t.id, t.title, t.severity.value, ticket_kind_label(t.kind), ticket_status_label(t.status),
             t.reporter, t.assignee, t.description, t.escalation_level, t.opened_at, t.first_response_at,
             t.resolved_at, t.version]
            for t in data.tickets
        ]  # fmt: skip
    if kind == "audit":
        return [
            [r["id"], when(r["at"]), r["actor"], r["action"], r["table_name"], r["row_id"], r["summary"],
             _json_text(r["old"]), _json_text(r["new"])]
            for r in conn.execute("SELECT * FROM audit ORDER BY id")
        ]  # fmt: skip
    raise KeyError(kind)


def _risk_row(r: Risk) -> list[Any]:
    residual_likelihood, residual_impact = residual_rating(r)
    reassessed = r.residual_likelihood is not None or r.residual_impact is not None
    return [
        r.id, r.title, r.category, r.likelihood, r.impact, score(r.likelihood, r.impact),
        r.residual_likelihood, r.residual_impact,
        score(residual_likelihood, residual_impact) if reassessed else None,
        risk_status_label(r.status), r.mitigation, r.contingency, r.owner, r.version,
    ]  # fmt: skip


def _latest_cases(data: LaunchData) -> list[list[Any]]:
    rows = []
    for level in TestLevel:
        history = run_history(data.runs, level=level)
        if not history:
            continue
        latest = history[-1]
        for c in data.cases:
            if c.run_id == latest.id:
                rows.append(
                    [level_label(level), latest.name, c.suite, c.classname, c.name, outcome_label(c.outcome),
                     c.seconds, _yes(c.flaky), c.message]
                )  # fmt: skip
    return rows


def _rate(rate: float | None) -> float | None:
    return round(rate, 4) if rate is not None else None


def _json_text(value: str | None) -> str:
    # Keep the audit's JSON readable in a cell: Japanese as itself, not as \u escapes.
    if not value:
        return ""
    return json.dumps(json.loads(value), ensure_ascii=False, sort_keys=True)
