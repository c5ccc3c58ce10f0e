"""The cutover's shape, without words: runbook steps on their timeline, and the objects they move.

Every key here has its text in ``resources/demo/<lang>.json`` (``runbook``, ``objects``).
"""

from __future__ import annotations

from cockpit.domain.migration import StepKind

K = StepKind
# (key, kind, planned minutes, depends on): a chain with parallel branches; go-live is the end of step 39.
RUNBOOK: tuple[tuple[str, StepKind, int, tuple[str, ...]], ...] = (
    ("kickoff", K.OTHER, 15, ()),
    ("stop_online", K.OTHER, 15, ("kickoff",)),
    ("stop_interfaces", K.OTHER, 15, ("stop_online",)),
    ("freeze_legacy", K.OTHER, 10, ("stop_interfaces",)),
    ("backup_legacy_db", K.BACKUP, 45, ("freeze_legacy",)),
    ("backup_file_server", K.BACKUP, 30, ("freeze_legacy",)),
    ("verify_backups", K.VERIFY, 15, ("backup_legacy_db", "backup_file_server")),
    ("rollback_point_legacy", K.ROLLBACK_POINT, 5, ("verify_backups",)),
    ("deploy_release", K.OTHER, 30, ("rollback_point_legacy",)),
    ("apply_config", K.OTHER, 15, ("deploy_release",)),
    ("extract_masters", K.MIGRATE, 30, ("rollback_point_legacy",)),
    ("extract_transactions", K.MIGRATE, 40, ("rollback_point_legacy",)),
    ("convert_masters", K.MIGRATE, 25, ("extract_masters",)),
    ("convert_transactions", K.MIGRATE, 45, ("extract_transactions",)),
    ("load_customers", K.MIGRATE, 30, ("convert_masters", "apply_config")),
    ("load_products", K.MIGRATE, 25, ("load_customers",)),
    ("load_suppliers", K.MIGRATE, 15, ("load_products",)),
    ("load_price_lists", K.MIGRATE, 20, ("load_suppliers",)),
    ("load_fixed_assets", K.MIGRATE, 25, ("load_price_lists",)),
    ("load_gl_balances", K.MIGRATE, 30, ("load_fixed_assets",)),
    ("verify_masters", K.VERIFY, 20, ("load_gl_balances",)),
    ("load_purchase_orders", K.MIGRATE, 40, ("verify_masters",)),
    ("load_open_orders", K.MIGRATE, 35, ("convert_transactions", "load_customers")),
    ("load_receivables", K.MIGRATE, 30, ("load_open_orders",)),
    ("load_inventory", K.MIGRATE, 45, ("load_receivables",)),
    ("load_payables", K.MIGRATE, 30, ("load_inventory",)),
    ("verify_transactions", K.VERIFY, 20, ("load_payables",)),
    ("reconcile_counts", K.VERIFY, 30, ("load_purchase_orders", "verify_transactions")),
    ("reconcile_amounts", K.VERIFY, 30, ("reconcile_counts",)),
    ("backup_new_db", K.BACKUP, 30, ("reconcile_amounts",)),
    ("rollback_point_final", K.ROLLBACK_POINT, 5, ("backup_new_db",)),
    ("smoke_test", K.VERIFY, 30, ("rollback_point_final",)),
    ("key_user_check", K.VERIFY, 40, ("smoke_test",)),
    ("switch_interfaces", K.SWITCH, 15, ("key_user_check",)),
    ("enable_batch_jobs", K.OTHER, 10, ("key_user_check",)),
    ("switch_dns", K.SWITCH, 10, ("switch_interfaces", "enable_batch_jobs")),
    ("enable_monitoring", K.OTHER, 10, ("switch_dns",)),
    ("final_go_decision", K.OTHER, 15, ("enable_monitoring",)),
    ("open_to_users", K.SWITCH, 5, ("final_go_decision",)),
    ("announce_service_in", K.OTHER, 10, ("open_to_users",)),
)
BUSINESS_RELEASE_STEP = "open_to_users"
RUNBOOK_STARTED_HOURS_AGO = 6
# At "now" these two run side by side: one on time, one late because the step before it overran.
RUNNING_STEP = "load_purchase_orders"
LATE_STEP = "load_inventory"
OVERRUN_STEP = "load_receivables"

STEP_OWNERS: dict[StepKind, tuple[str, ...]] = {
    K.BACKUP: ("dba",),
    K.MIGRATE: ("migration_lead", "dba", "app_sales", "app_purchasing", "app_accounting"),
    K.VERIFY: ("qa_lead", "business_owner", "migration_lead"),
    K.SWITCH: ("it_ops_lead",),
    K.ROLLBACK_POINT: ("launch_lead",),
    K.OTHER: ("it_ops_lead", "launch_lead", "pmo"),
}

# (key, typical source rows, tolerance as a share of the rows). Pending objects load in unfinished steps.
OBJECTS: tuple[tuple[str, int, float], ...] = (
    ("customer", 48_200, 0.0),
    ("customer_address", 61_750, 0.0),
    ("product", 12_480, 0.0),
    ("product_price", 86_300, 0.0),
    ("supplier", 3_420, 0.0),
    ("warehouse", 38, 0.0),
    ("employee", 1_280, 0.0),
    ("gl_account", 2_150, 0.0),
    ("tax_code", 64, 0.0),
    ("payment_terms", 120, 0.0),
    ("bank_account", 6_900, 0.0),
    ("sales_order", 184_000, 0.0),
    ("sales_order_line", 1_260_000, 0.0),
    ("shipment", 142_000, 0.0),
    ("invoice", 176_500, 0.0),
    ("invoice_line", 1_190_000, 0.0),
    ("receivable", 38_400, 0.0),
    ("purchase_order", 52_300, 0.0),
    ("purchase_order_line", 318_000, 0.0),
    ("goods_receipt", 49_800, 0.0),
    ("payable", 21_600, 0.0),
    ("inventory_balance", 96_400, 0.0),
    ("stock_movement", 4_850_000, 0.0001),
    ("gl_balance", 25_800, 0.0),
    ("journal_entry", 2_340_000, 0.0),
    ("fixed_asset", 7_450, 0.0),
    ("budget", 14_200, 0.0),
    ("sales_quote", 22_100, 0.0),
    ("document", 310_000, 0.0002),
    ("operation_log", 8_900_000, 0.0005),
)
PENDING_OBJECTS = frozenset({"purchase_order", "purchase_order_line", "inventory_balance", "payable"})
MISMATCHED_OBJECTS = frozenset({"sales_order_line", "stock_movement"})
ACCEPTED_OBJECT = "customer"  # duplicates merged during cleansing: a 想定差異
CLEANSED_OBJECTS = frozenset({"customer", "customer_address", "product", "supplier", "bank_account"})
