"""The demo launch's shape, without words: which rows exist, how they relate, what state they are in.

Every key here has its text in ``resources/demo/<lang>.json``; both languages read the same random
stream over the same shape, so ``--lang ja`` is the same launch in other words.
"""

from __future__ import annotations

from cockpit.domain.checklist import Category, ItemStage, ItemStatus
from cockpit.domain.risks import RiskStatus
from cockpit.domain.tests import TestLevel

P, G, F = ItemStage.PREPARATION, ItemStage.GO_LIVE, ItemStage.FOLLOW_UP
C = Category

# (stage, category) -> checklist item keys, in the order the source material names the steps.
CHECKLIST: dict[tuple[ItemStage, Category], tuple[str, ...]] = {
    (P, C.TESTS): (
        "unit_tests_complete",
        "unit_defects_closed",
        "integration_scenarios",
        "interface_tests",
        "bank_interface_test",
        "performance_test",
        "batch_schedule_test",
        "uat_scenarios",
        "uat_executed",
        "uat_signoff",
    ),
    (P, C.DATA_MIGRATION): (
        "migration_plan",
        "mapping_spec",
        "cleansing_duplicates",
        "cleansing_addresses",
        "cleansing_obsolete",
        "conversion_programs",
        "code_conversion",
        "rehearsal_1",
        "rehearsal_2",
        "reconciliation_reports",
    ),
    (P, C.TRAINING): (
        "training_plan",
        "training_env",
        "seminar_basics",
        "seminar_new_features",
        "user_manuals",
        "faq_published",
        "hands_on_sessions",
        "key_user_readiness",
    ),
    (P, C.OPERATIONS_READINESS): (
        "operations_team",
        "on_call_roster",
        "support_process",
        "escalation_route",
        "help_desk_staffing",
        "run_manual",
        "emergency_procedures",
        "job_scheduler",
        "backup_schedule",
        "service_desk_tool",
    ),
    (P, C.RISK_MANAGEMENT): (
        "risk_assessment",
        "risk_register_review",
        "mitigation_plans",
        "contingency_plan",
        "rollback_plan",
        "rollback_rehearsal",
        "manual_fallback",
        "vendor_support",
    ),
    (P, C.SECURITY): (
        "vulnerability_scan",
        "pentest_findings",
        "role_design",
        "user_accounts",
        "privileged_accounts",
        "personal_data_encryption",
        "backup_encryption",
    ),
    (P, C.COMPLIANCE): (
        "privacy_assessment",
        "e_document_retention",
        "audit_trail",
        "internal_control_docs",
        "license_compliance",
        "invoice_format",
        "dpa_cloud",
    ),
    (G, C.DECISION_APPROVAL): (
        "go_no_go_criteria",
        "cutover_go_decision",
        "executive_approval",
        "business_owner_signoff",
        "ops_acceptance",
        "final_go_no_go",
    ),
    (G, C.PRODUCTION_MIGRATION): (
        "freeze_legacy",
        "backup_production",
        "execute_runbook",
        "verify_migrated_data",
        "smoke_test_production",
        "switch_interfaces",
        "enable_batches",
        "rollback_point_confirmed",
        "business_release",
        "legacy_archive",
    ),
    (G, C.ANNOUNCEMENTS): (
        "internal_notice",
        "customer_notice",
        "website_notice",
        "press_release",
        "partner_notice",
        "downtime_notice",
    ),
    (G, C.INITIAL_OPERATIONS): (
        "war_room",
        "enhanced_monitoring",
        "incident_triage",
        "first_inquiries",
        "first_transactions_check",
        "first_closing_plan",
        "feedback_collection",
        "daily_status_report",
    ),
    (G, C.MONITORING): (
        "dashboards_live",
        "alert_thresholds",
        "error_log_watch",
        "batch_monitoring",
        "response_time_baseline",
    ),
    (F, C.MONITORING): (
        "availability_report",
        "performance_evaluation",
        "resource_adjustment",
        "capacity_plan",
    ),
    (F, C.SUPPORT): (
        "support_team_permanent",
        "satisfaction_survey",
        "user_interviews",
        "improvement_backlog",
        "faq_update",
    ),
    (F, C.REVIEWS): (
        "ops_review_meeting",
        "improvement_plan",
        "pdca_cycle",
        "lessons_learned",
        "system_update_plan",
        "project_closure",
    ),
    (F, C.SECURITY): (
        "patch_management",
        "periodic_scan",
        "access_review",
        "backup_restore_test",
        "data_protection_review",
    ),
    (F, C.COMPLIANCE): (
        "regulatory_watch",
        "compliance_audit",
        "compliance_training",
        "log_review",
        "retention_check",
    ),
}

# Must be done (or n/a) before the go/no-go can say go; the last three are not, so the gate is not ready.
GATE_ITEMS = frozenset(
    {
        "unit_tests_complete",
        "integration_scenarios",
        "uat_signoff",
        "rehearsal_2",
        "reconciliation_reports",
        "operations_team",
        "escalation_route",
        "run_manual",
        "contingency_plan",
        "rollback_plan",
        "vulnerability_scan",
        "backup_production",
        "pentest_findings",
        "business_owner_signoff",
        "final_go_no_go",
    }
)

BLOCKED_ITEMS = ("bank_interface_test", "pentest_findings", "e_document_retention")

ITEM_DEPENDS: dict[str, tuple[str, ...]] = {
    "integration_scenarios": ("unit_tests_complete",),
    "uat_executed": ("uat_scenarios",),
    "uat_signoff": ("uat_executed",),
    "conversion_programs": ("mapping_spec",),
    "rehearsal_1": ("conversion_programs", "code_conversion"),
    "rehearsal_2": ("rehearsal_1",),
    "reconciliation_reports": ("rehearsal_2",),
    "hands_on_sessions": ("training_env",),
    "escalation_route": ("support_process",),
    "run_manual": ("operations_team",),
    "contingency_plan": ("risk_assessment",),
    "rollback_rehearsal": ("rollback_plan",),
    "user_accounts": ("role_design",),
    "final_go_no_go": ("go_no_go_criteria", "uat_signoff", "business_owner_signoff"),
    "execute_runbook": ("backup_production", "cutover_go_decision"),
    "business_release": ("final_go_no_go", "smoke_test_production"),
    "press_release": ("business_release",),
    "lessons_learned": ("ops_review_meeting",),
}

NS, IP, DN = ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS, ItemStatus.DONE

# The go-live stage tells the story of the day: (status, due in hours relative to go-live).
GO_LIVE_ITEMS: dict[str, tuple[ItemStatus, float]] = {
    "go_no_go_criteria": (DN, -72),
    "cutover_go_decision": (DN, -10.5),
    "executive_approval": (DN, -96),
    "business_owner_signoff": (IP, -1),
    "ops_acceptance": (NS, -0.5),
    "final_go_no_go": (IP, -0.5),
    "freeze_legacy": (DN, -9.5),
    "backup_production": (DN, -8.5),
    "execute_runbook": (IP, 0),
    "verify_migrated_data": (IP, -5),
    "smoke_test_production": (NS, -4.5),
    "switch_interfaces": (NS, -0.75),
    "enable_batches": (NS, -0.5),
    "rollback_point_confirmed": (NS, -2),
    "business_release": (NS, 0),
    "legacy_archive": (NS, 24),
    "internal_notice": (DN, -120),
    "customer_notice": (DN, -72),
    "website_notice": (NS, 0),
    "press_release": (NS, 2),
    "partner_notice": (DN, -168),
    "downtime_notice": (DN, -240),
    "war_room": (IP, -1),
    "enhanced_monitoring": (NS, 0),
    "incident_triage": (NS, 10),
    "first_inquiries": (NS, 8),
    "first_transactions_check": (NS, 9),
    "first_closing_plan": (NS, 72),
    "feedback_collection": (NS, 48),
    "daily_status_report": (NS, 12),
    "dashboards_live": (DN, -24),
    "alert_thresholds": (IP, -3),
    "error_log_watch": (NS, 0),
    "batch_monitoring": (NS, 12),
    "response_time_baseline": (NS, 24),
}

# Which roles own which categories (first listed owns most).
CATEGORY_OWNERS: dict[Category, tuple[str, ...]] = {
    C.TESTS: ("qa_lead", "app_sales", "app_purchasing", "app_accounting"),
    C.DATA_MIGRATION: ("migration_lead", "dba", "app_sales"),
    C.TRAINING: ("business_owner", "pmo", "support_lead"),
    C.OPERATIONS_READINESS: ("it_ops_lead", "support_lead"),
    C.RISK_MANAGEMENT: ("pmo", "launch_lead"),
    C.DECISION_APPROVAL: ("launch_lead", "pmo"),
    C.PRODUCTION_MIGRATION: ("migration_lead", "dba", "it_ops_lead"),
    C.ANNOUNCEMENTS: ("pmo", "business_owner"),
    C.INITIAL_OPERATIONS: ("support_lead", "it_ops_lead"),
    C.MONITORING: ("it_ops_lead", "dba"),
    C.SUPPORT: ("support_lead", "business_owner"),
    C.REVIEWS: ("pmo", "launch_lead"),
    C.SECURITY: ("security_officer", "it_ops_lead"),
    C.COMPLIANCE: ("security_officer", "pmo"),
}

ROLES = (
    "launch_lead",
    "pmo",
    "business_owner",
    "it_ops_lead",
    "migration_lead",
    "dba",
    "qa_lead",
    "support_lead",
    "security_officer",
    "app_sales",
    "app_purchasing",
    "app_accounting",
)

SIGNOFF_ROLES = ("launch_lead", "it_ops_lead", "business_owner", "security_officer")
SIGNED_GO = ("launch_lead", "it_ops_lead")

R = RiskStatus
# (key, category, likelihood, impact, status, residual (likelihood, impact) or None, has contingency)
RISKS: tuple[tuple[str, str, int, int, RiskStatus, tuple[int, int] | None, bool], ...] = (
    ("conversion_errors", "data", 4, 5, R.OPEN, (2, 4), True),
    ("cutover_overrun", "schedule", 4, 4, R.OCCURRED, (3, 4), True),
    (
        "bank_interface",
        "technical",
        3,
        5,
        R.OPEN,
        None,
        False,
    ),  # open red, no contingency: the gate rule fires
    ("month_end_performance", "technical", 3, 5, R.MITIGATED, (2, 3), True),
    ("help_desk_overload", "people", 5, 3, R.OPEN, (3, 3), True),
    ("key_user_absence", "people", 3, 4, R.OPEN, (2, 3), True),
    ("legacy_rollback", "technical", 2, 5, R.OPEN, (1, 5), True),
    ("master_data_quality", "data", 4, 3, R.MITIGATED, (2, 2), True),
    ("vendor_availability", "vendor", 2, 4, R.MITIGATED, (1, 4), True),
    ("network_capacity", "technical", 2, 3, R.OPEN, (1, 3), True),
    ("printer_drivers", "technical", 3, 2, R.OPEN, (2, 2), False),
    ("training_gaps", "people", 3, 3, R.OPEN, (2, 2), True),
    ("edi_partner_readiness", "business", 3, 3, R.OPEN, (2, 3), True),
    ("tax_rounding", "business", 2, 4, R.CLOSED, None, False),
    ("batch_window", "schedule", 2, 3, R.MITIGATED, (1, 2), True),
    ("security_patch_delay", "security", 3, 4, R.OPEN, (2, 3), True),
    ("privileged_access", "security", 2, 3, R.MITIGATED, (1, 2), True),
    ("personal_data_leak", "compliance", 1, 5, R.OPEN, (1, 4), True),
    ("e_document_law", "compliance", 2, 2, R.OPEN, None, False),
    ("report_layout", "business", 2, 1, R.OPEN, None, False),
    ("manual_typos", "people", 2, 1, R.CLOSED, None, False),
    ("license_count", "vendor", 1, 3, R.MITIGATED, None, False),
    ("dns_propagation", "technical", 1, 4, R.MITIGATED, (1, 2), True),
    ("storage_growth", "technical", 1, 2, R.OPEN, None, False),
    ("change_resistance", "people", 4, 2, R.OPEN, (3, 2), True),
)
RISK_OWNERS: dict[str, str] = {
    "data": "migration_lead",
    "schedule": "launch_lead",
    "technical": "it_ops_lead",
    "people": "pmo",
    "vendor": "pmo",
    "business": "business_owner",
    "security": "security_officer",
    "compliance": "security_officer",
}

# (level, runs, first-run cases, last-run cases, first pass rate, last pass rate, days between runs)
TEST_LEVELS: tuple[tuple[TestLevel, int, int, int, float, float, int], ...] = (
    (TestLevel.UNIT, 5, 360, 396, 0.90, 0.998, 1),
    (TestLevel.INTEGRATION, 4, 180, 210, 0.82, 0.985, 2),
    (TestLevel.SYSTEM, 4, 120, 150, 0.80, 0.98, 3),
    (TestLevel.UAT, 3, 48, 60, 0.85, 0.985, 6),
    (TestLevel.REGRESSION, 4, 260, 300, 0.93, 0.992, 2),
)
# Seconds one case takes, by level.
CASE_SECONDS: dict[TestLevel, tuple[float, float]] = {
    TestLevel.UNIT: (0.004, 0.4),
    TestLevel.INTEGRATION: (0.2, 6.0),
    TestLevel.SYSTEM: (2.0, 75.0),
    TestLevel.UAT: (60.0, 900.0),
    TestLevel.REGRESSION: (0.3, 25.0),
}
