"""What comparing two files (``services.diff``) and the audit trail (``services.audit_trail``) both say: the
pane each table's rows belong to, each pane's section title, and one field's change in words.

Apart from the comparison so that ``cockpit changes`` and ``history`` load only what the trail prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.i18n import N_, tr
from cockpit.words import labels

# Which pane each compared table belongs to, in the order the sections are listed.
TABLE_PANES = {
    "launch": "launch",
    "people": "launch",
    "checklist_items": "checklist",
    "test_runs": "tests",
    "runbook_steps": "migration",
    "migration_objects": "migration",
    "risks": "risks",
    "tickets": "support",
    "sla_policies": "support",
    "gate_criteria": "gate",
    "signoffs": "gate",
    "review_notes": "notes",
}
_OWN_TITLES = {"launch": N_("Launch and team"), "notes": N_("Review notes")}


def section_title(pane: str) -> str:
    return tr(_OWN_TITLES[pane]) if pane in _OWN_TITLES else labels.pane_title(pane)


@dataclass(frozen=True, slots=True)
class FieldText:
    field: str
    label: str
    old: str
    new: str
