"""Migration 0014_run_counts: each run's counts by outcome are kept on its row, filled from its cases on a file
from before it (upgraded when opened), written by the import on a launch set up with `cockpit new`, and counted
again when cases are written another way; the index 0013 kept up for them is gone."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from cockpit.store.launchfile import APPLICATION_ID, open_launch
from cockpit.store.migrations import migrations
from cockpit.store.read import read_cases, read_runs
from tests.cli.in_process import Cockpit
from tests.launches import new_launch

# (outcome, flaky) of the cases of two runs; run 2 has none.
CASES = [("passed", 0)] * 5 + [("passed", 1), ("failed", 0), ("failed", 0), ("error", 0), ("skipped", 0)]


def _indexes(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def _counts_by_hand(conn: sqlite3.Connection, run_id: int) -> dict[str, int]:
    cases = read_cases(conn, [run_id])
    outcomes = Counter(case.outcome.value for case in cases)
    return {
        "total": len(cases),
        "passed": outcomes["passed"],
        "failed": outcomes["failed"],
        "errors": outcomes["error"],
        "skipped": outcomes["skipped"],
        "flaky": sum(case.flaky for case in cases),
    }


def test_a_file_from_before_the_counts_is_upgraded_and_counts_its_runs_alike(tmp_path: Path) -> None:
    path = tmp_path / "old.golive"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA journal_mode = DELETE")
    migrations.apply(Database(conn), stop_before="0014_run_counts")
    conn.execute(
        "INSERT INTO launch (id, name, go_live, timezone) VALUES (1, '販売管理', '2026-12-01T09:00:00+09:00', "
        "'Asia/Tokyo')"
    )
    conn.execute("INSERT INTO test_runs (id, level, name) VALUES (1, 'regression', 'R1'), (2, 'smoke', 'S1')")
    conn.executemany(
        "INSERT INTO test_cases (run_id, classname, name, outcome, flaky) VALUES (1, 'c', ?, ?, ?)",
        [(f"case {n}", outcome, flaky) for n, (outcome, flaky) in enumerate(CASES)],
    )
    assert "test_cases_counts" in _indexes(conn)
    conn.close()

    with open_launch(path) as lf, lf.reading() as conn:
        assert "test_cases_counts" not in _indexes(conn)
        plan = " ".join(
            row[3] for row in conn.execute("EXPLAIN QUERY PLAN SELECT * FROM test_cases WHERE run_id = 1")
        )
        assert "test_cases_run" in plan  # a run's cases are still found by their run
        runs = read_runs(conn)
        assert [run.name for run in runs] == ["R1", "S1"]
        for run in runs:
            expected = _counts_by_hand(conn, run.id)
            assert {key: getattr(run, key) for key in expected} == expected
        assert (runs[0].total, runs[0].passed, runs[0].flaky, runs[0].errors) == (10, 6, 1, 1)
        assert (runs[1].total, runs[1].passed) == (0, 0)


def test_a_new_launch_keeps_the_counts_of_imported_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COCKPIT_LANG", "en")
    cli = Cockpit(capsys)
    path = tmp_path / "launch.golive"
    cli.ok("new", path, "--name", "Billing", "--go-live", "2026-12-01T09:00+09:00", "--template", "empty")
    inner = {"passed": "", "failed": '<failure message="boom">trace</failure>', "skipped": "<skipped/>"}
    for number, outcomes in enumerate((["passed", "failed", "skipped"], ["passed", "passed"])):
        results = tmp_path / f"run{number}.xml"
        cases = "".join(
            f'<testcase classname="billing.T" name="t{n}">{inner[outcome]}</testcase>'
            for n, outcome in enumerate(outcomes)
        )
        results.write_text(f'<testsuite name="billing">{cases}</testsuite>', encoding="utf-8")
        cli.ok("import", "junit", path, results, "--level", "regression", "--as", "tester")

    with open_launch(path) as lf, lf.reading() as conn:
        assert "test_cases_counts" not in _indexes(conn)
        runs = read_runs(conn)
        assert [(r.total, r.passed, r.failed, r.skipped) for r in runs] == [(3, 1, 1, 1), (2, 2, 0, 0)]
        for run in runs:
            expected = _counts_by_hand(conn, run.id)
            assert {key: getattr(run, key) for key in expected} == expected


def test_cases_written_another_way_are_counted_again(tmp_path: Path) -> None:
    path = new_launch(
        tmp_path / "launch.golive", name="Billing", go_live=datetime.fromisoformat("2026-12-01T09:00+09:00"),
        timezone="Asia/Tokyo", actor="lead",
    )  # fmt: skip
    with open_launch(path) as lf:
        with lf.writing("demo") as writer:
            run_id = writer.insert("test_runs", {"level": "smoke", "name": "S1"})["id"]
            writer.insert_many(
                "test_cases",
                [
                    {"run_id": run_id, "name": f"t{n}", "outcome": o, "flaky": f}
                    for n, (o, f) in enumerate(CASES)
                ],
                summary="cases",
            )
        with lf.writing("tester") as writer:
            first = writer.conn.execute("SELECT MIN(id) FROM test_cases").fetchone()[0]
            writer.update("test_cases", first, {"outcome": "failed"})
            writer.delete("test_cases", first + 1)
            writer.insert("test_cases", {"run_id": run_id, "name": "late", "outcome": "skipped"})
        with lf.reading() as conn:
            (run,) = read_runs(conn)
            expected = _counts_by_hand(conn, run_id)
            assert {key: getattr(run, key) for key in expected} == expected
            assert (run.total, run.passed, run.failed, run.skipped) == (10, 4, 3, 2)
