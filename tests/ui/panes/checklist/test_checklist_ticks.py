"""The checklist's clock: an item that falls due while the pane is open turns overdue, without needless redraws."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from cockpit.ui.panes.checklist.model import Column
from tests.launches import new_launch

GO_LIVE = datetime(2030, 4, 1, 9, 0, tzinfo=UTC)
DUE = datetime.now(UTC) + timedelta(minutes=30)


def one_item(w) -> None:
    w.insert(
        "checklist_items",
        {
            "id": 1,
            "stage": "preparation",
            "category": "tests",
            "title": "Smoke test on production",
            "status": "in_progress",
            "owner": "alice",
            "due": DUE.isoformat(),
        },
    )


def test_an_item_turns_overdue_when_its_due_time_passes_and_only_then_the_pane_redraws(
    make_window, tmp_path: Path
):
    path = tmp_path / "ticks.golive"
    new_launch(path, name="Ticks", go_live=GO_LIVE, timezone="UTC", actor="setup", fill=one_item)
    window = make_window(path)
    window.show_pane("checklist")
    pane = window.pane("checklist")
    redraws: set[datetime] = set()  # the "now" of every redraw of the tree (a reset, or its cells changed)
    pane.model.modelReset.connect(lambda: redraws.add(pane._now))
    pane.model.dataChanged.connect(lambda *_: redraws.add(pane._now))

    def summary_at(now: datetime) -> str:
        pane.tick(now)
        return pane.summary.text()

    assert summary_at(DUE - timedelta(minutes=5)).endswith("0 overdue")
    assert summary_at(DUE - timedelta(seconds=1)).endswith("0 overdue")
    assert redraws == set()  # nothing changed for the user: the tree is left alone
    assert summary_at(DUE + timedelta(seconds=1)).endswith("1 overdue")
    due_cell = pane.view_index(pane.model.index_of_item(1, Column.DUE))
    assert "⚠" in due_cell.data()
    assert redraws == {DUE + timedelta(seconds=1)}
    summary_at(DUE + timedelta(minutes=3))
    assert len(redraws) == 1
