"""The overview's stage line and the stage's last move (who by name and role, when in the launch's zone, why), for a
move a teammate makes from their own machine: it arrives through the watcher like any other change."""

from __future__ import annotations

from cockpit.services.launch_settings import move_stage
from cockpit.store.launchfile import open_launch


def test_a_teammates_stage_move_shows_with_who_when_and_why(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    overview = window.pane("overview")
    with open_launch(small_launch) as lf:
        move_stage(lf, actor="bob", stage="hypercare", reason="Cutover done over the weekend, recorded late")
    qtbot.waitUntil(lambda: overview.stage.text() == "Stage: Hypercare", timeout=30_000)
    text = overview.stage_move.text()
    assert text.startswith("Moved from Preparation to Hypercare by Bob Baba (Business owner) at ")
    assert " JST — Cutover done over the weekend, recorded late" in text
    assert overview.stage_move.isVisible()


def test_the_demo_shows_its_move_to_cutover(make_window, demo_file):
    overview = make_window(demo_file).pane("overview")
    assert overview.stage.text() == "Stage: Cutover"
    assert overview.stage_move.text().startswith("Moved from Preparation to Cutover by tester at ")
    assert "—" not in overview.stage_move.text()  # a step forward needs no reason, and the demo gives none
