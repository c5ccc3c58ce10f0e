"""kpi add|update|remove|list|record, the KPI-values table import and status --json's ``hypercare`` through
the CLI, on a launch made with ``cockpit new``: exit codes, what is printed, bad input that writes nothing."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from tests.cli.in_process import Cockpit
from tests.unit.services.kpis.conftest import TOKEN, fake_prometheus  # noqa: F401 (fixture)


@pytest.fixture
def launch(cli: Cockpit, tmp_path: Path) -> Path:
    path = tmp_path / "orders.golive"
    cli.ok("new", path, "--name", "Orders", "--go-live", "2026-12-01T09:00+09:00", "--timezone", "Asia/Tokyo")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_launch_lists_the_standard_kpis_without_values(cli: Cockpit, launch: Path) -> None:
    out = cli.ok("kpi", "list", launch).out
    assert "#1  Uptime  ≥ 99.9 %  no value yet" in out
    assert "#2  Response time (p95)  ≤ 800 ms  no value yet" in out
    listed = cli.ok("kpi", "list", launch, "--json").json()
    assert [(k["name"], k["direction"], k["met"]) for k in listed][-1] == ("Open incidents", "at_most", None)


def test_record_typed_values_and_status_says_what_is_breached(cli: Cockpit, launch: Path) -> None:
    written = cli.ok("kpi", "record", launch, "uptime", "99.95", "--at", "2026-12-02T09:00", "--json").json()
    assert (written["kpi_id"], written["value"], written["at"]) == (1, 99.95, "2026-12-02T09:00:00.000+09:00")
    cli.ok("kpi", "record", launch, "Uptime", "99.2", "--at", "2026-12-02T10:00+09:00", "--as", "sato")
    cli.ok("kpi", "record", launch, "#3", "0.1", "--at", "2026-12-02T10:00+09:00")
    out = cli.ok("kpi", "list", launch).out
    assert "#1  Uptime  ≥ 99.9 %  99.2 % (Wed 2 Dec 2026 10:00 JST) BREACHED" in out
    assert "#3  Error rate  ≤ 0.5 %  0.1 % (Wed 2 Dec 2026 10:00 JST) met" in out
    hypercare = cli.ok("status", launch, "--json").json()["hypercare"]
    assert (hypercare["measured"], hypercare["breached"], hypercare["breached_values"]) == (2, 1, 1)
    uptime = hypercare["kpis"][0]
    assert {k: uptime[k] for k in ("name", "latest", "target", "direction", "met", "latest_at")} == {
        "name": "Uptime",
        "latest": 99.2,
        "target": 99.9,
        "direction": "at_least",
        "met": False,
        "latest_at": "2026-12-02T10:00:00+09:00",
    }


def test_add_update_remove_a_kpi(cli: Cockpit, launch: Path) -> None:
    added = cli.ok(
        "kpi",
        "add",
        launch,
        "--name",
        "Throughput",
        "--target",
        "120",
        "--direction",
        ">=",
        "--unit",
        "req/s",
        "--json",
    ).json()
    assert (added["id"], added["version"], added["direction"]) == (6, 1, "at_least")
    updated = cli.ok(
        "kpi", "update", launch, "throughput", "--target", "100", "--expect-version", "1", "--json"
    )
    assert updated.json()["target"] == 100.0
    stale = cli("kpi", "update", launch, "Throughput", "--unit", "rps", "--expect-version", "1")
    assert stale.code == 3
    cli.ok("kpi", "record", launch, "Throughput", "95")
    removed = cli.ok("kpi", "remove", launch, "Throughput", "--expect-version", "2").out
    assert "KPI #6 removed" in removed
    assert "Throughput" not in cli.ok("kpi", "list", launch).out


def test_bad_input_names_the_fix_and_leaves_the_file_as_it_was(cli: Cockpit, launch: Path) -> None:
    before = digest(launch)
    refused = cli("kpi", "record", launch, "Latency", "12")
    assert refused.code == 2
    assert "There is no KPI named 'Latency'; the KPIs are: Uptime, Response time (p95)" in refused.err
    assert cli("kpi", "record", launch, "Uptime", "high").code == 2
    assert "must be a number, like 99.9" in cli("kpi", "record", launch, "Uptime", "high").err
    assert (
        cli("kpi", "add", launch, "--name", "Uptime", "--target", "99", "--direction", "at_least").code == 2
    )
    wrong = cli("kpi", "add", launch, "--name", "X", "--target", "1", "--direction", "up")
    assert wrong.code == 2 and "at_least, at_most" in wrong.err
    assert cli("kpi", "record", launch, "Uptime", "99", "--at", "yesterday").code == 2
    assert digest(launch) == before


def test_values_imported_from_a_csv(cli: Cockpit, launch: Path, tmp_path: Path) -> None:
    table = tmp_path / "kpi.csv"
    table.write_text("Time,KPI,Value\n2026-12-02 09:00,Uptime,99.97\n2026-12-02 09:00,Error rate,0.9\n")
    ran = cli.ok("import", "table", launch, "--kind", "kpi_values", table)
    assert "2 rows imported" in ran.out
    hypercare = cli.ok("status", launch, "--json").json()["hypercare"]
    latest = {k["name"]: (k["latest"], k["met"]) for k in hypercare["kpis"]}
    assert latest["Uptime"] == (99.97, True) and latest["Error rate"] == (0.9, False)
    assert hypercare["breached"] == 1


def test_a_prometheus_source_from_the_command_line(
    cli: Cockpit,
    launch: Path,
    fake_prometheus,  # noqa: F811
    memory_keyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    listed = cli.ok("kpi", "list", launch, "--json").json()
    now = int(time.time())
    fake_prometheus.series.update({k["query"]: [] for k in listed if k["query"]})
    fake_prometheus.series[listed[0]["query"]] = [[now - 60, "99.99"]]
    monkeypatch.setenv("PROM_TOKEN", TOKEN)
    cli.ok(
        "source",
        "add",
        launch,
        "--name",
        "Prometheus",
        "--url",
        fake_prometheus.url,
        "--kind",
        "prometheus",
        "--token-from-env",
        "PROM_TOKEN",
        "--poll-minutes",
        "5",
    )
    assert "[prometheus KPIs, token, every 5 min]" in cli.ok("source", "list", launch).out
    refreshed = cli.ok("source", "refresh", launch)
    assert "1 KPI value from Prometheus (3 KPIs asked)." in refreshed.out
    uptime = cli.ok("status", launch, "--json").json()["hypercare"]["kpis"][0]
    assert (uptime["latest"], uptime["met"]) == (99.99, True)
    wrong = cli(
        "source",
        "add",
        launch,
        "--name",
        "P2",
        "--url",
        fake_prometheus.url,
        "--kind",
        "prometheus",
        "--table-kind",
        "tickets",
    )
    assert wrong.code == 2 and "takes no test level and no table kind" in wrong.err
