"""Real launch files (a small hand-made one, the demo launch) and the cockpit window or a bare session on them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cockpit.services.demo import write_demo
from cockpit.ui.main_window import MainWindow
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.settings import open_settings
from tests.launches import new_launch

ME = "alice"
# The offscreen platform plugin says this about every shown window; it is about the plugin, not our code.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints"
GO_LIVE = datetime(2030, 4, 1, 9, 0, tzinfo=UTC)
# A window's heartbeat rewrites the file every 10 s; tests that compare the file's bytes before and after a
# refused write must not see one land in between. Presence tests beat by hand.
os.environ.setdefault("COCKPIT_BEAT_SECONDS", "3600")


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


def _fill(w) -> None:
    now = datetime.now(UTC)
    w.insert("people", {"name": "Alice Abe", "role": "Launch lead", "login": ME})
    w.insert("people", {"name": "Bob Baba", "role": "Business owner", "login": "bob"})
    items = [
        # id, stage, category, title, status, owner, due, is_gate, reason
        (1, "preparation", "tests", "UAT executed", "done", "alice", now - timedelta(days=3), 1, ""),
        (
            2,
            "preparation",
            "tests",
            "Regression suite green",
            "in_progress",
            "bob",
            now - timedelta(days=1),
            1,
            "",
        ),
        (
            3,
            "preparation",
            "training",
            "Key users trained",
            "not_started",
            "carol",
            now + timedelta(days=5),
            0,
            "",
        ),
        (
            4,
            "preparation",
            "data_migration",
            "Migration rehearsal",
            "blocked",
            "bob",
            now + timedelta(days=2),
            0,
            "Waiting for the production copy",
        ),
        (
            5,
            "go_live",
            "production_migration",
            "Switch DNS",
            "not_started",
            "alice",
            now + timedelta(days=9),
            1,
            "",
        ),
        (6, "follow_up", "reviews", "Retrospective", "n_a", "carol", None, 0, ""),
    ]
    for item_id, stage, category, title, status, owner, due, gate, reason in items:
        w.insert(
            "checklist_items",
            {
                "id": item_id,
                "stage": stage,
                "category": category,
                "title": title,
                "status": status,
                "owner": owner,
                "due": due.isoformat() if due else None,
                "is_gate": gate,
                "blocked_reason": reason,
            },
        )
    w.conn.execute("INSERT INTO checklist_deps (item_id, depends_on_id) VALUES (5, 2), (5, 4)")
    w.insert("signoffs", {"person": "Alice Abe", "role": "Launch lead"})
    w.insert(
        "signoffs",
        {"person": "Bob Baba", "role": "Business owner", "decision": "go", "decided_at": now.isoformat()},
    )
    w.insert(
        "tickets", {"title": "Login slow", "severity": "P3", "opened_at": now.isoformat(), "reporter": "bob"}
    )
    w.insert("risks", {"title": "Key user absent", "likelihood": 3, "impact": 4, "owner": "bob"})


@pytest.fixture
def small_launch(tmp_path: Path) -> Path:
    path = tmp_path / "small.golive"
    new_launch(
        path, name="Order system go-live", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="setup", fill=_fill
    )
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The small English demo launch, written once per test process; tests get a copy each (``demo_file``)."""
    return write_demo(
        tmp_path_factory.mktemp("demo") / "demo.golive", size="small", lang="en", actor="tester"
    )


@pytest.fixture
def demo_file(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo launch: edits in one test never reach another."""
    path = tmp_path / "demo.golive"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def make_session(qtbot) -> Iterator[Callable[..., LaunchSession]]:
    """Open a session (real worker threads) and wait for its first load; closed after the test."""
    sessions: list[LaunchSession] = []

    def make(path: Path, *, read_only: bool = False, actor: str = ME, **kwargs) -> LaunchSession:
        session = LaunchSession(path=path, read_only=read_only, actor=actor, watch_interval_ms=100, **kwargs)
        sessions.append(session)
        session.open()
        qtbot.waitUntil(lambda: session.data is not None, timeout=30_000)
        return session

    yield make
    for session in sessions:
        session.close()


@pytest.fixture
def make_window(qtbot, settings_path: Path) -> Iterator[Callable[..., MainWindow]]:
    """A real main window on ``path`` with settings in a temporary file; closed (threads joined) after the test."""
    windows: list[MainWindow] = []

    def make(path: Path | None = None, *, read_only: bool = False, actor: str = ME) -> MainWindow:
        def factory(path: Path, read_only: bool) -> LaunchSession:
            return LaunchSession(path=path, read_only=read_only, actor=actor, watch_interval_ms=100)

        window = MainWindow(settings=open_settings(settings_path), session_factory=factory)
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        if path is not None:
            window.open_file(path, read_only=read_only)
            qtbot.waitUntil(lambda: window.session.data is not None, timeout=30_000)
            qtbot.waitUntil(lambda: not window.session.busy, timeout=30_000)
        return window

    yield make
    for window in windows:
        window.close()
