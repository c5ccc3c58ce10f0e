"""The watcher's Qt-free core: silent while nothing changes, then exactly the audit events since the last poll."""

from __future__ import annotations

from cockpit.services.edits import add_ticket
from cockpit.store.launchfile import open_launch
from cockpit.store.watch import Watcher, load_snapshot


def test_poll_reports_other_connections_changes_once(launch_path):
    watcher = Watcher(launch_path)
    try:
        assert watcher.poll() is None
        with open_launch(launch_path) as lf:
            ticket = add_ticket(lf, actor="bob", title="Printer offline", severity="P2").row
        seen = watcher.poll()
        assert seen is not None
        assert seen.changes.rows == {"tickets": {ticket["id"]}}
        assert [(e.actor, e.action, e.table) for e in seen.events] == [("bob", "insert", "tickets")]
        assert watcher.poll() is None  # reported once
    finally:
        watcher.close()


def test_snapshot_marks_the_last_audit_row_it_includes(launch_path):
    with open_launch(launch_path) as lf:
        before = load_snapshot(lf)
        add_ticket(lf, actor="bob", title="Login slow", severity="P3")
        after = load_snapshot(lf)
    assert after.audit_id > before.audit_id
    assert after.last_event.actor == "bob"
    assert any(t.title == "Login slow" for t in after.data.tickets)
    watcher = Watcher(launch_path, since_audit_id=after.audit_id)
    try:
        assert watcher.poll() is None  # nothing newer than the snapshot
    finally:
        watcher.close()


def test_a_change_between_the_snapshot_and_the_watchers_start_is_seen_by_its_first_poll(launch_path):
    with open_launch(launch_path) as lf:
        snapshot = load_snapshot(lf)  # what the window shows
        ticket = add_ticket(
            lf, actor="bob", title="Scanner offline", severity="P3"
        ).row  # a busy machine's gap
    watcher = Watcher(launch_path, since_audit_id=snapshot.audit_id)  # started only now
    try:
        seen = watcher.poll()
        assert seen is not None and seen.changes.rows == {"tickets": {ticket["id"]}}
        assert watcher.poll() is None
    finally:
        watcher.close()
