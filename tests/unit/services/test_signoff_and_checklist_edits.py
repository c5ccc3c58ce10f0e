"""The sign-off and checklist add/update services, on real launch files."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import cockpit.store.writer as writer_module
from cockpit.errors import BadInput, Conflict, NotFound
from cockpit.services.edits import add_checklist_item, sign_off, update_checklist_item
from cockpit.store.read import load_launch


@pytest.fixture
def signoff_id(launch_file) -> int:
    with launch_file.writing("setup") as w:
        return w.insert("signoffs", {"person": "Alice", "role": "Launch lead"})["id"]


def test_sign_off_records_decision_comment_and_time(launch_file, signoff_id):
    edit = sign_off(
        launch_file, actor="alice", signoff_id=signoff_id, decision="go", comment=" ready ", expect_version=1
    )
    assert edit.row["version"] == 2
    (signoff,) = load_launch(launch_file).signoffs
    assert (signoff.decision, signoff.comment, signoff.updated_by) == ("go", "ready", "alice")
    assert signoff.decided_at is not None


def test_a_no_go_without_a_comment_is_refused(launch_file, signoff_id):
    with pytest.raises(BadInput, match="comment"):
        sign_off(launch_file, actor="alice", signoff_id=signoff_id, decision="no_go")
    assert load_launch(launch_file).signoffs[0].decision == "pending"


def test_going_back_to_pending_clears_the_time(launch_file, signoff_id):
    sign_off(launch_file, actor="alice", signoff_id=signoff_id, decision="go")
    sign_off(launch_file, actor="alice", signoff_id=signoff_id, decision="pending")
    assert load_launch(launch_file).signoffs[0].decided_at is None


def test_sign_off_on_a_stale_version_conflicts(launch_file, signoff_id):
    sign_off(launch_file, actor="bob", signoff_id=signoff_id, decision="go")
    with pytest.raises(Conflict):
        sign_off(
            launch_file, actor="alice", signoff_id=signoff_id, decision="no_go", comment="x", expect_version=1
        )


def test_add_checklist_item_with_dependencies(launch_file):
    first = add_checklist_item(launch_file, actor="alice", stage="preparation", category="tests", title="UAT")
    due = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
    second = add_checklist_item(
        launch_file,
        actor="alice",
        stage="go_live",
        category="production_migration",
        title=" Switch ",
        owner="bob",
        due=due,
        is_gate=True,
        depends_on=[first.row["id"]],
    )
    item = next(i for i in load_launch(launch_file).checklist if i.id == second.row["id"])
    assert (item.title, item.owner, item.due, item.is_gate, item.depends_on) == (
        "Switch",
        "bob",
        due,
        True,
        (1,),
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": "  "}, "title"),
        ({"stage": "later"}, "stage"),
        ({"category": "fun"}, "category"),
        ({"due": "next week"}, "T-30d"),
    ],
)
def test_add_checklist_item_refuses_bad_input(launch_file, values, message):
    arguments = {"stage": "preparation", "category": "tests", "title": "UAT", **values}
    with pytest.raises(BadInput, match=message):
        add_checklist_item(launch_file, actor="alice", **arguments)
    assert load_launch(launch_file).checklist == ()


def test_add_refuses_an_unknown_dependency(launch_file):
    with pytest.raises(NotFound):
        add_checklist_item(
            launch_file, actor="a", stage="preparation", category="tests", title="x", depends_on=[99]
        )


def test_update_changes_fields_and_clears_the_due_time(launch_file):
    due = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
    item_id = add_checklist_item(
        launch_file, actor="a", stage="preparation", category="tests", title="x", due=due
    ).row["id"]
    edit = update_checklist_item(
        launch_file, actor="bob", item_id=item_id, title="UAT done", due=None, expect_version=1
    )
    assert edit.row["version"] == 2
    item = load_launch(launch_file).checklist[0]
    assert (item.title, item.due, item.updated_by) == ("UAT done", None, "bob")


def test_changing_only_dependencies_moves_the_version(launch_file):
    a = add_checklist_item(launch_file, actor="a", stage="preparation", category="tests", title="a").row["id"]
    b = add_checklist_item(launch_file, actor="a", stage="preparation", category="tests", title="b").row["id"]
    edit = update_checklist_item(launch_file, actor="bob", item_id=b, depends_on=[a], expect_version=1)
    assert edit.row["version"] == 2
    assert next(i for i in load_launch(launch_file).checklist if i.id == b).depends_on == (a,)
    with pytest.raises(Conflict):
        update_checklist_item(launch_file, actor="carol", item_id=b, depends_on=[], expect_version=1)


def test_dependency_loops_are_refused(launch_file):
    a = add_checklist_item(launch_file, actor="a", stage="preparation", category="tests", title="a").row["id"]
    b = add_checklist_item(
        launch_file, actor="a", stage="preparation", category="tests", title="b", depends_on=[a]
    )
    with pytest.raises(BadInput, match="itself"):
        update_checklist_item(launch_file, actor="a", item_id=a, depends_on=[b.row["id"]])
    with pytest.raises(BadInput, match="itself"):
        update_checklist_item(launch_file, actor="a", item_id=a, depends_on=[a])


def test_changing_only_dependencies_moves_the_version_within_the_millisecond_of_the_add(
    launch_file, monkeypatch
):
    """A fast machine adds an item and edits its links in the same millisecond: the version still moves."""
    monkeypatch.setattr(writer_module, "utc_now", lambda: "2026-12-07T09:00:00.000+00:00")
    a = add_checklist_item(launch_file, actor="a", stage="preparation", category="tests", title="a").row["id"]
    b = add_checklist_item(launch_file, actor="a", stage="preparation", category="tests", title="b").row["id"]
    edit = update_checklist_item(launch_file, actor="bob", item_id=b, depends_on=[a], expect_version=1)
    assert edit.row["version"] == 2
