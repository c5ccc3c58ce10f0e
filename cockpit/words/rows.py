"""A launch file's rows in the users' words: what kind of thing a row is, its fields' labels, its values.

A conflict shows raw rows (``theirs``, the audit trail's old and new values): the CLI's message names the row
(``ticket #5``) and the window's conflict dialog shows it field by field as the panes and their dialogs do
("Likelihood (発生可能性)", "4 Likely", "2026-12-02 19:06 JST"), never a table or column name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import tzinfo
from typing import Any

from cockpit.i18n import N_, tr
from cockpit.words import labels
from cockpit.words.moments import moment_text

NO_VALUE = "—"
# Columns that say a row changed, not what changed in it.
ROW_META = frozenset({"version", "updated_by", "updated_at"})

# What one row of a table is, as the team says it.
ROW_NOUNS = {
    "checklist_items": N_("checklist item"),
    "risks": N_("risk"),
    "tickets": N_("ticket"),
    "runbook_steps": N_("runbook step"),
    "migration_objects": N_("migration object"),
    "test_runs": N_("test run"),
    "test_cases": N_("test case"),
    "signoffs": N_("sign-off"),
    "people": N_("person"),
    "launch": N_("launch"),
    "sources": N_("source"),
    "gate_criteria": N_("go/no-go criterion"),
    "sla_policies": N_("SLA policy"),
    "rehearsals": N_("rehearsal"),
    "rehearsal_steps": N_("rehearsal step time"),
    "rehearsal_counts": N_("rehearsal count"),
    "rollback_decisions": N_("rollback decision"),
    "kpis": N_("KPI"),
    "kpi_values": N_("KPI value"),
    "decision_rounds": N_("go/no-go round"),
    "round_criteria": N_("frozen criterion"),
    "round_verdicts": N_("verdict"),
    "round_conditions": N_("condition"),
    "review_notes": N_("review note"),
    "team_holidays": N_("team holiday"),
    "ticket_links": N_("ticket link"),
    "reviews": N_("review meeting"),
    "improvement_actions": N_("improvement action"),
    "lessons": N_("lesson learned"),
}

# Field labels per table, the words of each pane's dialogs and columns, in the order the dialogs list them.
FIELD_LABELS = {
    "risks": {
        "title": N_("Title"),
        "category": N_("Category"),
        "likelihood": N_("Likelihood (発生可能性)"),
        "impact": N_("Impact (影響度)"),
        "residual_likelihood": N_("Residual likelihood"),
        "residual_impact": N_("Residual impact"),
        "status": N_("Status"),
        "owner": N_("Owner"),
        "mitigation": N_("Mitigation (対策)"),
        "contingency": N_("Contingency plan (緊急対応計画)"),
    },
    "checklist_items": {
        "title": N_("Title"),
        "stage": N_("Stage"),
        "category": N_("Category"),
        "status": N_("Status"),
        "blocked_reason": N_("Why blocked"),
        "owner": N_("Owner"),
        "due": N_("Due"),
        "is_gate": N_("Gate item"),
        "evidence": N_("Evidence"),
        "depends_on": N_("Depends on"),
    },
    "tickets": {
        "title": N_("Title"),
        "kind": N_("Kind"),
        "severity": N_("Severity"),
        "status": N_("Status"),
        "reporter": N_("Reporter"),
        "assignee": N_("Assignee"),
        "description": N_("Description"),
        "escalation_level": N_("Escalation"),
        "opened_at": N_("Opened"),
        "first_response_at": N_("First response"),
        "resolved_at": N_("Resolved"),
    },
    "runbook_steps": {
        "title": N_("Step"),
        "kind": N_("Kind"),
        "owner": N_("Owner"),
        "planned_start": N_("Planned start"),
        "planned_minutes": N_("Planned min"),
        "status": N_("Status"),
        "actual_start": N_("Actual start"),
        "actual_end": N_("Actual end"),
        "status_reason": N_("Reason"),
        "attempt": N_("Attempt"),
        "depends_on": N_("Waits for"),
    },
    "migration_objects": {
        "name": N_("Object"),
        "owner": N_("Owner"),
        "source_rows": N_("Source rows"),
        "rejected_rows": N_("Rejected rows"),
        "target_rows": N_("Target rows"),
        "tolerance_rows": N_("Tolerance"),
        "accepted_reason": N_("Accepted difference"),
        "accepted_by": N_("Accepted by"),
        "accepted_at": N_("Accepted at"),
    },
    "launch": {
        "name": N_("Launch name"),
        "go_live": N_("Go-live"),
        "timezone": N_("Time zone"),
        "rollback_deadline": N_("Rollback deadline"),
        "stage": N_("Stage"),
        "risk_red_min": N_("Red risks from score"),
        "risk_amber_min": N_("Amber risks from score"),
    },
    "sla_policies": {
        "severity": N_("Severity"),
        "first_response_minutes": N_("First response (min)"),
        "resolution_minutes": N_("Resolution (min)"),
    },
    "kpis": {
        "name": N_("Name"),
        "unit": N_("Unit"),
        "target": N_("Target value"),
        "direction": N_("Direction"),
        "query": N_("Prometheus query"),
    },
    "kpi_values": {
        "kpi_id": N_("KPI"),
        "at": N_("Time"),
        "value": N_("Value"),
        "source": N_("Source"),
    },
    "people": {
        "name": N_("Name"),
        "login": N_("Login"),
        "role": N_("Role"),
        "email": N_("Contact"),
    },
    "gate_criteria": {
        "label": N_("Criterion"),
        "kind": N_("Kind"),
        "params": N_("Thresholds"),
        "enabled": N_("Enabled"),
    },
    "signoffs": {
        "person": N_("Person"),
        "role": N_("Role"),
        "decision": N_("Decision"),
        "decided_at": N_("Decided"),
        "comment": N_("Comment"),
    },
}

_TIMES = frozenset(
    {
        "due",
        "opened_at",
        "first_response_at",
        "resolved_at",
        "planned_start",
        "actual_start",
        "actual_end",
        "decided_at",
        "go_live",
        "rollback_deadline",
        "accepted_at",
    }
)


def row_kind(table: str) -> str:
    """What one row of ``table`` is ("checklist item"); a table we have no word for, spaced out."""
    noun = ROW_NOUNS.get(table)
    return tr(noun) if noun else table.replace("_", " ")


def row_noun(table: str, row_id: object) -> str:
    """``ticket #5``: never the table's name."""
    return tr("{kind} #{id}", kind=row_kind(table), id=row_id)


def row_name(table: str, row: Mapping[str, Any]) -> str:
    """``risk #3 “Key user absent”``: kind, id and the row's own name when it has one."""
    name = row.get("title") or row.get("name") or row.get("person") or ""
    text = row_noun(table, row.get("id", "?"))
    return tr("{row} “{name}”", row=text, name=name) if name else text


def field_label(table: str, column: str) -> str:
    label = FIELD_LABELS.get(table, {}).get(column)
    return tr(label) if label else column.replace("_", " ").capitalize()


def field_order(table: str, columns: Iterable[str]) -> list[str]:
    """``columns`` in the order the pane's dialog lists them; unknown ones after, as given."""
    known = list(FIELD_LABELS.get(table, {}))
    wanted = list(dict.fromkeys(columns))
    return sorted(wanted, key=lambda c: known.index(c) if c in known else len(known) + wanted.index(c))


def _word_of(table: Mapping[str, str], word: Callable[[str], str]) -> Callable[[Any], str]:
    """A stored enum value in words; a value the table does not know, as stored."""

    def text(value: Any) -> str:
        return word(value) if isinstance(value, str) and value in table else str(value)

    return text


def _scale(word: Callable[[int], str], unset: str = NO_VALUE) -> Callable[[Any], str]:
    def text(value: Any) -> str:
        if value is None:
            return unset
        try:
            return f"{int(value)} {word(int(value))}"
        except (ValueError, IndexError, TypeError):
            return str(value)

    return text


def _ids(value: Any) -> str:
    return ", ".join(f"#{v}" for v in value) if value else tr("nothing")


def _yes_no(value: Any) -> str:
    return tr("Yes") if value else tr("No")


def _level(value: Any) -> str:
    return tr("Level {level}", level=value) if value else tr("Not escalated")


def _formatters() -> dict[tuple[str, str], Callable[[Any], str]]:
    not_reassessed = tr("Not reassessed (as inherent)")
    return {
        ("risks", "likelihood"): _scale(labels.likelihood_word),
        ("risks", "impact"): _scale(labels.impact_word),
        ("risks", "residual_likelihood"): _scale(labels.likelihood_word, not_reassessed),
        ("risks", "residual_impact"): _scale(labels.impact_word, not_reassessed),
        ("risks", "status"): _word_of(labels.RISK_STATUSES, labels.risk_status_label),
        ("checklist_items", "status"): _word_of(labels.ITEM_STATUSES, labels.item_status_label),
        ("checklist_items", "stage"): _word_of(labels.ITEM_STAGES, labels.item_stage_label),
        ("checklist_items", "category"): _word_of(labels.CATEGORIES, labels.category_label),
        ("checklist_items", "is_gate"): _yes_no,
        ("checklist_items", "depends_on"): _ids,
        ("tickets", "severity"): _word_of(labels.SEVERITIES, labels.severity_label),
        ("tickets", "status"): _word_of(labels.TICKET_STATUSES, labels.ticket_status_label),
        ("tickets", "kind"): _word_of(labels.TICKET_KINDS, labels.ticket_kind_label),
        ("tickets", "escalation_level"): _level,
        ("runbook_steps", "status"): _word_of(labels.STEP_STATUSES, labels.step_status_label),
        ("runbook_steps", "kind"): _word_of(labels.STEP_KINDS, labels.step_kind_label),
        ("runbook_steps", "depends_on"): _ids,
        ("signoffs", "decision"): _word_of(labels.DECISIONS, labels.decision_label),
        ("launch", "stage"): _word_of(labels.STAGES, labels.stage_label),
        ("sla_policies", "severity"): _word_of(labels.SEVERITIES, labels.severity_label),
        ("gate_criteria", "kind"): _word_of(labels.CRITERION_KINDS, labels.criterion_kind_label),
        ("gate_criteria", "enabled"): _yes_no,
        ("kpis", "direction"): _word_of(labels.KPI_DIRECTIONS, labels.kpi_direction_label),
    }


def value_text(table: str, column: str, value: Any, zone: tzinfo) -> str:
    """One field's value as the pane shows it; a time in the launch's zone, an empty value as a dash."""
    formatter = _formatters().get((table, column))
    if formatter is not None:
        return formatter(value)
    if column in _TIMES:
        return moment_text(value, zone) or tr("none")
    if value is None or value == "":
        return NO_VALUE
    return str(value)
