"""Migration 0005_step_attempts: a launch file from before it opens upgraded, its steps on their first attempt
with no reason, its accepted differences without a time, and a failed step can be retried at once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from cockpit.services.runbook import step_action
from cockpit.store.launchfile import APPLICATION_ID, open_launch
from cockpit.store.migrations import migrations
from cockpit.store.read import load_launch
from cockpit.store.schema_version import KNOWN_MIGRATIONS


def test_a_file_from_before_step_attempts_is_upgraded_and_its_failed_step_retried(tmp_path: Path) -> None:
    path = tmp_path / "old.golive"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA journal_mode = DELETE")
    migrations.apply(Database(conn), stop_before="0005_step_attempts")
    conn.execute(
        "INSERT INTO launch (id, name, go_live, timezone) VALUES (1, '販売管理', '2026-12-01T09:00:00+09:00', "
        "'Asia/Tokyo')"
    )
    conn.execute(
        "INSERT INTO runbook_steps (seq, title, kind, planned_start, planned_minutes, status, actual_start, "
        "actual_end) VALUES (1, 'Backup', 'backup', '2026-12-01T00:00:00+09:00', 30, 'failed', "
        "'2026-12-01T00:01:00+09:00', '2026-12-01T00:20:00+09:00')"
    )
    conn.execute(
        "INSERT INTO migration_objects (name, source_rows, target_rows, accepted_reason, accepted_by) "
        "VALUES ('Customers', 100, 90, 'merged', 'tanaka')"
    )
    conn.close()
    assert "0005_step_attempts" in KNOWN_MIGRATIONS

    with open_launch(path) as lf:
        data = load_launch(lf)
        (step,) = data.steps
        assert (step.status.value, step.attempt, step.status_reason, step.attempts) == ("failed", 1, "", ())
        (obj,) = data.objects
        assert (obj.accepted_reason, obj.accepted_by, obj.accepted_at) == ("merged", "tanaka", None)
        retried = step_action(lf, actor="sato", step_id=step.id, action="retry").row
        assert (retried["status"], retried["attempt"]) == ("running", 2)
        (earlier,) = load_launch(lf).steps[0].attempts
        assert earlier.actual_end.isoformat() == "2026-12-01T00:20:00+09:00"
    assert path.with_name("old.golive.before-upgrade").exists()
