"""Edit commands through the real CLI: rows written, versions, exit codes as DESIGN.md §5 lists them."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from cockpit.services.edits import add_checklist_item
from cockpit.store.launchfile import open_launch
from tests.cli.conftest import cockpit_env, run_cockpit, run_json


def test_new_refuses_to_overwrite(empty_launch: Path) -> None:
    before = empty_launch.read_bytes()
    result = run_cockpit("new", empty_launch, "--name", "x", "--go-live", "2026-12-01T09:00+09:00")
    assert result.returncode == 2
    assert "already exists" in result.stderr
    assert empty_launch.read_bytes() == before


def test_new_needs_a_zoned_go_live(tmp_path: Path) -> None:
    result = run_cockpit("new", tmp_path / "x.golive", "--name", "x", "--go-live", "2026-12-01T09:00")
    assert result.returncode == 2
    assert "time zone" in result.stderr
    assert not (tmp_path / "x.golive").exists()


def test_ticket_add_and_update_print_id_and_version(empty_launch: Path) -> None:
    added = run_json(
        "ticket", "add", empty_launch, "--title", "ログインできない", "--severity", "P1", "--as", "sato"
    )
    assert added["id"] == 1 and added["version"] == 1 and added["updated_by"] == "sato"
    updated = run_json(
        "ticket", "update", empty_launch, "1", "--status", "acknowledged", "--expect-version", "1"
    )
    assert updated["version"] == 2
    assert updated["first_response_at"]  # the response clock stopped
    human = run_cockpit("ticket", "update", empty_launch, "1", "--assignee", "suzuki", check=True).stdout
    assert "#1" in human and "version 3" in human


def test_conflict_exits_3_naming_who_changed_it(empty_launch: Path) -> None:
    run_json("ticket", "add", empty_launch, "--title", "t", "--severity", "P3")
    run_json(
        "ticket", "update", empty_launch, "1", "--severity", "P2", "--as", "tanaka", "--expect-version", "1"
    )
    late = run_cockpit(
        "ticket", "update", empty_launch, "1", "--severity", "P4", "--expect-version", "1", "--as", "ito"
    )
    assert late.returncode == 3
    assert "tanaka" in late.stderr and "now at 2" in late.stderr
    # In the team's words: the row, the field they changed, the time in the launch's zone (Asia/Tokyo).
    assert "ticket #1" in late.stderr and "they changed severity" in late.stderr
    assert "tickets" not in late.stderr and " JST" in late.stderr
    missing = run_cockpit("ticket", "update", empty_launch, "9999", "--severity", "P1")
    assert missing.returncode == 2 and "There is no ticket #9999" in missing.stderr
    assert run_json("status", empty_launch)["support"]["open_per_severity"]["P2"] == 1


def test_two_simultaneous_updates_one_wins(empty_launch: Path) -> None:
    run_json("ticket", "add", empty_launch, "--title", "t", "--severity", "P3")
    commands = [
        [
            sys.executable,
            "-m",
            "cockpit",
            "ticket",
            "update",
            str(empty_launch),
            "1",
            "--assignee",
            who,
            "--expect-version",
            "1",
            "--as",
            who,
        ]
        for who in ("alice", "bob")
    ]
    procs = [
        subprocess.Popen(c, env=cockpit_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    results = [(p.wait(timeout=60), p.stdout.read(), p.stderr.read()) for p in procs]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 3], results
    winner = next(who for who, (code, _, _) in zip(("alice", "bob"), results, strict=True) if code == 0)
    loser_err = next(err for code, _, err in results if code == 3)
    assert winner in loser_err
    conn = sqlite3.connect(empty_launch)
    assert conn.execute("SELECT assignee, version FROM tickets WHERE id = 1").fetchone() == (winner, 2)


def test_bad_input_exits_2_and_writes_nothing(empty_launch: Path) -> None:
    before = empty_launch.read_bytes()
    assert run_cockpit("ticket", "add", empty_launch, "--title", "t", "--severity", "P9").returncode == 2
    assert run_cockpit("ticket", "add", empty_launch, "--title", "  ", "--severity", "P1").returncode == 2
    assert (
        run_cockpit(
            "risk", "add", empty_launch, "--title", "r", "--likelihood", "6", "--impact", "1"
        ).returncode
        == 2
    )
    assert run_cockpit("ticket", "update", empty_launch, "77", "--status", "closed").returncode == 2
    assert empty_launch.read_bytes() == before


def test_checklist_blocked_needs_a_reason(empty_launch: Path) -> None:
    conn = sqlite3.connect(empty_launch)
    conn.execute(
        "INSERT INTO checklist_items (stage, category, title) VALUES ('preparation', 'tests', '結合テスト完了')"
    )
    conn.commit()
    conn.close()
    refused = run_cockpit("checklist", "set", empty_launch, "1", "--status", "blocked")
    assert refused.returncode == 2 and "reason" in refused.stderr
    row = run_json("checklist", "set", empty_launch, "1", "--status", "blocked", "--reason", "環境待ち")
    assert row["blocked_reason"] == "環境待ち" and row["version"] == 2


def test_risk_add_update(empty_launch: Path) -> None:
    risk = run_json(
        "risk",
        "add",
        empty_launch,
        "--title",
        "移行遅延",
        "--likelihood",
        "4",
        "--impact",
        "5",
        "--owner",
        "sato",
    )
    updated = run_json(
        "risk", "update", empty_launch, str(risk["id"]), "--status", "mitigated", "--expect-version", "1"
    )
    assert updated["status"] == "mitigated" and updated["version"] == 2


def test_step_start_and_finish(empty_launch: Path) -> None:
    conn = sqlite3.connect(empty_launch)
    conn.execute(
        "INSERT INTO runbook_steps (seq, title, kind, planned_start, planned_minutes) "
        "VALUES (1, 'Backup', 'backup', '2026-12-01T00:00+09:00', 30), (2, 'Load', 'migrate', '2026-12-01T00:30+09:00', 60)"
    )
    conn.execute("INSERT INTO step_deps VALUES (2, 1)")
    conn.commit()
    conn.close()
    waiting = run_cockpit("step", "start", empty_launch, "2")
    assert waiting.returncode == 2 and "Backup" in waiting.stderr
    assert run_json("step", "start", empty_launch, "1")["status"] == "running"
    finished = run_json("step", "finish", empty_launch, "1")
    assert finished["status"] == "done" and finished["actual_end"]
    assert run_cockpit("step", "finish", empty_launch, "1").returncode == 2


def test_step_reopen_reset_and_fail_are_moves_like_start_and_finish(empty_launch: Path) -> None:
    conn = sqlite3.connect(empty_launch)
    conn.execute(
        "INSERT INTO runbook_steps (seq, title, kind, planned_start, planned_minutes) "
        "VALUES (1, 'Backup', 'backup', '2026-12-01T00:00+09:00', 30), (2, 'Load', 'migrate', '2026-12-01T00:30+09:00', 60)"
    )
    conn.execute("INSERT INTO step_deps VALUES (2, 1)")
    conn.commit()
    conn.close()
    started = run_json("step", "start", empty_launch, "1")
    finished = run_json("step", "finish", empty_launch, "1", "--expect-version", str(started["version"]))
    reopened = run_json("step", "reopen", empty_launch, "1", "--expect-version", str(finished["version"]))
    assert (reopened["status"], reopened["actual_start"], reopened["actual_end"]) == (
        "running",
        started["actual_start"],
        None,
    )
    assert run_json("step", "reset", empty_launch, "1")["status"] == "pending"
    assert run_cockpit("step", "reset", empty_launch, "1").returncode == 2
    run_json("step", "start", empty_launch, "1")
    # Failing needs a reason (issue 9): without one, exit 2 and nothing written.
    before = empty_launch.read_bytes()
    assert run_cockpit("step", "fail", empty_launch, "1").returncode == 2
    assert run_cockpit("step", "finish", empty_launch, "1", "--failed").returncode == 2
    assert empty_launch.read_bytes() == before
    assert run_json("step", "fail", empty_launch, "1", "--reason", "Disk full")["status"] == "failed"
    assert run_json("step", "reopen", empty_launch, "1")["status"] == "running"
    failed = run_json("step", "finish", empty_launch, "1", "--failed", "--reason", "Timeout")
    assert (failed["status"], failed["status_reason"]) == ("failed", "Timeout")
    stale = run_cockpit("step", "reopen", empty_launch, "1", "--expect-version", "2")
    assert stale.returncode == 3 and "Conflict" in stale.stderr


def test_remove_a_ticket_a_risk_and_a_checklist_item(empty_launch: Path) -> None:
    ticket = run_json("ticket", "add", empty_launch, "--title", "Duplicate", "--severity", "P3")
    stale = run_cockpit("ticket", "remove", empty_launch, str(ticket["id"]), "--expect-version", "9")
    assert stale.returncode == 3
    removed = run_cockpit(
        "ticket", "remove", empty_launch, str(ticket["id"]), "--expect-version", "1", check=True
    )
    assert f"ticket #{ticket['id']} removed (it was at version 1)" in removed.stdout
    assert run_cockpit("ticket", "remove", empty_launch, str(ticket["id"])).returncode == 2
    risk = run_json("risk", "add", empty_launch, "--title", "R", "--likelihood", "2", "--impact", "2")
    assert run_json("risk", "remove", empty_launch, str(risk["id"]))["title"] == "R"
    with open_launch(empty_launch) as lf:
        first = add_checklist_item(lf, actor="ann", stage="preparation", category="tests", title="A").row
        second = add_checklist_item(
            lf, actor="ann", stage="preparation", category="tests", title="B", depends_on=[first["id"]]
        ).row
    refused = run_cockpit("checklist", "remove", empty_launch, str(first["id"]))
    assert refused.returncode == 2 and "#2 B depend" in refused.stderr
    assert run_json("checklist", "remove", empty_launch, str(second["id"]))["depends_on"] == [first["id"]]
    assert run_json("checklist", "remove", empty_launch, str(first["id"]))["title"] == "A"


def test_a_ticket_reported_earlier_and_its_escalation_lowered(empty_launch: Path) -> None:
    added = run_json(
        "ticket",
        "add",
        empty_launch,
        "--title",
        "Phoned in",
        "--severity",
        "P2",
        "--opened-at",
        "2026-01-05T09:10+09:00",
    )
    assert added["opened_at"] == "2026-01-05T09:10:00.000+09:00"
    assert run_json("ticket", "update", empty_launch, "1", "--escalate")["escalation_level"] == 1
    assert run_json("ticket", "update", empty_launch, "1", "--de-escalate")["escalation_level"] == 0
    lowered = run_cockpit("ticket", "update", empty_launch, "1", "--de-escalate")
    assert lowered.returncode == 2 and "not escalated" in lowered.stderr
    both = run_cockpit("ticket", "update", empty_launch, "1", "--escalate", "--de-escalate")
    assert both.returncode == 2


def test_every_edit_is_audited_with_its_actor(empty_launch: Path) -> None:
    run_json("ticket", "add", empty_launch, "--title", "t", "--severity", "P3", "--as", "佐藤")
    conn = sqlite3.connect(empty_launch)
    actor, new = conn.execute("SELECT actor, new FROM audit WHERE table_name = 'tickets'").fetchone()
    assert actor == "佐藤" and json.loads(new)["title"] == "t"
