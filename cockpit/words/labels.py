"""The domain's enum values in words: stages, statuses, kinds, categories, levels, severities, scales.

Each table is keyed by the value the launch file stores; the domain's enums are ``StrEnum``, so a member
finds its word as its value does (``item_status_label(ItemStatus.DONE)`` and ``item_status_label("done")``).
Keying by value keeps this module free of the domain, which words its own sentences with these labels.
``tests/unit/words`` checks every member of every enum has a word here.
"""

from __future__ import annotations

from cockpit.i18n import N_, tr

# Launch.stage (domain.launch.Stage)
STAGES = {
    "preparation": N_("Preparation"),
    "cutover": N_("Cutover"),
    "hypercare": N_("Hypercare"),
    "closed": N_("Closed"),
}
# ChecklistItem.stage (domain.checklist.ItemStage)
ITEM_STAGES = {
    "preparation": N_("Preparation"),
    "go_live": N_("Go-live"),
    "follow_up": N_("Follow-up"),
}
# ChecklistItem.status (domain.checklist.ItemStatus)
ITEM_STATUSES = {
    "not_started": N_("Not started"),
    "in_progress": N_("In progress"),
    "done": N_("Done"),
    "blocked": N_("Blocked"),
    "n_a": N_("N/A"),
}
# ChecklistItem.category (domain.checklist.Category)
CATEGORIES = {
    "tests": N_("Tests"),
    "data_migration": N_("Data migration"),
    "training": N_("Training"),
    "operations_readiness": N_("Operations readiness"),
    "risk_management": N_("Risk management"),
    "decision_approval": N_("Decision and approval"),
    "production_migration": N_("Production migration"),
    "announcements": N_("Announcements"),
    "initial_operations": N_("Initial operations"),
    "monitoring": N_("Monitoring"),
    "support": N_("Support"),
    "reviews": N_("Reviews"),
    "security": N_("Security"),
    "compliance": N_("Compliance"),
}
# TestRun.level (domain.tests.TestLevel)
LEVELS = {
    "unit": N_("Unit"),
    "integration": N_("Integration"),
    "system": N_("System"),
    "uat": N_("UAT"),
    "regression": N_("Regression"),
    "smoke": N_("Smoke"),
}
# TestCase.outcome (domain.tests.Outcome)
OUTCOMES = {
    "passed": N_("Passed"),
    "failed": N_("Failed"),
    "error": N_("Error"),
    "skipped": N_("Skipped"),
}
# RunbookStep.kind (domain.migration.StepKind)
STEP_KINDS = {
    "backup": N_("Backup"),
    "migrate": N_("Migrate"),
    "verify": N_("Verify"),
    "switch": N_("Switch"),
    "rollback_point": N_("Rollback point"),
    "other": N_("Other"),
}
# RunbookStep.status (domain.migration.StepStatus)
STEP_STATUSES = {
    "pending": N_("Pending"),
    "running": N_("Running"),
    "done": N_("Done"),
    "failed": N_("Failed"),
    "skipped": N_("Skipped"),
}
# A migration object's reconciliation (domain.migration.ReconStatus)
RECON_STATUSES = {
    "mismatch": N_("Mismatch"),
    "pending": N_("Not loaded yet"),
    "accepted": N_("Accepted difference"),
    "reconciled": N_("Reconciled"),
}
# Risk.status (domain.risks.RiskStatus)
RISK_STATUSES = {
    "open": N_("Open"),
    "mitigated": N_("Mitigated"),
    "closed": N_("Closed"),
    "occurred": N_("Occurred"),
}
# A risk's zone on the heat map (domain.risks.Zone)
RISK_ZONES = {"green": N_("Green"), "amber": N_("Amber"), "red": N_("Red")}
# 発生可能性 and 影響度, 1 to 5 (domain.risks.SCALE)
LIKELIHOODS = (N_("Rare"), N_("Unlikely"), N_("Possible"), N_("Likely"), N_("Almost certain"))
IMPACTS = (N_("Minimal"), N_("Minor"), N_("Moderate"), N_("Major"), N_("Severe"))
# What a table import or a table source feeds (domain.sources.TableKind)
TABLE_KINDS = {
    "checklist": N_("Checklist items"),
    "risks": N_("Risks"),
    "tickets": N_("Tickets"),
    "steps": N_("Runbook steps"),
    "objects": N_("Migration objects"),
    "kpi_values": N_("KPI values"),
}
# A source's last refresh (domain.sources.RefreshStatus)
REFRESH_STATUSES = {
    "never": N_("Not refreshed yet"),
    "imported": N_("Imported"),
    "not_modified": N_("Not modified"),
    "unchanged": N_("Unchanged"),
    "failed": N_("Failed"),
}
# Ticket.kind (domain.support.TicketKind)
TICKET_KINDS = {
    "incident": N_("Incident"),
    "inquiry": N_("Inquiry"),
    "request": N_("Request"),
    "feedback": N_("Feedback"),
}
# Ticket.severity (domain.support.Severity): the word after the P-number
SEVERITIES = {"P1": N_("Critical"), "P2": N_("High"), "P3": N_("Medium"), "P4": N_("Low")}
# Ticket.status (domain.support.TicketStatus)
TICKET_STATUSES = {
    "new": N_("New"),
    "acknowledged": N_("Acknowledged"),
    "in_progress": N_("In progress"),
    "waiting": N_("Waiting"),
    "resolved": N_("Resolved"),
    "closed": N_("Closed"),
}
# A sign-off's or a go/no-go round's decision (domain.gate.Decision)
DECISIONS = {
    "pending": N_("Pending"),
    "go": N_("Go"),
    "conditional_go": N_("Conditional go"),
    "no_go": N_("No-go"),
}
# A pane's light (domain.status.Rag)
RAGS = {"green": N_("On track"), "amber": N_("At risk"), "red": N_("Off track")}
# The panes (domain.status.Pane) as their titles say them
PANES = {
    "checklist": N_("Checklist"),
    "tests": N_("Tests"),
    "migration": N_("Migration"),
    "risks": N_("Risks"),
    "support": N_("Support"),
    "gate": N_("Go/no-go"),
}
# GateCriterion.kind (domain.gate.CriterionKind): what a criterion measures, for a picker; the criterion
# itself is shown by ``words.gate.criterion_label`` with its thresholds.
CRITERION_KINDS = {
    "gate_items_done": N_("Gate checklist items done"),
    "pass_rate": N_("Test pass rate"),
    "no_open_tickets": N_("Open tickets"),
    "migration_reconciled": N_("Migration reconciled"),
    "backup_done": N_("Production backup"),
    "red_risks_covered": N_("Red risks covered"),
}

# Kpi.direction (domain.kpis.Direction): which side of its target a KPI must stay on
KPI_DIRECTIONS = {"at_least": N_("At least (≥)"), "at_most": N_("At most (≤)")}


def stage_label(stage: str) -> str:
    return tr(STAGES[stage])


def item_stage_label(stage: str) -> str:
    return tr(ITEM_STAGES[stage])


def item_status_label(status: str) -> str:
    return tr(ITEM_STATUSES[status])


def category_label(category: str) -> str:
    return tr(CATEGORIES[category])


def level_label(level: str) -> str:
    return tr(LEVELS[level])


def outcome_label(outcome: str) -> str:
    return tr(OUTCOMES[outcome])


def step_kind_label(kind: str) -> str:
    return tr(STEP_KINDS[kind])


def step_status_label(status: str) -> str:
    return tr(STEP_STATUSES[status])


def recon_status_label(status: str) -> str:
    return tr(RECON_STATUSES[status])


def risk_status_label(status: str) -> str:
    return tr(RISK_STATUSES[status])


def risk_zone_label(zone: str) -> str:
    return tr(RISK_ZONES[zone])


def likelihood_word(level: int) -> str:
    """発生可能性 1..5 in words ("Likely")."""
    return tr(LIKELIHOODS[level - 1])


def impact_word(level: int) -> str:
    """影響度 1..5 in words ("Major")."""
    return tr(IMPACTS[level - 1])


def ticket_kind_label(kind: str) -> str:
    return tr(TICKET_KINDS[kind])


def severity_label(severity: str) -> str:
    """``P1 Critical``: the P-number the team says, then what it means."""
    return f"{severity} {tr(SEVERITIES[severity])}"


def ticket_status_label(status: str) -> str:
    return tr(TICKET_STATUSES[status])


def decision_label(decision: str) -> str:
    return tr(DECISIONS[decision])


def table_kind_label(kind: str) -> str:
    return tr(TABLE_KINDS[kind])


def refresh_status_label(status: str) -> str:
    return tr(REFRESH_STATUSES[status])


def rag_label(rag: str) -> str:
    return tr(RAGS[rag])


def pane_title(pane: str) -> str:
    return tr(PANES[pane])


def criterion_kind_label(kind: str) -> str:
    return tr(CRITERION_KINDS[kind])


def kpi_direction_label(direction: str) -> str:
    return tr(KPI_DIRECTIONS[direction])
