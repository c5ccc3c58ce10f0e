"""A window refreshed after rehearsal and rollback edits (and a step removal that cascades to them) equals a
full read of the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.services.objects import add_object
from cockpit.services.rehearsals import rehearsal_count, rehearsal_step, start_rehearsal
from cockpit.services.rollback import decide_rollback
from cockpit.services.runbook import step_action
from cockpit.services.steps import add_step, remove_step
from cockpit.store.launchfile import create_launch, open_launch
from cockpit.store.read import load_launch
from cockpit.store.refresh import refresh_snapshot
from cockpit.store.watch import load_snapshot
from tests.conftest import GO_LIVE


@pytest.fixture
def launch_file(tmp_path: Path):
    path = tmp_path / "r.golive"
    create_launch(path, name="R", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="setup")
    with open_launch(path) as lf:
        yield lf


def test_rehearsal_and_rollback_edits_are_patched_in(launch_file):
    start = "2026-12-01T00:00+09:00"
    first = add_step(
        launch_file, actor="me", title="Backup", kind="backup", planned_start=start, planned_minutes=30
    )
    point = add_step(launch_file, actor="me", title="Point", kind="other", planned_start=start, planned_minutes=0,
                     depends_on=[first.row["id"]], rollback_point=True)  # fmt: skip
    obj = add_object(launch_file, actor="me", name="Orders", source_rows=10)
    snapshot = load_snapshot(launch_file)
    edits = [
        start_rehearsal(launch_file, actor="me"),
        rehearsal_step(launch_file, actor="me", number=1, step_id=first.row["id"], move="start"),
        rehearsal_count(launch_file, actor="me", number=1, object_id=obj.row["id"], target_rows=9),
        step_action(launch_file, actor="me", step_id=first.row["id"], action="start"),
        step_action(launch_file, actor="me", step_id=first.row["id"], action="finish"),
        decide_rollback(launch_file, actor="me", step_id=point.row["id"], decision="continue", reason="ok"),
    ]
    for edit in edits:
        refreshed = refresh_snapshot(launch_file, snapshot, edit.changes)
        assert refreshed is not None and refreshed.patched
        snapshot = refreshed.snapshot
        assert snapshot.data == load_launch(launch_file)
    assert snapshot.data.rehearsals[0].step(first.row["id"]) is not None
    assert snapshot.data.rollback_decisions[0].reason == "ok"

    removed = remove_step(launch_file, actor="me", step_id=point.row["id"])  # its decision goes with it
    refreshed = refresh_snapshot(launch_file, snapshot, removed.changes)
    assert refreshed is not None and refreshed.snapshot.data == load_launch(launch_file)
    assert refreshed.snapshot.data.rollback_decisions == ()
