"""`cockpit checklist add|update|list|set` as scripts use them: relative due times, dependencies, owners, the
forced done, and bad input that exits 2 leaving the file as it was.

Run in-process through ``cockpit.cli.main`` (the same parser and exit codes as the installed command) to keep
the suite light; ``test_edits.py`` runs the real process.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cockpit.cli import main
from cockpit.store.launchfile import open_launch


@pytest.fixture
def run(capsys, monkeypatch):
    """``cockpit ARGS…`` → (exit code, stdout, stderr), in English."""
    monkeypatch.setenv("COCKPIT_LANG", "en")

    def cockpit(*args: object) -> tuple[int, str, str]:
        try:
            code = main([str(a) for a in args])
        except SystemExit as usage:  # argparse refuses bad usage by exiting, with its message on stderr
            code = int(usage.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return cockpit


@pytest.fixture
def as_json(run):
    def cockpit(*args: object):
        code, out, err = run(*args, "--json")
        assert code == 0, err
        return json.loads(out)

    return cockpit


def test_add_with_a_relative_due_dependencies_and_a_gate(as_json, launch_path: Path) -> None:
    backup = as_json(
        "checklist", "add", launch_path, "--title", "本番バックアップ取得", "--stage", "go_live",
        "--category", "production_migration", "--due", "T-2h", "--gate", "--as", "sato",
    )  # fmt: skip
    assert (backup["id"], backup["version"], backup["updated_by"]) == (1, 1, "sato")
    assert backup["due"] == "2026-12-01T07:00:00+09:00" and backup["is_gate"] == 1
    switch = as_json(
        "checklist", "add", launch_path, "--title", "DNS switch", "--stage", "go_live",
        "--category", "production_migration", "--due", "T−1日 18:00", "--depends-on", "1",
        "--evidence", "CHG-42", "--owner", "ito",
    )  # fmt: skip
    assert switch["due"] == "2026-11-30T18:00:00+09:00"
    assert (switch["depends_on"], switch["evidence"], switch["owner"]) == ([1], "CHG-42", "ito")


def test_update_changes_each_field_and_says_what_it_wrote(run, as_json, launch_path: Path) -> None:
    for title in ("A", "B"):
        as_json(
            "checklist", "add", launch_path, "--title", title, "--stage", "preparation", "--category", "tests"
        )
    steps = [
        (["--title", "UAT sign-off"], "title", "UAT sign-off"),
        (["--stage", "go_live"], "stage", "go_live"),
        (["--category", "decision_approval"], "category", "decision_approval"),
        (["--owner", "suzuki"], "owner", "suzuki"),
        (["--due", "T+7d"], "due", "2026-12-08T09:00:00+09:00"),
        (["--due", "none"], "due", None),
        (["--gate"], "is_gate", 1),
        (["--no-gate"], "is_gate", 0),
        (["--evidence", "https://wiki/uat"], "evidence", "https://wiki/uat"),
        (["--depends-on", "1"], "depends_on", [1]),
        (["--no-dependencies"], "depends_on", []),
    ]
    for version, (options, field, value) in enumerate(steps, start=2):
        row = as_json("checklist", "update", launch_path, "2", *options, "--expect-version", version - 1)
        assert (row[field], row["version"]) == (value, version), options
    code, out, _ = run("checklist", "update", launch_path, "2", "--title", "UAT signed")
    assert code == 0 and "checklist item #2 written (version 13)" in out


def test_list_shows_items_with_stage_status_owner_due_and_dependencies(
    run, as_json, launch_path: Path
) -> None:
    as_json("checklist", "add", launch_path, "--title", "Backup", "--stage", "go_live",
            "--category", "production_migration", "--due", "T-1d", "--owner", "sato", "--gate")  # fmt: skip
    as_json("checklist", "add", launch_path, "--title", "Switch", "--stage", "go_live",
            "--category", "production_migration", "--depends-on", "1")  # fmt: skip
    as_json(
        "checklist",
        "add",
        launch_path,
        "--title",
        "KPI review",
        "--stage",
        "follow_up",
        "--category",
        "reviews",
    )
    code, out, _ = run("checklist", "list", launch_path)
    assert code == 0
    lines = out.splitlines()
    assert (
        lines[0]
        == "#1 ◆  Go-live / Production migration  Backup  Not started  sato  Mon 30 Nov 2026 09:00 JST"
    )
    assert lines[1].endswith("after #1") and lines[-1] == "3 of 3 items"
    listed = as_json("checklist", "list", launch_path, "--stage", "go_live")
    assert [(i["id"], i["depends_on"], i["due"]) for i in listed] == [
        (1, [], "2026-11-30T09:00:00+09:00"),
        (2, [1], None),
    ]
    assert as_json("checklist", "list", launch_path, "--status", "done") == []


def test_done_while_a_dependency_is_open_needs_force_and_a_reason(run, as_json, launch_path: Path) -> None:
    as_json(
        "checklist",
        "add",
        launch_path,
        "--title",
        "Backup",
        "--stage",
        "go_live",
        "--category",
        "production_migration",
    )
    as_json("checklist", "add", launch_path, "--title", "Switch", "--stage", "go_live",
            "--category", "production_migration", "--depends-on", "1")  # fmt: skip
    before = launch_path.read_bytes()
    code, _, err = run("checklist", "set", launch_path, "2", "--status", "done")
    assert code == 2
    assert "#1 “Backup”, not done yet: finish #1 first, or force it done with --force --reason TEXT." in err
    code, _, err = run("checklist", "set", launch_path, "2", "--status", "done", "--force")
    assert code == 2 and "needs a reason" in err
    assert launch_path.read_bytes() == before
    row = as_json(
        "checklist",
        "set",
        launch_path,
        "2",
        "--status",
        "done",
        "--force",
        "--reason",
        "checked by phone",
        "--as",
        "ito",
    )
    assert (row["status"], row["version"]) == ("done", 2)
    with sqlite3.connect(launch_path) as conn:
        (summary, actor) = conn.execute(
            "SELECT summary, actor FROM audit ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert (summary, actor) == ("#1: checked by phone", "ito")
    # Once what it waits for is done, no force is needed.
    assert as_json("checklist", "set", launch_path, "1", "--status", "done")["status"] == "done"
    assert as_json("checklist", "set", launch_path, "2", "--status", "in_progress")["status"] == "in_progress"
    assert as_json("checklist", "set", launch_path, "2", "--status", "done")["status"] == "done"


@pytest.fixture
def with_people(launch_path: Path) -> Path:
    with open_launch(launch_path) as lf, lf.writing("setup") as w:
        w.insert("people", {"name": "Sato Hanako", "role": "Launch lead", "login": "sato"})
        w.insert("people", {"name": "Ito Ken", "role": "DBA", "login": "ito"})
    return launch_path


def test_an_owner_is_a_person_of_the_launch_once_it_has_people(run, as_json, with_people: Path) -> None:
    row = as_json("checklist", "add", with_people, "--title", "T", "--stage", "preparation",
                  "--category", "tests", "--owner", "SATO")  # fmt: skip
    assert row["owner"] == "sato"
    before = with_people.read_bytes()
    code, _, err = run("checklist", "update", with_people, "1", "--owner", "sauto")
    assert (
        code == 2 and "ito (Ito Ken), sato (Sato Hanako)" in err and "add them to the launch's people" in err
    )
    assert with_people.read_bytes() == before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["add", "--title", "x", "--stage", "later", "--category", "tests"], "invalid choice: 'later'"),
        (["add", "--title", "x", "--stage", "go_live", "--category", "fun"], "invalid choice: 'fun'"),
        (["add", "--title", " ", "--stage", "go_live", "--category", "tests"], "title must not be empty"),
        (
            ["add", "--title", "x", "--stage", "go_live", "--category", "tests", "--due", "T-1m"],
            "T-30d, T+7d",
        ),
        (
            ["add", "--title", "x", "--stage", "go_live", "--category", "tests", "--due", "next week"],
            "ISO 8601",
        ),
        (
            ["add", "--title", "x", "--stage", "go_live", "--category", "tests", "--depends-on", "9"],
            "no checklist item #9",
        ),
        (["update", "1", "--depends-on", "2"], "depending on itself"),
        (["update", "2", "--depends-on", "2"], "cannot depend on itself"),
        (["update", "1", "--due", "T+2.5d"], "not a due time"),
        (["update", "1"], "Nothing to change"),
        (["update", "1", "--gate", "--no-gate"], "not allowed with argument"),
        (["update", "1", "--depends-on", "2", "--no-dependencies"], "not allowed with argument"),
        (["update", "7", "--title", "x"], "no checklist item #7"),
        (["set", "1", "--status", "finished"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_naming_the_fix_and_leaves_the_file_as_it_was(
    run, as_json, launch_path: Path, arguments: list[str], message: str
) -> None:
    as_json("checklist", "add", launch_path, "--title", "A", "--stage", "preparation", "--category", "tests")
    as_json("checklist", "add", launch_path, "--title", "B", "--stage", "preparation", "--category", "tests",
            "--depends-on", "1")  # fmt: skip
    before = launch_path.read_bytes()
    code, _, err = run("checklist", arguments[0], launch_path, *arguments[1:])
    assert code == 2
    assert message in err
    assert launch_path.read_bytes() == before
