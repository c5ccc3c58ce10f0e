"""An exported table edited in a spreadsheet and imported again updates the rows it changed, adds the new
ones, leaves the rest unchanged, and never overwrites what the team changed since the export."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cockpit.errors import BadInput
from cockpit.services import edits
from cockpit.services.export_table import export_table
from cockpit.services.import_table import ChangedSinceExport, RowsWithProblems, import_table, preview_table
from cockpit.store.launchfile import create_launch, open_launch
from cockpit.store.read import load_launch
from tests.conftest import GO_LIVE
from tests.unit.importers.test_tables_reading import FIXTURES

TZ = "Asia/Tokyo"


def imported(launch_file, path: Path, kind: str, *, actor: str = "sato", accept_partial: bool = False):
    preview = preview_table(path, kind=kind, tz=TZ, launch_file=launch_file)
    return import_table(launch_file, preview, actor=actor, accept_partial=accept_partial)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.DictWriter(f, fieldnames=list(rows[0]))
        out.writeheader()
        out.writerows(rows)


def audit_updates(path: Path, table: str, actor: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return [
            (row_id, json.loads(old), json.loads(new), summary)
            for row_id, old, new, summary in conn.execute(
                "SELECT row_id, old, new, summary FROM audit WHERE table_name = ? AND action = 'update' "
                "AND actor = ? ORDER BY id",
                [table, actor],
            )
        ]


def test_an_objects_export_with_changed_cells_updates_those_rows_only(
    launch_file, launch_path, tmp_path
) -> None:
    imported(launch_file, FIXTURES / "objects_ja.csv", "objects")
    export = export_table(launch_file, kind="objects", path=tmp_path / "objects.csv").path
    rows = read_csv(export)
    assert [r["Name"] for r in rows] == ["顧客マスタ", "受注明細", "商品マスタ"]
    assert [r["Version"] for r in rows] == ["1", "1", "1"]
    rows[2]["Target rows"] = "890"  # the load finished
    rows[1]["Accepted difference"] = "端数処理による差"
    rows[1]["Accepted by"] = "鈴木"
    write_csv(export, rows)

    outcome = imported(launch_file, export, "objects", actor="ito")
    assert outcome.counts == "0 added, 2 updated, 1 unchanged"
    assert [(u.line, u.row_id, sorted(u.changes)) for u in outcome.updated] == [
        (3, 2, ["accepted_by", "accepted_reason"]),
        (4, 3, ["target_rows"]),
    ]
    objects = load_launch(launch_file).objects
    assert [(o.name, o.target_rows, o.version, o.updated_by) for o in objects] == [
        ("顧客マスタ", 12340, 1, "sato"),
        ("受注明細", 1204500, 2, "ito"),
        ("商品マスタ", 890, 2, "ito"),
    ]
    assert objects[1].accepted_reason == "端数処理による差" and objects[1].accepted_by == "鈴木"
    assert objects[1].accepted_at is not None  # when, as the ledger's own Accept difference records it
    updates = audit_updates(launch_path, "migration_objects", "ito")
    assert datetime.fromisoformat(updates[0][2].pop("accepted_at")) == objects[1].accepted_at
    assert updates == [
        (2, {"accepted_reason": "", "accepted_by": "", "accepted_at": None},
         {"accepted_reason": "端数処理による差", "accepted_by": "鈴木"}, "Updated from objects.csv"),
        (3, {"target_rows": None}, {"target_rows": 890}, "Updated from objects.csv"),
    ]  # fmt: skip
    with sqlite3.connect(launch_path) as conn:
        recorded = conn.execute(
            "SELECT source, rows, updated, unchanged, conflicts FROM table_imports ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert recorded == ("objects.csv", 0, 2, 1, 0)

    # The same file again changes nothing, and writes nothing.
    before = launch_path.read_bytes()
    again = imported(launch_file, export, "objects", actor="ito")
    assert again.counts == "0 added, 0 updated, 3 unchanged" and not again.changes
    assert launch_path.read_bytes() == before


def test_objects_match_by_name_trimmed_and_regardless_of_case(launch_file, tmp_path) -> None:
    first = tmp_path / "ledger.csv"
    first.write_text("Name,Source rows\nORDERS,100\nCUSTOMERS,50\n", encoding="utf-8")
    imported(launch_file, first, "objects")
    counts = tmp_path / "loaded.csv"
    counts.write_text(
        "Name,Source rows,Target rows\n  orders ,100,98\nCUSTOMERS,50,50\nITEMS,7,7\n", encoding="utf-8"
    )
    outcome = imported(launch_file, counts, "objects")
    assert outcome.counts == "1 added, 2 updated, 0 unchanged"
    assert outcome.updated[0].changes == {"name": "orders", "target_rows": 98}
    assert [(o.name, o.source_rows, o.target_rows) for o in load_launch(launch_file).objects] == [
        ("orders", 100, 98),
        ("CUSTOMERS", 50, 50),
        ("ITEMS", 7, 7),
    ]


def test_two_objects_of_one_name_ask_for_the_id(launch_file, tmp_path, launch_path) -> None:
    twice = tmp_path / "twice.csv"
    twice.write_text("Name,Source rows\nORDERS,100\nORDERS,100\n", encoding="utf-8")
    imported(launch_file, twice, "objects")
    update = tmp_path / "update.csv"
    update.write_text("Name,Target rows,Source rows\norders,90,100\n", encoding="utf-8")
    before = launch_path.read_bytes()
    with pytest.raises(RowsWithProblems):
        imported(launch_file, update, "objects")
    preview = preview_table(update, kind="objects", tz=TZ, launch_file=launch_file)
    [bad] = preview.problems
    assert bad.line == 2 and "the launch has 2 objects named 'orders' (#1, #2)" in bad.reason
    assert "add the ID column of an export" in bad.reason
    assert launch_path.read_bytes() == before


def test_a_runbook_xlsx_with_changed_cells_and_dependencies(launch_file, launch_path, tmp_path) -> None:
    imported(launch_file, FIXTURES / "runbook_ja.tsv", "steps")
    export = export_table(launch_file, kind="steps", path=tmp_path / "runbook.xlsx").path
    book = load_workbook(export)
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    column = {name: headers.index(name) + 1 for name in headers}
    assert headers[-2:] == ["Depends on", "Version"]
    sheet.cell(4, column["Owner"]).value = "中村"  # step #3
    sheet.cell(5, column["Depends on"]).value = "2 3"  # step #4 waits for #2 and #3
    sheet.cell(5, column["Planned minutes"]).value = 20
    book.save(export)

    outcome = imported(launch_file, export, "steps", actor="ito")
    assert outcome.counts == "0 added, 2 updated, 3 unchanged"
    assert [(u.row_id, u.changes, u.depends_on is not None) for u in outcome.updated] == [
        (3, {"owner": "中村"}, False),
        (4, {"planned_minutes": 20}, True),
    ]
    steps = {s.id: s for s in load_launch(launch_file).steps}
    assert steps[4].depends_on == (2, 3) and steps[4].planned_minutes == 20 and steps[4].version == 2
    assert steps[3].owner == "中村" and steps[3].version == 2
    assert audit_updates(launch_path, "runbook_steps", "ito")[-1] == (
        4, {"depends_on": []}, {"depends_on": [2, 3]}, "Updated from runbook.xlsx"
    )  # fmt: skip

    # A loop between two rows of the file is refused with the rows' lines; nothing is written.
    book = load_workbook(export)
    book.active.cell(4, column["Depends on"]).value = "4"
    book.save(export)
    before = launch_path.read_bytes()
    with pytest.raises(RowsWithProblems):
        imported(launch_file, export, "steps", actor="ito")
    preview = preview_table(export, kind="steps", tz=TZ)
    assert any("cycle" in b.reason for b in preview.bad)
    assert launch_path.read_bytes() == before


def test_a_row_the_team_changed_since_the_export_is_a_conflict_in_the_same_cells_only(
    launch_file, launch_path, tmp_path
) -> None:
    imported(launch_file, FIXTURES / "checklist_ja_utf8_bom.csv", "checklist")
    export = export_table(launch_file, kind="checklist", path=tmp_path / "checklist.csv").path
    # Meanwhile in the window: item 3 is started, item 2 gets another owner.
    edits.set_checklist_status(launch_file, actor="tanaka", item_id=3, status="in_progress")
    edits.update_checklist_item(launch_file, actor="tanaka", item_id=2, owner="中村 六子")
    rows = read_csv(export)
    rows[2]["Status"] = "done"  # item 3: the same cell the team changed
    rows[1]["Evidence"] = r"\\share\rehearsal1.xlsx"  # item 2: another cell than the team's
    write_csv(export, rows)

    before = launch_path.read_bytes()
    with pytest.raises(ChangedSinceExport) as refused:
        imported(launch_file, export, "checklist", actor="ito")
    assert refused.value.exit_code == 3
    message = refused.value.fix_with("--accept-partial")
    assert "line 4: #3 '利用者向け操作研修～全拠点' was changed by tanaka at " in message
    assert ", after the export, in the cells the file changes: Status" in message
    assert message.endswith("or add --accept-partial to import the other rows and leave it out.")
    assert launch_path.read_bytes() == before

    outcome = imported(launch_file, export, "checklist", actor="ito", accept_partial=True)
    assert outcome.counts == "0 added, 1 updated, 5 unchanged"
    assert [(c.line, c.row_id) for c in outcome.conflicts] == [(4, 3)]
    items = {i.id: i for i in load_launch(launch_file).checklist}
    assert items[3].status.value == "in_progress"  # the team's, not overwritten
    assert items[2].owner == "中村 六子" and items[2].evidence == r"\\share\rehearsal1.xlsx"  # both kept


def test_another_launchs_export_adds_rows_instead_of_updating_rows_with_the_same_ids(
    launch_file, tmp_path
) -> None:
    imported(launch_file, FIXTURES / "checklist_ja_utf8_bom.csv", "checklist")
    export = export_table(launch_file, kind="checklist", path=tmp_path / "last project.xlsx").path
    other_path = tmp_path / "next.golive"
    create_launch(other_path, name="Next", go_live=GO_LIVE, timezone=TZ, actor="t")
    with open_launch(other_path) as other:
        own = tmp_path / "own.csv"
        own.write_text(
            "Title,Category\nOur own first item,Testing\nOur own second item,Testing\n", encoding="utf-8"
        )
        imported(other, own, "checklist")
        outcome = imported(other, export, "checklist")
        titles = [i.title for i in load_launch(other).checklist]
    assert outcome.counts == "7 added, 0 updated, 0 unchanged"
    assert titles[:2] == ["Our own first item", "Our own second item"] and len(titles) == 9


def test_a_version_that_is_no_count_is_a_bad_row(launch_file, tmp_path) -> None:
    table = tmp_path / "v.csv"
    table.write_text("ID,Name,Source rows,Version\n,ORDERS,1,first\n", encoding="utf-8")
    preview = preview_table(table, kind="objects", tz=TZ)
    assert [b.line for b in preview.bad] == [2] and "Version" in preview.bad[0].reason
    with pytest.raises(BadInput):
        import_table(launch_file, preview, actor="a", accept_partial=False)
    # Without our ID column, a "Version" column is someone else's (a ticket system's release): not read.
    tickets = tmp_path / "tickets.csv"
    tickets.write_text("Key,Title,Severity,Version\nOPS-1,Printer jams,P3,2.4.1\n", encoding="utf-8")
    assert preview_table(tickets, kind="tickets", tz=TZ).bad == ()


def test_part_of_an_export_may_depend_on_rows_it_left_out(launch_file, launch_path, tmp_path) -> None:
    imported(launch_file, FIXTURES / "runbook_ja.tsv", "steps")
    export = export_table(launch_file, kind="steps", path=tmp_path / "runbook.csv").path
    rows = read_csv(export)
    assert [r["ID"] for r in rows] == ["1", "2", "3", "4", "5"]
    kept = [rows[3], rows[4], dict(rows[4])]  # steps #4 and #5, and a new step after them
    kept[1]["Depends on"] = "2 4"  # #2 is not in this file: the launch's step
    kept[2].update({"ID": "", "No.": "", "Title": "本番稼働宣言", "Depends on": "3", "Version": ""})
    write_csv(export, kept)

    outcome = imported(launch_file, export, "steps", actor="ito")
    assert outcome.counts == "1 added, 1 updated, 1 unchanged"
    assert outcome.dependencies == 1
    steps = {s.id: s for s in load_launch(launch_file).steps}
    assert steps[5].depends_on == (2, 4) and steps[5].version == 2
    assert steps[6].title == "本番稼働宣言" and steps[6].depends_on == (3,)

    # A file without our Version column names only its own rows: an unknown ID is a bad row.
    plain = tmp_path / "plain.csv"
    plain.write_text(
        "ID,Title,Planned start,Planned minutes,Depends on\n9,Switch DNS,2026-12-01 02:00,10,2\n"
    )
    preview = preview_table(plain, kind="steps", tz=TZ, launch_file=launch_file)
    assert [b.line for b in preview.bad] == [2] and "'2' is not the ID or title of any row" in preview.bad[
        0
    ].reason


def test_links_the_team_changed_since_the_export_are_kept_or_a_conflict(launch_file, tmp_path) -> None:
    imported(launch_file, FIXTURES / "checklist_ja_utf8_bom.csv", "checklist")
    export = export_table(launch_file, kind="checklist", path=tmp_path / "checklist.csv").path
    edits.update_checklist_item(launch_file, actor="tanaka", item_id=5, depends_on=[1, 2])
    edits.update_checklist_item(launch_file, actor="tanaka", item_id=7, depends_on=[5])

    # The file says nothing new of #5's and #7's links (blank, as exported): the team's links stay.
    kept = imported(launch_file, export, "checklist", actor="ito")
    assert kept.counts == "0 added, 0 updated, 7 unchanged"
    items = {i.id: i for i in load_launch(launch_file).checklist}
    assert items[5].depends_on == (1, 2) and items[7].depends_on == (5,)

    rows = read_csv(export)
    rows[4]["Depends on"] = "3"  # #5: the links the team changed too
    rows[5]["Depends on"] = "4"  # #6: nobody touched its links
    write_csv(export, rows)
    with pytest.raises(
        ChangedSinceExport,
        match=r"line 6: #5 '本番切替の実施' was changed by tanaka at .* file changes: Depends on",
    ):
        imported(launch_file, export, "checklist", actor="ito")
    outcome = imported(launch_file, export, "checklist", actor="ito", accept_partial=True)
    assert outcome.counts == "0 added, 1 updated, 5 unchanged"
    items = {i.id: i for i in load_launch(launch_file).checklist}
    assert items[5].depends_on == (1, 2) and items[6].depends_on == (4,) and items[6].version == 2
