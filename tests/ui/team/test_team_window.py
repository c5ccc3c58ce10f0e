"""The team around the file in the window: who else is here, teammates' changes, a row's history, the
audit trail; and the lead's review: a snapshot opened read-only under its banner, and Compare with…."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cockpit.domain.presence import AGE_OUT
from cockpit.services.edits import add_ticket, set_checklist_status
from cockpit.store.launchfile import open_launch
from cockpit.ui.main_window import MainWindow
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.settings import open_settings

WAIT = 30_000


class Clock:
    """A window's ``now``, moved by the test: presence ages out by the clock, never by waiting."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def window_as(
    qtbot, path: Path, settings: Path, actor: str, clock: Callable[[], datetime] | None = None
) -> MainWindow:
    window = MainWindow(
        settings=open_settings(settings),
        session_factory=lambda p, ro: LaunchSession(
            path=p, read_only=ro, actor=actor, watch_interval_ms=100, clock=clock
        ),
    )
    qtbot.addWidget(window)
    window.show()
    window.open_file(path)
    qtbot.waitUntil(lambda: window.session.data is not None and not window.session.busy, timeout=WAIT)
    return window


def test_two_windows_see_each_other_and_a_silent_one_ages_out(
    qtbot, small_launch: Path, tmp_path: Path
) -> None:
    clock = Clock()
    alice = window_as(qtbot, small_launch, tmp_path / "a.ini", "alice", clock)
    bob = window_as(qtbot, small_launch, tmp_path / "b.ini", "bob", clock)
    bob.team.presence.beat()
    alice.team.presence.beat()
    qtbot.waitUntil(lambda: alice.team.presence.label.text() == "Also open: Bob Baba", timeout=WAIT)
    bob.team.presence.beat()
    qtbot.waitUntil(lambda: bob.team.presence.label.text() == "Also open: Alice Abe", timeout=WAIT)
    assert alice.team.presence.label.isVisible()

    bob.team.presence._timer.stop()  # Bob's window hangs: no more beats, and no goodbye
    clock.now += AGE_OUT + timedelta(seconds=1)
    alice.team.presence.beat()
    qtbot.waitUntil(lambda: not alice.team.presence.label.isVisible(), timeout=WAIT)
    assert alice.team.presence.others == ()
    alice.close()
    bob.close()


def test_a_closed_window_leaves_at_once(qtbot, small_launch: Path, tmp_path: Path) -> None:
    alice = window_as(qtbot, small_launch, tmp_path / "a.ini", "alice")
    bob = window_as(qtbot, small_launch, tmp_path / "b.ini", "bob")
    bob.team.presence.beat()
    alice.team.presence.beat()
    qtbot.waitUntil(lambda: alice.team.presence.others != (), timeout=WAIT)
    bob.close()
    qtbot.waitUntil(lambda: bob.session is None, timeout=WAIT)
    alice.team.presence.beat()
    qtbot.waitUntil(lambda: alice.team.presence.others == (), timeout=WAIT)
    alice.close()


def test_the_changes_panel_lists_a_teammates_change_and_goes_to_its_row(
    qtbot, small_launch: Path, tmp_path: Path
) -> None:
    window = window_as(qtbot, small_launch, tmp_path / "a.ini", "alice")
    window.team.changes.show()
    with open_launch(small_launch) as lf:  # Bob, in another connection
        add_ticket(lf, actor="bob", title="Scanner offline", severity="P2")
    panel = window.team.changes
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=WAIT)
    assert "Bob Baba" in panel.list.item(0).text()
    assert "“Scanner offline”: added" in panel.list.item(0).text()
    panel._activated(panel.list.item(0))
    pane = window.current_pane()
    assert pane is not None and pane.pane_id == "support"
    # selected at once, or as soon as the window's data holds the teammate's ticket
    qtbot.waitUntil(lambda: pane.selected_ticket() is not None, timeout=WAIT)
    assert pane.selected_ticket().title == "Scanner offline"
    window.close()


def test_a_rows_history_and_the_audit_trail_with_its_csv(qtbot, small_launch: Path, tmp_path: Path) -> None:
    window = window_as(qtbot, small_launch, tmp_path / "a.ini", "alice")
    with open_launch(small_launch) as lf:
        set_checklist_status(lf, actor="bob", item_id=3, status="in_progress")
    dialog = window.team.show_history("checklist_items", 3)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.trail is not None, timeout=WAIT)
    rows = [[dialog.table.item(r, c).text() for c in (1, 3, 4, 5)] for r in range(dialog.table.rowCount())]
    assert rows[0] == ["setup", "added", "", ""]
    assert rows[-1] == ["bob", "Status", "Not started", "In progress"]
    assert dialog.heading.text() == "checklist item #3 “Key users trained”"

    trail = window.team.show_audit_trail()
    assert trail is not None
    # Its "since" reads in the launch's zone, as every time in the trail does, not the machine's.
    zone = window.session.data.launch.zone
    trail.use_since.setChecked(True)
    since = trail.since_moment()
    assert since is not None and trail.since.timeZone().id().data().decode() == zone.key
    assert trail.since.dateTime().time().hour() == since.astimezone(zone).hour
    trail.use_since.setChecked(False)
    qtbot.waitUntil(lambda: trail.person.count() > 2, timeout=WAIT)
    trail.person.setCurrentIndex(trail.person.findData("bob"))
    qtbot.waitUntil(
        lambda: trail.trail is not None and {e.actor for e in trail.trail.entries} == {"bob"}, timeout=WAIT
    )
    out = tmp_path / "trail.csv"
    trail.export_csv(out)
    with out.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    assert lines[1][1:8] == ["bob", "Checklist", "checklist item #3 “Key users trained”", "changed", "Status",
                             "Not started", "In progress"]  # fmt: skip
    window.close()


def test_a_snapshot_opens_under_its_banner_refuses_writes_and_compares_with_the_live_file(
    qtbot, small_launch: Path, tmp_path: Path
) -> None:
    live = window_as(qtbot, small_launch, tmp_path / "a.ini", "alice")
    snapshot = tmp_path / "review.golive"
    live.team.save_snapshot(snapshot)
    qtbot.waitUntil(snapshot.exists, timeout=WAIT)
    with open_launch(small_launch) as lf:
        add_ticket(lf, actor="bob", title="Printer jam", severity="P2")

    live.team.compare_with(snapshot)
    qtbot.waitUntil(lambda: live.team.last_diff is not None, timeout=WAIT)
    [support] = live.team.last_diff.panes
    assert support.summary == ("1 new P2 ticket",)
    live.close()

    reviewed = window_as(qtbot, snapshot, tmp_path / "b.ini", "lead")
    qtbot.waitUntil(reviewed.team.banner.isVisible, timeout=WAIT)
    assert reviewed.team.banner.text().startswith("Snapshot of ")
    assert reviewed.team.banner.text().endswith("— read only")
    assert reviewed.session.read_only and "snapshot" in reviewed.session.read_only_reason
    assert reviewed.read_only_badge.isVisible()
    reviewed.close()
