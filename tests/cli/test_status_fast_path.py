"""`cockpit status` reads only the test cases a summary can tell apart from a pass: the document it prints is
the one the whole launch gives, on the demos and on a launch set up with `cockpit new` and imports."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cockpit.services.demo import write_demo
from cockpit.services.status import build_status
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from tests.cli.conftest import run_cockpit

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


def _both(path: Path) -> tuple[dict, dict]:
    with open_launch(path) as launch_file:
        whole = build_status(load_launch(launch_file), now=NOW)
        fast = build_status(load_launch(launch_file, notable_cases_only=True), now=NOW)
    return whole, fast


@pytest.mark.parametrize("size", ["small", "large"])
def test_the_demos_give_the_same_status_from_the_notable_cases(tmp_path: Path, size: str) -> None:
    path = write_demo(tmp_path / f"{size}.golive", size=size, actor="tester", now=NOW)
    whole, fast = _both(path)
    assert fast == whole
    assert any(level["new_failures"] for level in whole["tests"].values())


def _results(path: Path, outcomes: dict[str, str]) -> Path:
    cases = []
    for name, outcome in outcomes.items():
        inner = {"passed": "", "failed": '<failure message="boom">trace</failure>', "skipped": "<skipped/>"}
        cases.append(f'<testcase classname="billing.InvoiceTest" name="{name}">{inner[outcome]}</testcase>')
    path.write_text(f'<testsuite name="billing">{"".join(cases)}</testsuite>', encoding="utf-8")
    return path


def test_new_failures_of_a_new_launch_count_alike(tmp_path: Path, cli) -> None:
    path = tmp_path / "launch.golive"
    cli.ok("new", path, "--name", "Billing", "--go-live", "2026-12-01T09:00+09:00", "--template", "empty")
    rounds = [
        # regression: a passed before, b skipped before, c failed before, d did not exist before.
        ("regression", {"a": "passed", "b": "skipped", "c": "failed", "e": "passed"}),
        ("regression", {"a": "failed", "b": "failed", "c": "failed", "d": "failed", "e": "passed"}),
        # smoke: a previous run that passed everything, so none of its cases is notable but the first.
        ("smoke", {"a": "passed", "b": "passed"}),
        ("smoke", {"a": "passed", "b": "failed"}),
    ]
    for number, (level, outcomes) in enumerate(rounds):
        results = _results(tmp_path / f"run{number}.xml", outcomes)
        cli.ok("import", "junit", path, results, "--level", level, "--run", f"run {number}", "--as", "tester")

    whole, fast = _both(path)
    assert fast == whole
    assert whole["tests"]["regression"]["new_failures"] == 2  # a and d
    assert whole["tests"]["smoke"]["new_failures"] == 1

    printed = cli.ok("status", path, "--json").json()
    assert printed["tests"] == whole["tests"]
    assert printed["support"]["tickets"] == whole["support"]["tickets"]


def test_the_text_status_still_counts_tickets_past_their_sla(tmp_path: Path) -> None:
    path = write_demo(tmp_path / "small.golive", size="small", actor="tester")
    whole, _ = _both(path)
    text = run_cockpit("status", path, check=True).stdout
    assert "Support" in text and " open past their SLA " in text
    assert f"{whole['support']['open']} open" in text
