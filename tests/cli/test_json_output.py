"""Every `--json` prints the same JSON value as `json.dumps` would, laid out for people too: objects indented,
each item of a list on a line of its own (written by the C encoder: the large status is 2.6 MB)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from cockpit.cli.common import json_text
from cockpit.services.demo import write_demo
from cockpit.services.status import build_status
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


def same_value(value: object) -> None:
    assert json.loads(json_text(value)) == json.loads(json.dumps(value, ensure_ascii=False, default=str))


def test_the_status_document_is_the_same_json_value_with_one_ticket_a_line(tmp_path: Path) -> None:
    path = write_demo(tmp_path / "small.golive", size="small", actor="tester", now=NOW)
    with open_launch(path) as launch_file:
        status = build_status(load_launch(launch_file, notable_cases_only=True), now=NOW)
    same_value(status)
    lines = json_text(status).splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert lines[1].startswith('  "generated_at": ')
    tickets = status["support"]["tickets"]
    assert tickets
    # "support" is a member of the document, "tickets" of "support": each ticket a line, six spaces in.
    ticket_lines = [line for line in lines if line.startswith('      {"id": ') and '"clocks": ' in line]
    assert [line.rstrip(",") for line in ticket_lines] == [
        "      " + json.dumps(ticket, ensure_ascii=False) for ticket in tickets
    ]


def test_odd_values_come_out_as_json_dumps_gives_them() -> None:
    for value in (
        {},
        [],
        (),
        "販売管理",
        None,
        1.5,
        {1: [1, 2], None: {"a": {}}, False: 1.5, 2.5: "line\nbreak"},
        [[1], [{"a": [1, {"b": []}]}], []],
        {"at": NOW, "nested": {"deeper": {"list": ["x", {"y": NOW}]}}},
    ):
        same_value(value)
    assert (
        json_text({"a": {"b": [1, 2]}, "e": []})
        == '{\n  "a": {\n    "b": [\n      1,\n      2\n    ]\n  },\n  "e": []\n}'
    )


def test_a_list_command_prints_one_row_a_line(tmp_path: Path, cli) -> None:
    path = tmp_path / "launch.golive"
    cli.ok("new", path, "--name", "販売管理", "--go-live", "2026-12-01T09:00+09:00", "--template", "empty")
    for login in ("aoki", "baba"):
        cli.ok("person", "add", path, "--name", login.title(), "--login", login, "--as", "tester")
    printed = cli.ok("person", "list", path, "--json").out
    assert printed.splitlines()[0] == "["
    people = printed.splitlines()[1:-1]
    assert [json.loads(line.strip().rstrip(","))["login"] for line in people] == ["aoki", "baba"]
