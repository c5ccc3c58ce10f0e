"""`checklist list` prints the stored rows without building a `ChecklistItem` for each (issue 15): what it
prints is what the launch's items say, read as every other view reads them (`read_checklist`), on the demo
and on a launch made with `cockpit new` whose items were changed through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.services.demo import write_demo
from cockpit.store.launchfile import open_launch
from cockpit.store.read import read_checklist, read_launch_row
from cockpit.words.labels import category_label, item_stage_label, item_status_label
from cockpit.words.moments import moment_text


def _as_read(path: Path) -> tuple[list[dict], list[str]]:
    """The JSON and the lines the list gives, worked out from the items as the domain holds them."""
    with open_launch(path, read_only=True) as launch_file, launch_file.reading() as conn:
        zone, items = read_launch_row(conn)[0].zone, read_checklist(conn)
    facts = [
        {
            "id": item.id,
            "stage": item.stage.value,
            "category": item.category.value,
            "title": item.title,
            "status": item.status.value,
            "blocked_reason": item.blocked_reason,
            "owner": item.owner,
            "due": item.due.astimezone(zone).isoformat() if item.due else None,
            "is_gate": item.is_gate,
            "evidence": item.evidence,
            "depends_on": list(item.depends_on),
            "version": item.version,
        }
        for item in items
    ]
    lines = []
    for item in items:
        status = item_status_label(item.status)
        if item.blocked_reason:
            status = f"{status} ({item.blocked_reason})"
        parts = [
            f"#{item.id}{' ◆' if item.is_gate else ''}",
            f"{item_stage_label(item.stage)} / {category_label(item.category)}",
            item.title,
            status,
            item.owner or "-",
            moment_text(item.due, zone) or "-",
        ]
        if item.depends_on:
            parts.append("after " + ", ".join(f"#{dep}" for dep in item.depends_on))
        lines.append("  ".join(parts))
    return facts, lines


def _new_launch(folder: Path, cli) -> Path:
    path = folder / "launch.golive"
    cli.ok("new", path, "--name", "Billing", "--go-live", "2026-12-01T09:00+09:00", "--as", "lead")
    cli.ok(
        "checklist",
        "set",
        path,
        "3",
        "--status",
        "blocked",
        "--reason",
        "waiting for the vendor",
        "--as",
        "lead",
    )
    cli.ok(
        "checklist", "set", path, "5", "--status", "done", "--force", "--reason", "done early", "--as", "lead"
    )
    return path


@pytest.mark.parametrize("launch", ["demo", "new"])
def test_the_list_is_what_the_items_say(tmp_path: Path, cli, launch: str) -> None:
    if launch == "demo":
        path = write_demo(tmp_path / "small.golive", size="small", actor="tester")
    else:
        path = _new_launch(tmp_path, cli)
    facts, lines = _as_read(path)
    assert cli.ok("checklist", "list", path, "--json").json() == facts
    printed = cli.ok("checklist", "list", path).out.splitlines()
    assert printed[:-1] == lines
    assert printed[-1] == f"{len(lines)} of {len(lines)} items"
    blocked = [f for f in facts if f["status"] == "blocked"]
    assert blocked and cli.ok("checklist", "list", path, "--status", "blocked", "--json").json() == blocked
