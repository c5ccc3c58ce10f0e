"""The Tests pane on the demo launch: levels and pass rates, flags, failure details and finding them, the trend,
importing results, a laptop screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence

from cockpit.domain.tests import TestLevel, run_history
from cockpit.services.demo import write_demo
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.ui.panes.results.model import Flag
from cockpit.ui.panes.results.view import MIN_CHART_WIDTH, TestsPane
from cockpit.ui.widgets.row_model import RowRole

FAILING_JUNIT = """<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="billing" tests="4" failures="2" errors="0" skipped="0">
  <testcase classname="com.example.Billing" name="issuesInvoice" time="0.1"/>
  <testcase classname="com.example.Billing" name="roundsTax" time="0.2">
    <failure message="expected 108 but was 107" type="AssertionError">AssertionError: expected 108 but was 107
\tat com.example.Billing.roundsTax(Billing.java:42)</failure>
  </testcase>
  <testcase classname="com.example.Billing" name="sendsReminder" time="0.3">
    <failure message="Timed out after 200 ms" type="TimeoutException">TimeoutException
\tat com.example.Billing.sendsReminder(Billing.java:77)</failure>
  </testcase>
  <testcase classname="com.example.Billing" name="printsPdf" time="0.4"/>
</testsuite>
"""


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return write_demo(tmp_path / "demo.golive", size="small", lang="en", actor="tester")


@pytest.fixture
def junit(tmp_path: Path) -> Path:
    path = tmp_path / "TEST-billing.xml"
    path.write_text(FAILING_JUNIT, encoding="utf-8")
    return path


def file_data(path: Path):
    with open_launch(path, read_only=True) as lf:
        return load_launch(lf)


def open_tests(make_window, path: Path, **kwargs):
    window = make_window(path, **kwargs)
    window.show_pane("tests")
    pane: TestsPane = window.pane("tests")
    return window, pane


def column_texts(proxy, column: int) -> list[str]:
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_models_pass_the_model_tester(qtmodeltester, make_window, demo):
    _, pane = open_tests(make_window, demo)
    for model in (
        pane.levels,
        pane.levels_proxy,
        pane.runs,
        pane.runs_proxy,
        pane.failures,
        pane.failures_proxy,
    ):
        qtmodeltester.check(model)


def test_levels_show_runs_and_pass_rate_against_the_gate_minimum(make_window, demo):
    _, pane = open_tests(make_window, demo)
    data = file_data(demo)
    assert column_texts(pane.levels_proxy, 0) == ["Unit", "Integration", "System", "UAT", "Regression"]
    unit = pane.levels_proxy.index(0, 2)
    latest = run_history(data.runs, level=TestLevel.UNIT)[-1]
    rate = latest.passed / (latest.total - latest.skipped)
    assert unit.data() == f"✔ {rate * 100:.1f}% ok"  # symbol and word, not only the green fill
    assert pane.levels_proxy.index(0, 3).data() == "98.0%"
    assert pane.levels_proxy.index(4, 3).data() == "—"  # regression has no go/no-go minimum in the demo
    assert column_texts(pane.levels_proxy, 1) == [
        str(len(run_history(data.runs, level=level))) for level in list(TestLevel)[:5]
    ]


def test_a_level_shows_its_runs_newest_first_and_its_latest_failures_flagged(make_window, demo):
    _, pane = open_tests(make_window, demo)
    data = file_data(demo)
    pane.select_level(TestLevel.SYSTEM)
    history = run_history(data.runs, level=TestLevel.SYSTEM)
    assert column_texts(pane.runs_proxy, 0) == [run.name for run in reversed(history)]
    flags = [
        pane.failures_proxy.index(r, 0).data(RowRole.ROW).flag for r in range(pane.failures_proxy.rowCount())
    ]
    latest = history[-1]
    assert flags.count(Flag.NEW) + flags.count(Flag.FAILING) == latest.failed + latest.errors
    assert flags.count(Flag.FLAKY) == latest.flaky
    assert flags == sorted(flags, key=[Flag.NEW, Flag.FAILING, Flag.FLAKY].index)  # new failures on top
    texts = column_texts(pane.failures_proxy, 0)
    assert any(t == "★ New failure" for t in texts) and any(t == "◐ Flaky" for t in texts)
    assert pane.tabs.tabText(1) == f"System runs ({len(history)})"


def test_selecting_a_failure_shows_its_message_and_stack_trace(make_window, demo):
    _, pane = open_tests(make_window, demo)
    pane.select_level(TestLevel.UNIT)
    failing = next(
        r
        for r in range(pane.failures_proxy.rowCount())
        if pane.failures_proxy.index(r, 0).data(RowRole.ROW).flag is not Flag.FLAKY
    )
    pane.failures_table.setCurrentIndex(pane.failures_proxy.index(failing, 1))
    case = pane.selected_case().case
    text = pane.detail.toPlainText()
    assert case.name in text and case.message.strip() in text
    assert case.details.strip().splitlines()[-1].strip() in text  # the stack trace, to its last line


def test_the_trend_chart_follows_the_selected_level(qtbot, make_window, demo):
    _, pane = open_tests(make_window, demo)
    pane.select_level(TestLevel.UAT)
    qtbot.waitUntil(
        lambda: bool(pane.trend.texts) and "UAT" in pane.trend.texts[0],
        timeout=60_000,
    )
    pane.select_level(TestLevel.INTEGRATION)
    qtbot.waitUntil(lambda: "Integration" in pane.trend.texts[0], timeout=60_000)
    assert pane.trend.isVisible()


def drop_files(pane: TestsPane, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    pane.dropEvent(event)


def test_dropped_junit_file_is_imported_as_a_run_in_the_file_and_the_pane(qtbot, make_window, demo, junit):
    window, pane = open_tests(make_window, demo)
    runs_before = len(file_data(demo).runs)
    drop_files(pane, [junit])
    dialog = pane.import_dialog
    assert dialog.isVisible() and dialog.paths() == [junit]
    dialog.level.setCurrentIndex(dialog.level.findData("unit"))
    dialog.run_name.setText("Billing hotfix run")
    dialog.ok_button.click()
    # Its progress shows in the window's status bar: no window of its own.
    assert pane.importer.running and pane.importer.indicator.isVisible()
    assert pane.importer.indicator.parent() is window.statusBar()
    assert pane.importer.indicator.text.text() == f"Importing {junit.name}…"

    qtbot.waitUntil(lambda: len(file_data(demo).runs) == runs_before + 1, timeout=60_000)
    run = file_data(demo).runs[-1]
    assert (run.name, run.level, run.total, run.failed) == ("Billing hotfix run", TestLevel.UNIT, 4, 2)
    qtbot.waitUntil(lambda: "Billing hotfix run" in column_texts(pane.runs_proxy, 0), timeout=60_000)
    assert not pane.importer.running and pane.importer.indicator.isHidden()
    assert pane.selected_level() is TestLevel.UNIT
    # 2 of 4 failed: under the unit tests' 98% minimum, said with a symbol and a word.
    assert pane.levels_proxy.index(0, 2).data() == "✖ 50.0% below"
    names = {pane.failures_proxy.index(r, 1).data() for r in range(pane.failures_proxy.rowCount())}
    assert names == {"roundsTax", "sendsReminder"}


def test_a_refused_file_says_why_and_writes_nothing(qtbot, make_window, demo, tmp_path):
    window, pane = open_tests(make_window, demo)
    runs_before = len(file_data(demo).runs)
    not_results = tmp_path / "notes.xml"
    not_results.write_text("this is not XML at all", encoding="utf-8")
    with qtbot.waitSignal(pane.importer.refused, timeout=60_000) as refused:
        assert pane.import_files([not_results], level=TestLevel.SYSTEM)
    assert refused.args[0].startswith("Nothing was imported:")
    assert "notes.xml" in refused.args[0]
    assert window.message_bar.isVisible() and "Nothing was imported" in window.message_bar.text.text()
    assert len(file_data(demo).runs) == runs_before
    assert not pane.importer.running


def test_file_import_menu_opens_the_import_dialog_on_the_tests_pane(make_window, demo):
    window, pane = open_tests(make_window, demo)
    window.show_pane("overview")
    assert window.import_results_action.isEnabled()
    window.import_results_action.trigger()
    assert window.current_pane() is pane
    assert pane.import_dialog is not None and pane.import_dialog.isVisible()
    assert not pane.import_dialog.ok_button.isEnabled()  # no file chosen yet
    pane.import_dialog.reject()


def test_read_only_file_offers_no_import(make_window, demo):
    window, pane = open_tests(make_window, demo, read_only=True)
    assert not window.import_results_action.isEnabled()
    assert not pane.import_button.isEnabled()
    assert not pane.import_files([demo], level=TestLevel.UNIT)


def find_action(window):
    return next(a for a in window.actions() if a.shortcut() == QKeySequence(QKeySequence.StandardKey.Find))


def shown_cases(pane) -> list:
    return [
        pane.failures_proxy.index(r, 0).data(RowRole.ROW).case for r in range(pane.failures_proxy.rowCount())
    ]


def test_find_filters_the_failures_by_test_class_or_message(make_window, demo):
    window, pane = open_tests(make_window, demo)
    pane.select_level(TestLevel.INTEGRATION)
    pane.tabs.setCurrentIndex(1)  # the runs tab: Find brings the failures back
    find_action(window).trigger()
    assert pane.tabs.currentIndex() == 0 and window.focusWidget() is pane.failure_search
    every = shown_cases(pane)
    assert len(every) >= 3

    def matching(needle: str) -> list:
        needle = needle.casefold()
        return [c for c in every if needle in f"{c.classname}.{c.name}\n{c.message}".casefold()]

    some = [c for c in every if c.message.strip()][-1]
    for needle in (some.classname.rpartition(".")[2].upper(), some.name, some.message.split()[0]):
        pane.failure_search.setText(needle)
        assert shown_cases(pane) == matching(needle) and some in shown_cases(pane)
        assert f"of {len(every)} shown" in pane.failures_label.text()
        assert pane.selected_case().case in shown_cases(pane)  # the trace shown is one of those listed
        assert pane.selected_case().case.name in pane.detail.toPlainText()
    pane.failure_search.setText("no such test anywhere")
    assert shown_cases(pane) == [] and pane.detail.toPlainText() == ""
    pane.failure_search.clear()
    assert shown_cases(pane) == every and "shown" not in pane.failures_label.text()


def test_every_level_column_and_the_chart_fit_a_laptop_screen(qtbot, make_window, demo):
    window, pane = open_tests(make_window, demo)
    window.resize(1280, 800)
    table, header = pane.levels_table, pane.levels_table.horizontalHeader()
    qtbot.waitUntil(lambda: 0 < header.length() <= table.viewport().width(), timeout=30_000)
    flaky = header.count() - 1
    assert header.model().headerData(flaky, Qt.Orientation.Horizontal) == "Flaky"
    assert header.sectionViewportPosition(flaky) + header.sectionSize(flaky) <= table.viewport().width()
    assert pane.trend.width() >= MIN_CHART_WIDTH
    assert pane.failure_search.isVisible()
    messages = pane.failures_table.horizontalHeader()
    assert (
        messages.sectionViewportPosition(5) < pane.failures_table.viewport().width()
    )  # the message column shows
