"""Checklist edits on real launch files: due times relative to go-live, owners from the launch's people, and
marking an item done while an item it depends on is still open."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cockpit.errors import BadInput, Conflict, OpenDependencies
from cockpit.services.edits import add_checklist_item, set_checklist_status, update_checklist_item
from cockpit.store.read import load_launch

TOKYO = ZoneInfo("Asia/Tokyo")  # the test launch goes live 2026-12-01 09:00 there (tests/conftest.py)


def add(lf, title: str = "item", **values):
    return add_checklist_item(
        lf, actor="ann", stage="preparation", category="tests", title=title, **values
    ).row


def items(lf) -> dict:
    return {i.id: i for i in load_launch(lf).checklist}


def audit_summaries(path: Path) -> list[str]:
    import sqlite3

    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT summary FROM audit WHERE table_name = 'checklist_items'")]


def test_a_due_relative_to_go_live_is_worked_out_in_the_launchs_zone(launch_file):
    row = add(launch_file, due="T-30d")
    assert datetime.fromisoformat(row["due"]) == datetime(2026, 11, 1, 9, 0, tzinfo=TOKYO)
    update_checklist_item(launch_file, actor="ann", item_id=row["id"], due="T−2時間")
    assert items(launch_file)[row["id"]].due == datetime(2026, 12, 1, 7, 0, tzinfo=TOKYO)
    update_checklist_item(launch_file, actor="ann", item_id=row["id"], due="2026-11-20T18:00+09:00")
    assert items(launch_file)[row["id"]].due == datetime(2026, 11, 20, 18, 0, tzinfo=TOKYO)
    update_checklist_item(launch_file, actor="ann", item_id=row["id"], due="2026-11-21T18:00")  # no offset
    assert items(launch_file)[row["id"]].due == datetime(2026, 11, 21, 18, 0, tzinfo=TOKYO)
    update_checklist_item(launch_file, actor="ann", item_id=row["id"], due=None)
    assert items(launch_file)[row["id"]].due is None


def test_a_bad_due_is_refused_naming_the_forms_and_nothing_is_written(launch_file, launch_path):
    row = add(launch_file, due="T-1d")
    before = launch_path.read_bytes()
    for bad in ("T-1m", "in a week", "2026-11-31T18:00"):
        with pytest.raises(BadInput) as refused:
            update_checklist_item(launch_file, actor="ann", item_id=row["id"], due=bad)
        assert "T-30d" in str(refused.value) or "time zone" in str(refused.value)
        with pytest.raises(BadInput):
            add(launch_file, due=bad)
    assert launch_path.read_bytes() == before


@pytest.fixture
def with_people(launch_file):
    with launch_file.writing("setup") as w:
        w.insert("people", {"name": "Sato Hanako", "role": "Launch lead", "login": "sato"})
        w.insert("people", {"name": "Bob Baba", "role": "Business owner", "login": "bob"})
    return launch_file


def test_without_people_any_owner_is_taken(launch_file):
    assert add(launch_file, owner=" Vendor X ")["owner"] == "Vendor X"


def test_once_the_launch_has_people_an_owner_must_be_one_of_them(with_people, launch_path):
    assert add(with_people, owner="SATO")["owner"] == "sato"
    assert add(with_people, owner="bob baba")["owner"] == "Bob Baba"
    before = launch_path.read_bytes()
    with pytest.raises(BadInput, match=r"'sauto'.*bob \(Bob Baba\), sato \(Sato Hanako\)"):
        add(with_people, owner="sauto")
    with pytest.raises(BadInput, match="bob"):
        update_checklist_item(with_people, actor="ann", item_id=1, owner="sauto")
    assert launch_path.read_bytes() == before


def test_an_owner_from_before_the_people_stays_while_other_fields_change(with_people):
    item_id = add(with_people)["id"]
    with with_people.writing("setup") as w:
        w.update("checklist_items", item_id, {"owner": "carol"})
    update_checklist_item(with_people, actor="ann", item_id=1, owner="carol", title="renamed")
    assert (items(with_people)[1].owner, items(with_people)[1].title) == ("carol", "renamed")
    update_checklist_item(with_people, actor="ann", item_id=1, owner="bob")
    # Undo puts the old owner back as it was (any_owner), though it is nobody on the list.
    update_checklist_item(with_people, actor="ann", item_id=1, owner="carol", any_owner=True)
    assert items(with_people)[1].owner == "carol"


@pytest.fixture
def backup_then_switch(launch_file) -> tuple[int, int]:
    backup = add(launch_file, "Backup taken")["id"]
    verified = add(launch_file, "Data verified")["id"]
    switch = add(launch_file, "Switch DNS", depends_on=[backup, verified])["id"]
    set_checklist_status(launch_file, actor="ann", item_id=verified, status="done")
    return backup, switch


def test_done_while_a_dependency_is_open_is_refused_and_nothing_is_written(
    launch_file, launch_path, backup_then_switch
):
    backup, switch = backup_then_switch
    before = launch_path.read_bytes()
    with pytest.raises(OpenDependencies) as refused:
        set_checklist_status(launch_file, actor="ann", item_id=switch, status="done")
    assert refused.value.open_items == {backup: "Backup taken"}
    assert f"finish #{backup} first, or force #{switch} done with a reason" in str(refused.value)
    with pytest.raises(BadInput, match="needs a reason"):
        set_checklist_status(launch_file, actor="ann", item_id=switch, status="done", force=True, reason=" ")
    assert launch_path.read_bytes() == before


def test_a_forced_done_records_its_reason_in_the_audit(launch_file, launch_path, backup_then_switch):
    backup, switch = backup_then_switch
    edit = set_checklist_status(
        launch_file,
        actor="ann",
        item_id=switch,
        status="done",
        force=True,
        reason=" backup checked by phone ",
    )
    assert edit.row["status"] == "done"
    assert audit_summaries(launch_path)[-1] == f"#{backup}: backup checked by phone"
    assert items(launch_file)[switch].evidence == ""  # the evidence stays what the team wrote


def test_other_statuses_and_finished_dependencies_need_no_force(launch_file, launch_path, backup_then_switch):
    backup, switch = backup_then_switch
    for status in ("in_progress", "n_a", "not_started"):
        set_checklist_status(launch_file, actor="ann", item_id=switch, status=status)
    set_checklist_status(launch_file, actor="ann", item_id=backup, status="n_a")
    set_checklist_status(launch_file, actor="ann", item_id=switch, status="done")
    assert items(launch_file)[switch].status == "done"
    assert all(summary == "" for summary in audit_summaries(launch_path))  # nothing was forced


def test_a_teammates_change_since_is_a_conflict_not_the_rule(launch_file, backup_then_switch):
    _, switch = backup_then_switch
    update_checklist_item(launch_file, actor="bob", item_id=switch, title="Switch DNS and mail")
    with pytest.raises(Conflict):
        set_checklist_status(launch_file, actor="ann", item_id=switch, status="done", expect_version=1)
