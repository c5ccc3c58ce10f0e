"""Runbook steps planned through the services: add, change every field, remove; dependencies checked in
the write transaction (an unknown step or a loop is refused, naming it); bad input leaves the file as it was."""

from __future__ import annotations

import pytest

import cockpit.store.writer as writer_module
from cockpit.errors import BadInput, Conflict
from cockpit.services.runbook import step_action
from cockpit.services.steps import add_step, remove_step, update_step
from cockpit.store.read import load_launch

START = "2026-12-01T22:00+09:00"


def add(lf, title, *, depends_on=(), **kwargs):
    values = {"kind": "migrate", "planned_start": START, "planned_minutes": 30, **kwargs}
    return add_step(lf, actor="ann", title=title, depends_on=depends_on, **values).row


def data_of(lf):
    return load_launch(lf)


def steps_by_id(lf):
    return {s.id: s for s in load_launch(lf).steps}


@pytest.fixture
def chain(launch_file):
    """Backup → Load → Verify."""
    backup = add(launch_file, "Backup", kind="backup")
    load = add(launch_file, "Load", depends_on=[backup["id"]], planned_minutes=90)
    verify = add(launch_file, "Verify", kind="verify", depends_on=[load["id"]])
    return backup["id"], load["id"], verify["id"]


def test_added_steps_are_pending_last_in_the_runbook_with_their_dependencies(launch_file, chain):
    backup, load, verify = chain
    steps = steps_by_id(launch_file)
    assert [s.seq for s in steps.values()] == [1, 2, 3]
    assert steps[verify].depends_on == (load,) and steps[load].planned_minutes == 90
    assert steps[backup].status.value == "pending" and steps[backup].updated_by == "ann"


def test_update_changes_every_field_and_replaces_the_dependencies(launch_file, chain):
    backup, load, verify = chain
    edit = update_step(
        launch_file,
        actor="bob",
        step_id=verify,
        title="Verify counts",
        kind="other",
        owner="suzuki",
        planned_start="2026-12-02T01:00+09:00",
        planned_minutes="45",
        depends_on=[backup, load],
        expect_version=1,
    )
    assert edit.row["version"] == 2 and edit.row["depends_on"] == [backup, load]
    step = steps_by_id(launch_file)[verify]
    assert (step.title, step.kind.value, step.owner, step.planned_minutes) == (
        "Verify counts",
        "other",
        "suzuki",
        45,
    )
    assert step.depends_on == (backup, load)
    only_links = update_step(launch_file, actor="bob", step_id=verify, depends_on=[], expect_version=2)
    assert only_links.row["version"] == 3  # a change of links alone is a new version too
    assert steps_by_id(launch_file)[verify].depends_on == ()


def test_a_dependency_loop_is_refused_naming_it_and_nothing_is_written(launch_file, launch_path, chain):
    backup, load, verify = chain
    before = launch_path.read_bytes()
    with pytest.raises(BadInput, match=r"#1 → #2 → #3 → #1\. Drop one of these dependencies"):
        update_step(launch_file, actor="ann", step_id=backup, depends_on=[verify])
    with pytest.raises(BadInput, match="cannot depend on itself"):
        update_step(launch_file, actor="ann", step_id=load, depends_on=[load])
    with pytest.raises(BadInput, match=r"There is no runbook step #99"):
        add(launch_file, "Switch", depends_on=[99])
    assert launch_path.read_bytes() == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("planned_minutes", -5, "0 or more"),
        ("planned_minutes", "half an hour", "whole number of minutes"),
        ("planned_start", "tonight at ten", "ISO 8601"),
        ("planned_start", "tonight", "not an ISO 8601 time"),
        ("kind", "reboot", "not a valid step kind"),
        ("title", "  ", "must not be empty"),
    ],
)
def test_bad_input_names_the_fix_and_leaves_the_file_unchanged(
    launch_file, launch_path, field, value, message
):
    before = launch_path.read_bytes()
    values = {
        "title": "Switch",
        "kind": "switch",
        "planned_start": START,
        "planned_minutes": 10,
        field: value,
    }
    with pytest.raises(BadInput, match=message):
        add_step(launch_file, actor="ann", **values)
    assert launch_path.read_bytes() == before


def test_nothing_to_change_is_bad_input(launch_file, chain):
    with pytest.raises(BadInput, match="Nothing to change"):
        update_step(launch_file, actor="ann", step_id=chain[0])


def test_a_stale_version_is_a_conflict(launch_file, chain):
    update_step(launch_file, actor="bob", step_id=chain[0], owner="bob", expect_version=1)
    with pytest.raises(Conflict):
        update_step(launch_file, actor="ann", step_id=chain[0], owner="ann", expect_version=1)
    with pytest.raises(Conflict):
        update_step(launch_file, actor="ann", step_id=chain[1], depends_on=[], expect_version=9)


def test_remove_refuses_a_step_others_depend_on_then_removes_it_once_free(launch_file, launch_path, chain):
    backup, load, verify = chain
    before = launch_path.read_bytes()
    with pytest.raises(BadInput, match=r"#3 Verify depend\(s\) on it"):
        remove_step(launch_file, actor="ann", step_id=load)
    assert launch_path.read_bytes() == before
    removed = remove_step(launch_file, actor="ann", step_id=verify, expect_version=1)
    assert removed.row["title"] == "Verify" and removed.row["depends_on"] == [load]
    assert list(steps_by_id(launch_file)) == [backup, load]
    back = add_step(
        launch_file,
        actor="ann",
        **{k: removed.row[k] for k in ("title", "kind", "planned_start", "planned_minutes", "owner")},
        depends_on=removed.row["depends_on"],
        seq=removed.row["seq"],
    )
    assert back.row["seq"] == 3 and steps_by_id(launch_file)[back.row["id"]].depends_on == (load,)


def test_a_step_added_at_a_place_moves_the_later_steps_down(launch_file, chain):
    switch = add_step(
        launch_file,
        actor="ann",
        title="Freeze",
        kind="other",
        planned_start=START,
        planned_minutes=5,
        seq=1,
    ).row
    assert [s.id for s in data_of(launch_file).steps] == [switch["id"], *chain]
    assert [s.seq for s in data_of(launch_file).steps] == [1, 2, 3, 4]


def test_fail_retry_finish_keeps_the_failed_attempt_in_the_history(launch_file, chain):
    backup = chain[0]

    def move(action, **kwargs):
        return step_action(launch_file, actor="ann", step_id=backup, action=action, **kwargs).row

    started = move("start")
    failed = move("fail", reason="Disk full on the backup volume")
    retried = move("retry", expect_version=failed["version"])
    assert (retried["status"], retried["attempt"], retried["status_reason"]) == ("running", 2, "")
    assert retried["actual_start"] >= failed["actual_end"] and retried["actual_end"] is None
    step = steps_by_id(launch_file)[backup]
    (first,) = step.attempts
    assert (first.attempt, first.outcome.value, first.reason, first.recorded_by) == (
        1,
        "failed",
        "Disk full on the backup volume",
        "ann",
    )
    assert first.actual_start.isoformat(timespec="milliseconds") == started["actual_start"]
    # A retry started by mistake: reset brings the failure back as it was, and the history loses it.
    back = move("reset")
    assert (back["status"], back["attempt"], back["actual_end"]) == ("failed", 1, failed["actual_end"])
    assert back["status_reason"] == "Disk full on the backup volume"
    assert steps_by_id(launch_file)[backup].attempts == ()
    move("retry")
    done = move("finish")
    assert (done["status"], done["attempt"]) == ("done", 2)
    assert len(steps_by_id(launch_file)[backup].attempts) == 1


def test_skip_a_failed_step_lets_the_next_one_start(launch_file, chain):
    backup, load, _ = chain
    step_action(launch_file, actor="ann", step_id=backup, action="start")
    step_action(launch_file, actor="ann", step_id=backup, action="fail", reason="Tape drive offline")
    with pytest.raises(BadInput, match="waits for steps not yet done"):
        step_action(launch_file, actor="ann", step_id=load, action="start")
    skipped = step_action(
        launch_file, actor="ann", step_id=backup, action="skip", reason="Snapshot taken by the DBA instead"
    ).row
    assert (skipped["status"], skipped["status_reason"]) == ("skipped", "Snapshot taken by the DBA instead")
    assert step_action(launch_file, actor="ann", step_id=load, action="start").row["status"] == "running"
    with pytest.raises(BadInput, match="cannot be put back: #2 Load started after it"):
        step_action(launch_file, actor="ann", step_id=backup, action="unskip")
    step_action(launch_file, actor="ann", step_id=load, action="reset")
    unskipped = step_action(launch_file, actor="ann", step_id=backup, action="unskip").row
    assert (unskipped["status"], unskipped["status_reason"]) == ("failed", "Tape drive offline")


def test_a_change_of_links_alone_moves_the_version_within_the_millisecond_of_the_add(
    launch_file, monkeypatch
):
    monkeypatch.setattr(writer_module, "utc_now", lambda: "2026-12-07T09:00:00.000+00:00")
    first = add(launch_file, "Backup")["id"]
    second = add(launch_file, "Load")["id"]
    edit = update_step(launch_file, actor="bob", step_id=second, depends_on=[first], expect_version=1)
    assert edit.row["version"] == 2
