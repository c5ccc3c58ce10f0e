"""Hypercare KPIs on a real launch file: the template's defaults, edits, values typed, imported from a CSV
and pulled from a Prometheus stand-in on 127.0.0.1, and what the status says of them."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cockpit.domain.kpis import Direction
from cockpit.domain.sources import RefreshStatus
from cockpit.errors import BadInput, Conflict
from cockpit.importers.sources import SourceUnreachable
from cockpit.secrets import Credentials
from cockpit.services.import_table import import_table, preview_table
from cockpit.services.kpis import add_kpi, record_kpi_value, remove_kpi, update_kpi
from cockpit.services.sources import add_source, refresh_source
from cockpit.services.status import build_status
from cockpit.services.templates import create_from_template
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.store.refresh import refresh_snapshot
from cockpit.store.watch import Snapshot
from tests.unit.services.kpis.conftest import TOKEN

GO_LIVE = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
NOW = GO_LIVE + timedelta(days=2)


@pytest.fixture
def standard(tmp_path: Path):
    path = tmp_path / "standard.golive"
    create_from_template(path, name="Orders", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="lead")
    lf = open_launch(path)
    yield lf
    lf.close()


def hypercare(lf) -> dict:
    return build_status(load_launch(lf), now=NOW)["hypercare"]


def test_a_standard_launch_starts_with_the_five_kpis_and_their_targets(standard) -> None:
    kpis = {k.name: k for k in load_launch(standard).kpis}
    assert [(k.target, k.direction, k.unit) for k in kpis.values()] == [
        (99.9, Direction.AT_LEAST, "%"),
        (800.0, Direction.AT_MOST, "ms"),
        (0.5, Direction.AT_MOST, "%"),
        (100.0, Direction.AT_LEAST, "%"),
        (3.0, Direction.AT_MOST, ""),
    ]
    assert list(kpis) == [
        "Uptime",
        "Response time (p95)",
        "Error rate",
        "Batch jobs on time",
        "Open incidents",
    ]
    assert {k["name"]: k["met"] for k in hypercare(standard)["kpis"]} == dict.fromkeys(kpis)


def test_the_japanese_template_names_them_in_japanese(tmp_path: Path) -> None:
    path = tmp_path / "ja.golive"
    create_from_template(path, name="受注", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="lead", lang="ja")
    with open_launch(path, read_only=True) as lf:
        assert [k.name for k in load_launch(lf).kpis][:3] == ["稼働率", "応答時間(p95)", "エラー率"]


def test_typed_values_decide_met_and_breached_by_the_latest(standard) -> None:
    record_kpi_value(standard, actor="ops", kpi="uptime", value="99.95", at="2026-12-02T09:00+09:00")
    record_kpi_value(standard, actor="ops", kpi="Uptime", value=99.2, at="2026-12-02T10:00")  # launch's zone
    record_kpi_value(standard, actor="ops", kpi="error rate", value="0,3 %", at=GO_LIVE + timedelta(hours=2))
    facts = {k["name"]: k for k in hypercare(standard)["kpis"]}
    assert (facts["Uptime"]["latest"], facts["Uptime"]["met"]) == (99.2, False)
    assert facts["Uptime"]["latest_at"] == "2026-12-02T10:00:00+09:00"
    assert (facts["Error rate"]["latest"], facts["Error rate"]["met"]) == (0.3, True)
    status = hypercare(standard)
    assert (status["measured"], status["breached"], status["breached_values"]) == (2, 1, 1)


def test_bad_values_and_unknown_kpis_are_refused_naming_the_fix(standard) -> None:
    with pytest.raises(BadInput, match="must be a number, like 99.9"):
        record_kpi_value(standard, actor="ops", kpi="Uptime", value="high")
    with pytest.raises(BadInput, match="no KPI named 'Latency'; the KPIs are: Uptime, "):
        record_kpi_value(standard, actor="ops", kpi="Latency", value=1)
    with pytest.raises(BadInput, match="already a KPI named"):
        add_kpi(standard, actor="ops", name="UPTIME", target=99, direction=">=")
    with pytest.raises(BadInput, match="not a valid direction"):
        add_kpi(standard, actor="ops", name="Throughput", target=10, direction="up")
    assert hypercare(standard)["measured"] == 0


def test_edit_and_remove_a_kpi_with_its_values(standard) -> None:
    edit = add_kpi(standard, actor="ops", name="Throughput", target="120", direction="≥", unit="req/s")
    kpi_id = edit.row["id"]
    record_kpi_value(standard, actor="ops", kpi=kpi_id, value=100, at=NOW)
    update_kpi(standard, actor="ops", kpi_id=kpi_id, target=90, expect_version=1)
    with pytest.raises(Conflict):
        update_kpi(standard, actor="bob", kpi_id=kpi_id, unit="rps", expect_version=1)
    facts = {k["name"]: k for k in hypercare(standard)["kpis"]}
    assert (facts["Throughput"]["target"], facts["Throughput"]["met"]) == (90.0, True)
    before = Snapshot(data=load_launch(standard), audit_id=_audit_mark(standard), last_event=None)
    remove_kpi(standard, actor="ops", kpi_id=kpi_id, expect_version=2)
    assert standard.conn.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == 0
    # The values went with the KPI: a refresh sees that as well as a full read does.
    refreshed = refresh_snapshot(standard, before)
    assert refreshed is not None and refreshed.snapshot.data == load_launch(standard)


def _audit_mark(lf) -> int:
    return lf.conn.execute("SELECT max(id) FROM audit").fetchone()[0]


def test_values_imported_from_a_csv_by_kpi_name(standard, tmp_path: Path) -> None:
    table = tmp_path / "kpi-values.csv"
    table.write_text(
        "日時,指標,値\n2026-12-02 09:00,Uptime,99.97\n2026/12/02 10:00,p95?,1\n2026-12-02 10:00,Error rate,0.8\n",
        encoding="utf-8",
    )
    preview = preview_table(table, kind="kpi_values", tz="Asia/Tokyo", launch_file=standard)
    assert preview.mapping.as_dict() == {"日時": "at", "指標": "kpi", "値": "value"}
    assert [b.line for b in preview.plan.bad] == [3]
    assert "no KPI named 'p95?'" in preview.plan.bad[0].reasons[0]
    outcome = import_table(standard, preview, actor="ops", accept_partial=True)
    assert outcome.imported == 2
    values = load_launch(standard).kpi_values
    assert [(v.value, v.source, v.at) for v in values] == [
        (99.97, "kpi-values.csv", datetime(2026, 12, 2, 0, 0, tzinfo=UTC)),
        (0.8, "kpi-values.csv", datetime(2026, 12, 2, 1, 0, tzinfo=UTC)),
    ]
    assert hypercare(standard)["breached"] == 1


def test_a_prometheus_source_pulls_each_kpis_query_over_the_last_day(
    standard, fake_prometheus, memory_keyring
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    earlier, later = int(now.timestamp()) - 600, int(now.timestamp()) - 300
    kpis = load_launch(standard).kpis
    uptime = kpis[0]
    fake_prometheus.series.update({kpi.query: [] for kpi in kpis if kpi.query})  # no data yet
    fake_prometheus.series[uptime.query] = [[earlier, "99.95"], [later, "NaN"], [later + 1, "99.5"]]
    update_kpi(standard, actor="ops", kpi_id=5, query="count(alerts)")
    fake_prometheus.series["count(alerts)"] = [[later, "2"]]
    credentials = Credentials()
    source = add_source(
        standard,
        actor="ops",
        name="Prometheus prod",
        url=fake_prometheus.url,
        kind="prometheus",
        auth="token",
        secret=TOKEN,
        credentials=credentials,
        poll_minutes=5,
    ).source
    outcome = refresh_source(standard, source.id, actor="ops", credentials=credentials)
    assert outcome.status is RefreshStatus.IMPORTED
    assert "3 KPI values from Prometheus" in outcome.message
    asked = {a["query"]: a for a in fake_prometheus.asked}
    # Every KPI with a query was asked (the template's three, and the one given now), over the last day.
    assert set(asked) == {kpi.query for kpi in kpis if kpi.query} | {"count(alerts)"}
    assert asked["count(alerts)"]["step"] == "300s"
    assert float(asked["count(alerts)"]["end"]) - float(asked["count(alerts)"]["start"]) == 86400
    facts = {k["name"]: k for k in hypercare(standard)["kpis"]}
    assert (facts["Uptime"]["latest"], facts["Uptime"]["met"]) == (99.5, False)
    assert (facts["Open incidents"]["latest"], facts["Open incidents"]["met"]) == (2.0, True)
    sources = {v.source for v in load_launch(standard).kpi_values}
    assert sources == {"Prometheus prod"}
    # Asked again: the same answers add nothing.
    again = refresh_source(standard, source.id, actor="ops", credentials=credentials)
    assert again.status is RefreshStatus.UNCHANGED
    assert len(load_launch(standard).kpi_values) == 3
    # The token lives in the keyring; the file holds its reference only.
    dump = "\n".join(sqlite3.connect(standard.path).iterdump())
    assert TOKEN not in dump


def test_a_query_prometheus_refuses_is_recorded_on_the_source(
    standard, fake_prometheus, memory_keyring
) -> None:
    update_kpi(standard, actor="ops", kpi_id=1, query="up{")
    for kpi_id in (2, 3):
        update_kpi(standard, actor="ops", kpi_id=kpi_id, query="")
    credentials = Credentials()
    source = add_source(
        standard,
        actor="ops",
        name="Prometheus",
        url=fake_prometheus.url,
        kind="prometheus",
        auth="token",
        secret=TOKEN,
        credentials=credentials,
    ).source
    with pytest.raises(SourceUnreachable, match=r"HTTP 400 .* \(KPI 'Uptime', query 'up\{'\)"):
        refresh_source(standard, source.id, actor="ops", credentials=credentials)
    row = standard.conn.execute("SELECT last_status FROM sources WHERE id = ?", [source.id]).fetchone()
    assert row[0] == "failed"
    assert load_launch(standard).kpi_values == ()
