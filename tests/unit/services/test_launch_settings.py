"""Launch settings, stage moves and SLA targets on a real launch file: written with their version and audit,
read back as the panes read them; bad input names the fix and leaves the file's bytes as they were."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from cockpit.domain.launch import Stage
from cockpit.domain.support import Severity
from cockpit.errors import BadInput, Conflict
from cockpit.services.launch_settings import SlaTarget, move_stage, set_sla_target, update_launch
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch


def read(path: Path):
    with open_launch(path, read_only=True) as lf:
        return load_launch(lf)


def audit(path: Path) -> list[tuple]:
    with open_launch(path, read_only=True) as lf, lf.reading() as conn:
        return [tuple(r) for r in conn.execute("SELECT actor, table_name, old, new, summary FROM audit")]


def test_settings_are_written_with_version_and_audit(launch_path: Path):
    with open_launch(launch_path) as lf:
        edit = update_launch(
            lf,
            actor="sato",
            name="  Order system go-live  ",
            go_live="2026-12-02T10:00",  # no offset: read in the launch's zone (Asia/Tokyo)
            rollback_deadline="2026-12-02T12:30+09:00",
            risk_red_min=12,
            risk_amber_min=4,
            expect_version=1,
        )
    assert edit.row["version"] == 2 and edit.row["updated_by"] == "sato"
    assert set(edit.changes.rows) == {"launch"}
    data = read(launch_path)
    launch = data.launch
    assert launch.name == "Order system go-live"
    assert launch.go_live == datetime.fromisoformat("2026-12-02T10:00+09:00")
    assert launch.rollback_deadline == datetime.fromisoformat("2026-12-02T12:30+09:00")
    assert (data.risk_thresholds.red_min, data.risk_thresholds.amber_min) == (12, 4)
    actor, table, old, new, _ = audit(launch_path)[-1]
    assert (actor, table) == ("sato", "launch")
    assert '"name": "Test launch"' in old and '"risk_red_min": 12' in new


def test_a_new_zone_reads_times_given_without_offset_and_keeps_the_instants(launch_path: Path):
    with open_launch(launch_path) as lf:
        update_launch(lf, actor="sato", timezone="Europe/Berlin", rollback_deadline="2026-12-01T03:00")
    launch = read(launch_path).launch
    assert launch.timezone == "Europe/Berlin"
    assert launch.go_live == datetime.fromisoformat("2026-12-01T09:00+09:00")  # the same instant as before
    assert launch.rollback_deadline == datetime.fromisoformat("2026-12-01T03:00+01:00")


def test_the_rollback_deadline_can_be_cleared(launch_path: Path):
    with open_launch(launch_path) as lf:
        update_launch(lf, actor="sato", rollback_deadline="2026-12-01T12:00+09:00")
        update_launch(lf, actor="sato", rollback_deadline=None)
    assert read(launch_path).launch.rollback_deadline is None


def test_the_same_go_live_in_another_offset_writes_nothing(launch_path: Path):
    with open_launch(launch_path) as lf:
        edit = update_launch(lf, actor="sato", go_live="2026-12-01T00:00+00:00")
    assert edit.row["version"] == 1 and not edit.changes


def test_stage_moves_are_audited_with_their_reason_and_read_back(launch_path: Path):
    assert read(launch_path).launch.last_stage_move is None
    with open_launch(launch_path) as lf:
        move_stage(lf, actor="sato", stage="cutover", expect_version=1)
        move_stage(lf, actor="suzuki", stage="preparation", reason="Cutover postponed: rehearsal failed")
    launch = read(launch_path).launch
    assert launch.stage is Stage.PREPARATION and launch.version == 3
    move = launch.last_stage_move
    assert move is not None
    assert (move.previous, move.stage, move.by) == (Stage.CUTOVER, Stage.PREPARATION, "suzuki")
    assert move.reason == "Cutover postponed: rehearsal failed"
    assert audit(launch_path)[-1][-1] == "Cutover postponed: rehearsal failed"


def test_a_stage_move_beside_other_settings_keeps_its_reason_to_itself(launch_path: Path):
    with open_launch(launch_path) as lf:
        update_launch(lf, actor="sato", name="Renamed", stage="hypercare", reason="No cutover: a new system")
        update_launch(lf, actor="sato", name="Renamed again")  # not a stage move: the last move stays
    launch = read(launch_path).launch
    assert launch.name == "Renamed again" and launch.stage is Stage.HYPERCARE
    assert launch.last_stage_move is not None
    assert launch.last_stage_move.reason == "No cutover: a new system"


def test_sla_targets_per_severity(launch_path: Path):
    with open_launch(launch_path) as lf:
        edit = set_sla_target(lf, actor="sato", severity="P2", first_response_minutes=20, expect_version=1)
        update_launch(lf, actor="sato", sla={"P1": SlaTarget(10, 60, expect_version=1)})
    assert edit.row["version"] == 2
    policies = {p.severity: p for p in read(launch_path).sla_policies}
    assert (policies[Severity.P2].first_response_minutes, policies[Severity.P2].resolution_minutes) == (
        20,
        480,
    )
    assert (policies[Severity.P1].first_response_minutes, policies[Severity.P1].resolution_minutes) == (
        10,
        60,
    )
    assert policies[Severity.P1].version == 2


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda lf: update_launch(lf, actor="x"), "Nothing to change: give --name"),
        (lambda lf: update_launch(lf, actor="x", name="  "), "name must not be empty"),
        (
            lambda lf: update_launch(lf, actor="x", timezone="Asia/Tokio"),
            "use an IANA name such as Asia/Tokyo",
        ),
        (lambda lf: update_launch(lf, actor="x", timezone="Asia"), "Unknown time zone 'Asia'"),
        (lambda lf: update_launch(lf, actor="x", go_live="next friday"), "write e.g. 2026-12-01T09:00"),
        (lambda lf: update_launch(lf, actor="x", risk_amber_min=15), "Choose an amber minimum"),
        (lambda lf: update_launch(lf, actor="x", risk_red_min=30), "a red one of 25 at most"),
        (
            lambda lf: update_launch(lf, actor="x", stage="closed"),
            "give a reason, or move one stage at a time",
        ),
        (lambda lf: update_launch(lf, actor="x", stage="preparation"), "already in Preparation"),
        (lambda lf: update_launch(lf, actor="x", stage="launched"), "use one of: preparation, cutover"),
        (
            lambda lf: update_launch(lf, actor="x", name="New name", stage="closed"),
            "give a reason",  # the whole write is refused, the name too
        ),
        (lambda lf: set_sla_target(lf, actor="x", severity="P1"), "give --first-response or --resolution"),
        (lambda lf: set_sla_target(lf, actor="x", severity="P5", resolution_minutes=9), "use one of: P1"),
        (
            lambda lf: set_sla_target(lf, actor="x", severity="P1", first_response_minutes=0),
            "whole number of minutes above 0",
        ),
        (
            lambda lf: set_sla_target(lf, actor="x", severity="P1", first_response_minutes=300),
            "make the first response due no later than the resolution",
        ),
        (
            lambda lf: update_launch(
                lf, actor="x", name="Kept?", sla={"P3": SlaTarget(resolution_minutes=-5)}
            ),
            "P3 resolution target must be a whole number of minutes above 0",
        ),
    ],
)
def test_bad_input_names_the_fix_and_leaves_the_file_unchanged(launch_path: Path, call, words):
    before = launch_path.read_bytes()
    with open_launch(launch_path) as lf, pytest.raises(BadInput) as refused:
        call(lf)
    assert words in str(refused.value)
    assert launch_path.read_bytes() == before


def test_a_stale_version_is_a_conflict_not_a_refusal(launch_path: Path):
    with open_launch(launch_path) as lf:
        update_launch(lf, actor="tanaka", name="Theirs", expect_version=1)
        set_sla_target(lf, actor="tanaka", severity="P1", resolution_minutes=100, expect_version=1)
        before = launch_path.read_bytes()
        with pytest.raises(Conflict) as conflict:
            # A skip without a reason, judged on a launch the caller has not seen: the news is the change.
            update_launch(lf, actor="ito", stage="closed", expect_version=1)
        assert "tanaka" in str(conflict.value)
        with pytest.raises(Conflict):
            set_sla_target(lf, actor="ito", severity="P1", first_response_minutes=500, expect_version=1)
    assert launch_path.read_bytes() == before
