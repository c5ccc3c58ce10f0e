"""import table | junit and export through the real CLI: counts, bad-row lines, exit codes, files unchanged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from openpyxl import load_workbook

from tests.cli.conftest import run_cockpit, run_json
from tests.paths import FIXTURES as FIXTURES_ROOT

FIXTURES = FIXTURES_ROOT / "tables"

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


def _new_like(path: Path, launch: dict) -> Path:
    run_cockpit("new", path, "--name", launch["name"], "--go-live", launch["go_live"],
                "--timezone", launch["timezone"], "--template", "empty", check=True)  # fmt: skip
    return path


def _graph(path: Path, table: str, deps: str, key: str) -> list[tuple]:
    """Each row by its ``key`` (seq or title: they survive an export, ids need not) with what it depends on."""
    with sqlite3.connect(path) as conn:
        name = dict(conn.execute(f"SELECT id, {key} FROM {table}").fetchall())
        links = conn.execute(f"SELECT * FROM {deps}").fetchall()  # (row, depends on)
    graph: dict = {k: [] for k in name.values()}
    for row_id, dep in links:
        graph[name[row_id]].append(name[dep])
    return sorted((k, tuple(sorted(v))) for k, v in graph.items())


def _forecast(path: Path, now) -> tuple:
    from cockpit.domain.migration import forecast_runbook
    from cockpit.store.launchfile import open_launch
    from cockpit.store.read import load_launch

    with open_launch(path, read_only=True) as lf:
        steps = load_launch(lf).steps
    forecast = forecast_runbook(steps, now=now, rollback_deadline=None)
    name = {s.id: (s.seq, s.title) for s in steps}
    return [name[i] for i in forecast.critical_path], forecast.eta, [name[i] for i in forecast.late]


def test_the_demo_runbook_and_checklist_round_trip_with_their_dependencies(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    demo = tmp_path / "demo.golive"
    run_cockpit("demo", demo, check=True)
    fresh = _new_like(tmp_path / "fresh.golive", run_json("status", demo)["launch"])
    printed = {}
    for kind, out in (("steps", "runbook.csv"), ("checklist", "checklist.xlsx")):
        run_cockpit("export", demo, "--kind", kind, "--out", tmp_path / out, check=True)
        result = run_cockpit("import", "table", fresh, "--kind", kind, tmp_path / out)
        assert result.returncode == 0, result.stderr
        printed[kind] = result.stdout
    assert "ID → ID" in printed["steps"] and "Depends on → Depends on" in printed["steps"]
    assert "Columns ignored" not in printed["steps"]  # was "Columns ignored: ID, Depends on"
    assert "Columns ignored: Updated by, Updated at" in printed["checklist"]
    assert "40 rows imported into runbook_steps, with 44 dependencies." in printed["steps"]
    assert "120 rows imported into checklist_items, with 23 dependencies." in printed["checklist"]

    assert _count(fresh, "step_deps") == _count(demo, "step_deps") == 44
    assert _count(fresh, "checklist_deps") == _count(demo, "checklist_deps") == 23
    assert _graph(fresh, "runbook_steps", "step_deps", "seq") == _graph(
        demo, "runbook_steps", "step_deps", "seq"
    )
    assert _graph(fresh, "checklist_items", "checklist_deps", "title") == _graph(
        demo, "checklist_items", "checklist_deps", "title"
    )
    before, after = run_json("status", demo), run_json("status", fresh)
    assert after["migration"]["steps"] == before["migration"]["steps"]  # total, done, running, late, overrun
    assert after["migration"]["problem"] is None
    for key in ("total", "done", "blocked", "overdue"):
        assert after["checklist"][key] == before["checklist"][key]
    now = datetime.now(UTC)
    assert _forecast(fresh, now) == _forecast(demo, now)  # the same critical path, ETA and late steps


def test_the_same_table_file_twice_changes_nothing_or_is_refused_when_it_would_add_rows_again(
    empty_launch: Path,
) -> None:
    jira = FIXTURES / "jira_all_fields.csv"
    run_cockpit("import", "table", empty_launch, "--kind", "tickets", jira, "--as", "ito", check=True)
    before = empty_launch.read_bytes()
    # Every row is a ticket of the launch by its key: nothing to add, nothing written, and it says so.
    again = run_cockpit("import", "table", empty_launch, "--kind", "tickets", jira, check=True)
    assert "jira_all_fields.csv was already imported into this launch as tickets on " in again.stdout
    assert "by ito (5 rows written); nothing in it is new, nothing was written." in again.stdout
    assert "tickets: 0 added, 0 updated, 5 unchanged." in again.stdout
    assert empty_launch.read_bytes() == before and _count(empty_launch, "tickets") == 5
    # --again compares it row by row: a ticket already there by its key is never doubled.
    forced = run_json("import", "table", empty_launch, "--kind", "tickets", jira, "--again")
    assert (forced["added"], forced["updated"], forced["unchanged"]) == (0, [], 5)
    assert empty_launch.read_bytes() == before
    with sqlite3.connect(empty_launch) as conn:
        assert conn.execute("SELECT COUNT(*) FROM tickets WHERE title LIKE '[GOLIVE-101]%'").fetchone() == (
            1,
        )

    # A checklist without our export's ID has no key: the same file again would double its rows.
    checklist = FIXTURES / "checklist_ja_utf8_bom.csv"
    run_cockpit("import", "table", empty_launch, "--kind", "checklist", checklist, check=True)
    refused = run_cockpit("import", "table", empty_launch, "--kind", "checklist", checklist)
    assert refused.returncode == 2 and _count(empty_launch, "checklist_items") == 7
    assert (
        "checklist_ja_utf8_bom.csv was already imported into this launch as checklist on " in refused.stderr
    )
    assert "add --again." in refused.stderr
    human = run_cockpit(
        "import", "table", empty_launch, "--kind", "checklist", checklist, "--again", check=True
    )
    assert "7 rows imported into checklist_items." in human.stdout
    assert _count(empty_launch, "checklist_items") == 14


def test_map_takes_the_label_the_mapping_shows_and_lists_the_fields_otherwise(
    empty_launch: Path, tmp_path: Path
) -> None:
    table = tmp_path / "inquiries.csv"
    table.write_text("What,Level,登録\nCannot print,Sev2,2026-12-01 10:15\n", encoding="utf-8")
    mapped = run_cockpit(
        "import", "table", empty_launch, "--kind", "tickets", table,
        "--map", "What=Title", "--map", "Level=重要度", "--map", "登録=Opened",
    )  # fmt: skip
    assert mapped.returncode == 0, mapped.stderr
    assert "登録 → Opened" in mapped.stdout and "1 row imported into tickets." in mapped.stdout
    with sqlite3.connect(empty_launch) as conn:
        assert conn.execute("SELECT opened_at FROM tickets").fetchone() == ("2026-12-01T01:15:00+00:00",)
    unknown = run_cockpit(
        "import", "table", empty_launch, "--kind", "tickets", table, "--map", "登録=opened on"
    )
    assert unknown.returncode == 2
    assert "A tickets table has no field 'opened on'; its fields are: external_key (Key), title (Title)" in (
        unknown.stderr
    )
    assert "opened_at (Opened)" in unknown.stderr


def test_bad_rows_name_accept_partial_and_counts_are_plural_only_when_plural(
    empty_launch: Path, tmp_path: Path
) -> None:
    table = tmp_path / "tickets.csv"
    table.write_text("Title,Severity\nCannot log in,P1\nSlow screen,P9\n", encoding="utf-8")
    refused = run_cockpit("import", "table", empty_launch, "--kind", "tickets", table)
    assert refused.returncode == 2
    assert "1 good row, 1 bad row." in refused.stdout
    assert (
        "tickets.csv: 1 row has problems; nothing was written. Fix the file, or add --accept-partial to "
        "import the 1 good row and leave the others out." in refused.stderr
    )
    partial = run_cockpit("import", "table", empty_launch, "--kind", "tickets", table, "--accept-partial")
    assert "1 row imported into tickets." in partial.stdout
    one = run_cockpit("export", empty_launch, "--kind", "tickets", "--out", tmp_path / "out.csv", check=True)
    assert "1 row exported to" in one.stdout
    results = tmp_path / "TEST-one.xml"
    results.write_text('<testsuite name="s"><testcase classname="a" name="b"/></testsuite>', encoding="utf-8")
    run = run_cockpit("import", "junit", empty_launch, results, "--level", "smoke", check=True)
    assert "Run #1 imported: 1 case, 1 passed," in run.stdout


def test_missing_required_columns_come_first_and_the_row_list_is_capped(
    empty_launch: Path, tmp_path: Path
) -> None:
    table = tmp_path / "wrong.csv"
    rows = "".join(f"thing {n},someday\n" for n in range(120))
    table.write_text("What,Opened\n" + rows, encoding="utf-8")
    result = run_cockpit("import", "table", empty_launch, "--kind", "tickets", table)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    first_row = next(i for i, line in enumerate(lines) if line.startswith("  line "))
    missing = lines.index(
        "No column holds Title, Severity, so none of the 120 rows can be imported until one does."
    )
    assert missing < first_row
    assert "missing" not in result.stdout.replace("No column holds", "")  # no "Title: missing" per row
    assert sum(line.startswith("  line ") for line in lines) == 50
    assert lines[-1] == "  … and 70 more rows with problems; --json lists them all."
    assert "no column holds Title, Severity" in result.stderr
    report = json.loads(
        run_cockpit("import", "table", empty_launch, "--kind", "tickets", table, "--json").stdout
    )
    assert len(report["bad"]) == 120 and report["bad"][0]["reason"].startswith("Opened: 'someday'")


def test_test_results_a_database_and_an_open_quote_are_refused_for_what_they_are(
    empty_launch: Path, tmp_path: Path
) -> None:
    cases = "".join(f'<testcase classname="a.B" name="t{n}" time="0.01"/>\n' for n in range(5000))
    junit = tmp_path / "TEST-big.xml"
    junit.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuite tests="5000">\n{cases}</testsuite>\n'
    )
    as_tickets = run_cockpit("import", "table", empty_launch, "--kind", "tickets", junit)
    assert as_tickets.returncode == 2 and as_tickets.stdout == ""
    assert "TEST-big.xml is an XML document, not a CSV table" in as_tickets.stderr

    renamed = tmp_path / "tickets.csv"
    renamed.write_bytes(empty_launch.read_bytes())
    binary = run_cockpit("import", "table", empty_launch, "--kind", "tickets", renamed)
    assert binary.returncode == 2
    assert "tickets.csv is a SQLite database (a launch file?), not a CSV or Excel table." in binary.stderr

    quoted = tmp_path / "quoted.csv"
    quoted.write_text('Title,Severity\nCannot log in,P1\n"Slow screen,P2\nPrinter,P3\n', encoding="utf-8")
    unclosed = run_cockpit("import", "table", empty_launch, "--kind", "tickets", quoted)
    assert unclosed.returncode == 2
    assert "quoted.csv, line 3 opens a quoted cell that never closes" in unclosed.stderr
    assert _count(empty_launch, "tickets") == 0
