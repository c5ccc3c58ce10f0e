"""The refresh that reads only what changed: after any sequence of writes, mine or a teammate's, the
patched launch equals a full read of the file, and the audit mark neither skips nor repeats a change."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cockpit.changes import Changes
from cockpit.domain.checklist import Category, ItemStage, ItemStatus
from cockpit.domain.gate import Decision
from cockpit.domain.launch import Stage
from cockpit.domain.migration import StepStatus
from cockpit.domain.support import Severity, TicketStatus
from cockpit.domain.tests import TestLevel
from cockpit.errors import CockpitError
from cockpit.secrets import Credentials
from cockpit.services.demo import write_demo
from cockpit.services.edits import (
    add_checklist_item,
    add_risk,
    add_ticket,
    set_checklist_status,
    sign_off,
    update_checklist_item,
    update_risk,
    update_ticket,
)
from cockpit.services.import_results import import_results
from cockpit.services.import_table import import_table, preview_table
from cockpit.services.launch_settings import move_stage, set_sla_target, update_launch
from cockpit.services.objects import add_object, update_object
from cockpit.services.removals import remove_checklist_item
from cockpit.services.runbook import step_action
from cockpit.services.sources import add_source
from cockpit.services.steps import add_step, remove_step, update_step
from cockpit.store.launchfile import LaunchFile, open_launch
from cockpit.store.read import load_launch
from cockpit.store.refresh import refresh_snapshot
from cockpit.store.watch import Snapshot, load_snapshot
from tests.paths import FIXTURES

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    return write_demo(tmp_path_factory.mktemp("demo") / "demo.golive", size="small", actor="demo", now=NOW)


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.golive"
    copy.write_bytes(demo_template.read_bytes())
    return copy


def assert_refresh_matches_full_read(lf: LaunchFile, snapshot: Snapshot, changes: Changes | None) -> Snapshot:
    refreshed = refresh_snapshot(lf, snapshot, changes)
    assert refreshed is not None
    assert refreshed.patched
    full = load_snapshot(lf)
    assert refreshed.snapshot.data == full.data
    assert refreshed.snapshot.audit_id == full.audit_id
    assert refreshed.snapshot.last_event == full.last_event
    return refreshed.snapshot


# -- random sequences of the window's edits ----------------------------------------------------------------------


def _random_edit(lf: LaunchFile, rng: random.Random, data, actor: str):
    """One edit a user could make, chosen at random among what the launch has now."""
    kinds = [
        "status",
        "add_item",
        "add_ticket",
        "add_risk",
        "stage",
        "sla",
        "settings",
        "add_step",
        "add_object",
    ]
    if data.checklist:
        kinds += ["item_deps", "item_fields", "remove_item"]
    if data.tickets:
        kinds += ["ticket"]
    if data.risks:
        kinds += ["risk"]
    if data.steps:
        kinds += ["step", "step", "step_fields", "remove_step"]
    if data.objects:
        kinds += ["object"]
    if data.signoffs:
        kinds += ["signoff"]
    kind = rng.choice(kinds)
    if kind == "status" and data.checklist:
        item = rng.choice(data.checklist)
        status = rng.choice([s for s in ItemStatus if s is not item.status])
        # Forced: a done over an open dependency is refused otherwise, and every status must be tried.
        return set_checklist_status(
            lf, actor=actor, item_id=item.id, status=status.value, reason="waiting for the vendor", force=True
        )
    if kind == "add_item" or kind == "status":
        ids = [i.id for i in data.checklist]
        return add_checklist_item(
            lf,
            actor=actor,
            stage=rng.choice(list(ItemStage)).value,
            category=rng.choice(list(Category)).value,
            title=f"item {rng.random():.6f}",
            depends_on=rng.sample(ids, min(len(ids), rng.randint(0, 2))),
        )
    if kind == "item_deps":
        item = rng.choice(data.checklist)
        earlier = [i.id for i in data.checklist if i.id < item.id]
        return update_checklist_item(
            lf,
            actor=actor,
            item_id=item.id,
            depends_on=rng.sample(earlier, min(len(earlier), rng.randint(0, 3))),
        )
    if kind == "item_fields":
        item = rng.choice(data.checklist)
        return update_checklist_item(lf, actor=actor, item_id=item.id, title=f"renamed {rng.random():.6f}")
    if kind == "remove_item":
        depended_on = {dep for i in data.checklist for dep in i.depends_on}
        free = [i for i in data.checklist if i.id not in depended_on]
        if not free:
            return None
        return remove_checklist_item(lf, actor=actor, item_id=rng.choice(free).id)
    if kind == "stage":  # the launch row's stage, and its last move read back from the audit
        target = rng.choice([stage for stage in Stage if stage is not data.launch.stage])
        return move_stage(lf, actor=actor, stage=target.value, reason=f"reason {rng.random():.6f}")
    if kind == "sla":
        return set_sla_target(
            lf,
            actor=actor,
            severity=rng.choice(list(Severity)).value,
            first_response_minutes=rng.randint(1, 60),
            resolution_minutes=rng.randint(60, 600),
        )
    if kind == "settings":
        return update_launch(
            lf,
            actor=actor,
            name=f"launch {rng.random():.6f}",
            risk_red_min=rng.randint(10, 25),
            risk_amber_min=rng.randint(2, 9),
        )
    if kind == "add_ticket":
        return add_ticket(
            lf, actor=actor, title=f"ticket {rng.random():.6f}", severity=rng.choice(list(Severity)).value
        )
    if kind == "ticket":
        ticket = rng.choice(data.tickets)
        return update_ticket(
            lf,
            actor=actor,
            ticket_id=ticket.id,
            status=rng.choice(list(TicketStatus)).value,
            escalate=rng.random() < 0.3,
        )
    if kind == "add_risk":
        return add_risk(
            lf,
            actor=actor,
            title=f"risk {rng.random():.6f}",
            likelihood=rng.randint(1, 5),
            impact=rng.randint(1, 5),
        )
    if kind == "risk":
        risk = rng.choice(data.risks)
        return update_risk(
            lf, actor=actor, risk_id=risk.id, likelihood=rng.randint(1, 5), owner=f"o{rng.randint(1, 9)}"
        )
    if kind == "step":
        step = rng.choice(data.steps)
        if step.status is StepStatus.RUNNING:
            action = rng.choice(["finish", "finish", "fail", "reset"])
        elif step.status is StepStatus.PENDING:
            action = rng.choice(["start", "start", "skip"])
        elif step.status is StepStatus.FAILED:
            action = rng.choice(["retry", "skip", "reopen"])
        elif step.status is StepStatus.SKIPPED:
            action = "unskip"
        else:
            action = "reopen"
        return step_action(lf, actor=actor, step_id=step.id, action=action, reason="why not")
    if kind == "add_step":
        ids = [s.id for s in data.steps]
        return add_step(
            lf,
            actor=actor,
            title=f"step {rng.random():.6f}",
            kind="other",
            planned_start="2026-12-01T22:00+09:00",
            planned_minutes=rng.randint(0, 60),
            depends_on=rng.sample(ids, min(len(ids), rng.randint(0, 2))),
            seq=rng.choice([None, None, 1]),
        )
    if kind == "step_fields":
        step = rng.choice(data.steps)
        earlier = [s.id for s in data.steps if s.id < step.id]
        return update_step(
            lf,
            actor=actor,
            step_id=step.id,
            owner=f"o{rng.randint(1, 9)}",
            depends_on=rng.sample(earlier, min(len(earlier), rng.randint(0, 2))),
        )
    if kind == "remove_step":
        depended_on = {dep for s in data.steps for dep in s.depends_on}
        free = [s for s in data.steps if s.id not in depended_on]
        if not free:
            return None
        return remove_step(lf, actor=actor, step_id=rng.choice(free).id)
    if kind == "add_object":
        return add_object(lf, actor=actor, name=f"object {rng.random():.6f}", source_rows=rng.randint(0, 999))
    if kind == "object":
        obj = rng.choice(data.objects)
        if rng.random() < 0.5:
            return update_object(lf, actor=actor, object_id=obj.id, target_rows=rng.randint(0, 999))
        return update_object(lf, actor=actor, object_id=obj.id, accept_difference="merged on purpose")
    signoff = rng.choice(data.signoffs)
    return sign_off(
        lf, actor=actor, signoff_id=signoff.id, decision=rng.choice(list(Decision)).value, comment="ok"
    )


def _run_sequence(path: Path, seed: int, edits: int) -> None:
    rng = random.Random(seed)
    with open_launch(path) as mine, open_launch(path) as teammates:
        snapshot = load_snapshot(mine)
        for _ in range(edits):
            pending = Changes()
            # Sometimes a teammate writes first (unseen by me), sometimes I write, sometimes both.
            for lf, actor in ((teammates, "bob"), (mine, "me")):
                if rng.random() < 0.5:
                    continue
                try:
                    edit = _random_edit(lf, rng, load_launch(lf), actor)
                except CockpitError:
                    continue  # a refused edit (say, a step that waits for another) writes nothing
                if edit is not None and lf is mine:
                    pending = edit.changes
            refreshed = refresh_snapshot(mine, snapshot, pending or None)
            full = load_snapshot(mine)
            if refreshed is None:
                assert snapshot.data == full.data and snapshot.audit_id == full.audit_id
                continue
            assert refreshed.patched
            assert refreshed.snapshot.data == full.data
            assert refreshed.snapshot.audit_id == full.audit_id
            snapshot = refreshed.snapshot


@pytest.mark.parametrize("seed", range(6))
def test_random_edits_on_the_demo_patch_to_what_a_full_read_gives(demo_path, seed):
    _run_sequence(demo_path, seed, edits=40)


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_on_a_new_launch_patch_to_what_a_full_read_gives(launch_path, seed):
    _run_sequence(launch_path, 100 + seed, edits=40)


# -- the changes that cannot be patched row by row ---------------------------------------------------------------


def test_a_teammates_write_between_mine_and_my_refresh_is_taken_in_once(launch_file, launch_path):
    snapshot = load_snapshot(launch_file)
    mine = add_ticket(launch_file, actor="me", title="Mine", severity="P3")
    with open_launch(launch_path) as teammate:
        add_risk(teammate, actor="bob", title="Theirs", likelihood=2, impact=3)
    refreshed = refresh_snapshot(launch_file, snapshot, mine.changes)
    assert refreshed is not None
    assert [t.title for t in refreshed.snapshot.data.tickets] == ["Mine"]
    assert [r.title for r in refreshed.snapshot.data.risks] == ["Theirs"]
    assert set(refreshed.changes.rows) == {"tickets", "risks"}
    assert refreshed.snapshot.last_event.actor == "bob"
    assert refresh_snapshot(launch_file, refreshed.snapshot) is None  # nothing is taken in twice


def test_a_deleted_item_drops_out_of_the_items_that_depended_on_it(launch_file):
    first = add_checklist_item(launch_file, actor="me", stage="preparation", category="tests", title="A").row
    second = add_checklist_item(
        launch_file, actor="me", stage="preparation", category="tests", title="B", depends_on=[first["id"]]
    ).row
    snapshot = load_snapshot(launch_file)
    assert snapshot.data.checklist[1].depends_on == (first["id"],)
    with launch_file.writing("bob") as w:  # the CLI's remove: the link goes by ON DELETE CASCADE, unaudited
        w.delete("checklist_items", first["id"])
    after = assert_refresh_matches_full_read(launch_file, snapshot, w.changes)
    assert [(i.id, i.depends_on) for i in after.data.checklist] == [(second["id"], ())]


def test_imports_launch_settings_and_reordered_steps_patch_to_a_full_read(demo_path, tmp_path):
    with open_launch(demo_path) as lf:
        snapshot = load_snapshot(lf)
        outcome = import_results(
            lf,
            paths=[FIXTURES / "junit" / "pytest-xunit2.xml"],
            level=TestLevel.SMOKE,
            run_name="smoke 9",
            actor="ci",
        )
        snapshot = assert_refresh_matches_full_read(lf, snapshot, outcome.changes)
        preview = preview_table(FIXTURES / "tables" / "runbook_ja.tsv", kind="steps", tz="Asia/Tokyo")
        done = import_table(lf, preview, actor="me", accept_partial=True)
        snapshot = assert_refresh_matches_full_read(lf, snapshot, done.changes)
        preview = preview_table(
            FIXTURES / "tables" / "checklist_ja_utf8_bom.csv", kind="checklist", tz="Asia/Tokyo"
        )
        done = import_table(lf, preview, actor="me", accept_partial=True)
        snapshot = assert_refresh_matches_full_read(lf, snapshot, done.changes)
        with lf.writing("lead") as w:
            w.update("launch", 1, {"name": "Renamed", "risk_red_min": 12})
            w.update("sla_policies", 1, {"first_response_minutes": 7})
            first, last = snapshot.data.steps[0], snapshot.data.steps[-1]
            w.update("runbook_steps", first.id, {"seq": last.seq + 1})  # the first step moves to the end
            w.insert("people", {"name": "New colleague", "role": "DBA"})
        after = assert_refresh_matches_full_read(lf, snapshot, w.changes)
        assert after.data.steps[-1].id == first.id
        assert after.data.launch.name == "Renamed" and after.data.risk_thresholds.red_min == 12


def test_a_reimport_that_updates_rows_and_links_patches_to_a_full_read(demo_path, tmp_path):
    import csv

    from cockpit.services.export_table import export_table

    with open_launch(demo_path) as lf:
        snapshot = load_snapshot(lf)
        export = export_table(lf, kind="steps", path=tmp_path / "runbook.csv").path
        with export.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        rows[3]["Owner"] = "someone else"
        rows[9]["Depends on"] = rows[0]["ID"]
        with export.open("w", encoding="utf-8-sig", newline="") as f:
            out = csv.DictWriter(f, fieldnames=list(rows[0]))
            out.writeheader()
            out.writerows(rows)
        preview = preview_table(export, kind="steps", tz="Asia/Tokyo", launch_file=lf)
        done = import_table(lf, preview, actor="me", accept_partial=False)
        assert len(done.updated) == 2
        after = assert_refresh_matches_full_read(lf, snapshot, done.changes)
        step = next(s for s in after.data.steps if s.id == int(rows[9]["ID"]))
        assert step.depends_on == (int(rows[0]["ID"]),)


def test_a_source_added_changes_nothing_the_window_shows(launch_file):
    snapshot = load_snapshot(launch_file)
    edit = add_source(
        launch_file,
        actor="me",
        name="CI",
        url="https://ci.example/results.xml",
        kind="results",
        level="unit",
        credentials=Credentials(),
    )
    refreshed = refresh_snapshot(launch_file, snapshot, edit.changes)
    assert refreshed is not None and refreshed.patched
    assert refreshed.snapshot.data is snapshot.data
    assert refreshed.snapshot.audit_id > snapshot.audit_id


def test_a_table_this_version_does_not_know_reads_the_whole_launch(launch_file):
    snapshot = load_snapshot(launch_file)
    with launch_file.writing("newer-cockpit") as w:
        w.update("launch", 1, {"name": "Written by a newer cockpit"})
        w.audit("insert", "a_table_from_the_future", 1, None, {"name": "first"})
    refreshed = refresh_snapshot(launch_file, snapshot, None)
    assert refreshed is not None and not refreshed.patched
    assert refreshed.snapshot.data == load_launch(launch_file)
    assert refreshed.snapshot.data.launch.name == "Written by a newer cockpit"


def test_many_rows_of_one_table_are_read_as_the_whole_table(launch_file):
    snapshot = load_snapshot(launch_file)
    for n in range(30):
        add_ticket(launch_file, actor="bob", title=f"T{n}", severity="P4")
    with launch_file.writing("bob") as w:
        opened = (NOW - timedelta(days=1)).isoformat()
        w.insert_many(
            "tickets", [{"title": "bulk", "severity": "P2", "opened_at": opened}] * 3, summary="bulk"
        )
    after = assert_refresh_matches_full_read(launch_file, snapshot, None)
    assert len(after.data.tickets) == 33


def test_imports_read_only_the_new_runs_cases_and_keep_the_other_recent_runs_case_objects(demo_path):
    """Three imports of one level (the oldest of its recent runs drops out) and one of another: each refresh
    equals a full read, and a recent run that did not change keeps its case objects (not built again)."""
    files = ["pytest-xunit2.xml", "jest-junit.xml", "gradle.xml", "catch2.xml"]
    levels = [TestLevel.SMOKE, TestLevel.SMOKE, TestLevel.SMOKE, TestLevel.UAT]
    with open_launch(demo_path) as lf:
        snapshot = load_snapshot(lf)
        for name, level in zip(files, levels, strict=True):
            before = {case.id: case for case in snapshot.data.cases}
            outcome = import_results(
                lf,
                paths=[FIXTURES / "junit" / name],
                level=level,
                run_name=f"{level.value} {name}",
                actor="ci",
            )
            snapshot = assert_refresh_matches_full_read(lf, snapshot, outcome.changes)
            new_run = snapshot.data.runs[-1].id
            kept = [case for case in snapshot.data.cases if case.run_id != new_run]
            assert kept and all(before[case.id] is case for case in kept)
