"""The launch file's schema, as an ordered set of sqlite-utils migrations recorded in the file itself.

Never edit a migration that has shipped: add a new one. A file whose recorded migrations include a
name this list does not know was written by a newer cockpit and is refused.
"""

from __future__ import annotations

import json
import re
import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from cockpit.domain.url_secrets import redact_url
from cockpit.store.chain import chain_existing_rows
from cockpit.store.run_counts import recount_runs
from cockpit.store.schema_sql import (
    SCHEMA_0001,
    SCHEMA_0002,
    SCHEMA_0003,
    SCHEMA_0004,
    SCHEMA_0005,
    SCHEMA_0006,
    SCHEMA_0007,
)
from cockpit.store.schema_sql_since_0008 import (
    SCHEMA_0008,
    SCHEMA_0009,
    SCHEMA_0009_AUDIT,
    SCHEMA_0010,
    SCHEMA_0011,
    SCHEMA_0012,
    SCHEMA_0013,
    SCHEMA_0014,
)
from cockpit.store.schema_version import KNOWN_MIGRATIONS, MIGRATION_SET

migrations = Migrations(MIGRATION_SET)


def _statements(script: str) -> list[str]:
    """Split a script into statements; ``executescript`` would commit the caller's transaction."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [s for s in statements if s]


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    for statement in _statements(SCHEMA_0001):
        db.execute(statement)


@migrations(name="0002_sources")
def _sources(db: Database) -> None:
    for statement in _statements(SCHEMA_0002):
        db.execute(statement)


@migrations(name="0003_test_cases_cheap_check")
def _test_cases_cheap_check(db: Database) -> None:
    for statement in _statements(SCHEMA_0003):
        db.execute(statement)


@migrations(name="0004_table_imports")
def _table_imports(db: Database) -> None:
    for statement in _statements(SCHEMA_0004):
        db.execute(statement)


@migrations(name="0005_step_attempts")
def _step_attempts(db: Database) -> None:
    for statement in _statements(SCHEMA_0005):
        db.execute(statement)


@migrations(name="0006_table_import_counts")
def _table_import_counts(db: Database) -> None:
    for statement in _statements(SCHEMA_0006):
        db.execute(statement)


@migrations(name="0007_import_staging")
def _import_staging(db: Database) -> None:
    for statement in _statements(SCHEMA_0007):
        db.execute(statement)
    _redact_source_urls(db.conn)


def _redact_source_urls(conn: sqlite3.Connection) -> None:
    """Source URLs stored before secret-looking ones were refused may hold a credential, in ``sources`` and in
    the audit trail every teammate can read: mask it in both (``domain.url_secrets``). It cannot be recovered;
    the Sources window and ``source list`` say so, and that the URL must be entered again."""
    for row_id, url in conn.execute("SELECT id, url FROM sources").fetchall():
        masked = redact_url(url)
        if masked != url:
            conn.execute("UPDATE sources SET url = ? WHERE id = ?", [masked, row_id])
    masked_rows: list[tuple[str | None, str | None, int]] = []
    for audit_id, old, new in conn.execute(
        "SELECT id, old, new FROM audit WHERE table_name = 'sources' AND (old LIKE '%\"url\"%' OR new LIKE '%\"url\"%')"
    ).fetchall():
        masked_old, masked_new = _redacted_values(old), _redacted_values(new)
        if (masked_old, masked_new) != (old, new):
            masked_rows.append((masked_old, masked_new, audit_id))
    if masked_rows:
        # The one change ever made to audit rows: a secret must not stay where everyone reads it. The trigger
        # that keeps the trail append-only is set again in the same transaction.
        conn.execute("DROP TRIGGER audit_no_update")
        conn.executemany("UPDATE audit SET old = ?, new = ? WHERE id = ?", masked_rows)
        conn.execute(
            "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
            "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
        )


def _redacted_values(text: str | None) -> str | None:
    if not text:
        return text
    try:
        values = json.loads(text)
    except ValueError:
        return text
    if not isinstance(values, dict) or not isinstance(values.get("url"), str):
        return text
    masked = redact_url(values["url"])
    if masked == values["url"]:
        return text
    return json.dumps({**values, "url": masked}, ensure_ascii=False)


@migrations(name="0008_presence_notes")
def _presence_notes(db: Database) -> None:
    for statement in _statements(SCHEMA_0008):
        db.execute(statement)


_AUDIT_APPEND_ONLY = """
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
"""


@migrations(name="0009_decision_rounds")
def _decision_rounds(db: Database) -> None:
    for statement in _statements(SCHEMA_0009) + _statements(SCHEMA_0009_AUDIT):
        db.execute(statement)
    chain_existing_rows(db.conn)
    for statement in _statements(_AUDIT_APPEND_ONLY):
        db.execute(statement)


@migrations(name="0010_rehearsals")
def _rehearsals(db: Database) -> None:
    for statement in _statements(SCHEMA_0010):
        db.execute(statement)


# A table import of KPI values, and a Prometheus server as a source, are kinds the CHECKs of 0002 and 0004
# do not allow. SQLite cannot alter a CHECK, so both tables are rebuilt from their own stored definition
# with the one clause widened: a column another migration added to them is carried over as it is.
_WIDENED_CHECKS = {
    # Each clause is widened where it starts, whatever follows it: a kind another migration added stays.
    "sources": (
        ("kind IN ('results', 'table'", "kind IN ('results', 'table', 'prometheus'"),
        (
            "table_kind IN ('checklist', 'risks', 'tickets', 'steps', 'objects'",
            "table_kind IN ('checklist', 'risks', 'tickets', 'steps', 'objects', 'kpi_values'",
        ),
        (
            "(kind = 'table' AND table_kind IS NOT NULL AND level IS NULL)",
            "(kind = 'table' AND table_kind IS NOT NULL AND level IS NULL)\n"
            "        OR (kind = 'prometheus' AND table_kind IS NULL AND level IS NULL)",
        ),
    ),
    "table_imports": (("OR kind = 'objects'", "OR kind = 'objects' OR kind = 'kpi_values'"),),
}


def _widen_checks(db: Database, table: str, replacements: tuple[tuple[str, str], ...]) -> None:
    conn = db.conn
    (sql,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
    ).fetchone()
    for old, new in replacements:
        if old not in sql:
            raise RuntimeError(f"0011_kpis: the {table} table's CHECK is not as 0002/0004 wrote it")
        sql = sql.replace(old, new)
    # Its indexes and triggers go with the old table: made again on the new one, as they were.
    indexes = [
        row[0]
        for row in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL",
            [table],
        )
    ]
    rebuilt = f"{table}_rebuilt"
    # The name as the file spells it: quoted once a migration has renamed the table into place.
    conn.execute(re.sub(rf'^CREATE TABLE\s+("?){table}\1', f"CREATE TABLE {rebuilt}", sql, count=1))
    conn.execute(f"INSERT INTO {rebuilt} SELECT * FROM {table}")
    conn.execute(f"DROP TABLE {table}")
    conn.execute(f"ALTER TABLE {rebuilt} RENAME TO {table}")
    for index in indexes:
        conn.execute(index)


@migrations(name="0011_kpis")
def _kpis(db: Database) -> None:
    for statement in _statements(SCHEMA_0011):
        db.execute(statement)
    for table, replacements in _WIDENED_CHECKS.items():
        _widen_checks(db, table, replacements)


@migrations(name="0012_support_clocks_reviews")
def _support_clocks_reviews(db: Database) -> None:
    for statement in _statements(SCHEMA_0012):
        db.execute(statement)


@migrations(name="0013_case_counts_index")
def _case_counts_index(db: Database) -> None:
    for statement in _statements(SCHEMA_0013):
        db.execute(statement)


@migrations(name="0014_run_counts")
def _run_counts(db: Database) -> None:
    for statement in _statements(SCHEMA_0014):
        db.execute(statement)
    recount_runs(db.conn)


if tuple(m.name for m in migrations._migrations) != KNOWN_MIGRATIONS:
    raise RuntimeError("schema_version.KNOWN_MIGRATIONS must list every migration, in order")
