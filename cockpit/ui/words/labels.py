"""Words for the domain's enum values as the window shows them (Qt's translation path)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cockpit.domain.checklist import Category, ItemStage, ItemStatus
from cockpit.domain.gate import Decision
from cockpit.domain.launch import Stage


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def stage_label(stage: Stage) -> str:
    return {
        Stage.PREPARATION: _t("Preparation"),
        Stage.CUTOVER: _t("Cutover"),
        Stage.HYPERCARE: _t("Hypercare"),
        Stage.CLOSED: _t("Closed"),
    }[stage]


def item_stage_label(stage: ItemStage) -> str:
    return {
        ItemStage.PREPARATION: _t("Preparation"),
        ItemStage.GO_LIVE: _t("Go-live"),
        ItemStage.FOLLOW_UP: _t("Follow-up"),
    }[stage]


def item_status_label(status: ItemStatus) -> str:
    return {
        ItemStatus.NOT_STARTED: _t("Not started"),
        ItemStatus.IN_PROGRESS: _t("In progress"),
        ItemStatus.DONE: _t("Done"),
        ItemStatus.BLOCKED: _t("Blocked"),
        ItemStatus.N_A: _t("N/A"),
    }[status]


def category_label(category: Category) -> str:
    return {
        Category.TESTS: _t("Tests"),
        Category.DATA_MIGRATION: _t("Data migration"),
        Category.TRAINING: _t("Training"),
        Category.OPERATIONS_READINESS: _t("Operations readiness"),
        Category.RISK_MANAGEMENT: _t("Risk management"),
        Category.DECISION_APPROVAL: _t("Decision and approval"),
        Category.PRODUCTION_MIGRATION: _t("Production migration"),
        Category.ANNOUNCEMENTS: _t("Announcements"),
        Category.INITIAL_OPERATIONS: _t("Initial operations"),
        Category.MONITORING: _t("Monitoring"),
        Category.SUPPORT: _t("Support"),
        Category.REVIEWS: _t("Reviews"),
        Category.SECURITY: _t("Security"),
        Category.COMPLIANCE: _t("Compliance"),
    }[category]


def decision_text(decision: Decision) -> str:
    return {
        Decision.PENDING: _t("Pending"),
        Decision.GO: _t("Go"),
        Decision.CONDITIONAL_GO: _t("Conditional go"),
        Decision.NO_GO: _t("No-go"),
    }[decision]
