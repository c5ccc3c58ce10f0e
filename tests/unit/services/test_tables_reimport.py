"""The same table file imported twice: refused by its SHA-256 (who imported it, when) when it would add
rows again, unless asked again; tickets whose key is already in the launch update their ticket; the
table_imports migrations upgrade older files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from cockpit.services.import_table import AlreadyImported, import_table, preview_table
from cockpit.store.launchfile import APPLICATION_ID, open_launch
from cockpit.store.migrations import migrations
from cockpit.store.read import load_launch
from cockpit.store.schema_version import KNOWN_MIGRATIONS
from tests.unit.importers.test_tables_reading import FIXTURES

TZ = "Asia/Tokyo"


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_the_same_checklist_file_twice_is_refused_naming_who_and_when(launch_file, launch_path) -> None:
    path = FIXTURES / "checklist_ja_sjis.csv"
    import_table(
        launch_file, preview_table(path, kind="checklist", tz=TZ), actor="髙橋", accept_partial=False
    )
    assert count(launch_path, "checklist_items") == 7
    before = launch_path.read_bytes()
    with pytest.raises(AlreadyImported) as refused:
        import_table(
            launch_file, preview_table(path, kind="checklist", tz=TZ), actor="ito", accept_partial=False
        )
    message = str(refused.value)
    assert message.startswith("checklist_ja_sjis.csv was already imported into this launch as checklist on ")
    assert "by 髙橋 (7 rows written); nothing was imported again." in message
    assert " JST " in message  # in the launch's zone, as the panes show times
    assert refused.value.fix_with("--again").endswith("add --again.")
    assert launch_path.read_bytes() == before  # nothing written, not even a record of the refusal

    # Asked for explicitly, it imports again, and the next refusal says how often it was imported.
    import_table(
        launch_file,
        preview_table(path, kind="checklist", tz=TZ),
        actor="ito",
        accept_partial=False,
        again=True,
    )
    assert count(launch_path, "checklist_items") == 14
    with pytest.raises(AlreadyImported, match=r"by ito \(7 rows written\), the last of 2 times"):
        import_table(
            launch_file, preview_table(path, kind="checklist", tz=TZ), actor="a", accept_partial=False
        )


def test_the_same_bytes_under_another_name_are_the_same_file_and_another_kind_is_not(
    launch_file, launch_path, tmp_path
) -> None:
    original = FIXTURES / "runbook_ja.tsv"
    import_table(launch_file, preview_table(original, kind="steps", tz=TZ), actor="a", accept_partial=False)
    copy = tmp_path / "runbook (1).tsv"
    shutil.copyfile(original, copy)
    with pytest.raises(AlreadyImported, match=r"runbook \(1\)\.tsv was already imported"):
        import_table(launch_file, preview_table(copy, kind="steps", tz=TZ), actor="a", accept_partial=False)
    edited = tmp_path / "runbook_v2.tsv"
    edited.write_bytes(
        original.read_bytes() + "6\t本番稼働宣言\t切替\t伊藤\t2026/12/01 03:00\t5\t\n".encode()
    )
    outcome = import_table(
        launch_file, preview_table(edited, kind="steps", tz=TZ), actor="a", accept_partial=False
    )
    assert outcome.imported == 6  # a changed file is another file: the user decides what it holds
    with sqlite3.connect(launch_path) as conn:
        recorded = conn.execute(
            "SELECT kind, source, source_sha256, rows, imported_by FROM table_imports ORDER BY id"
        ).fetchall()
    assert recorded == [
        ("steps", "runbook_ja.tsv", hashlib.sha256(original.read_bytes()).hexdigest(), 5, "a"),
        ("steps", "runbook_v2.tsv", hashlib.sha256(edited.read_bytes()).hexdigest(), 6, "a"),
    ]


def test_tickets_already_in_the_launch_by_their_key_are_updated_not_doubled(
    launch_file, launch_path, tmp_path
) -> None:
    jira = FIXTURES / "jira_all_fields.csv"
    import_table(launch_file, preview_table(jira, kind="tickets", tz=TZ), actor="a", accept_partial=False)
    # The same file again: nothing in it is new, so nothing is written and it says so.
    before = launch_path.read_bytes()
    same = import_table(
        launch_file, preview_table(jira, kind="tickets", tz=TZ), actor="a", accept_partial=False
    )
    assert (same.imported, len(same.updated), same.unchanged) == (0, 0, 5)
    assert "was already imported into this launch as tickets" in same.imported_before
    assert launch_path.read_bytes() == before
    # The next day's export: the same five tickets (one of them changed since) and a new one.
    text = jira.read_text(encoding="utf-8")
    assert text.startswith("Summary,Issue key,Issue id,Issue Type,Status,Project key,")
    newer = tmp_path / "jira_next_day.csv"
    newer.write_text(
        text.replace("In Progress", "Waiting for support", 1)
        + "Delivery note prints twice,GOLIVE-106,10106,Bug,Open,GOLIVE,Go-Live Support,software,High,,"
        "Jiro Tanaka,Jiro Tanaka,Jiro Tanaka,02/Dec/26 9:00 AM,02/Dec/26 9:00 AM,,,,,,,,,,,,,,\n",
        encoding="utf-8",
    )
    outcome = import_table(
        launch_file, preview_table(newer, kind="tickets", tz=TZ), actor="b", accept_partial=False
    )
    assert outcome.counts == "1 added, 1 updated, 4 unchanged"
    [update] = outcome.updated
    assert update.row_id == 1 and update.changes == {"status": "acknowledged"}
    tickets = load_launch(launch_file).tickets
    titles = [t.title for t in tickets]
    assert len(titles) == 6 and titles[-1] == "[GOLIVE-106] Delivery note prints twice"
    assert (
        tickets[0].status.value == "acknowledged" and tickets[0].version == 2 and tickets[0].updated_by == "b"
    )
    assert all(t.version == 1 for t in tickets[1:])
    with sqlite3.connect(launch_path) as conn:
        last = conn.execute(
            "SELECT rows, updated, unchanged FROM table_imports ORDER BY id DESC LIMIT 1"
        ).fetchone()
        audit = conn.execute(
            "SELECT action, row_id, old, new, summary FROM audit WHERE actor = 'b' AND table_name = 'tickets' "
            "ORDER BY id"
        ).fetchall()
    assert last == (1, 1, 4)
    assert audit == [
        ("import", None, None, '{"rows": 1}', "Imported jira_next_day.csv: 1 added, 1 updated, 4 unchanged"),
        (
            "update",
            1,
            '{"status": "in_progress"}',
            '{"status": "acknowledged"}',
            "Updated from jira_next_day.csv",
        ),
    ]


def test_a_file_from_before_table_imports_is_upgraded_and_keeps_its_rows(tmp_path) -> None:
    path = tmp_path / "old.golive"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA journal_mode = DELETE")
    migrations.apply(Database(conn), stop_before="0004_table_imports")
    conn.execute(
        "INSERT INTO launch (id, name, go_live, timezone) VALUES (1, '販売管理', '2026-12-01T09:00:00+09:00', "
        "'Asia/Tokyo')"
    )
    conn.execute(
        "INSERT INTO risks (title, likelihood, impact, updated_by) VALUES ('移行データ欠損', 3, 5, 'sato')"
    )
    conn.close()
    assert KNOWN_MIGRATIONS[3] == "0004_table_imports"

    with open_launch(path) as lf:
        assert [r.title for r in load_launch(lf).risks] == ["移行データ欠損"]
        preview = preview_table(FIXTURES / "risks_multiline.csv", kind="risks", tz=TZ)
        import_table(lf, preview, actor="sato", accept_partial=True)
        with pytest.raises(AlreadyImported):
            import_table(lf, preview, actor="sato", accept_partial=True)
    assert path.with_name("old.golive.before-upgrade").exists()
    with sqlite3.connect(path) as conn:
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == list(KNOWN_MIGRATIONS)
    assert count(path, "table_imports") == 1
