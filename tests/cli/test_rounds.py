"""Go/no-go rounds through the CLI: frozen evidence, verdicts, conditions, decisions, and the signoff command."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cockpit.domain.status import Pane, Rag, pane_status
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from tests.cli.in_process import Cockpit


@pytest.fixture
def team(cli: Cockpit, launch_path: Path) -> Path:
    for name, login, role in [
        ("Sato Ken", "ksato", "PM"),
        ("Ito Mai", "mito", "QA lead"),
        ("Abe Jun", "jabe", "Ops"),
    ]:
        cli.ok("person", "add", launch_path, "--name", name, "--login", login, "--role", role)
    cli.ok("signer", "add", launch_path, "ksato")
    cli.ok("signer", "add", launch_path, "mito")
    return launch_path


def _frozen_rows(path: Path, round_number: int) -> tuple:
    with sqlite3.connect(path) as conn:
        evidence = conn.execute(
            "SELECT evidence, evidence_sha256 FROM decision_rounds WHERE number = ?", [round_number]
        ).fetchone()
        criteria = conn.execute(
            "SELECT c.* FROM round_criteria c JOIN decision_rounds r ON r.id = c.round_id WHERE r.number = ? "
            "ORDER BY c.id",
            [round_number],
        ).fetchall()
    conn.close()
    return evidence, criteria


def test_two_rounds_conditional_go_then_go(cli: Cockpit, team: Path) -> None:
    opened = cli.ok(
        "round",
        "open",
        team,
        "--chair",
        "ksato",
        "--attendee",
        "mito",
        "--attendee",
        "jabe",
        "--as",
        "ksato",
        "--json",
    ).json()
    assert (opened["number"], opened["title"], opened["chair"]) == (1, "Go/no-go meeting 1", "Sato Ken")
    assert opened["attendees"] == ["Sato Ken", "Ito Mai", "Abe Jun"]
    assert len(opened["evidence_sha256"]) == 64 and "evidence" not in opened
    cli.ok(
        "round", "sign", team, "--as", "ksato", "--verdict", "conditional",
        "--condition", "UAT regression rerun", "--owner", "mito", "--due", "2026-11-28T18:00",
        "--condition", "Backup restore tested", "--owner", "jabe", "--due", "2026-11-29T18:00",
    )  # fmt: skip
    cli.ok("round", "sign", team, "--as", "mito", "--verdict", "go", "--comment", "UAT signed off")
    decided = cli.ok(
        "round", "decide", team, "--decision", "conditional", "--comment", "Go once both are done", "--as", "ksato",
        "--json",
    ).json()  # fmt: skip
    assert decided["decision"] == "conditional_go"
    round_one_before = cli.ok("round", "show", team, "1", "--json").json()
    frozen_before = _frozen_rows(team, 1)
    p1_before = next(c for c in round_one_before["criteria"] if c["label"] == "No open P1 ticket")
    assert p1_before["frozen"]["ok"] is True

    # The data changes: a P1 ticket opens; one condition is met.
    cli.ok("ticket", "add", team, "--title", "Login fails", "--severity", "P1")
    conditions = cli.ok("condition", "list", team, "--json").json()
    assert [c["text"] for c in conditions] == ["UAT regression rerun", "Backup restore tested"]
    met = cli.ok(
        "condition", "met", team, str(conditions[0]["id"]), "--evidence", "Run 42: 100% passed", "--as", "mito",
        "--json",
    ).json()  # fmt: skip
    assert (met["met_by"], met["evidence"]) == ("mito", "Run 42: 100% passed")

    cli.ok("round", "open", team, "--chair", "ksato", "--as", "ksato")
    round_two = cli.ok("round", "show", team, "2", "--json").json()
    p1 = next(c for c in round_two["criteria"] if c["label"] == "No open P1 ticket")
    assert p1["previous_round"] == p1_before["frozen"]  # round 1's frozen values, unchanged
    assert p1["frozen"]["ok"] is False and p1["changed_since_previous_round"] is True
    assert [c["text"] for c in round_two["carried_conditions"]] == ["Backup restore tested"]
    human = cli.ok("round", "show", team, "2").out
    assert "Conditions of earlier rounds still open:" in human
    assert "Backup restore tested" in human and "(changed since round 1)" in human

    # Round 1 beside the live launch: frozen says met, now it is not.
    round_one = cli.ok("round", "show", team, "1", "--json").json()
    p1_now = next(c for c in round_one["criteria"] if c["label"] == "No open P1 ticket")
    assert p1_now["frozen"] == p1_before["frozen"]
    assert p1_now["live"]["ok"] is False

    cli.ok("round", "sign", team, "--as", "ksato", "--verdict", "go")
    cli.ok("round", "sign", team, "--as", "mito", "--verdict", "go")
    cli.ok("round", "decide", team, "--decision", "go", "--as", "ksato")
    listed = cli.ok("round", "list", team, "--json").json()
    assert [(r["number"], r["decision"], r["state"]) for r in listed] == [
        (1, "conditional_go", "closed"),
        (2, "go", "closed"),
    ]
    assert _frozen_rows(team, 1) == frozen_before  # byte for byte
    assert cli.ok("verify", team).code == 0


def test_a_closed_round_cannot_be_edited(cli: Cockpit, team: Path) -> None:
    cli.ok("round", "open", team, "--chair", "ksato")
    cli.ok("round", "close", team, "--reason", "Test results not in yet")
    before = team.read_bytes()
    refused = cli("round", "sign", team, "--as", "ksato", "--verdict", "go", "--round", "1")
    assert refused.code == 2
    assert "Round 1 is closed (decided Postponed): it cannot be changed. Open a new round" in refused.err
    assert cli("round", "decide", team, "--decision", "go", "--round", "1").code == 2
    assert cli("round", "sign", team, "--as", "ksato", "--verdict", "go").code == 2  # no round open
    assert team.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["open", "{f}", "--chair", "nobody"], "'nobody' is not on this launch's people list"),
        (
            ["sign", "{f}", "--as", "ksato", "--verdict", "conditional"],
            "give at least one (what, who, by when)",
        ),
        (["sign", "{f}", "--as", "ksato", "--verdict", "no_go"], "A no-go needs a comment"),
        (["sign", "{f}", "--as", "jabe", "--verdict", "go"], "jabe is not on the sign-off roster"),
        (["decide", "{f}", "--decision", "conditional"], "cannot end in a conditional go"),
        (
            ["sign", "{f}", "--as", "ksato", "--verdict", "conditional", "--owner", "x"],
            "give the condition first",
        ),
    ],
)
def test_bad_input_names_the_fix_and_writes_nothing(
    cli: Cockpit, team: Path, args: list[str], message: str
) -> None:
    if args[0] != "open":
        cli.ok("round", "open", team, "--chair", "ksato")
    before = team.read_bytes()
    ran = cli("round", *[a.replace("{f}", str(team)) for a in args])
    assert ran.code == 2, ran.err
    assert message in ran.err
    assert team.read_bytes() == before


def test_a_second_round_waits_for_the_first(cli: Cockpit, team: Path) -> None:
    cli.ok("round", "open", team, "--chair", "ksato", "--title", "最終移行判定")
    refused = cli("round", "open", team, "--chair", "ksato")
    assert refused.code == 2 and "Round 1 is still open" in refused.err
    assert cli.ok("round", "list", team).out.startswith("Round 1: 最終移行判定")


def test_signoff_signs_in_the_open_round(cli: Cockpit, team: Path) -> None:
    without_round = cli.ok("signoff", team, "--as", "mito", "--decision", "go", "--json").json()
    assert "round" not in without_round  # no round open: the roster answer alone, as before
    cli.ok("round", "open", team, "--chair", "ksato")
    signed = cli.ok(
        "signoff", team, "--as", "ksato", "--decision", "conditional", "--comment", "DR site ready", "--json"
    ).json()
    assert (signed["decision"], signed["round"]) == ("conditional_go", 1)
    shown = cli.ok("round", "show", team, "1", "--json").json()
    assert [(v["person"], v["verdict"]) for v in shown["verdicts"]] == [("Sato Ken", "conditional_go")]
    assert [(c["text"], c["owner"]) for c in shown["conditions"]] == [("DR site ready", "ksato")]


def test_an_overdue_condition_turns_the_gate_red(cli: Cockpit, team: Path) -> None:
    cli.ok("round", "open", team, "--chair", "ksato")
    cli.ok(
        "round", "sign", team, "--as", "ksato", "--verdict", "conditional",
        "--condition", "Freeze the code", "--owner", "jabe", "--due", "2020-01-01T09:00",
    )  # fmt: skip
    status = cli.ok("status", team, "--json").json()
    assert status["rounds"]["latest"]["state"] == "open"
    assert status["rounds"]["open_conditions"][0]["overdue"] is True
    human = cli.ok("status", team).out
    assert "Meetings   Go/no-go meeting 1: In session; 1 condition open, 1 overdue" in human
    with open_launch(team, read_only=True) as lf:
        data = load_launch(lf)
    light = pane_status(Pane.GATE, data, now=datetime.now(UTC))
    assert light.rag is Rag.RED
    assert light.reason.startswith("1 condition of a go/no-go round overdue: Freeze the code")
