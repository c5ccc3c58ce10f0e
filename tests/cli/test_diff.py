"""``cockpit diff OLD NEW``: a launch before and after a scripted set of edits lists exactly those edits,
per pane, in the team's words, with counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.in_process import Cockpit


@pytest.fixture
def before_and_after(cli: Cockpit, tmp_path: Path) -> tuple[Path, Path]:
    live = tmp_path / "ledger.golive"
    cli.ok("new", live, "--name", "Ledger", "--go-live", "2027-03-01T09:00+09:00", "--template", "empty")
    for title in ("Backups verified", "Users trained", "Cut-over plan signed"):
        cli.ok("checklist", "add", live, "--title", title, "--stage", "preparation", "--category", "reviews")
    cli.ok("risk", "add", live, "--title", "Key user absent", "--likelihood", "2", "--impact", "3")
    an_hour_ago = (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="minutes")
    cli.ok("step", "add", live, "--title", "Load ledger", "--kind", "migrate",
           "--planned-start", an_hour_ago, "--planned-minutes", "10")  # fmt: skip
    out = tmp_path / "review"
    out.mkdir()
    snapshot = Path(cli.ok("snapshot", live, "--out", out, "--json").json()["path"])

    cli.ok("checklist", "set", live, "1", "--status", "done")
    cli.ok("checklist", "set", live, "2", "--status", "done")
    for title in ("Login fails", "Invoice totals wrong", "Printer queue stuck"):
        cli.ok("ticket", "add", live, "--title", title, "--severity", "P2")
    cli.ok("risk", "update", live, "1", "--likelihood", "5", "--impact", "4")
    cli.ok("step", "start", live, "1")
    cli.ok("step", "finish", live, "1")
    return snapshot, live


def test_the_diff_lists_exactly_the_edits_made_since_the_snapshot(
    cli: Cockpit, before_and_after: tuple[Path, Path]
) -> None:
    old, new = before_and_after
    found = cli.ok("diff", old, new, "--json").json()

    changed = {(row["table"], row["id"], row["change"]) for pane in found["panes"] for row in pane["rows"]}
    assert changed == {
        ("checklist_items", 1, "changed"),
        ("checklist_items", 2, "changed"),
        ("tickets", 1, "added"),
        ("tickets", 2, "added"),
        ("tickets", 3, "added"),
        ("risks", 1, "changed"),
        ("runbook_steps", 1, "changed"),
    }
    panes = {pane["pane"]: pane for pane in found["panes"]}
    assert list(panes) == ["checklist", "migration", "risks", "support"]
    assert panes["checklist"]["summary"] == ["2 checklist items now Done"]
    assert panes["checklist"]["counts"] == {"added": 0, "removed": 0, "changed": 2}
    assert panes["support"]["summary"] == ["3 new P2 tickets"]
    assert panes["support"]["counts"] == {"added": 3, "removed": 0, "changed": 0}
    assert "risk #1 “Key user absent” Amber → Red" in panes["risks"]["summary"]
    [risk] = panes["risks"]["rows"]
    assert [(f["label"], f["old"], f["new"]) for f in risk["fields"]] == [
        ("Likelihood (発生可能性)", "2 Unlikely", "5 Almost certain"),
        ("Impact (影響度)", "3 Moderate", "4 Major"),
    ]
    assert any("finished" in line and "min late" in line for line in panes["migration"]["summary"])


def test_the_diff_in_words_names_each_pane_with_its_counts(
    cli: Cockpit, before_and_after: tuple[Path, Path]
) -> None:
    old, new = before_and_after
    text = cli.ok("diff", old, new).out
    assert "Checklist (0 added, 0 removed, 2 changed)" in text
    assert "Support (3 added, 0 removed, 0 changed)" in text
    assert "checklist item #1 “Backups verified”: Status: Not started → Done" in text
    assert "added ticket #2 “Invoice totals wrong”" in text


def test_a_file_compared_with_itself_has_no_differences(
    cli: Cockpit, before_and_after: tuple[Path, Path]
) -> None:
    _old, new = before_and_after
    assert "No differences" in cli.ok("diff", new, new).out
    assert cli.ok("diff", new, new, "--json").json()["panes"] == []


def test_a_missing_file_is_bad_input(
    cli: Cockpit, before_and_after: tuple[Path, Path], tmp_path: Path
) -> None:
    old, _new = before_and_after
    refused = cli("diff", old, tmp_path / "nowhere.golive")
    assert refused.code == 2 and "does not exist" in refused.err
