"""Migration 0011_kpis: a launch file from before it opens upgraded, with no KPIs, its sources and table
imports kept as they were (both tables rebuilt to admit a Prometheus source and a KPI-values import)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from cockpit.services.kpis import add_kpi, record_kpi_value
from cockpit.store.launchfile import APPLICATION_ID, open_launch
from cockpit.store.migrations import migrations
from cockpit.store.read import load_launch


def test_a_file_from_before_kpis_is_upgraded_keeping_its_sources_and_imports(tmp_path: Path) -> None:
    path = tmp_path / "old.golive"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA journal_mode = DELETE")
    migrations.apply(Database(conn), stop_before="0011_kpis")
    conn.execute(
        "INSERT INTO launch (id, name, go_live, timezone, stage) VALUES (1, '販売管理', "
        "'2026-12-01T09:00:00+09:00', 'Asia/Tokyo', 'hypercare')"
    )
    conn.execute(
        "INSERT INTO sources (name, url, kind, table_kind, poll_minutes) "
        "VALUES ('Tickets', 'https://desk.example.com/export.csv', 'table', 'tickets', 15)"
    )
    conn.execute(
        "INSERT INTO table_imports (kind, source, source_sha256, rows, imported_by, imported_at, updated) "
        f"VALUES ('risks', 'risks.csv', '{'a' * 64}', 3, 'sato', '2026-11-30T10:00:00+09:00', 1)"
    )
    conn.close()

    with open_launch(path) as lf:
        data = load_launch(lf)
        assert (data.kpis, data.kpi_values) == ((), ())
        source = lf.conn.execute("SELECT name, kind, table_kind, poll_minutes FROM sources").fetchone()
        assert tuple(source) == ("Tickets", "table", "tickets", 15)
        imported = lf.conn.execute("SELECT kind, source, rows, updated FROM table_imports").fetchone()
        assert tuple(imported) == ("risks", "risks.csv", 3, 1)
        indexes = {r[0] for r in lf.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "table_imports_sha256" in indexes
        add_kpi(lf, actor="sato", name="稼働率", target=99.9, direction="at_least", unit="%")
        record_kpi_value(lf, actor="sato", kpi="稼働率", value=99.95)
        lf.conn.execute(
            "INSERT INTO sources (name, url, kind) VALUES ('Prometheus', 'http://prometheus:9090', 'prometheus')"
        )
        lf.conn.execute(
            "INSERT INTO sources (name, url, kind, table_kind) "
            "VALUES ('KPI sheet', 'https://share.example.com/kpi.csv', 'table', 'kpi_values')"
        )
        assert [k.name for k in load_launch(lf).kpis] == ["稼働率"]
        assert lf.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert path.with_name("old.golive.before-upgrade").exists()
