"""Runbook step actions: start and finish keep their rules; reset puts status and times back, version-checked."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cockpit.errors import BadInput, Conflict
from cockpit.services.runbook import reset_step, step_action
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


def test_start_then_reset_restores_pending_without_times(launch_file, steps):
    first, _ = steps
    started = step_action(launch_file, actor="ann", step_id=first, action="start", expect_version=1)
    assert started.row["status"] == "running" and started.row["actual_start"]
    undone = step_action(
        launch_file,
        actor="ann",
        step_id=first,
        action="reset",
        status="pending",
        actual_start=None,
        actual_end=None,
        expect_version=started.row["version"],
    )
    restored = step(launch_file, first)
    assert (restored.status, restored.actual_start, restored.actual_end) == ("pending", None, None)
    assert undone.row["version"] == started.row["version"] + 1
    assert undone.changes.rows == {"runbook_steps": {first}}


def test_finish_then_reset_restores_running_with_its_start(launch_file, steps):
    first, _ = steps
    started = step_action(launch_file, actor="ann", step_id=first, action="start")
    finished = step_action(
        launch_file, actor="ann", step_id=first, action="finish", expect_version=started.row["version"]
    )
    assert finished.row["status"] == "done"
    reset_step(
        launch_file,
        actor="ann",
        step_id=first,
        status="running",
        actual_start=started.row["actual_start"],
        actual_end=None,
        expect_version=finished.row["version"],
    )
    restored = step(launch_file, first)
    assert restored.status == "running" and restored.actual_end is None
    assert restored.actual_start == datetime.fromisoformat(started.row["actual_start"])


def test_rules_and_refusals_come_back_as_bad_input(launch_file, steps):
    first, second = steps
    with pytest.raises(BadInput, match="waits for steps not yet done"):
        step_action(launch_file, actor="ann", step_id=second, action="start")
    with pytest.raises(BadInput, match="only a running step can be finished"):
        step_action(launch_file, actor="ann", step_id=first, action="finish")
    with pytest.raises(BadInput, match="Unknown step status"):
        reset_step(
            launch_file, actor="ann", step_id=first, status="paused", actual_start=None, actual_end=None
        )
    with pytest.raises(BadInput, match="without having started"):
        reset_step(
            launch_file, actor="ann", step_id=first, status="done", actual_start=None, actual_end=PLANNED
        )
    with pytest.raises(BadInput, match="time zone"):
        reset_step(
            launch_file,
            actor="ann",
            step_id=first,
            status="running",
            actual_start="2026-12-01T00:00",
            actual_end=None,
        )
    with pytest.raises(BadInput, match="Unknown step action"):
        step_action(launch_file, actor="ann", step_id=first, action="pause")
    assert step(launch_file, first).status == "pending"


def test_reset_after_a_teammates_change_is_a_conflict(launch_file, steps):
    first, _ = steps
    started = step_action(launch_file, actor="ann", step_id=first, action="start")
    step_action(launch_file, actor="bob", step_id=first, action="finish")
    with pytest.raises(Conflict):
        reset_step(
            launch_file,
            actor="ann",
            step_id=first,
            status="pending",
            actual_start=None,
            actual_end=None,
            expect_version=started.row["version"],
        )
    assert step(launch_file, first).status == "done"
