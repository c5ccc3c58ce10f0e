"""Once a launch has people, every row that names someone responsible names one of them: a typo in an owner
or an assignee is refused (exit 2, the people named, the file unchanged), by login or name it is taken."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.in_process import Cockpit

ADDS = {
    "step": ("step", "add", "--title", "Back up", "--kind", "backup", "--planned-start", "2027-02-28T20:00",
             "--planned-minutes", "30", "--owner"),
    "object": ("object", "add", "--name", "orders", "--source-count", "10", "--owner"),
    "ticket": ("ticket", "add", "--title", "Login fails", "--severity", "P2", "--assignee"),
    "risk": ("risk", "add", "--title", "Key user away", "--likelihood", "3", "--impact", "3", "--owner"),
    "checklist": ("checklist", "add", "--title", "Train the desk", "--stage", "preparation", "--category",
                  "training", "--owner"),
}  # fmt: skip
UPDATES = {
    "step": ("step", "update", "--owner"),
    "object": ("object", "update", "--owner"),
    "ticket": ("ticket", "update", "--assignee"),
    "risk": ("risk", "update", "--owner"),
    "checklist": ("checklist", "update", "--owner"),
}


@pytest.fixture
def launch(cli: Cockpit, tmp_path: Path) -> Path:
    path = tmp_path / "team.golive"
    cli.ok("new", path, "--name", "Team", "--go-live", "2027-03-01T09:00+09:00", "--template", "empty")
    cli.ok("person", "add", path, "--name", "Ken Ito", "--login", "ito", "--role", "DBA")
    return path


def add(cli: Cockpit, path: Path, kind: str, owner: str):
    command, action, *options = ADDS[kind]
    return cli(command, action, path, *options, owner, "--json")


@pytest.mark.parametrize("kind", sorted(ADDS))
def test_an_owner_who_is_nobody_on_the_launch_is_refused_and_the_file_unchanged(cli, launch, kind):
    before = launch.read_bytes()
    refused = add(cli, launch, kind, "itou")
    assert refused.code == 2
    assert "'itou' is not a person of this launch" in refused.err and "ito (Ken Ito)" in refused.err
    assert launch.read_bytes() == before


@pytest.mark.parametrize("kind", sorted(ADDS))
def test_an_owner_by_login_or_name_is_taken_and_a_change_to_nobody_refused(cli, launch, kind):
    row = add(cli, launch, kind, "ITO").json()
    field = "assignee" if kind == "ticket" else "owner"
    assert row[field] == "ito"
    command, action, option = UPDATES[kind]
    before = launch.read_bytes()
    refused = cli(command, action, launch, row["id"], option, "Kenji")
    assert refused.code == 2 and "'Kenji' is not a person of this launch" in refused.err
    assert launch.read_bytes() == before
    changed = cli.ok(command, action, launch, row["id"], option, "Ken Ito", "--json").json()
    assert changed[field] == "Ken Ito"
