"""import table | junit and export through the real CLI: counts, bad-row lines, exit codes, files unchanged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from openpyxl import load_workbook

from tests.cli.conftest import run_cockpit, run_json

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tables"

JUNIT = """<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="orders" tests="99" failures="0">
    <testcase classname="orders.Totals" name="rounds tax" time="0.012"/>
    <testcase classname="orders.Totals" name="tax exempt" time="0.020">
      <failure message="expected 1000, got 1080">AssertionError</failure>
    </testcase>
    <testcase classname="orders.Export" name="csv" time="0.5"><error message="boom"/></testcase>
    <testcase classname="orders.Export" name="pdf"><skipped/></testcase>
  </testsuite>
</testsuites>
"""


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_import_servicenow_prints_mapping_and_count(empty_launch: Path) -> None:
    result = run_cockpit(
        "import",
        "table",
        empty_launch,
        "--kind",
        "tickets",
        FIXTURES / "servicenow_incidents.csv",
        "--as",
        "sato",
    )
    assert result.returncode == 0, result.stderr
    assert "Short description → Title" in result.stdout and "Priority → Severity" in result.stdout
    assert "5 good rows, 0 bad rows." in result.stdout
    assert "5 rows imported into tickets." in result.stdout
    status = run_json("status", empty_launch)
    assert status["support"]["open_per_severity"]["P1"] == 1
    with sqlite3.connect(empty_launch) as conn:
        assert conn.execute("SELECT DISTINCT updated_by FROM tickets").fetchall() == [("sato",)]


def test_bad_rows_exit_2_listing_lines_and_leave_the_file_unchanged(empty_launch: Path) -> None:
    before = empty_launch.read_bytes()
    result = run_cockpit("import", "table", empty_launch, "--kind", "risks", FIXTURES / "risks_bad_rows.csv")
    assert result.returncode == 2
    assert "line 3: Title: missing" in result.stdout
    assert "line 4: Likelihood: 7 is out of the 1–5 range" in result.stdout
    assert "line 5: Impact: 'huge' is not a rating from 1 to 5" in result.stdout
    assert "line 9: Status: '検討中'" in result.stdout
    assert "nothing was written" in result.stderr
    assert empty_launch.read_bytes() == before


def test_accept_partial_json(empty_launch: Path) -> None:
    result = run_cockpit(
        "import", "table", empty_launch, "--kind", "risks", FIXTURES / "risks_bad_rows.csv", "--accept-partial",
        "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["good"], report["imported"], report["left_out"]) == (3, 3, 4)
    assert [b["line"] for b in report["bad"]] == [3, 4, 5, 9]
    assert report["mapping"]["発生可能性"] == "likelihood"
    assert _count(empty_launch, "risks") == 3


def test_refusal_in_json_still_prints_the_reasons(empty_launch: Path) -> None:
    result = run_cockpit(
        "import", "table", empty_launch, "--kind", "risks", FIXTURES / "risks_bad_rows.csv", "--json"
    )
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["imported"] == 0 and len(report["bad"]) == 4


def test_shift_jis_checklist_and_hand_mapping(empty_launch: Path, tmp_path: Path) -> None:
    run_cockpit("import", "table", empty_launch, "--kind", "checklist", FIXTURES / "checklist_ja_sjis.csv",
                check=True)  # fmt: skip
    assert run_json("status", empty_launch)["checklist"]["total"] == 7
    odd = tmp_path / "odd.csv"
    odd.write_text("What,Level\nDisk full,Sev2\n", encoding="utf-8")
    refused = run_cockpit("import", "table", empty_launch, "--kind", "tickets", odd)
    assert refused.returncode == 2 and "no column holds Title, Severity" in refused.stderr
    mapped = run_cockpit(
        "import",
        "table",
        empty_launch,
        "--kind",
        "tickets",
        odd,
        "--map",
        "What=title",
        "--map",
        "Level=severity",
    )
    assert mapped.returncode == 0, mapped.stderr
    assert _count(empty_launch, "tickets") == 1
    wrong = run_cockpit("import", "table", empty_launch, "--kind", "tickets", odd, "--map", "What")
    assert wrong.returncode == 2 and "COLUMN=FIELD" in wrong.stderr


def test_missing_table_file_is_bad_input(empty_launch: Path, tmp_path: Path) -> None:
    result = run_cockpit("import", "table", empty_launch, "--kind", "risks", tmp_path / "nope.csv")
    assert result.returncode == 2 and "does not exist" in result.stderr


def test_export_csv_and_xlsx(empty_launch: Path, tmp_path: Path) -> None:
    run_cockpit("import", "table", empty_launch, "--kind", "steps", FIXTURES / "runbook_ja.tsv", check=True)
    before = empty_launch.read_bytes()
    out = run_json("export", empty_launch, "--kind", "steps", "--out", tmp_path / "runbook.xlsx")
    assert out["rows"] == 5
    sheet = load_workbook(tmp_path / "runbook.xlsx").worksheets[0]
    assert sheet["C2"].value == "本番DBバックアップ"
    human = run_cockpit(
        "export", empty_launch, "--kind", "audit", "--out", tmp_path / "audit.csv", check=True
    )
    assert "rows exported to" in human.stdout
    assert (tmp_path / "audit.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert empty_launch.read_bytes() == before  # exporting only reads
    bad = run_cockpit("export", empty_launch, "--kind", "steps", "--out", tmp_path / "runbook.txt")
    assert bad.returncode == 2 and not (tmp_path / "runbook.txt").exists()


def test_import_junit_prints_counts_and_run_id(empty_launch: Path, tmp_path: Path) -> None:
    results = tmp_path / "TEST-orders.xml"
    results.write_text(JUNIT, encoding="utf-8")
    report = run_json(
        "import", "junit", empty_launch, results, "--level", "unit", "--run", "nightly", "--as", "ci"
    )
    assert report["run_id"] == 1
    assert (report["cases"], report["passed"], report["failed"], report["errors"], report["skipped"]) == (
        4, 1, 1, 1, 1,
    )  # fmt: skip
    assert report["flaky"] == 0
    again = run_cockpit("import", "junit", empty_launch, results, "--level", "unit")
    assert again.returncode == 2  # the same file twice is refused, not duplicated
    human_file = tmp_path / "smoke.xml"
    human_file.write_text(JUNIT.replace("orders", "smoke"), encoding="utf-8")
    human = run_cockpit("import", "junit", empty_launch, human_file, "--level", "smoke", check=True)
    assert "Run #2 imported: 4 cases, 1 passed, 1 failed, 1 errors, 1 skipped, 0 flaky" in human.stdout
