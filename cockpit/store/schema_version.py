"""The schema's migration names, importable without sqlite-utils (which pulls in numpy at import).

Opening a current launch file is the hot path of every CLI edit; it only needs these names.
``migrations.py`` checks at import that its registered migrations match this list exactly.
"""

MIGRATION_SET = "cockpit"
KNOWN_MIGRATIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_sources",
    "0003_test_cases_cheap_check",
    "0004_table_imports",
    "0005_step_attempts",
    "0006_table_import_counts",
    "0007_import_staging",
    "0008_presence_notes",
    "0009_decision_rounds",
    "0010_rehearsals",
    "0011_kpis",
    "0012_support_clocks_reviews",
    "0013_case_counts_index",
    "0014_run_counts",
)
