"""cockpit launch set|show and sla set|list, run as ``cockpit.cli.main`` in this process: the rows written,
the JSON, and bad input (exit 2, the fix named, the file's bytes unchanged)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cockpit.cli import main
from tests.cli.conftest import run_cockpit


@pytest.fixture
def cli(monkeypatch, capsys):
    monkeypatch.setenv("COCKPIT_LANG", "en")

    def run(*args: object) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_launch_set_writes_each_setting_and_prints_the_row(cli, launch_path: Path):
    code, out, _ = cli(
        "launch", "set", launch_path, "--name", "販売管理システム", "--go-live", "2026-12-02T10:00",
        "--rollback-deadline", "2026-12-02T12:00", "--risk-red", "12", "--risk-amber", "4",
        "--as", "sato", "--expect-version", "1", "--json",
    )  # fmt: skip
    assert code == 0
    row = json.loads(out)
    assert row["id"] == 1 and row["version"] == 2 and row["updated_by"] == "sato"
    assert row["go_live"] == "2026-12-02T10:00:00+09:00"  # read in the launch's zone, Asia/Tokyo
    assert (row["risk_red_min"], row["risk_amber_min"]) == (12, 4)
    code, out, _ = cli("launch", "set", launch_path, "--rollback-deadline", "none", "--timezone", "UTC")
    assert code == 0 and "launch #1 written (version 3)" in out
    code, out, _ = cli("launch", "show", launch_path, "--json")
    shown = json.loads(out)
    assert shown["name"] == "販売管理システム" and shown["timezone"] == "UTC"
    assert shown["go_live"] == "2026-12-02T01:00:00+00:00" and shown["rollback_deadline"] is None
    assert shown["risk_bands"] == {"red_min": 12, "amber_min": 4}
    assert shown["stage"] == "preparation" and shown["last_stage_move"] is None


def test_stage_moves_forward_and_back_with_a_reason(cli, launch_path: Path):
    assert cli("launch", "set", launch_path, "--stage", "cutover", "--as", "sato")[0] == 0
    code, out, _ = cli(
        "launch", "set", launch_path, "--stage", "preparation", "--reason", "Rehearsal failed", "--as", "ito"
    )
    assert code == 0
    code, out, _ = cli("launch", "show", launch_path)
    assert "stage: Preparation" in out
    assert "last move: Cutover → Preparation by ito" in out and "Rehearsal failed" in out
    move = json.loads(cli("status", launch_path, "--json")[1])["launch"]["last_stage_move"]
    assert (move["from"], move["to"], move["by"], move["reason"]) == (
        "cutover",
        "preparation",
        "ito",
        "Rehearsal failed",
    )
    assert move["at"].endswith("+09:00")


def test_sla_set_and_list(cli, launch_path: Path):
    code, out, _ = cli(
        "sla", "set", launch_path, "P1", "--first-response", "10", "--resolution", "120", "--json"
    )
    assert code == 0
    row = json.loads(out)
    assert (row["severity"], row["first_response_minutes"], row["resolution_minutes"]) == ("P1", 10, 120)
    assert row["version"] == 2
    code, out, _ = cli("sla", "set", launch_path, "P4", "--resolution", "2880", "--expect-version", "1")
    assert code == 0 and "SLA policy #4 written (version 2)" in out
    listed = json.loads(cli("sla", "list", launch_path, "--json")[1])
    assert [(p["severity"], p["first_response_minutes"], p["resolution_minutes"]) for p in listed] == [
        ("P1", 10, 120),
        ("P2", 30, 480),
        ("P3", 240, 1440),
        ("P4", 480, 2880),
    ]
    human = cli("sla", "list", launch_path)[1]
    assert "P1      10     120" in human


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("launch", "set"), "Nothing to change: give --name"),
        (("launch", "set", "--timezone", "Tokyo"), "Unknown time zone 'Tokyo'; use an IANA name"),
        (("launch", "set", "--go-live", "tomorrow"), "not an ISO 8601 time; write e.g."),
        (("launch", "set", "--rollback-deadline", "2026-13-01T09:00"), "not an ISO 8601 time"),
        (("launch", "set", "--stage", "hypercare"), "skips Cutover; give a reason"),
        (("launch", "set", "--stage", "preparation", "--reason", "x"), "already in Preparation"),
        (("launch", "set", "--risk-red", "5"), "Choose an amber minimum"),
        (("launch", "set", "--risk-amber", "1"), "amber minimum of 2 or more"),
        (("launch", "set", "--name", " "), "must not be empty"),
        (("launch", "set", "--name", "x", "--reason", "why"), "give --stage too, or leave the reason out"),
        (("sla", "set", "P2"), "give --first-response or --resolution"),
        (("sla", "set", "P2", "--first-response", "-5"), "whole number of minutes above 0"),
        (("sla", "set", "P2", "--first-response", "600"), "no later than the resolution"),
    ],
)
def test_bad_input_exits_2_naming_the_fix_and_writes_nothing(cli, launch_path: Path, args, words):
    before = launch_path.read_bytes()
    command, action, *options = args
    code, _, err = cli(command, action, launch_path, *options)
    assert code == 2
    assert words in err
    assert launch_path.read_bytes() == before


def test_argparse_refusals_exit_2_too(launch_path: Path):
    """An unknown stage or severity is refused by the parser, as scripts see it (a real process)."""
    before = launch_path.read_bytes()
    stage = run_cockpit("launch", "set", launch_path, "--stage", "live")
    assert stage.returncode == 2 and "invalid choice: 'live'" in stage.stderr
    severity = run_cockpit("sla", "set", launch_path, "P5", "--resolution", "10")
    assert severity.returncode == 2 and "P5" in severity.stderr
    assert launch_path.read_bytes() == before


def test_a_stale_expect_version_exits_3_naming_who(cli, launch_path: Path):
    assert cli("launch", "set", launch_path, "--name", "Theirs", "--as", "tanaka")[0] == 0
    before = launch_path.read_bytes()
    code, _, err = cli("launch", "set", launch_path, "--name", "Mine", "--expect-version", "1")
    assert code == 3 and "tanaka" in err and "launch #1" in err
    assert launch_path.read_bytes() == before
