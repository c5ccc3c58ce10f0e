"""A change to one test run reaches the Tests pane as the rows it moved: no reset, the selected level stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.services.demo import write_demo
from tests.ui.model_spy import ModelSpy, with_row


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return write_demo(tmp_path / "demo.golive", size="small", lang="en", actor="tester")


def test_a_renamed_run_repaints_its_row_and_keeps_the_level(make_window, demo, qtmodeltester):
    window = make_window(demo)
    window.show_pane("tests")
    pane = window.pane("tests")
    data, now = window.session.data, window.session.now()
    level = pane.selected_level()
    run = max((r for r in data.runs if r.level == level), key=lambda r: r.id)
    levels_spy, runs_spy = ModelSpy(pane.levels), ModelSpy(pane.runs)
    changed, changes = with_row(data, "runs", "test_runs", run.id, name="Nightly, renamed")
    pane.apply_data(changed, now, changes)
    assert "reset" not in levels_spy.kinds() | runs_spy.kinds()
    row = pane.runs.row_of_key(run.id)
    assert ("changed", row, row, None) in runs_spy.events
    assert runs_spy.changed_rows() <= 2  # the run, and the level row that names its latest run
    assert pane.selected_level() == level
    qtmodeltester.check(pane.runs)
