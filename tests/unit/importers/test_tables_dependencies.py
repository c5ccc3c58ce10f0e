"""Dependencies between the rows of an imported table: "Depends on" cells become step_deps / checklist_deps
rows between the new rows, written with them; references to nothing, cycles and rows waiting for a bad row
are bad rows with their line and reason."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook

from cockpit.importers.columns import suggest_mapping
from cockpit.services.import_table import RowsWithProblems, import_table, preview_table
from cockpit.store.read import load_launch

TZ = "Asia/Tokyo"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def step_graph(launch_file) -> dict[str, list[str]]:
    """Each step's title → the titles of the steps it depends on (ids differ between launches; titles do not)."""
    steps = load_launch(launch_file).steps
    title = {s.id: s.title for s in steps}
    return {s.title: sorted(title[d] for d in s.depends_on) for s in steps}


def checklist_graph(launch_file) -> dict[str, list[str]]:
    items = load_launch(launch_file).checklist
    title = {i.id: i.title for i in items}
    return {i.title: sorted(title[d] for d in i.depends_on) for i in items}


def deps_rows(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


RUNBOOK_JA = """項番,作業内容,予定開始,所要時間(分),前提
1,業務停止,2026/11/30 21:00,15,
2,本番DBバックアップ,2026/11/30 21:15,60,1
3,ファイルサーババックアップ,2026/11/30 21:15,30,#1
4,バックアップ確認,2026/11/30 22:15,15,"2, 3"
5,マスタ移行,2026/11/30 22:30,90,#4
6,トランザクション移行,2026/11/30 22:30,120,４
7,件数照合,2026/12/01 00:30,45,5～6
8,切り戻し判定,2026/12/01 01:15,15,"#5; #6; 件数照合"
"""


def test_a_japanese_runbook_names_its_steps_by_no_in_many_ways(launch_file, launch_path, tmp_path) -> None:
    path = write(tmp_path / "移行手順書.csv", RUNBOOK_JA)
    preview = preview_table(path, kind="steps", tz=TZ)
    assert preview.mapping.as_dict()["前提"] == "depends_on"
    assert preview.mapping.unmapped_headers == ()
    assert preview.bad == ()
    outcome = import_table(launch_file, preview, actor="sato", accept_partial=False)
    assert (outcome.imported, outcome.dependencies) == (8, 11)
    assert step_graph(launch_file) == {
        "業務停止": [],
        "本番DBバックアップ": ["業務停止"],
        "ファイルサーババックアップ": ["業務停止"],
        "バックアップ確認": ["ファイルサーババックアップ", "本番DBバックアップ"],
        "マスタ移行": ["バックアップ確認"],
        "トランザクション移行": ["バックアップ確認"],  # full-width ４
        "件数照合": ["トランザクション移行", "マスタ移行"],  # the range 5～6
        "切り戻し判定": ["トランザクション移行", "マスタ移行", "件数照合"],  # by No. and by title
    }
    assert "step_deps" in outcome.changes.rows
    with sqlite3.connect(launch_path) as conn:
        summaries = [r[0] for r in conn.execute("SELECT summary FROM audit WHERE table_name = 'step_deps'")]
    assert summaries == ["Imported 11 dependencies from 移行手順書.csv"]


def test_the_file_ids_become_the_new_rows_ids_in_a_launch_that_has_steps(launch_file, tmp_path) -> None:
    first = write(tmp_path / "first.csv", "Title,Planned start,Minutes\nKick-off,2026-11-30 20:00,10\n")
    import_table(launch_file, preview_table(first, kind="steps", tz=TZ), actor="a", accept_partial=False)
    # Our own export's shape: ID and No. differ, "Depends on" holds the IDs separated by spaces.
    second = write(
        tmp_path / "second.csv",
        "ID,No.,Title,Planned start,Planned minutes,Depends on\n"
        "41,7,Stop batch,2026-11-30 21:00,15,\n"
        "42,8,Backup,2026-11-30 21:15,60,41\n"
        "43,9,Verify,2026-11-30 22:15,15,41 42\n",
    )
    import_table(launch_file, preview_table(second, kind="steps", tz=TZ), actor="a", accept_partial=False)
    steps = {s.title: s for s in load_launch(launch_file).steps}
    assert steps["Stop batch"].id == 2  # not 41: the file's ids are only the file's names for its rows
    assert steps["Verify"].depends_on == (2, 3)
    assert steps["Kick-off"].depends_on == ()
    assert [steps[t].seq for t in ("Stop batch", "Backup", "Verify")] == [7, 8, 9]


def test_unknown_references_cycles_and_rows_waiting_for_bad_rows_are_bad_rows(launch_file, tmp_path) -> None:
    path = write(
        tmp_path / "runbook.csv",
        "No.,Title,Planned start,Minutes,Depends on\n"
        "1,Stop,2026-11-30 21:00,15,\n"  # line 2
        "2,Backup,2026-11-30 21:15,60,1\n"  # line 3
        "3,Migrate,2026-11-30 22:15,soon,2\n"  # line 4: bad minutes
        "4,Verify,2026-11-30 23:15,15,3\n"  # line 5: waits for the bad line 4
        "5,Report,2026-11-30 23:30,15,4\n"  # line 6: waits for line 5, so for line 4 too
        "6,Switch,2026-11-30 23:45,15,7\n"  # line 7: a cycle 6 → 7 → 6
        "7,Announce,2026-12-01 00:00,15,6\n"  # line 8
        "8,Close,2026-12-01 00:15,15,12\n"  # line 9: no row 12
        "9,Self,2026-12-01 00:30,15,9\n",  # line 10: itself
    )
    preview = preview_table(path, kind="steps", tz=TZ)
    reasons = {row.line: row.reason for row in preview.bad}
    assert [row.line for row in preview.good] == [2, 3]
    assert reasons[4].startswith("Planned minutes: 'soon' is not a duration")
    assert reasons[5] == "Depends on: it depends on line 4, which has problems; fix that row too"
    assert reasons[6] == "Depends on: it depends on line 5, which has problems; fix that row too"
    assert (
        reasons[7]
        == reasons[8]
        == ("Depends on: rows wait for each other in a cycle: No. 6 waits for No. 7 waits for No. 6")
    )
    assert reasons[9] == "Depends on: '12' is not the No. or title of any row in this file"
    assert reasons[10] == "Depends on: the row depends on itself"
    with pytest.raises(RowsWithProblems):
        import_table(launch_file, preview, actor="a", accept_partial=False)
    outcome = import_table(launch_file, preview, actor="a", accept_partial=True)
    assert (outcome.imported, outcome.left_out, outcome.dependencies) == (2, 7, 1)
    assert step_graph(launch_file) == {"Stop": [], "Backup": ["Stop"]}


def test_a_long_chain_and_a_long_cycle(launch_file, tmp_path) -> None:
    """Thousands of chained steps: no recursion limit, one cycle message for a loop through all of them."""
    lines = ["No.,Title,Planned start,Minutes,Depends on"]
    lines += [f"{n},Step {n},2026-11-30 21:00,1,{n - 1 if n > 1 else ''}" for n in range(1, 3001)]
    chain = write(tmp_path / "chain.csv", "\n".join(lines) + "\n")
    preview = preview_table(chain, kind="steps", tz=TZ)
    assert preview.bad == () and len(preview.good) == 3000
    looped = write(tmp_path / "loop.csv", "\n".join(lines).replace(",1,\n", ",1,3000\n", 1) + "\n")
    preview = preview_table(looped, kind="steps", tz=TZ)
    assert preview.good == () and len(preview.bad) == 3000
    assert "No. 1 waits for No. 3000 waits for No. 2999" in preview.bad[0].reason


def test_ambiguous_references_and_titles_without_an_id_column(tmp_path) -> None:
    path = write(
        tmp_path / "checklist.csv",
        "Title,Category,前提条件\n"
        "Backup verified,Data migration,\n"  # line 2
        "Backup verified,Data migration,\n"  # line 3: same title
        "Users trained,Training,Backup verified\n"  # line 4: which one?
        "Go decision,Go/no-go,3\n"  # line 5: no ID column to name rows by
        "Announce,Communication,Users trained\n",  # line 6
    )
    preview = preview_table(path, kind="checklist", tz=TZ)
    reasons = {row.line: row.reason for row in preview.bad}
    assert reasons == {
        4: "Depends on: 'Backup verified' names more than one row (lines 2, 3); give each row its own title",
        5: "Depends on: '3' is not the title of any row in this file (and the file has no ID column to name "
        "rows by)",
        6: "Depends on: it depends on line 4, which has problems; fix that row too",
    }


def test_a_checklist_workbook_with_its_numbers_and_dependencies(launch_file, launch_path, tmp_path) -> None:
    """A checklist has no numbers of its own: the sheet's 項番 is what 依存 refers to; links go to checklist_deps."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["項番", "チェック項目", "カテゴリ", "依存"])
    sheet.append([1, "移行リハーサル完了", "データ移行", None])
    sheet.append([2, "利用者研修完了", "教育・トレーニング", None])
    sheet.append([3, "移行判定会議で承認", "開始判定・承認", "1、2"])
    sheet.append([4.0, "本番移行開始の告知", "告知", 3])  # numbers as a workbook stores them
    path = tmp_path / "checklist.xlsx"
    workbook.save(path)
    preview = preview_table(path, kind="checklist", tz=TZ)
    assert preview.mapping.as_dict() == {
        "項番": "row_key", "チェック項目": "title", "カテゴリ": "category", "依存": "depends_on",
    }  # fmt: skip
    outcome = import_table(launch_file, preview, actor="ito", accept_partial=False)
    assert outcome.dependencies == 3 and deps_rows(launch_path, "checklist_deps") == 3
    assert checklist_graph(launch_file) == {
        "移行リハーサル完了": [],
        "利用者研修完了": [],
        "移行判定会議で承認": ["利用者研修完了", "移行リハーサル完了"],
        "本番移行開始の告知": ["移行判定会議で承認"],
    }


def test_without_a_depends_on_column_nothing_changes(tmp_path) -> None:
    path = write(tmp_path / "plain.csv", "No.,Title,Planned start,Minutes\n1,Stop,2026-11-30 21:00,15\n")
    mapping = suggest_mapping("steps", ("No.", "Title", "Planned start", "Minutes"))
    preview = preview_table(path, kind="steps", tz=TZ, mapping=mapping)
    assert [(g.key, g.depends_on) for g in preview.good] == [("1", ())]
