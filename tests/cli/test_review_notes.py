"""Review notes: on a row or the launch in the live file; in a snapshot's notes file, imported once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.in_process import Cockpit


@pytest.fixture
def live(cli: Cockpit, tmp_path: Path) -> Path:
    path = tmp_path / "ledger.golive"
    cli.ok("new", path, "--name", "Ledger", "--go-live", "2027-03-01T09:00+09:00", "--template", "empty")
    cli.ok("risk", "add", path, "--title", "Key user absent", "--likelihood", "3", "--impact", "4")
    return path


def test_notes_on_a_row_and_on_the_launch_are_listed_and_audited(cli: Cockpit, live: Path) -> None:
    written = cli.ok("note", "add", live, "--table", "risks", "--id", "1", "--text", "Contingency thin", "--as", "lead",
                     "--json").json()  # fmt: skip
    assert written["id"] == 1 and written["version"] == 1
    cli.ok("note", "add", live, "--text", "Ready for the go/no-go meeting", "--as", "lead")
    notes = cli.ok("notes", live, "--json").json()
    assert [(n["on"], n["text"], n["author"]) for n in notes] == [
        ("risk #1", "Contingency thin", "lead"),
        ("the launch", "Ready for the go/no-go meeting", "lead"),
    ]
    trail = cli.ok("history", live, "--pane", "notes", "--json").json()
    assert [e["action"] for e in trail] == ["insert", "insert"]


def test_a_note_on_a_snapshot_goes_to_its_notes_file_which_the_team_imports_once(
    cli: Cockpit, live: Path, tmp_path: Path
) -> None:
    snapshot = Path(cli.ok("snapshot", live, "--out", tmp_path / "copy.golive", "--json").json()["path"])
    said = cli.ok(
        "note", "add", snapshot, "--table", "risks", "--id", "1", "--text", "Who owns this?", "--as", "lead"
    )
    notes_file = tmp_path / "copy.golive.notes.json"
    assert str(notes_file) in said.out and "cockpit notes import" in said.out
    assert [n["text"] for n in cli.ok("notes", snapshot, "--json").json()] == ["Who owns this?"]
    assert cli.ok("notes", live, "--json").json() == []

    assert cli.ok("notes", "import", live, notes_file, "--json").json() == {"imported": 1}
    assert cli.ok("notes", "import", live, notes_file, "--json").json() == {"imported": 0}
    [note] = cli.ok("notes", live, "--json").json()
    assert (note["on"], note["text"], note["author"]) == ("risk #1", "Who owns this?", "lead")


def test_bad_notes_are_refused_and_nothing_is_written(cli: Cockpit, live: Path, tmp_path: Path) -> None:
    before = live.read_bytes()
    for args, words in (
        (["--text", "   "], "needs some text"),
        (["--table", "tickets", "--id", "9", "--text", "x"], "no ticket #9"),
        (["--table", "risks", "--text", "x"], "--table checklist --id 12"),
    ):
        refused = cli("note", "add", live, *args)
        assert refused.code == 2 and words in refused.err, refused.err
    not_notes = tmp_path / "other.json"
    not_notes.write_text("{}", encoding="utf-8")
    refused = cli("notes", "import", live, not_notes)
    assert refused.code == 2 and "not a review notes file" in refused.err
    assert live.read_bytes() == before
