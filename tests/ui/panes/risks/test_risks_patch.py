"""A change to one risk reaches the register as that row only, the selection stays, and the heat map follows;
an added or removed risk inserts or removes its row."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cockpit.domain.risks import Risk
from cockpit.services.demo import write_demo
from cockpit.ui.panes.risks.model import Column, Role
from tests.ui.model_spy import ModelSpy, plus_row, with_row, without_row


@pytest.fixture
def demo_launch(tmp_path: Path) -> Path:
    return write_demo(tmp_path / "demo.golive", size="small", lang="en", actor="tester")


def risks_pane(make_window, path: Path):
    window = make_window(path)
    window.show_pane("risks")
    return window.session.data, window.session.now(), window.pane("risks")


def test_an_owner_change_repaints_that_row_only_and_keeps_the_selection(
    make_window, demo_launch, qtmodeltester
):
    data, now, pane = risks_pane(make_window, demo_launch)
    pane.select_risk(3)
    spy = ModelSpy(pane.model)
    changed, changes = with_row(data, "risks", "risks", 3, owner="Zoe Zed")
    pane.apply_data(changed, now, changes)
    row = pane.model.row_of(3)
    assert spy.events == [("changed", row, row, None)]
    assert pane.model.index(row, Column.OWNER).data() == "Zoe Zed"
    assert pane.selected_risk().owner == "Zoe Zed"
    qtmodeltester.check(pane.model)


def test_a_rating_change_moves_the_row_the_heat_map_and_the_selection_along(make_window, demo_launch):
    data, now, pane = risks_pane(make_window, demo_launch)
    pane.select_risk(11)  # green
    before = pane.heatmap_model.count(5, 5)
    spy = ModelSpy(pane.model)
    changed, changes = with_row(
        data, "risks", "risks", 11, likelihood=5, impact=5, residual_likelihood=5, residual_impact=5
    )
    pane.apply_data(changed, now, changes)
    assert "reset" not in spy.kinds() and spy.changed_rows() == 1
    assert pane.model.row_of(11) == 0  # sorted by score, highest first
    assert pane.selected_risk().id == 11
    assert pane.heatmap_model.count(5, 5) == before + 1
    assert "#11" in pane.alert.text()  # red now, and no contingency plan


def test_added_and_removed_risks_insert_and_remove_rows(make_window, demo_launch, qtmodeltester):
    data, now, pane = risks_pane(make_window, demo_launch)
    pane.select_risk(1)
    pane.set_filters(open_only=False)
    spy = ModelSpy(pane.model)
    new_risk = Risk(id=99, title="Printer driver missing", likelihood=2, impact=2, owner="Ops")
    added, changes = plus_row(data, "risks", "risks", new_risk)
    pane.apply_data(added, now, changes)
    row = pane.model.row_of(99)
    assert spy.events == [("inserted", row, row, None)]
    assert 99 in pane.visible_risk_ids()
    spy.events.clear()
    removed, changes = without_row(added, "risks", "risks", 2)
    old_row = next(r for r in range(pane.model.rowCount()) if pane.model.rated_row(r)[0].id == 2)
    pane.apply_data(removed, now, changes)
    assert spy.events == [("removed", old_row, old_row, None)]
    assert 2 not in pane.visible_risk_ids() and len(pane.visible_risk_ids()) == len(removed.risks)
    assert pane.selected_risk().id == 1
    qtmodeltester.check(pane.model)


def test_a_changed_risk_that_is_the_same_object_is_no_change(make_window, demo_launch):
    data, now, pane = risks_pane(make_window, demo_launch)
    spy = ModelSpy(pane.model)
    same = dataclasses.replace(data, risks=tuple(data.risks))
    pane.apply_data(same, now, with_row(data, "risks", "risks", 3)[1])
    assert spy.events == []
    assert pane.model.index(0, 0).data(Role.RISK) is not None
