"""A launch file's rows in the users' words: what kind of thing a row is, its fields' labels, its values.

The conflict dialog shows raw rows (``theirs``, the audit trail's old and new values); these name them as
the panes and their dialogs do ("Likelihood (発生可能性)", "4 Likely", "2026-12-02 19:06 JST"), reusing
the panes' own value words, never a table or column name.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QCoreApplication

from cockpit.domain.checklist import Category, ItemStage, ItemStatus
from cockpit.domain.gate import Decision
from cockpit.domain.migration import StepKind, StepStatus
from cockpit.domain.risks import RiskStatus
from cockpit.domain.support import Severity, TicketKind, TicketStatus
from cockpit.ui.panes.migration.model import kind_name, step_status_name
from cockpit.ui.panes.risks.words import impact_word, likelihood_word, risk_status_label
from cockpit.ui.panes.support.words import severity_label, ticket_kind_label, ticket_status_label
from cockpit.ui.words.labels import category_label, decision_text, item_stage_label, item_status_label
from cockpit.ui.words.launch import moment_text

NO_VALUE = "—"


def _t(text: str) -> str:
    return QCoreApplication.translate("row_words", text)


def row_kind(table: str) -> str:
    """What one row of ``table`` is, as the team says it."""
    kinds = {
        "checklist_items": _t("checklist item"),
        "risks": _t("risk"),
        "tickets": _t("ticket"),
        "runbook_steps": _t("runbook step"),
        "migration_objects": _t("migration object"),
        "signoffs": _t("sign-off"),
        "people": _t("person"),
        "launch": _t("launch"),
        "sources": _t("source"),
    }
    return kinds.get(table, table.replace("_", " "))


def row_name(table: str, row: dict) -> str:
    """``risk #3 “Key user absent”``: kind, id and the row's own name when it has one."""
    name = row.get("title") or row.get("name") or row.get("person") or ""
    text = _t("{kind} #{id}").format(kind=row_kind(table), id=row.get("id", "?"))
    return _t("{row} “{name}”").format(row=text, name=name) if name else text


def _labels() -> dict[str, dict[str, str]]:
    """Field labels per table, the words of each pane's dialogs and columns (literal calls for lupdate)."""
    return {
        "risks": {
            "title": _t("Title"),
            "category": _t("Category"),
            "likelihood": _t("Likelihood (発生可能性)"),
            "impact": _t("Impact (影響度)"),
            "residual_likelihood": _t("Residual likelihood"),
            "residual_impact": _t("Residual impact"),
            "status": _t("Status"),
            "owner": _t("Owner"),
            "mitigation": _t("Mitigation (対策)"),
            "contingency": _t("Contingency plan (緊急対応計画)"),
        },
        "checklist_items": {
            "title": _t("Title"),
            "stage": _t("Stage"),
            "category": _t("Category"),
            "status": _t("Status"),
            "blocked_reason": _t("Why blocked"),
            "owner": _t("Owner"),
            "due": _t("Due"),
            "is_gate": _t("Gate item"),
            "evidence": _t("Evidence"),
            "depends_on": _t("Depends on"),
        },
        "tickets": {
            "title": _t("Title"),
            "kind": _t("Kind"),
            "severity": _t("Severity"),
            "status": _t("Status"),
            "reporter": _t("Reporter"),
            "assignee": _t("Assignee"),
            "description": _t("Description"),
            "escalation_level": _t("Escalation"),
            "opened_at": _t("Opened"),
            "first_response_at": _t("First response"),
            "resolved_at": _t("Resolved"),
        },
        "runbook_steps": {
            "title": _t("Step"),
            "kind": _t("Kind"),
            "owner": _t("Owner"),
            "planned_start": _t("Planned start"),
            "planned_minutes": _t("Planned min"),
            "status": _t("Status"),
            "actual_start": _t("Actual start"),
            "actual_end": _t("Actual end"),
        },
        "signoffs": {
            "person": _t("Person"),
            "role": _t("Role"),
            "decision": _t("Decision"),
            "decided_at": _t("Decided"),
            "comment": _t("Comment"),
        },
    }


def field_label(table: str, column: str) -> str:
    label = _labels().get(table, {}).get(column)
    return label or column.replace("_", " ").capitalize()


def field_order(table: str, columns) -> list[str]:
    """``columns`` in the order the pane's dialog lists them; unknown ones after, as given."""
    known = list(_labels().get(table, {}))
    wanted = list(dict.fromkeys(columns))
    return sorted(wanted, key=lambda c: known.index(c) if c in known else len(known) + wanted.index(c))


def _enum_word(enum: type, word: Callable[[Any], str]) -> Callable[[Any], str]:
    def text(value: Any) -> str:
        try:
            return word(enum(value))
        except ValueError:
            return str(value)

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
    return ", ".join(f"#{v}" for v in value) if value else _t("nothing")


def _yes_no(value: Any) -> str:
    return _t("Yes") if value else _t("No")


def _level(value: Any) -> str:
    return _t("Level {level}").format(level=value) if value else _t("Not escalated")


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
    }
)


def _formatters() -> dict[tuple[str, str], Callable[[Any], str]]:
    not_reassessed = _t("Not reassessed (as inherent)")
    return {
        ("risks", "likelihood"): _scale(likelihood_word),
        ("risks", "impact"): _scale(impact_word),
        ("risks", "residual_likelihood"): _scale(likelihood_word, not_reassessed),
        ("risks", "residual_impact"): _scale(impact_word, not_reassessed),
        ("risks", "status"): _enum_word(RiskStatus, risk_status_label),
        ("checklist_items", "status"): _enum_word(ItemStatus, item_status_label),
        ("checklist_items", "stage"): _enum_word(ItemStage, item_stage_label),
        ("checklist_items", "category"): _enum_word(Category, category_label),
        ("checklist_items", "is_gate"): _yes_no,
        ("checklist_items", "depends_on"): _ids,
        ("tickets", "severity"): _enum_word(Severity, severity_label),
        ("tickets", "status"): _enum_word(TicketStatus, ticket_status_label),
        ("tickets", "kind"): _enum_word(TicketKind, ticket_kind_label),
        ("tickets", "escalation_level"): _level,
        ("runbook_steps", "status"): _enum_word(StepStatus, step_status_name),
        ("runbook_steps", "kind"): _enum_word(StepKind, kind_name),
        ("signoffs", "decision"): _enum_word(Decision, decision_text),
    }


def value_text(table: str, column: str, value: Any, zone: tzinfo) -> str:
    """One field's value as the pane shows it; a time in the launch's zone, an empty value as a dash."""
    formatter = _formatters().get((table, column))
    if formatter is not None:
        return formatter(value)
    if column in _TIMES:
        return moment_text(value, zone) or _t("none")
    if value is None or value == "":
        return NO_VALUE
    return str(value)
