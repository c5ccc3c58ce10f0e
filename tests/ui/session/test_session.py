"""The session: edits on the writer worker, undo through the services, conflicts, teammates' changes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cockpit.errors import BadInput
from cockpit.services.edits import set_checklist_status
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.ui.session.launch_session import LaunchSession, Problem
from tests.paths import REPO


def item(path: Path, item_id: int):
    with open_launch(path, read_only=True) as lf:
        return next(i for i in load_launch(lf).checklist if i.id == item_id)


def set_status(session, item_id: int, status: str, *, reason: str = "") -> None:
    current = next(i for i in session.data.checklist if i.id == item_id)
    session.edit(
        set_checklist_status,
        text=f"status of #{item_id}",
        undo_values={"status": current.status.value, "reason": current.blocked_reason},
        item_id=item_id,
        status=status,
        reason=reason,
        expect_version=current.version,
    )


def test_an_edit_lands_in_the_file_and_the_session_shows_it(qtbot, make_session, small_launch):
    session = make_session(small_launch)
    with qtbot.waitSignal(session.applied, timeout=30_000):
        set_status(session, 3, "in_progress")
    assert item(small_launch, 3).status == "in_progress"
    assert item(small_launch, 3).updated_by == "alice"
    assert next(i for i in session.data.checklist if i.id == 3).status == "in_progress"


def test_undo_and_redo_replay_through_the_service(qtbot, make_session, small_launch):
    session = make_session(small_launch)
    with qtbot.waitSignal(session.applied, timeout=30_000):
        set_status(session, 3, "done")
    assert session.undo_stack.canUndo()
    with qtbot.waitSignal(session.applied, timeout=30_000):
        session.undo_stack.undo()
    assert item(small_launch, 3).status == "not_started"
    with qtbot.waitSignal(session.applied, timeout=30_000):
        session.undo_stack.redo()
    assert item(small_launch, 3).status == "done"


def test_undo_after_a_teammates_change_asks_instead_of_overwriting(qtbot, make_session, small_launch):
    session = make_session(small_launch)
    with qtbot.waitSignal(session.applied, timeout=30_000):
        set_status(session, 3, "done")
    with open_launch(small_launch) as lf:
        set_checklist_status(lf, actor="bob", item_id=3, status="n_a")
    with qtbot.waitSignal(session.conflict, timeout=30_000) as blocker:
        session.undo_stack.undo()
    pending, conflict = blocker.args
    assert conflict.theirs["updated_by"] == "bob"
    assert item(small_launch, 3).status == "n_a"  # nothing written behind bob's back
    with qtbot.waitSignal(session.applied, timeout=30_000):
        session.apply_again(pending, conflict)  # the user chose: apply my undo on top
    assert item(small_launch, 3).status == "not_started"


def test_a_blocked_status_without_reason_is_refused_and_reported(qtbot, make_session, small_launch):
    session = make_session(small_launch)
    with qtbot.waitSignal(session.problem, timeout=30_000) as blocker:
        set_status(session, 3, "blocked")
    problem: Problem = blocker.args[0]
    assert "reason" in problem.message
    assert item(small_launch, 3).status == "not_started"


def test_a_locked_file_keeps_the_edit_for_a_retry(qtbot, make_session, small_launch, monkeypatch):
    session = make_session(small_launch)
    blocker_conn = open_launch(small_launch, timeout=0.1)
    session._open.file.conn.execute("PRAGMA busy_timeout = 100")  # fail fast instead of waiting 15 s
    blocker_conn.conn.execute("BEGIN IMMEDIATE")
    try:
        with qtbot.waitSignal(session.problem, timeout=30_000) as seen:
            set_status(session, 3, "in_progress")
    finally:
        blocker_conn.conn.execute("ROLLBACK")
        blocker_conn.close()
    problem: Problem = seen.args[0]
    assert "locked" in problem.message
    assert problem.pending is not None
    with qtbot.waitSignal(session.applied, timeout=30_000):
        session.retry(problem.pending)
    assert item(small_launch, 3).status == "in_progress"


def test_read_only_session_refuses_edits_and_keeps_the_file(qtbot, make_session, small_launch):
    session = make_session(small_launch, read_only=True)
    assert session.read_only
    with qtbot.waitSignal(session.problem, timeout=30_000) as seen:
        set_status(session, 3, "done")
    assert "read-only" in seen.args[0].message
    assert item(small_launch, 3).status == "not_started"


def test_a_second_process_edit_refreshes_the_session(qtbot, make_session, small_launch):
    session = make_session(small_launch)
    env = {**os.environ, "PYTHONPATH": str(REPO), "COCKPIT_LANG": "en"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cockpit",
            "ticket",
            "add",
            str(small_launch),
            "--title",
            "Printer offline",
            "--severity",
            "P2",
            "--as",
            "bob",
        ],
        check=True,
        env=env,
        capture_output=True,
        timeout=60,
    )
    qtbot.waitUntil(lambda: any(t.title == "Printer offline" for t in session.data.tickets), timeout=30_000)
    assert session.last_event.actor == "bob"


def test_applied_comes_once_the_data_shows_the_edit(qtbot, make_session, small_launch):
    session = make_session(small_launch)
    seen_on_applied = []
    session.applied.connect(
        lambda edit: seen_on_applied.append(next(i for i in session.data.checklist if i.id == 3))
    )
    with qtbot.waitSignal(session.applied, timeout=30_000) as applied:
        set_status(session, 3, "done")
    assert applied.args[0].row["status"] == "done"
    assert [i.status for i in seen_on_applied] == ["done"]


def test_my_write_takes_in_a_teammates_earlier_write_and_equals_a_full_read(
    qtbot, make_session, small_launch
):
    session = make_session(small_launch)
    session._watch.close()  # only my operation's refresh may show bob's write
    loads = []
    session.data_loaded.connect(lambda data, changes: loads.append(changes))
    with open_launch(small_launch) as lf:
        set_checklist_status(lf, actor="bob", item_id=2, status="done")
    with qtbot.waitSignal(session.applied, timeout=30_000):
        set_status(session, 3, "in_progress")
    assert len(loads) == 1 and loads[0].rows == {"checklist_items": {2, 3}}
    with open_launch(small_launch, read_only=True) as lf:
        assert session.data == load_launch(lf)


def test_operations_run_on_the_session_and_errors_go_to_the_caller(qtbot, make_session, small_launch):
    session = make_session(small_launch)
    results, errors = [], []
    with qtbot.waitSignal(session.applied, timeout=30_000):
        session.run(lambda lf, actor: (actor, len(load_launch(lf).checklist)), on_done=results.append)
    assert results == [("alice", 6)]

    def refused(lf, actor):
        raise BadInput("no")

    session.run(refused, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    assert isinstance(errors[0], BadInput)


def test_a_new_launch_is_created_and_opened_by_its_session(qtbot, tmp_path):
    session = LaunchSession(path=tmp_path / "new.golive", actor="alice", watch_interval_ms=100)
    try:
        created = []
        session.create(
            name="Fresh launch",
            go_live=datetime(2030, 1, 1, 9, tzinfo=UTC),
            timezone="Asia/Tokyo",
            on_done=created.append,
            on_error=lambda exc: pytest.fail(str(exc)),
        )
        qtbot.waitUntil(lambda: bool(created), timeout=30_000)
        with qtbot.waitSignal(session.data_loaded, timeout=30_000):
            session.open()
        assert session.data.launch.name == "Fresh launch"
        assert session.data.launch.updated_by == "alice"
    finally:
        session.close()


def test_a_commit_after_a_refresh_read_is_taken_in_by_the_refresh_asked_for_meanwhile(
    qtbot, make_session, small_launch
):
    session = make_session(small_launch)
    session._watch.close()  # only the session's own refreshes may show bob's write
    launch, real_refresh = session._open, session._open.refresh

    def read_then_bob_commits(changes=None):
        refreshed = real_refresh(changes)
        with open_launch(small_launch) as lf:  # lands after this refresh read, before it is shown
            set_checklist_status(lf, actor="bob", item_id=6, status="done")
        time.sleep(0.3)
        return refreshed

    launch.refresh = read_then_bob_commits
    with open_launch(small_launch) as lf:
        set_checklist_status(lf, actor="bob", item_id=2, status="done")
    session.refresh()
    time.sleep(0.1)
    launch.refresh = real_refresh
    session.refresh()  # as the watcher asks when it sees bob's second commit: the first is still out
    qtbot.waitUntil(
        lambda: next(i for i in session.data.checklist if i.id == 6).status == "done", timeout=30_000
    )
    with open_launch(small_launch, read_only=True) as lf:
        assert session.data == load_launch(lf)
