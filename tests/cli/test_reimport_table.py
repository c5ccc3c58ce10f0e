"""A launch from `cockpit new`, rows added by the CLI, exported, changed in a spreadsheet and imported again:
the changed rows are updated, the counts printed, and a conflict with the team's edit exits 3."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from openpyxl import load_workbook

from tests.cli.conftest import run_cockpit, run_json


def edit_csv(path: Path, change) -> None:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    change(rows)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.DictWriter(f, fieldnames=list(rows[0]))
        out.writeheader()
        out.writerows(rows)


def test_objects_exported_changed_and_imported_again(empty_launch: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(
        "Name,Source rows,Owner\nORDERS,1000,sato\nCUSTOMERS,200,sato\nITEMS,50,ito\n", encoding="utf-8"
    )
    run_cockpit("import", "table", empty_launch, "--kind", "objects", ledger, check=True)
    export = tmp_path / "objects.csv"
    run_cockpit("export", empty_launch, "--kind", "objects", "--out", export, check=True)

    def loaded(rows):
        rows[0]["Target rows"] = "998"
        rows[0]["Rejected rows"] = "2"
        rows[2]["Owner"] = "tanaka"

    edit_csv(export, loaded)
    result = run_cockpit("import", "table", empty_launch, "--kind", "objects", export, "--as", "ito")
    assert result.returncode == 0, result.stderr
    assert "ID → ID" in result.stdout and "Version → Version" in result.stdout
    assert "Columns ignored: Difference, Reconciliation" in result.stdout
    assert "  line 2: updated #1 'ORDERS': Rejected rows, Target rows" in result.stdout
    assert "  line 4: updated #3 'ITEMS': Owner" in result.stdout
    assert "migration_objects: 0 added, 2 updated, 1 unchanged." in result.stdout
    with sqlite3.connect(empty_launch) as conn:
        objects = conn.execute(
            "SELECT name, target_rows, rejected_rows, owner, version FROM migration_objects"
        ).fetchall()
    assert objects == [
        ("ORDERS", 998, 2, "sato", 2),
        ("CUSTOMERS", None, 0, "sato", 1),
        ("ITEMS", None, 0, "tanaka", 2),
    ]

    before = empty_launch.read_bytes()
    again = run_cockpit("import", "table", empty_launch, "--kind", "objects", export, check=True)
    assert "objects.csv was already imported into this launch as objects on " in again.stdout
    assert "nothing in it is new, nothing was written." in again.stdout
    assert "migration_objects: 0 added, 0 updated, 3 unchanged." in again.stdout
    assert empty_launch.read_bytes() == before


def test_risks_from_the_cli_round_trip_through_xlsx_and_a_conflict_exits_3(
    empty_launch: Path, tmp_path: Path
) -> None:
    for title in ("Vendor late", "Data loss in migration"):
        run_cockpit(
            "risk", "add", empty_launch, "--title", title, "--likelihood", "3", "--impact", "4", check=True
        )
    export = tmp_path / "risks.xlsx"
    run_cockpit("export", empty_launch, "--kind", "risks", "--out", export, check=True)
    book = load_workbook(export)
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(3, headers.index("Mitigation") + 1).value = "Rehearse twice"
    sheet.append(["", "Key user unavailable", "", 2, 3])  # no ID: a new risk
    book.save(export)

    report = run_json("import", "table", empty_launch, "--kind", "risks", export)
    assert (report["added"], report["unchanged"]) == (1, 1)
    assert report["updated"] == [{"line": 3, "id": 2, "fields": ["mitigation"]}]
    assert report["conflicts"] == []

    # Someone raises the first risk's likelihood; the file, exported before, changes it too.
    run_cockpit("export", empty_launch, "--kind", "risks", "--out", export, check=True)
    run_cockpit("risk", "update", empty_launch, "1", "--likelihood", "5", "--as", "tanaka", check=True)
    book = load_workbook(export)
    book.active.cell(2, headers.index("Likelihood") + 1).value = 2
    book.active.cell(4, headers.index("Owner") + 1).value = "ito"
    book.save(export)
    before = empty_launch.read_bytes()
    refused = run_cockpit("import", "table", empty_launch, "--kind", "risks", export)
    assert refused.returncode == 3
    assert (
        "Conflict: risks.xlsx changes 1 row that was changed in the launch since the export" in refused.stderr
    )
    assert "line 2: #1 'Vendor late' was changed by tanaka at " in refused.stderr
    assert "add --accept-partial to import the other rows and leave it out." in refused.stderr
    assert empty_launch.read_bytes() == before

    partial = run_cockpit("import", "table", empty_launch, "--kind", "risks", export, "--accept-partial")
    assert partial.returncode == 0, partial.stderr
    assert "1 row left out: it was changed in the launch since the export" in partial.stdout
    assert "risks: 0 added, 1 updated, 1 unchanged." in partial.stdout
    with sqlite3.connect(empty_launch) as conn:
        risks = conn.execute("SELECT id, likelihood, owner, version FROM risks ORDER BY id").fetchall()
    assert risks == [(1, 5, "", 2), (2, 3, "", 2), (3, 2, "ito", 2)]  # tanaka's 5 kept


def test_the_demo_runbook_and_checklist_exported_and_imported_back_change_nothing_but_the_edited_cells(
    tmp_path: Path,
) -> None:
    demo = tmp_path / "demo.golive"
    run_cockpit("demo", demo, check=True)
    runbook, checklist = tmp_path / "runbook.csv", tmp_path / "checklist.xlsx"
    run_cockpit("export", demo, "--kind", "steps", "--out", runbook, check=True)
    run_cockpit("export", demo, "--kind", "checklist", "--out", checklist, check=True)
    before = demo.read_bytes()
    for kind, table, total in (("steps", runbook, 40), ("checklist", checklist, 120)):
        report = run_json("import", "table", demo, "--kind", kind, table)
        assert (report["added"], report["updated"], report["unchanged"]) == (0, [], total), kind
    assert demo.read_bytes() == before  # nothing new: nothing written

    def later(rows):
        rows[5]["Owner"] = "someone else"
        rows[6]["Planned minutes"] = str(int(rows[6]["Planned minutes"]) + 15)

    edit_csv(runbook, later)
    book = load_workbook(checklist)
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(2, headers.index("Evidence") + 1).value = "https://wiki.example/uat-signoff"
    book.save(checklist)
    steps = run_json("import", "table", demo, "--kind", "steps", runbook, "--as", "ito")
    assert [u["fields"] for u in steps["updated"]] == [["owner"], ["planned_minutes"]]
    assert steps["unchanged"] == 38 and steps["added"] == 0
    items = run_json("import", "table", demo, "--kind", "checklist", checklist, "--as", "ito")
    assert items["updated"] == [{"line": 2, "id": 1, "fields": ["evidence"]}] and items["unchanged"] == 119
