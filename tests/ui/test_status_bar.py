"""The status bar says who I am in the launch's words, and when the last change was in the launch's zone."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from cockpit.services.edits import add_ticket
from cockpit.store.launchfile import open_launch
from cockpit.ui.main_window import MainWindow
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.settings import open_settings
from cockpit.words.moments import moment_text


def window_as(qtbot, path: Path, settings: Path, actor: str) -> MainWindow:
    window = MainWindow(
        settings=open_settings(settings),
        session_factory=lambda p, ro: LaunchSession(path=p, read_only=ro, actor=actor, watch_interval_ms=100),
    )
    qtbot.addWidget(window)
    window.show()
    window.open_file(path)
    qtbot.waitUntil(lambda: window.session.data is not None and not window.session.busy, timeout=30_000)
    return window


def last_audit(path: Path) -> tuple[datetime, str]:
    with open_launch(path, read_only=True) as lf:
        at, actor = lf.conn.execute("SELECT at, actor FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    return datetime.fromisoformat(at), actor


def test_last_change_is_in_the_launchs_zone_with_its_abbreviation_and_names_the_person(
    qtbot, small_launch, tmp_path
):
    window = window_as(qtbot, small_launch, tmp_path / "s.ini", "alice")
    with open_launch(small_launch) as lf:
        add_ticket(lf, actor="bob", title="Scanner offline", severity="P3")  # a teammate, another connection
    qtbot.waitUntil(lambda: "Bob Baba" in window.changed_label.text(), timeout=30_000)
    at, actor = last_audit(small_launch)
    assert actor == "bob"
    tokyo = moment_text(at, ZoneInfo("Asia/Tokyo"), seconds=True, lang="en")  # "Mon 7 Dec 2026 14:47:05 JST"
    assert window.changed_label.text() == f"Last change {tokyo} by Bob Baba"
    window.close()


def test_you_shows_the_person_and_role_for_a_known_login_and_the_login_otherwise(
    qtbot, small_launch, tmp_path
):
    known = window_as(qtbot, small_launch, tmp_path / "a.ini", "bob")
    assert known.actor_label.text() == "You: Bob Baba (Business owner)"
    assert "bob" in known.actor_label.toolTip()  # what the audit trail records for my changes
    known.close()
    by_name = window_as(qtbot, small_launch, tmp_path / "b.ini", "Alice Abe")
    assert by_name.actor_label.text() == "You: Alice Abe (Launch lead)"
    by_name.close()
    stranger = window_as(qtbot, small_launch, tmp_path / "c.ini", "root")
    assert stranger.actor_label.text() == "You: root"
    stranger.close()
