"""One set of figures: each headline figure is computed once from the domain (``domain/figures.py``), and the
window's tiles and pane headers, ``cockpit status`` (JSON and text) and the status report all show it.

On a launch made with ``cockpit new`` and set up through the CLI (with an ungated smoke run at 50 % and an
n/a checklist item, the two cases that once gave other numbers), and on the small and large demos.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cockpit.domain.figures import (
    checklist_figure,
    risks_figure,
    runbook_figure,
    support_figure,
)
from cockpit.domain.figures import (
    tests_figure as lowest_pass_rate,
)
from cockpit.domain.launch import LaunchData
from cockpit.domain.status import Pane, pane_statuses
from cockpit.report.build import build_report
from cockpit.report.output import write_pdf
from cockpit.services.demo import write_demo
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.ui.main_window import MainWindow
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.settings import open_settings
from tests.cli.in_process import Cockpit
from tests.unit.report.conftest import Pdf

SMOKE = """<?xml version="1.0"?>
<testsuite name="smoke" tests="2" failures="1">
  <testcase classname="smoke" name="login"/>
  <testcase classname="smoke" name="order"><failure message="500">server error</failure></testcase>
</testsuite>
"""
SYSTEM = """<?xml version="1.0"?>
<testsuite name="system" tests="4" failures="0">
  <testcase classname="sys" name="a"/><testcase classname="sys" name="b"/>
  <testcase classname="sys" name="c"/><testcase classname="sys" name="d"/>
</testsuite>
"""


def _set_up_with_the_cli(path: Path, tmp_path: Path, cockpit: Cockpit) -> None:
    go_live = (datetime.now(UTC) + timedelta(hours=3)).replace(microsecond=0)
    cockpit.ok(
        "new", path, "--name", "Figures launch", "--go-live", go_live.isoformat(), "--template", "empty"
    )
    for title, gate in (("Cutover plan agreed", True), ("Key users trained", False), ("Old fax line", False)):
        args = ["checklist", "add", path, "--title", title, "--stage", "preparation", "--category", "tests"]
        cockpit.ok(*args, *(["--gate"] if gate else []), "--as", "lead")
    cockpit.ok("checklist", "set", path, "1", "--status", "done", "--as", "lead")
    cockpit.ok("checklist", "set", path, "3", "--status", "n_a", "--as", "lead")
    smoke, system = tmp_path / "smoke.xml", tmp_path / "system.xml"
    smoke.write_text(SMOKE)
    system.write_text(SYSTEM)
    cockpit.ok("import", "junit", path, system, "--level", "system", "--as", "lead")
    cockpit.ok("import", "junit", path, smoke, "--level", "smoke", "--as", "lead")
    long_ago = (datetime.now(UTC) - timedelta(days=3)).isoformat()
    for severity in ("P1", "P4", "P4"):
        title = f"{severity} problem"
        cockpit.ok("ticket", "add", path, "--title", title, "--severity", severity, "--opened-at", long_ago)
    cockpit.ok("risk", "add", path, "--title", "Bank interface", "--likelihood", "5", "--impact", "5")
    cockpit.ok("risk", "add", path, "--title", "Printer", "--likelihood", "1", "--impact", "2")
    start = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
    cockpit.ok(
        "step",
        "add",
        path,
        "--title",
        "Backup",
        "--kind",
        "backup",
        "--planned-start",
        start,
        "--planned-minutes",
        "30",
    )


@pytest.fixture(scope="module")
def large_demo(tmp_path_factory) -> Path:
    return write_demo(tmp_path_factory.mktemp("large") / "large.golive", size="large", lang="en", actor="t")


@pytest.fixture(params=["new", "small", "large"])
def launch(request, tmp_path: Path, capsys, demo_template: Path) -> Path:
    path = tmp_path / "launch.golive"
    if request.param == "new":
        _set_up_with_the_cli(path, tmp_path, Cockpit(capsys))
    elif request.param == "small":
        shutil.copyfile(demo_template, path)
    else:
        shutil.copyfile(request.getfixturevalue("large_demo"), path)
    return path


def read(path: Path) -> LaunchData:
    with open_launch(path, read_only=True) as launch_file:
        return load_launch(launch_file)


def figures(data: LaunchData, now: datetime) -> dict[str, object]:
    """Every headline figure, each from its one domain function."""
    checklist, tests = checklist_figure(data.checklist, now=now), lowest_pass_rate(data)
    runbook, support = runbook_figure(data, now=now), support_figure(data, now=now)
    return {
        "done": checklist.done,
        "applicable": checklist.applicable,
        "percent": f"{checklist.ratio * 100:.0f}%",
        "rate": f"{tests.rate * 100:.1f}%" if tests.rate is not None else "—",
        "red": risks_figure(data).red_open,
        "past_sla": support.past_sla,
        "urgent_past_sla": support.urgent_past_sla,
        "steps_done": runbook.done,
        "steps": runbook.total,
        "late": runbook.late,
        "slack": runbook.slack_minutes,
    }


@pytest.fixture
def window_at(qtbot, tmp_path: Path) -> Iterator:
    windows: list[MainWindow] = []

    def make(path: Path, now: datetime) -> MainWindow:
        def factory(path: Path, read_only: bool) -> LaunchSession:
            return LaunchSession(path=path, read_only=True, actor="viewer", clock=lambda: now)

        window = MainWindow(settings=open_settings(tmp_path / "settings.ini"), session_factory=factory)
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        window.open_file(path, read_only=True)
        qtbot.waitUntil(
            lambda: window.session is not None and window.session.data is not None, timeout=60_000
        )
        return window

    yield make
    for window in windows:
        window.close()


def test_the_cli_shows_the_domain_figures(launch: Path, capsys):
    cockpit = Cockpit(capsys)
    data = read(launch)
    # The CLI reads its own clock: a figure that moves with time may move between the two readings.
    before = figures(data, datetime.now(UTC))
    status = cockpit.ok("status", launch, "--json").json()
    text = cockpit.ok("status", launch).out
    after = figures(data, datetime.now(UTC))

    def one_of(key: str) -> set[object]:
        return {before[key], after[key]}

    assert status["checklist"]["done"] in one_of("done")
    assert status["checklist"]["applicable"] in one_of("applicable")
    assert any(f"{f['done']}/{f['applicable']} applicable items done" in text for f in (before, after))
    rate = status["tests_headline"]["pass_rate"]
    assert (f"{rate * 100:.1f}%" if rate is not None else "—") in one_of("rate")
    assert status["tests_headline"]["gated_levels_only"] is True
    if rate is not None:
        assert f"lowest pass rate of the gated levels: {before['rate']}" in text
    assert status["risks"]["red_open"] in one_of("red")
    assert any(f"residual zone: red {f['red']}," in text for f in (before, after))
    assert status["support"]["sla_breached"] in one_of("past_sla")
    assert any(
        f"{f['past_sla']} open past their SLA ({f['urgent_past_sla']} of them P1/P2)" in text
        for f in (before, after)
    )
    steps = status["migration"]["steps"]
    assert steps["done_or_skipped"] in one_of("steps_done")
    assert steps["late"] in one_of("late")
    assert status["migration"]["slack_minutes"] in one_of("slack")


def test_the_report_shows_the_domain_figures(launch: Path, tmp_path: Path):
    data, now = read(launch), datetime.now(UTC)
    expected = figures(data, now)
    pdf = Pdf(write_pdf(build_report(data, now=now), tmp_path / "report.pdf", title=data.launch.name))
    assert f"{expected['done']} of {expected['applicable']} applicable items done" in pdf.text
    assert expected["rate"] in pdf.text  # the Tests tile of the summary page
    assert f"red {expected['red']} " in pdf.text and "(residual" in pdf.text
    past = f"{expected['past_sla']} open past their SLA ({expected['urgent_past_sla']} of them P1/P2)"
    assert past in pdf.text
    assert f"{expected['steps_done']} of {expected['steps']} steps done or skipped" in pdf.text
    if (
        data.launch.rollback_deadline is not None
        and expected["slack"] is not None
        and expected["steps_done"] < expected["steps"]
    ):
        slack = expected["slack"]
        sign = "−" if slack < 0 else "+"
        assert f"slack {sign}{abs(slack) // 60}h {abs(slack) % 60:02d}m" in pdf.text


def test_the_window_shows_the_domain_figures(launch: Path, window_at, qtbot):
    now = datetime.now(UTC).replace(second=30, microsecond=0)  # the window's clock stands still at now
    data = read(launch)
    expected, statuses = figures(data, now), pane_statuses(data, now=now)
    window = window_at(launch, now)
    overview = window.pane("overview")
    qtbot.waitUntil(
        lambda: overview.lights_current() and overview.tiles[Pane.SUPPORT].status is not None, timeout=60_000
    )
    tiles = overview.tiles
    assert tiles[Pane.CHECKLIST].headline.text() == expected["percent"]
    assert tiles[Pane.TESTS].headline.text() == expected["rate"]
    assert tiles[Pane.RISKS].headline.text() == f"{expected['red']} red open (residual)"
    for pane in (Pane.CHECKLIST, Pane.TESTS, Pane.MIGRATION, Pane.RISKS, Pane.SUPPORT):
        assert tiles[pane].headline.text() == statuses[pane].headline
        assert tiles[pane].reason.text() == statuses[pane].reason
    if statuses[Pane.SUPPORT].rag.value == "red":
        assert f"{expected['past_sla']} open past SLA, {expected['urgent_past_sla']} of them P1/P2" in (
            tiles[Pane.SUPPORT].reason.text()
        )

    window.show_pane("checklist")
    checklist = window.pane("checklist")
    qtbot.waitUntil(lambda: "applicable items done" in checklist.summary.text(), timeout=60_000)
    assert checklist.summary.text().startswith(
        f"{expected['done']} of {expected['applicable']} applicable items done ({expected['percent']})"
    )
    window.show_pane("risks")
    risks = window.pane("risks")
    qtbot.waitUntil(lambda: "red open" in risks.summary.text(), timeout=60_000)
    assert f"{expected['red']} red open (residual)" in risks.summary.text()
    window.show_pane("support")
    support = window.pane("support")
    qtbot.waitUntil(lambda: " open (" in support.summary.text(), timeout=60_000)
    if expected["past_sla"]:
        assert f"{expected['past_sla']} past their SLA" in support.summary.text()
    else:
        assert "past their SLA" not in support.summary.text()
