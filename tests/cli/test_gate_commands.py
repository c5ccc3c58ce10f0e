"""gate list|add|set|remove through the CLI: thresholds as KEY=VALUE, words worked out when shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.in_process import Cockpit


def test_gate_list_shows_each_criterion_in_words(cli: Cockpit, launch_path: Path) -> None:
    human = cli.ok("gate", "list", launch_path).out.splitlines()
    assert human[1] == "#2  [on]  Unit tests pass rate ≥ 98%"
    assert "#6  [on]  No open P1 ticket" in human
    listed = cli.ok("gate", "list", launch_path, "--json").json()
    assert listed[1] == {
        "id": 2,
        "kind": "pass_rate",
        "label": "Unit tests pass rate ≥ 98%",
        "params": {"level": "unit", "min_pass_rate": 0.98},
        "enabled": True,
        "version": 1,
    }


def test_gate_add_set_remove(cli: Cockpit, launch_path: Path) -> None:
    added = cli.ok(
        "gate",
        "add",
        launch_path,
        "--kind",
        "pass_rate",
        "--param",
        "level=smoke",
        "--param",
        "min_pass_rate=90",
        "--json",
    ).json()
    assert (added["id"], added["label"], added["params"]) == (
        10,
        "Smoke tests pass rate ≥ 90%",
        {"level": "smoke", "min_pass_rate": 0.9},
    )
    changed = cli.ok(
        "gate",
        "set",
        launch_path,
        "10",
        "--param",
        "min_pass_rate=0.85",
        "--disable",
        "--expect-version",
        "1",
        "--json",
    ).json()
    assert (changed["label"], changed["enabled"], changed["version"]) == (
        "Smoke tests pass rate ≥ 85%",
        False,
        2,
    )
    assert "#10  [off]  Smoke tests pass rate ≥ 85%" in cli.ok("gate", "list", launch_path).out
    tickets = cli.ok(
        "gate", "set", launch_path, "6", "--param", "max_open=2", "--param", "severity=P2", "--json"
    )
    assert tickets.json()["label"] == "No more than 2 open P2 tickets"
    status = cli.ok("status", launch_path, "--json").json()
    assert "No more than 2 open P2 tickets" in [c["label"] for c in status["gate"]["criteria"]]
    assert 10 not in [c["id"] for c in status["gate"]["criteria"]]  # disabled
    assert "go/no-go criterion #10 removed" in cli.ok("gate", "remove", launch_path, "10").out
    assert cli("gate", "set", launch_path, "6", "--enable", "--expect-version", "1").code == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "{f}", "--kind", "speed"], "use one of: gate_items_done, pass_rate, no_open_tickets"),
        (["add", "{f}", "--kind", "pass_rate", "--param", "level=uat"], "needs min_pass_rate"),
        (
            ["add", "{f}", "--kind", "pass_rate", "--param", "level=e2e", "--param", "min_pass_rate=95"],
            "smoke",
        ),
        (
            ["add", "{f}", "--kind", "pass_rate", "--param", "level=uat", "--param", "min_pass_rate=150"],
            "0 to 100",
        ),
        (["add", "{f}", "--kind", "backup_done", "--param", "level=uat"], "takes no parameters"),
        (["add", "{f}", "--kind", "no_open_tickets", "--param", "sev=P1"], "it takes: severity, max_open"),
        (["set", "{f}", "6", "--param", "max_open=-1"], "0 or more"),
        (["set", "{f}", "6", "--param", "max_open"], "is not KEY=VALUE"),
        (["set", "{f}", "6"], "Nothing to change"),
        (["set", "{f}", "99", "--enable"], "There is no go/no-go criterion #99"),
        (["remove", "{f}", "99"], "There is no go/no-go criterion #99"),
    ],
)
def test_bad_input_exits_2_naming_the_allowed_values(
    cli: Cockpit, launch_path: Path, args: list[str], message: str
) -> None:
    before = launch_path.read_bytes()
    ran = cli("gate", *[launch_path if a == "{f}" else a for a in args])
    assert ran.code == 2
    assert message in ran.err
    assert launch_path.read_bytes() == before
