"""The overview keeps each light and works out again only those whose tables a change names: after a change
to any table it shows what a full recompute (``pane_statuses``, ``evaluate_gate``) says of the same data, and
a change to one table leaves the other lights (and the other gate criteria) alone."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections import Counter
from contextlib import closing
from datetime import timedelta

import pytest

import cockpit.domain.gate as gate_module
import cockpit.ui.panes.overview.lights as lights_module
from cockpit.changes import Changes
from cockpit.domain.checklist import ItemStatus
from cockpit.domain.gate import CriterionKind, Decision, evaluate_gate
from cockpit.domain.migration import StepStatus
from cockpit.domain.risks import RiskStatus
from cockpit.domain.status import Pane, gate_status, pane_statuses
from cockpit.domain.support import Severity, TicketStatus
from cockpit.domain.tests import Outcome
from cockpit.ui.panes.overview.lights import CRITERION_TABLES, GATE_TABLES, LIGHT_TABLES
from tests.ui.model_spy import with_row


def changed(data, field: str, table: str, **values):
    """``data`` with the middle row of ``field`` changed, and the ``Changes`` naming it."""
    rows = getattr(data, field)
    return with_row(data, field, table, rows[len(rows) // 2].id, **values)


def first_open_ticket(data):
    return next(t for t in data.tickets if t.is_open)


# One change per table a light or the gate reads: (table, how the launch changes).
CHANGES = {
    "checklist_items": lambda d: changed(d, "checklist", "checklist_items", status=ItemStatus.BLOCKED),
    "test_runs": lambda d: changed(d, "runs", "test_runs", passed=0),
    "test_cases": lambda d: changed(d, "cases", "test_cases", outcome=Outcome.FAILED),
    "runbook_steps": lambda d: changed(d, "steps", "runbook_steps", status=StepStatus.FAILED),
    "migration_objects": lambda d: changed(d, "objects", "migration_objects", target_rows=1),
    "risks": lambda d: changed(d, "risks", "risks", status=RiskStatus.OCCURRED),
    "tickets": lambda d: with_row(
        d, "tickets", "tickets", first_open_ticket(d).id, severity=Severity.P1, status=TicketStatus.NEW
    ),
    "gate_criteria": lambda d: changed(d, "criteria", "gate_criteria", enabled=False),
    "signoffs": lambda d: changed(d, "signoffs", "signoffs", decision=Decision.NO_GO),
}


def launch_row_changed(data):
    changes = Changes()
    changes.add("launch", 1)
    deadline = data.launch.go_live - timedelta(days=30)  # long past: the runbook's slack goes negative
    return dataclasses.replace(
        data, launch=dataclasses.replace(data.launch, rollback_deadline=deadline)
    ), changes


def sla_policies_changed(data):
    changes = Changes()
    changes.add("sla_policies", -1)
    tight = tuple(
        dataclasses.replace(p, resolution_minutes=1, first_response_minutes=1) for p in data.sla_policies
    )
    return dataclasses.replace(data, sla_policies=tight), changes


def assert_shows_a_full_recompute(pane, data, now) -> None:
    statuses = pane_statuses(data, now=now)
    for tile_pane, tile in pane.tiles.items():
        assert tile.status == statuses[tile_pane], tile_pane
        assert tile.headline.text() == statuses[tile_pane].headline
        assert tile.reason.text() == statuses[tile_pane].reason
    gate = evaluate_gate(data, now=now)
    assert pane.criteria_model.results() == gate.criteria
    assert gate_status(gate) == statuses[Pane.GATE]
    met = sum(c.ok for c in gate.criteria)
    assert f"criteria met {met} of {len(gate.criteria)}" in pane.gate_heading.text()
    assert f"signed {gate.signed} of {gate.required}" in pane.gate_heading.text()


@pytest.fixture
def overview(qtbot, make_window, demo_file):
    window = make_window(demo_file)
    window.show_pane("overview")
    pane, data, now = window.pane("overview"), window.session.data, window.session.now()
    # The lights as of the test's own minute: the load's may be of the minute before (a busy machine), and a
    # change in another minute rightly works every light out again.
    pane.apply_data(data, now, None)
    qtbot.waitUntil(pane.lights_current, timeout=30_000)
    return pane, data, now


def test_after_a_change_to_each_table_in_turn_the_lights_are_those_of_a_full_recompute(qtbot, overview):
    pane, data, now = overview
    steps = [*CHANGES.values(), sla_policies_changed, launch_row_changed]
    for make_change in steps:
        data, changes = make_change(data)
        pane.apply_data(data, now, changes)
        qtbot.waitUntil(pane.lights_current, timeout=30_000)
        assert_shows_a_full_recompute(pane, data, now)


def test_changes_that_arrive_while_the_lights_are_worked_out_are_all_in_the_lights_shown(qtbot, overview):
    pane, data, now = overview
    for table in ("tickets", "checklist_items", "test_cases", "risks"):  # no waiting in between
        data, changes = CHANGES[table](data)
        pane.apply_data(data, now, changes)
    qtbot.waitUntil(pane.lights_current, timeout=30_000)
    assert_shows_a_full_recompute(pane, data, now)


@pytest.fixture
def spies(monkeypatch):
    """Which lights and which gate criteria are worked out."""
    lights: Counter[Pane] = Counter()
    criteria: Counter[CriterionKind] = Counter()
    real_status, real_criterion = lights_module.pane_status, gate_module.evaluate_criterion

    def pane_status(pane, data, *, now):
        lights[pane] += 1
        return real_status(pane, data, now=now)

    def evaluate_criterion(criterion, data, *, now):
        criteria[criterion.kind] += 1
        return real_criterion(criterion, data, now=now)

    monkeypatch.setattr(lights_module, "pane_status", pane_status)
    monkeypatch.setattr(gate_module, "evaluate_criterion", evaluate_criterion)
    return lights, criteria


@pytest.mark.parametrize("table", sorted(CHANGES))
def test_a_change_to_one_table_works_out_only_the_lights_and_criteria_that_read_it(
    qtbot, overview, spies, table
):
    pane, data, now = overview
    lights, criteria = spies
    data, changes = CHANGES[table](data)
    pane.apply_data(data, now, changes)
    qtbot.waitUntil(pane.lights_current, timeout=30_000)
    assert set(lights) == {p for p, tables in LIGHT_TABLES.items() if table in tables}
    worked_out = {kind for kind, tables in CRITERION_TABLES.items() if table in tables}
    # A changed criterion is worked out again; here it is disabled, so none is.
    assert set(criteria) == worked_out & {c.kind for c in data.criteria if c.enabled}
    assert_shows_a_full_recompute(pane, data, now)


def test_a_checklist_change_leaves_the_support_light_and_the_other_criteria_alone(qtbot, overview, spies):
    pane, data, now = overview
    lights, criteria = spies
    data, changes = CHANGES["checklist_items"](data)
    pane.apply_data(data, now, changes)
    qtbot.waitUntil(pane.lights_current, timeout=30_000)
    assert lights == Counter({Pane.CHECKLIST: 1})
    assert set(criteria) == {CriterionKind.GATE_ITEMS_DONE}


def test_a_change_no_light_reads_works_out_nothing(qtbot, overview, spies):
    pane, data, now = overview
    lights, criteria = spies
    changes = Changes()
    changes.add("people", data.people[0].id)
    pane.apply_data(data, now, changes)
    assert pane.lights_current()
    assert not lights and not criteria


def test_a_change_in_another_minute_works_every_light_out_again(qtbot, overview, spies):
    pane, data, now = overview
    lights, criteria = spies
    later = now + timedelta(minutes=1)
    data, changes = CHANGES["checklist_items"](data)
    pane.apply_data(data, later, changes)
    qtbot.waitUntil(pane.lights_current, timeout=30_000)
    assert set(lights) == set(LIGHT_TABLES)
    assert set(criteria) == {c.kind for c in data.criteria if c.enabled}
    assert_shows_a_full_recompute(pane, data, later)


def test_a_full_load_works_every_light_out_again(qtbot, overview, spies):
    pane, data, now = overview
    lights, _criteria = spies
    pane.apply_data(data, now, None)
    assert pane.lights_current()  # at once, on the UI thread
    assert set(lights) == set(LIGHT_TABLES)
    assert_shows_a_full_recompute(pane, data, now)


def test_every_light_and_every_kind_of_criterion_names_tables_of_the_file(small_launch):
    with closing(sqlite3.connect(f"file:{small_launch}?mode=ro", uri=True)) as conn:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(LIGHT_TABLES) == set(Pane) - {Pane.GATE}  # the gate's light follows its criteria
    assert set(CRITERION_TABLES) == set(CriterionKind)
    assert set().union(GATE_TABLES, *LIGHT_TABLES.values()) <= tables
