"""import_results: one run per call, written whole with its audit, never twice for the same files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cockpit.domain.tests import TestLevel
from cockpit.errors import BadInput
from cockpit.services.import_results import import_results
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from tests.paths import FIXTURES as FIXTURES_ROOT

FIXTURES = FIXTURES_ROOT / "junit"
REAL_FIXTURE = FIXTURES / "real" / "jest-junit-large-4239-cases.xml"


def run_import(launch_path: Path, *paths: Path, run_name: str | None = None, progress=None):
    with open_launch(launch_path) as lf:
        return import_results(
            lf,
            paths=list(paths),
            level=TestLevel.REGRESSION,
            run_name=run_name,
            actor="sato",
            progress=progress,
        )


def rows(launch_path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(launch_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_real_jest_file_imports_with_its_true_counts(launch_path: Path) -> None:
    outcome = run_import(launch_path, REAL_FIXTURE)
    assert (outcome.cases, outcome.passed, outcome.failed, outcome.errors, outcome.skipped) == (
        4239,
        4207,
        2,
        0,
        30,
    )
    with open_launch(launch_path) as lf:
        run = load_launch(lf).runs[-1]
    assert (run.total, run.passed, run.failed, run.skipped, run.level) == (
        4239,
        4207,
        2,
        30,
        TestLevel.REGRESSION,
    )
    assert run.name == "jest tests" and run.source == REAL_FIXTURE.name
    assert run.started_at is not None and run.started_at.utcoffset() is not None
    assert run.updated_by == "sato"
    assert rows(
        launch_path, "SELECT COUNT(*) FROM test_cases WHERE name LIKE 'saveSnapshotFile() works with%'"
    )[0][0]


def test_the_run_and_its_cases_are_audited_in_two_rows(launch_path: Path) -> None:
    before = rows(launch_path, "SELECT COUNT(*) FROM audit")[0][0]
    outcome = run_import(launch_path, FIXTURES / "surefire-flaky-rerun.xml", run_name="Nightly 5/1")
    audit = rows(launch_path, f"SELECT action, table_name, row_id, summary FROM audit WHERE id > {before}")
    assert [(a, t) for a, t, _, _ in audit] == [("insert", "test_runs"), ("import", "test_cases")]
    assert audit[0][2] == outcome.run_id and "9 test cases" in audit[1][3]
    assert outcome.flaky == 2 and outcome.errors == 2
    assert set(outcome.changes.rows) == {"test_runs", "test_cases"}
    assert rows(launch_path, "SELECT name FROM test_runs") == [("Nightly 5/1",)]


def test_reimporting_the_same_file_is_refused_naming_the_run(launch_path: Path, tmp_path: Path) -> None:
    first = run_import(launch_path, FIXTURES / "gradle.xml")
    copy = tmp_path / "renamed.xml"
    copy.write_bytes((FIXTURES / "gradle.xml").read_bytes())
    before = launch_path.read_bytes()
    with pytest.raises(BadInput) as refused:
        run_import(launch_path, copy)
    message = str(refused.value)
    assert f"already imported as run #{first.run_id}" in message
    assert "com.example.order.OrderServiceTest" in message and "sato" in message and "gradle.xml" in message
    assert launch_path.read_bytes() == before


def test_several_files_become_one_run_and_their_order_does_not_matter(launch_path: Path) -> None:
    a, b = FIXTURES / "jest-junit.xml", FIXTURES / "karma.xml"
    outcome = run_import(launch_path, a, b)
    assert outcome.cases == 5 + 3
    assert rows(launch_path, "SELECT COUNT(*) FROM test_runs") == [(1,)]
    assert rows(launch_path, "SELECT name, source FROM test_runs") == [
        ("jest tests and 1 more file(s)", "jest-junit.xml, karma.xml")
    ]
    with pytest.raises(BadInput, match="already imported"):
        run_import(launch_path, b, a)
    second = run_import(launch_path, a)  # one of them alone is a different set of results
    assert second.run_id != outcome.run_id


def test_the_same_file_twice_in_one_import_is_refused(launch_path: Path) -> None:
    with pytest.raises(BadInput, match="hold the same results"):
        run_import(launch_path, FIXTURES / "ctest.xml", FIXTURES / "ctest.xml")


def test_every_format_imports_through_the_service(launch_path: Path) -> None:
    for name in ("nunit2.xml", "nunit3.xml", "xunit2.xml", "mstest.trx", "testng-results.xml"):
        run_import(launch_path, FIXTURES / name)
    assert rows(launch_path, "SELECT COUNT(*) FROM test_cases") == [(6 + 6 + 5 + 6 + 6,)]


def test_progress_climbs_to_100_once_written(launch_path: Path) -> None:
    seen: list[int] = []
    run_import(launch_path, REAL_FIXTURE, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 100 and max(seen[:-1]) <= 99


def test_a_shift_jis_file_is_read_through_a_codec(launch_path: Path, tmp_path: Path) -> None:
    sjis = tmp_path / "sjis.xml"
    text = (
        '<?xml version="1.0" encoding="Shift_JIS"?>\n<testsuite name="受入テスト">'
        '<testcase classname="受入.ログイン" name="正しいパスワード" time="1.5"/>'
        '<testcase classname="受入.ログイン" name="誤ったパスワード"><failure message="エラー"/></testcase>'
        "</testsuite>\n"
    )
    sjis.write_bytes(text.encode("shift_jis"))
    outcome = run_import(launch_path, sjis)
    assert (outcome.cases, outcome.failed) == (2, 1)
    assert rows(launch_path, "SELECT name, message FROM test_cases ORDER BY id") == [
        ("正しいパスワード", ""),
        ("誤ったパスワード", "エラー"),
    ]


def test_a_utf16_file_with_a_bom_is_not_mistaken_for_binary(launch_path: Path, tmp_path: Path) -> None:
    utf16 = tmp_path / "pester.xml"
    text = '<?xml version="1.0" encoding="utf-16"?><testsuite name="Pester"><testcase name="Get-Cart works"/></testsuite>'
    utf16.write_bytes(text.encode("utf-16"))
    assert run_import(launch_path, utf16).cases == 1
