"""A launch's rows as stored (column → value), for comparing two files (``cockpit diff``).

Only the tables a person edits: test cases are compared through their runs, and the audit trail, imports
and heartbeats are a file's history and company, not its content. A row's "depends on" links are read
into a ``depends_on`` list, as the audit trail records them.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

COMPARED_TABLES = (
    "launch",
    "people",
    "checklist_items",
    "test_runs",
    "runbook_steps",
    "migration_objects",
    "risks",
    "tickets",
    "sla_policies",
    "gate_criteria",
    "signoffs",
    "review_notes",
)
_LINKS = {"checklist_items": ("checklist_deps", "item_id"), "runbook_steps": ("step_deps", "step_id")}

Rows = dict[str, dict[int, dict[str, Any]]]  # table → id → column → value


def read_rows(conn: sqlite3.Connection) -> Rows:
    """Every compared table that exists in the file, whole (call inside one read transaction)."""
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    rows: Rows = {}
    for table in COMPARED_TABLES:
        if table not in present:
            continue
        found = {row["id"]: dict(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY id")}
        if table in _LINKS:
            links, key = _LINKS[table]
            deps: dict[int, list[int]] = defaultdict(list)
            for row in conn.execute(f"SELECT {key}, depends_on_id FROM {links} ORDER BY depends_on_id"):
                deps[row[0]].append(row[1])
            for row_id, row in found.items():
                row["depends_on"] = deps.get(row_id, [])
        rows[table] = found
    return rows
