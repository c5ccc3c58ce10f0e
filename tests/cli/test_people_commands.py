"""person add|update|remove|list, signer add|remove and signoff through the CLI: exit codes, what is
printed, and bad input that leaves the file as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import run_cockpit, run_json
from tests.cli.in_process import Cockpit


@pytest.fixture
def team(cli: Cockpit, launch_path: Path) -> Path:
    cli.ok(
        "person",
        "add",
        launch_path,
        "--name",
        "佐藤 健",
        "--login",
        "ksato",
        "--role",
        "PM",
        "--contact",
        "内線 1234",
    )
    cli.ok("person", "add", launch_path, "--name", "Ito Mai", "--login", "mito", "--role", "QA lead")
    return launch_path


def test_person_add_prints_the_row_with_its_contact(cli: Cockpit, launch_path: Path) -> None:
    ran = cli.ok(
        "person", "add", launch_path, "--name", "Sato", "--login", "ksato", "--contact", "@ksato", "--json"
    )
    row = ran.json()
    assert (row["id"], row["version"], row["contact"]) == (1, 1, "@ksato")
    assert "email" not in row
    human = cli.ok("person", "add", launch_path, "--name", "Ito", "--login", "mito")
    assert "person #2 written (version 1)" in human.out


def test_person_list(cli: Cockpit, team: Path) -> None:
    listed = cli.ok("person", "list", team, "--json").json()
    assert [(p["id"], p["login"], p["contact"]) for p in listed] == [
        (1, "ksato", "内線 1234"),
        (2, "mito", ""),
    ]
    human = cli.ok("person", "list", team).out
    assert "#1  佐藤 健 (ksato)  PM · 内線 1234" in human


def test_person_update_and_remove(cli: Cockpit, team: Path) -> None:
    updated = cli.ok(
        "person", "update", team, "2", "--role", "UAT lead", "--expect-version", "1", "--json"
    ).json()
    assert (updated["role"], updated["version"]) == ("UAT lead", 2)
    stale = cli("person", "update", team, "2", "--role", "x", "--expect-version", "1")
    assert stale.code == 3
    removed = cli.ok("person", "remove", team, "2")
    assert "person #2 removed" in removed.out
    assert [p["login"] for p in cli.ok("person", "list", team, "--json").json()] == ["ksato"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["person", "add", "{f}", "--name", "X", "--login", "KSATO"], "already 佐藤 健's"),
        (["person", "add", "{f}", "--name", " ", "--login", "new"], "name must not be empty"),
        (["person", "update", "{f}", "1"], "Nothing to change"),
        (["person", "update", "{f}", "99", "--role", "x"], "There is no person #99"),
        (["person", "remove", "{f}", "1"], "still named in this launch: the sign-off roster"),
        (["signer", "add", "{f}", "nobody"], "Nobody with the login 'nobody'"),
        (["signer", "add", "{f}", "ksato"], "already on the sign-off roster"),
        (["signer", "remove", "{f}", "mito"], "not on the sign-off roster"),
        (
            ["signoff", "{f}", "--decision", "go", "--as", "mito"],
            "mito is not on the sign-off roster (佐藤 健 (PM))",
        ),
        (["signoff", "{f}", "--decision", "no_go", "--as", "ksato"], "needs a comment"),
        (["signoff", "{f}", "--decision", "maybe", "--as", "ksato"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_naming_the_fix_and_writes_nothing(
    cli: Cockpit, team: Path, args: list[str], message: str
) -> None:
    cli.ok("signer", "add", team, "ksato")
    before = team.read_bytes()
    ran = cli(*[team if a == "{f}" else a for a in args])
    assert ran.code == 2
    assert message in ran.err
    assert team.read_bytes() == before


def test_a_signer_who_decided_cannot_be_removed(cli: Cockpit, team: Path) -> None:
    cli.ok("signer", "add", team, "mito", "--role", "Business owner")
    cli.ok("signoff", team, "--decision", "go", "--as", "MITO")
    before = team.read_bytes()
    refused = cli("signer", "remove", team, "mito")
    assert refused.code == 2 and "already decided (Go)" in refused.err and "back to pending" in refused.err
    assert team.read_bytes() == before
    cli.ok("signoff", team, "--decision", "pending", "--as", "mito")
    assert "sign-off #1 removed" in cli.ok("signer", "remove", team, "mito").out


def test_signoff_through_the_real_command(empty_launch: Path) -> None:
    """As a script would: the OS login is not on the roster, --as someone who is."""
    run_json(
        "person", "add", empty_launch, "--name", "Ito Mai", "--login", "mito", "--role", "Business owner"
    )
    run_json("signer", "add", empty_launch, "mito")
    before = empty_launch.read_bytes()
    refused = run_cockpit("signoff", empty_launch, "--decision", "go", "--as", "somebody-else")
    assert (
        refused.returncode == 2 and "not on the sign-off roster (Ito Mai (Business owner))" in refused.stderr
    )
    assert empty_launch.read_bytes() == before
    signed = run_json(
        "signoff", empty_launch, "--decision", "conditional", "--comment", "P2 fixed first", "--as", "mito"
    )
    assert (signed["decision"], signed["comment"]) == ("conditional_go", "P2 fixed first")
    gate = run_json("status", empty_launch)["gate"]
    assert (gate["decision"], gate["signed"], gate["required"]) == ("conditional_go", 1, 1)
