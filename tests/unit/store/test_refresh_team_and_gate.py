"""The refresh after the team's and the gate's edits (people, roster, criteria) patches the launch to
exactly what a full read gives: the window shows a new person, a rename where they are named, a signer
and a threshold without reading the whole file."""

from __future__ import annotations

from cockpit.services.edits import add_checklist_item
from cockpit.services.gate import add_criterion, remove_criterion, set_criterion
from cockpit.services.people import add_person, remove_person, update_person
from cockpit.services.roster import add_signer, remove_signer, sign_off_as
from cockpit.store.watch import load_snapshot
from tests.unit.store.test_refresh import assert_refresh_matches_full_read


def test_team_and_gate_edits_patch_to_a_full_read(launch_file):
    lf = launch_file
    snapshot = load_snapshot(lf)
    steps = [
        lambda: add_person(lf, actor="lead", name="Sato Ken", login="ksato", role="PM"),
        lambda: add_checklist_item(
            lf, actor="lead", stage="preparation", category="tests", title="UAT", owner="Sato Ken"
        ),
        lambda: add_signer(lf, actor="lead", login="ksato"),
        lambda: update_person(lf, actor="lead", person_id=1, name="Sato Kenji", contact="内線 1234"),
        lambda: sign_off_as(lf, actor="ksato", decision="go"),
        lambda: sign_off_as(lf, actor="ksato", decision="pending"),
        lambda: remove_signer(lf, actor="lead", login="ksato"),
        lambda: add_criterion(
            lf, actor="lead", kind="pass_rate", params={"level": "smoke", "min_pass_rate": 90}
        ),
        lambda: set_criterion(
            lf, actor="lead", criterion_id=10, params={"min_pass_rate": "85"}, enabled=False
        ),
        lambda: remove_criterion(lf, actor="lead", criterion_id=10),
        lambda: add_person(lf, actor="lead", name="Ito Mai", login="mito"),
        lambda: remove_person(lf, actor="lead", person_id=2),
    ]
    for step in steps:
        snapshot = assert_refresh_matches_full_read(lf, snapshot, step().changes)
    assert [p.name for p in snapshot.data.people] == ["Sato Kenji"]
    assert snapshot.data.checklist[0].owner == "Sato Kenji"
