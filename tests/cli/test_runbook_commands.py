"""``cockpit step …`` and ``cockpit object …``: plan the runbook, run it with a failure retried and a step
skipped, record the ledger's counts and accept a difference; bad input exits 2 naming the fix, file unchanged.

Run in this process through ``cockpit.cli.main`` (the subprocess tests in test_edits.py cover the real
command line once); the output is what a script reads.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cockpit.cli import main
from cockpit.store.launchfile import create_launch
from tests.conftest import GO_LIVE

START = "2026-12-01T22:00+09:00"


@pytest.fixture
def launch(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("COCKPIT_LANG", "en")
    path = tmp_path / "launch.golive"
    create_launch(path, name="販売管理", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="tester")
    return path


def cockpit(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:  # argparse's own refusals
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def as_json(capsys, *args):
    code, out, err = cockpit(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def add_step(capsys, launch, title, *extra):
    return as_json(
        capsys, "step", "add", launch, "--title", title, "--kind", "migrate", "--planned-start", START,
        "--planned-minutes", "30", *extra,
    )  # fmt: skip


def test_plan_a_runbook_add_update_and_remove_steps(capsys, launch):
    backup = add_step(capsys, launch, "Backup", "--owner", "dba")
    load = add_step(capsys, launch, "Load", "--depends-on", str(backup["id"]))
    verify = add_step(capsys, launch, "Verify", "--depends-on", f"{backup['id']},{load['id']}")
    assert (backup["seq"], load["seq"], verify["seq"]) == (1, 2, 3)
    assert verify["depends_on"] == [backup["id"], load["id"]] and backup["owner"] == "dba"
    updated = as_json(
        capsys, "step", "update", launch, verify["id"], "--title", "Verify counts", "--kind", "verify",
        "--planned-minutes", "45", "--planned-start", "2026-12-02T01:00+09:00", "--owner", "qa",
        "--depends-on", load["id"], "--expect-version", "1", "--as", "sato",
    )  # fmt: skip
    assert (updated["title"], updated["kind"], updated["planned_minutes"], updated["version"]) == (
        "Verify counts",
        "verify",
        45,
        2,
    )
    assert updated["depends_on"] == [load["id"]] and updated["updated_by"] == "sato"
    cleared = as_json(capsys, "step", "update", launch, verify["id"], "--no-dependencies")
    assert cleared["depends_on"] == []
    code, out, _ = cockpit(capsys, "step", "remove", launch, verify["id"], "--expect-version", "3")
    assert code == 0 and f"runbook step #{verify['id']} removed (it was at version 3)" in out
    listed = as_json(capsys, "step", "list", launch)
    assert [s["title"] for s in listed] == ["Backup", "Load"]
    code, out, _ = cockpit(capsys, "step", "list", launch)
    assert code == 0 and "Backup" in out and "after #1" in out


def test_a_failed_step_is_retried_and_its_failure_stays_in_the_history(capsys, launch):
    backup = add_step(capsys, launch, "Backup")
    load = add_step(capsys, launch, "Load", "--depends-on", backup["id"])
    as_json(capsys, "step", "start", launch, backup["id"])
    failed = as_json(capsys, "step", "fail", launch, backup["id"], "--reason", "Disk full")
    assert (failed["status"], failed["status_reason"]) == ("failed", "Disk full")
    assert as_json(capsys, "status", launch)["migration"]["steps"]["failed"] == 1
    code, _, err = cockpit(capsys, "step", "start", launch, backup["id"])
    assert code == 2 and "Retry it for a new attempt, or skip it with a reason" in err
    retried = as_json(capsys, "step", "retry", launch, backup["id"], "--expect-version", failed["version"])
    assert (retried["status"], retried["attempt"]) == ("running", 2)
    done = as_json(capsys, "step", "finish", launch, backup["id"])
    assert done["status"] == "done"
    steps = as_json(capsys, "status", launch)["migration"]["steps"]
    assert (steps["done"], steps["failed"], steps["retried"]) == (1, 0, 1)
    (listed, _) = as_json(capsys, "step", "list", launch)
    assert listed["attempts"][0]["outcome"] == "failed" and listed["attempts"][0]["reason"] == "Disk full"
    assert listed["attempts"][0]["actual_end"] == failed["actual_end"]
    code, out, _ = cockpit(capsys, "step", "list", launch)
    assert "attempt 1 failed" in out and "Disk full" in out
    # Skip, and unskip by mistake's undo.
    skipped = as_json(capsys, "step", "skip", launch, load["id"], "--reason", "Loaded in the rehearsal")
    assert (skipped["status"], skipped["status_reason"]) == ("skipped", "Loaded in the rehearsal")
    assert as_json(capsys, "status", launch)["migration"]["steps"]["skipped"] == 1
    assert as_json(capsys, "step", "unskip", launch, load["id"])["status"] == "pending"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["step", "fail", "{file}", "1"], "the following arguments are required: --reason"),
        (["step", "skip", "{file}", "1"], "the following arguments are required: --reason"),
        (["step", "fail", "{file}", "1", "--reason", " "], "give a reason the team can read later"),
        (["step", "finish", "{file}", "1", "--failed"], "give a reason the team can read later"),
        (["step", "retry", "{file}", "1"], "only a failed step can be retried"),
        (["step", "start", "{file}", "2"], "waits for steps not yet done: #1 Backup"),
        (["step", "update", "{file}", "1", "--depends-on", "2"], "#1 → #2 → #1. Drop one"),
        (["step", "update", "{file}", "1", "--depends-on", "x"], "is not a step id; give ids like 3 or 3,5"),
        (["step", "update", "{file}", "1"], "Nothing to change"),
        (["step", "update", "{file}", "1", "--planned-minutes", "-5"], "0 or more"),
        (["step", "remove", "{file}", "1"], "#2 Load depend(s) on it. Remove that dependency first"),
        (["step", "remove", "{file}", "99"], "There is no runbook step #99"),
        (
            ["step", "add", "{file}", "--title", "X", "--kind", "migrate", "--planned-start", "22:00",
             "--planned-minutes", "5"],
            "not an ISO 8601 time",
        ),
        (
            ["step", "add", "{file}", "--title", "X", "--kind", "migrate", "--planned-start", START,
             "--planned-minutes", "5", "--depends-on", "7"],
            "There is no runbook step #7",
        ),
        (
            ["step", "add", "{file}", "--title", "X", "--kind", "reboot", "--planned-start", START,
             "--planned-minutes", "5"],
            "invalid choice: 'reboot'",
        ),
        (["object", "add", "{file}", "--name", "Orders", "--source-count", "-1"], "a count of rows is 0 or more"),
        (["object", "add", "{file}", "--name", "Customers"], "already a migration object named 'Customers'"),
        (["object", "update", "{file}", "1", "--target-count", "-7"], "a count of rows is 0 or more"),
        (["object", "update", "{file}", "1", "--rejected", "lots"], "is not a whole number of rows"),
        (["object", "update", "{file}", "1", "--accept-difference", "merged"], "no target count yet"),
        (["object", "update", "{file}", "1", "--accept-difference", " "], "needs a reason"),
        (
            ["object", "update", "{file}", "1", "--accept-difference", "x", "--clear-difference"],
            "not allowed with argument",
        ),
        (["object", "update", "{file}", "1"], "Nothing to change"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_naming_the_fix_and_leaves_the_file_unchanged(capsys, launch, args, message):
    backup = add_step(capsys, launch, "Backup")
    add_step(capsys, launch, "Load", "--depends-on", backup["id"])
    as_json(capsys, "object", "add", launch, "--name", "Customers", "--source-count", "100")
    before = launch.read_bytes()
    code, _, err = cockpit(capsys, *[a.format(file=launch) for a in args])
    assert code == 2
    assert message in err
    assert launch.read_bytes() == before


def test_record_an_objects_counts_and_accept_its_difference(capsys, launch):
    added = as_json(
        capsys, "object", "add", launch, "--name", "得意先マスタ", "--source-count", "120000",
        "--tolerance", "10", "--owner", "sato",
    )  # fmt: skip
    assert (added["source_rows"], added["target_rows"], added["tolerance_rows"]) == (120_000, None, 10)
    oid = added["id"]
    as_json(capsys, "object", "update", launch, oid, "--rejected", "300", "--target-count", "119500")
    (row,) = as_json(capsys, "object", "list", launch)
    assert (row["expected"], row["delta"], row["status"]) == (119_700, -200, "mismatch")
    accepted = as_json(
        capsys,
        "object",
        "update",
        launch,
        oid,
        "--accept-difference",
        "200件は名寄せで統合",
        "--as",
        "tanaka",
    )
    assert (accepted["accepted_reason"], accepted["accepted_by"]) == ("200件は名寄せで統合", "tanaka")
    assert accepted["accepted_at"]
    (row,) = as_json(capsys, "object", "list", launch)
    assert row["status"] == "accepted"
    code, out, _ = cockpit(capsys, "object", "list", launch)
    assert "accepted by tanaka" in out and "200件は名寄せで統合" in out
    cleared = as_json(capsys, "object", "update", launch, oid, "--clear-difference", "--target-count", "none")
    assert (cleared["accepted_reason"], cleared["accepted_at"], cleared["target_rows"]) == ("", None, None)
    stale = cockpit(capsys, "object", "update", launch, oid, "--owner", "x", "--expect-version", "1")
    assert stale[0] == 3
    renamed = as_json(capsys, "object", "update", launch, oid, "--name", "Customers", "--source-count", "5")
    assert (renamed["name"], renamed["source_rows"]) == ("Customers", 5)
    code, out, _ = cockpit(capsys, "object", "remove", launch, oid)
    assert code == 0 and f"migration object #{oid} removed" in out
    assert as_json(capsys, "object", "list", launch) == []
