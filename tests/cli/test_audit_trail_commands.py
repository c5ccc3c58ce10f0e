"""``cockpit changes`` and ``cockpit history``: the audit trail in the panes' words, filtered, and as CSV."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.in_process import Cockpit


@pytest.fixture
def worked_on(cli: Cockpit, tmp_path: Path) -> Path:
    live = tmp_path / "ledger.golive"
    cli.ok("new", live, "--name", "Ledger", "--go-live", "2027-03-01T09:00+09:00", "--template", "empty",
           "--as", "tester")  # fmt: skip
    cli.ok("checklist", "add", live, "--title", "Backups verified", "--stage", "preparation",
           "--category", "reviews", "--as", "aiko")  # fmt: skip
    cli.ok("ticket", "add", live, "--title", "Login fails", "--severity", "P2", "--as", "ben")
    cli.ok("checklist", "set", live, "1", "--status", "blocked", "--reason", "no tape drive", "--as", "ben")
    cli.ok("checklist", "set", live, "1", "--status", "done", "--as", "aiko")
    return live


def test_a_rows_history_lists_its_changes_in_order_field_by_field(cli: Cockpit, worked_on: Path) -> None:
    entries = cli.ok("history", worked_on, "--table", "checklist", "--id", "1", "--json").json()
    assert [(e["who"], e["action"]) for e in entries] == [
        ("aiko", "insert"),
        ("ben", "update"),
        ("aiko", "update"),
    ]
    blocked = entries[1]
    assert blocked["row"] == "checklist item #1 “Backups verified”"
    assert [(f["label"], f["old"], f["new"]) for f in blocked["fields"]] == [
        ("Status", "Not started", "Blocked"),
        ("Why blocked", "—", "no tape drive"),
    ]
    text = cli.ok("history", worked_on, "--table", "checklist", "--id", "1").out
    assert "aiko  checklist item #1 “Backups verified”: Status: Blocked → Done" in text


def test_changes_since_a_moment_and_the_trail_filtered_by_person_and_pane(
    cli: Cockpit, worked_on: Path
) -> None:
    in_the_future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    assert "No changes since" in cli.ok("changes", worked_on, "--since", in_the_future).out
    recent = cli.ok("changes", worked_on, "--json").json()
    assert {e["row"] for e in recent} >= {"ticket #1 “Login fails”", "checklist item #1 “Backups verified”"}

    bens = cli.ok("history", worked_on, "--person", "ben", "--json").json()
    assert {e["who"] for e in bens} == {"ben"} and len(bens) == 2
    support = cli.ok("history", worked_on, "--pane", "support", "--json").json()
    assert [(e["table"], e["action"]) for e in support if e["who"] != "tester"] == [("tickets", "insert")]
    assert {e["table"] for e in support} == {"tickets", "sla_policies"}  # the template's SLA targets too


def test_the_trail_exports_to_csv_one_line_per_changed_field(
    cli: Cockpit, worked_on: Path, tmp_path: Path
) -> None:
    out = tmp_path / "trail.csv"
    cli.ok("history", worked_on, "--table", "checklist", "--id", "1", "--csv", out)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][1:] == ["Changed by", "Pane", "Row", "Change", "Field", "Old value", "New value", "Reason"]
    assert [r[1] for r in rows[1:]] == ["aiko", "ben", "ben", "aiko", "aiko"]
    assert rows[2][5:8] == ["Status", "Not started", "Blocked"]


def test_bad_filters_are_refused_naming_the_fix(cli: Cockpit, worked_on: Path) -> None:
    refused = cli("history", worked_on, "--table", "tapes", "--id", "1")
    assert refused.code == 2 and "checklist" in refused.err
    refused = cli("changes", worked_on, "--since", "yesterday")
    assert refused.code == 2 and "ISO 8601" in refused.err
    refused = cli("history", worked_on, "--id", "1")
    assert refused.code == 2 and "--table" in refused.err
