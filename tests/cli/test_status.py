"""`cockpit demo` + `cockpit status --json`: the documented shape with the demo's numbers."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli.conftest import run_cockpit, run_json

STAGES = {"preparation", "go_live", "follow_up"}
LEVELS = {"unit", "integration", "system", "uat", "regression", "smoke"}
RUN_COUNTS = ("runs", "total", "passed", "failed", "errors", "skipped", "flaky")


def test_demo_status_has_documented_shape_and_numbers(tmp_path: Path) -> None:
    path = tmp_path / "d.golive"
    run_cockpit("demo", path, check=True)
    status = run_json("status", path)

    assert set(status) >= {"launch", "checklist", "tests", "migration", "risks", "support", "gate"}
    assert status["launch"]["stage"] == "cutover"
    assert status["launch"]["go_live"].endswith("+09:00")

    checklist = status["checklist"]
    assert checklist["total"] == 120
    assert set(checklist["per_stage"]) == STAGES
    assert sum(s["total"] for s in checklist["per_stage"].values()) == 120
    assert checklist["blocked"] > 0 and checklist["overdue"] > 0

    tests = status["tests"]
    assert set(tests) == LEVELS
    levels_with_runs = [name for name, t in tests.items() if t["runs"]]
    assert len(levels_with_runs) == 5
    for name in levels_with_runs:
        level = tests[name]
        assert all(isinstance(level[key], int) for key in RUN_COUNTS)
        assert level["passed"] + level["failed"] + level["errors"] + level["skipped"] == level["total"]
        assert level["runs"] >= 3
    assert any(t["flaky"] for t in tests.values())
    assert any(t["failed"] for t in tests.values())

    migration = status["migration"]
    assert migration["steps"]["total"] == 40
    assert 0 < migration["steps"]["done"] < 40 and migration["steps"]["running"] >= 1
    assert migration["eta"].endswith("+09:00")
    assert isinstance(migration["slack_minutes"], int)
    assert migration["objects"]["total"] == 30 and migration["objects"]["mismatched"] == 2

    risks = status["risks"]
    assert risks["total"] == 25
    assert len(risks["matrix"]) == 5 and all(len(row) == 5 for row in risks["matrix"])
    assert sum(map(sum, risks["matrix"])) == risks["open"] == sum(risks["per_zone"].values())
    assert all(risks["per_zone"][zone] > 0 for zone in ("green", "amber", "red"))

    support = status["support"]
    assert support["total"] == 60
    assert sum(support["per_status"].values()) == 60
    assert sum(support["open_per_severity"].values()) == support["open"]
    assert support["open_per_severity"]["P1"] >= 1 and support["sla_breached"] > 0

    gate = status["gate"]
    assert gate["decision"] == "pending" and (gate["signed"], gate["required"]) == (2, 4)
    assert gate["ready"] is False
    assert all({"kind", "label", "ok", "detail"} <= set(c) for c in gate["criteria"])
    assert {c["kind"] for c in gate["criteria"]} >= {"pass_rate", "no_open_tickets", "backup_done"}
    assert all(s["decided_at"].endswith("+09:00") for s in gate["signoffs"] if s["decided_at"])

    # README: every time is ISO 8601 in the launch's own zone (Asia/Tokyo here), wherever it sits.
    times = list(_iso_times(status))
    assert len(times) >= 6
    assert all(value.endswith("+09:00") for value in times), times


def _iso_times(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _iso_times(item)
    elif isinstance(value, list):
        for item in value:
            yield from _iso_times(item)
    elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d.*", value):
        yield value


def test_japanese_demo_and_human_status(tmp_path: Path) -> None:
    path = tmp_path / "ja.golive"
    run_cockpit("demo", path, "--lang", "ja", check=True)
    status = run_json("status", path)
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", status["launch"]["name"])
    assert status["checklist"]["total"] == 120 and status["support"]["total"] == 60
    human = run_cockpit("status", path, check=True).stdout
    assert status["launch"]["name"] in human
    assert "2 of 4 signed" in human
    assert "Go/no-go   Pending; 2 of 4 signed" in human  # the decision in words, not its code


def test_demo_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "d.golive"
    path.write_text("my notes")
    result = run_cockpit("demo", path)
    assert result.returncode == 2
    assert path.read_text() == "my notes"
