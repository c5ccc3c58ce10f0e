"""A whole launch run by a team from the command line alone, from `cockpit new` to the closing review.

No demo data and no SQLite: people, the sign-off roster, the criteria, the checklist, the runbook and the
migration objects are set up with the commands a team would script, then the launch goes through its cutover
(one step fails and is retried, one object's difference is accepted as 想定差異), is signed off, and moves to
hypercare and closed. `status --json` is read at every point, as a wall screen or a script would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.cli.in_process import Cockpit

UAT_RESULTS = """<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="uat" tests="3" failures="0" errors="0">
  <testcase classname="orders" name="place an order" time="1.0"/>
  <testcase classname="orders" name="cancel an order" time="1.0"/>
  <testcase classname="billing" name="print an invoice" time="1.0"/>
</testsuite>
"""


class Launch:
    """The launch file and the commands run on it, as the person given by ``--as``."""

    def __init__(self, cli: Cockpit, path: Path) -> None:
        self.cli, self.path = cli, path

    def run(self, *args: object, who: str = "sato") -> dict[str, Any]:
        command, rest = args[0], args[1:]
        words = [command] if " " not in str(command) else str(command).split()
        actor = [] if words[-1] == "list" else ["--as", who]  # a listing writes nothing, so has no actor
        return self.cli.ok(*words, self.path, *rest, *actor, "--json").json()

    def status(self) -> dict[str, Any]:
        return self.cli.ok("status", self.path, "--json").json()


def test_a_team_runs_its_whole_launch_from_the_command_line(cli: Cockpit, tmp_path: Path) -> None:
    path = tmp_path / "orders.golive"
    cli.ok(
        "new", path, "--name", "Order system", "--go-live", "2027-03-01T09:00",
        "--timezone", "Asia/Tokyo", "--template", "empty", "--lang", "en",
    )  # fmt: skip
    launch = Launch(cli, path)
    status = launch.status()
    assert status["launch"]["stage"] == "preparation"
    assert status["launch"]["go_live"] == "2027-03-01T09:00:00+09:00"
    assert status["checklist"]["total"] == 0
    assert (status["gate"]["ready"], status["gate"]["required"]) == (False, 0)

    # The team and who signs the go/no-go.
    for name, login, role in (
        ("Aiko Sato", "sato", "Launch lead"),
        ("Ken Ito", "ito", "DBA"),
        ("Mei Mori", "mori", "Operations"),
    ):
        launch.run("person add", "--name", name, "--login", login, "--role", role)
    launch.run("signer add", "sato")
    launch.run("signer add", "mori", "--role", "Operations manager")
    assert [(s["role"], s["decision"]) for s in launch.status()["gate"]["signoffs"]] == [
        ("Launch lead", "pending"),
        ("Operations manager", "pending"),
    ]

    # The criteria this team decides on: UAT only (the vendor ran the other levels), at 90%, and P2s too.
    criteria = {(c["kind"], c["params"].get("level")): c for c in launch.run("gate list")}
    for level in ("unit", "integration", "system"):
        launch.run("gate remove", criteria["pass_rate", level]["id"])
    launch.run("gate set", criteria["pass_rate", "uat"]["id"], "--param", "min_pass_rate=90")
    launch.run("gate add", "--kind", "no_open_tickets", "--param", "severity=P2", "--param", "max_open=2")
    labels = [c["label"] for c in launch.status()["gate"]["criteria"]]
    assert "UAT tests pass rate ≥ 90%" in labels
    assert len(labels) == 7

    # The checklist, due relative to go-live, with one gate item the backup check waits for.
    uat = launch.run(
        "checklist add", "--title", "UAT signed off by the business", "--stage", "preparation",
        "--category", "tests", "--owner", "sato", "--due", "T-7d", "--gate",
    )  # fmt: skip
    assert uat["due"] == "2027-02-22T09:00:00+09:00"  # a week before, at go-live's time of day
    backup_check = launch.run(
        "checklist add", "--title", "Production backup restored on the test server", "--stage", "go_live",
        "--category", "production_migration", "--owner", "ito", "--due", "T-3h", "--depends-on", uat["id"],
    )  # fmt: skip
    review = launch.run(
        "checklist add", "--title", "Two-week review with the business", "--stage", "follow_up",
        "--category", "reviews", "--owner", "mori", "--due", "T+14d",
    )  # fmt: skip
    checklist = launch.status()["checklist"]
    assert (checklist["total"], checklist["done"]) == (3, 0)
    assert {stage: p["total"] for stage, p in checklist["per_stage"].items()} == {
        "preparation": 1,
        "go_live": 1,
        "follow_up": 1,
    }

    # The runbook (backup → migrate → verify → switch) and what moves.
    steps: list[int] = []
    for title, kind, start, minutes in (
        ("Back up the old system", "backup", "2027-02-28T20:00", 60),
        ("Load customers and orders", "migrate", "2027-02-28T21:00", 120),
        ("Reconcile counts and smoke test", "verify", "2027-02-28T23:00", 60),
        ("Switch users to the new system", "switch", "2027-03-01T00:00", 30),
    ):
        after = ["--depends-on", steps[-1]] if steps else []
        step = launch.run(
            "step add", "--title", title, "--kind", kind, "--planned-start", start,
            "--planned-minutes", minutes, "--owner", "ito", *after,
        )  # fmt: skip
        steps.append(step["id"])
        assert step["planned_start"] == f"{start}:00+09:00"  # written without an offset: the launch's zone
    customers = launch.run("object add", "--name", "customers", "--source-count", 1200)
    orders = launch.run("object add", "--name", "orders", "--source-count", 5000)
    migration = launch.status()["migration"]
    assert (migration["steps"]["total"], migration["steps"]["done"]) == (4, 0)
    assert (migration["objects"]["total"], migration["objects"]["pending"]) == (2, 2)

    results = tmp_path / "uat.xml"
    results.write_text(UAT_RESULTS, encoding="utf-8")
    cli.ok("import", "junit", path, results, "--level", "uat", "--as", "sato")
    assert launch.status()["tests"]["uat"]["pass_rate"] == 1.0
    not_ready = {c["label"]: c["ok"] for c in launch.status()["gate"]["criteria"]}
    assert not_ready["Production backup taken"] is False
    assert not_ready["All gate checklist items done"] is False

    # Cutover: the load fails once and is retried.
    launch.run("launch set", "--stage", "cutover")
    assert launch.status()["launch"]["stage"] == "cutover"
    launch.run("step start", steps[0], who="ito")
    launch.run("step finish", steps[0], who="ito")
    launch.run("step start", steps[1], who="ito")
    launch.run("step fail", steps[1], "--reason", "Tablespace full at 60%", who="ito")
    failed = launch.status()["migration"]["steps"]
    assert (failed["done"], failed["failed"], failed["running"]) == (1, 1, 0)
    launch.run("step retry", steps[1], who="ito")
    retried = launch.status()["migration"]["steps"]
    assert (retried["failed"], retried["running"], retried["retried"]) == (0, 1, 1)
    launch.run("step finish", steps[1], who="ito")
    for step in steps[2:]:
        launch.run("step start", step, who="ito")
        launch.run("step finish", step, who="ito")
    steps_after = launch.status()["migration"]["steps"]
    assert (steps_after["done"], steps_after["failed"], steps_after["retried"]) == (4, 0, 1)

    # The counts arrive; ten test orders were purged on purpose: an accepted difference (想定差異).
    launch.run("object update", customers["id"], "--target-count", 1200, who="ito")
    launch.run("object update", orders["id"], "--target-count", 4990, who="ito")
    objects = launch.status()["migration"]["objects"]
    assert (objects["reconciled"], objects["mismatched"]) == (1, 1)
    launch.run(
        "object update",
        orders["id"],
        "--accept-difference",
        "想定差異: 10 test orders purged before the load",
    )
    objects = launch.status()["migration"]["objects"]
    assert (objects["reconciled"], objects["mismatched"], objects["accepted"]) == (2, 0, 1)

    # The checklist's go-live items, then the go/no-go.
    launch.run("checklist set", uat["id"], "--status", "done")
    launch.run("checklist set", backup_check["id"], "--status", "done", who="ito")
    gate = launch.status()["gate"]
    assert gate["ready"] is True, gate["criteria"]
    assert (gate["decision"], gate["signed"], gate["required"]) == ("pending", 0, 2)
    launch.run("signoff", "--decision", "go", who="sato")
    launch.run(
        "signoff", "--decision", "conditional", "--comment", "Help desk doubled for week one", who="mori"
    )
    gate = launch.status()["gate"]
    assert (gate["decision"], gate["signed"], gate["required"]) == ("conditional_go", 2, 2)

    # Hypercare: the first ticket, answered and resolved.
    launch.run("launch set", "--stage", "hypercare")
    ticket = launch.run("ticket add", "--title", "Invoice totals rounded wrongly", "--severity", "P2")
    support = launch.status()["support"]
    assert (support["open"], support["open_per_severity"]["P2"]) == (1, 1)
    launch.run("ticket update", ticket["id"], "--status", "resolved", who="mori")
    assert launch.status()["support"]["open"] == 0

    # The closing review, then closed.
    launch.run("checklist set", review["id"], "--status", "done", who="mori")
    launch.run("launch set", "--stage", "closed")
    final = launch.status()
    assert final["launch"]["stage"] == "closed"
    assert final["launch"]["last_stage_move"]["from"] == "hypercare"
    assert (final["checklist"]["total"], final["checklist"]["done"]) == (3, 3)
    assert final["gate"]["decision"] == "conditional_go"


def test_a_stage_skipped_without_a_reason_is_refused_and_the_file_is_unchanged(
    cli: Cockpit, tmp_path: Path
) -> None:
    path = tmp_path / "skip.golive"
    cli.ok(
        "new", path, "--name", "Skip", "--go-live", "2027-03-01T09:00+09:00", "--template", "empty", "--lang", "en"
    )  # fmt: skip
    before = path.read_bytes()
    refused = cli("launch", "set", path, "--stage", "hypercare")
    assert refused.code == 2
    assert "reason" in refused.err
    assert path.read_bytes() == before
    cli.ok("launch", "set", path, "--stage", "hypercare", "--reason", "No cutover: a data-only release")
    assert cli.ok("status", path, "--json").json()["launch"]["stage"] == "hypercare"
