"""Runbook step moves through the one service the CLI and the window share: the domain's rules, a version
check and an audit row. Reset and reopen (the window's undo of a start and a finish) are moves like any."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cockpit.errors import BadInput, Conflict
from cockpit.services.runbook import step_action
from cockpit.store.read import load_launch

PLANNED = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)


@pytest.fixture
def steps(launch_file):
    with launch_file.writing("setup") as w:
        first = w.insert(
            "runbook_steps",
            {
                "seq": 1,
                "title": "Backup",
                "kind": "backup",
                "planned_start": PLANNED.isoformat(),
                "planned_minutes": 30,
            },
        )
        second = w.insert(
            "runbook_steps",
            {
                "seq": 2,
                "title": "Load",
                "kind": "migrate",
                "planned_start": PLANNED.isoformat(),
                "planned_minutes": 60,
            },
        )
        w.conn.execute(
            "INSERT INTO step_deps (step_id, depends_on_id) VALUES (?, ?)", [second["id"], first["id"]]
        )
    return first["id"], second["id"]


def step(launch_file, step_id: int):
    return next(s for s in load_launch(launch_file).steps if s.id == step_id)


def move(launch_file, step_id, action, **kwargs):
    return step_action(
        launch_file, actor=kwargs.pop("actor", "ann"), step_id=step_id, action=action, **kwargs
    )


def test_start_then_reset_puts_the_step_back_to_pending_without_times(launch_file, steps):
    first, _ = steps
    started = move(launch_file, first, "start", expect_version=1)
    assert started.row["status"] == "running" and started.row["actual_start"]
    reset = move(launch_file, first, "reset", expect_version=started.row["version"])
    restored = step(launch_file, first)
    assert (restored.status, restored.actual_start, restored.actual_end) == ("pending", None, None)
    assert reset.row["version"] == started.row["version"] + 1
    assert reset.changes.rows == {"runbook_steps": {first}}


def test_finish_then_reopen_keeps_the_start_and_forgets_the_end(launch_file, steps):
    first, _ = steps
    started = move(launch_file, first, "start")
    finished = move(launch_file, first, "finish", expect_version=started.row["version"])
    assert finished.row["status"] == "done" and finished.row["actual_start"] == started.row["actual_start"]
    move(launch_file, first, "reopen", expect_version=finished.row["version"])
    restored = step(launch_file, first)
    assert restored.status == "running" and restored.actual_end is None
    assert restored.actual_start == datetime.fromisoformat(started.row["actual_start"])
    audited = launch_file.conn.execute(
        "SELECT new FROM audit WHERE table_name = 'runbook_steps' AND row_id = ? ORDER BY id DESC LIMIT 1",
        [first],
    ).fetchone()[0]
    assert "actual_start" not in audited  # the start was kept, not rewritten


def test_fail_ends_a_running_step_in_failure(launch_file, steps):
    first, _ = steps
    move(launch_file, first, "start")
    with pytest.raises(BadInput, match="give a reason"):
        move(launch_file, first, "fail")
    failed = move(launch_file, first, "fail", reason="Disk full").row
    assert (failed["status"], failed["status_reason"]) == ("failed", "Disk full")


def test_rules_and_refusals_come_back_as_bad_input(launch_file, steps):
    first, second = steps
    with pytest.raises(BadInput, match="waits for steps not yet done: #1 Backup"):
        move(launch_file, second, "start")
    with pytest.raises(BadInput, match="only a running step can be finished"):
        move(launch_file, first, "finish")
    with pytest.raises(BadInput, match="only a done or failed step can be reopened"):
        move(launch_file, first, "reopen")
    with pytest.raises(BadInput, match="only a running step can be put back to pending"):
        move(launch_file, first, "reset")
    with pytest.raises(BadInput, match="Unknown step action"):
        move(launch_file, first, "pause")
    assert step(launch_file, first).status == "pending"


def test_a_step_whose_dependents_started_is_not_reopened(launch_file, steps):
    first, second = steps
    move(launch_file, first, "start")
    finished = move(launch_file, first, "finish")
    move(launch_file, second, "start", actor="bob")
    with pytest.raises(BadInput, match="#2 Load started after it"):
        move(launch_file, first, "reopen", expect_version=finished.row["version"])
    assert step(launch_file, first).status == "done"


def test_a_move_on_a_step_a_teammate_moved_since_is_a_conflict(launch_file, steps):
    first, _ = steps
    started = move(launch_file, first, "start")
    move(launch_file, first, "finish", actor="bob")
    with pytest.raises(
        Conflict
    ) as caught:  # the reset's rule would refuse a done step: bob's finish is the news
        move(launch_file, first, "reset", expect_version=started.row["version"])
    assert [r.actor for r in caught.value.history] == ["bob"]
    assert step(launch_file, first).status == "done"
