"""A change to one migration object repaints its ledger row only and leaves the runbook's forecast and time
chart alone; a change to one step repaints the step table's changed rows, never a reset."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.services.demo import write_demo
from tests.ui.model_spy import ModelSpy, plus_row, with_row


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return write_demo(tmp_path / "demo.golive", size="small", lang="en", actor="tester")


def migration_pane(make_window, path: Path):
    window = make_window(path)
    window.show_pane("migration")
    return window.session.data, window.session.now(), window.pane("migration")


def test_an_object_change_repaints_its_ledger_row_and_draws_no_chart(
    make_window, demo, monkeypatch, qtmodeltester
):
    data, now, pane = migration_pane(make_window, demo)
    drawn = []
    monkeypatch.setattr(pane.timeline, "show_forecast", lambda *args, **kwargs: drawn.append(args))
    obj = data.objects[0]
    pane.ledger_table.setCurrentIndex(pane.ledger_table.model().index(0, 0))
    selected = pane.ledger_table.currentIndex().data()
    spy, steps_spy = ModelSpy(pane.ledger), ModelSpy(pane.steps)
    changed, changes = with_row(data, "objects", "migration_objects", obj.id, name=f"{obj.name} (copy)")
    pane.apply_data(changed, now, changes)
    assert "reset" not in spy.kinds() and spy.changed_rows() == 1
    assert steps_spy.events == [] and drawn == []
    assert pane.ledger_table.currentIndex().data() in (selected, f"{obj.name} (copy)")
    qtmodeltester.check(pane.ledger)


def test_a_new_object_is_inserted_into_the_ledger(make_window, demo):
    data, now, pane = migration_pane(make_window, demo)
    spy = ModelSpy(pane.ledger)
    new = type(data.objects[0])(id=999, name="ZZ audit trail", source_rows=10, target_rows=10)
    added, changes = plus_row(data, "objects", "migration_objects", new)
    pane.apply_data(added, now, changes)
    assert [e[0] for e in spy.events] == ["inserted"]
    assert pane.ledger.row_of_key(999) >= 0


def test_a_step_change_repaints_the_changed_step_rows_without_a_reset(make_window, demo):
    data, now, pane = migration_pane(make_window, demo)
    spy = ModelSpy(pane.steps)
    step = data.steps[-1]
    changed, changes = with_row(data, "steps", "runbook_steps", step.id, owner="Zoe Zed")
    pane.apply_data(changed, now, changes)
    assert "reset" not in spy.kinds() and spy.changed_rows() >= 1
    assert pane.steps.rows[pane.steps.row_of_key(step.id)].step.owner == "Zoe Zed"
