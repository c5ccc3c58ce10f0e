"""The Tests pane's pass-rate chart on screen: painted natively, the same chart as the report's."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from matplotlib.colors import to_hex
from PySide6.QtGui import QColor

from cockpit import i18n
from cockpit.charts.test_trend_marks import OUTCOMES, trend_marks
from cockpit.charts.tests import test_trend
from cockpit.domain.tests import TestLevel, TestRun
from cockpit.services.import_results import import_results
from cockpit.store.launchfile import open_launch
from cockpit.ui.charts.test_trend_view import TestTrendChart
from tests.launches import new_launch


def run(
    run_id: int, name: str, *, passed: int, failed: int = 0, errors: int = 0, skipped: int = 0
) -> TestRun:
    total = passed + failed + errors + skipped
    return TestRun(run_id, TestLevel.SYSTEM, name, total=total, passed=passed, failed=failed, errors=errors,
                   skipped=skipped)  # fmt: skip


RUNS = [
    run(1, "System run 1 (build 2.0.11)", passed=80, failed=15, errors=5),
    run(2, "System run 2 (build 2.0.12)", passed=0, skipped=7),  # nothing executed: a gap in the line
    run(3, "System run 3 (build 2.0.13)", passed=90, failed=7, errors=3, skipped=3),
    run(4, "System run 4 (build 2.0.14)", passed=97, failed=2, errors=1, skipped=5),
]


def shown(qtbot, marks, *, size=(900, 440)) -> TestTrendChart:
    chart = TestTrendChart()
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.show()
    qtbot.waitExposed(chart)
    with qtbot.waitSignal(chart.figure_ready, timeout=10_000):
        chart.show_trend(marks)
    return chart


def test_the_screen_shows_the_reports_chart_the_same_bars_rates_marks_ticks_and_words(qtbot):
    marks = trend_marks(RUNS, level=TestLevel.SYSTEM, threshold=0.95)
    paper = test_trend(RUNS, level=TestLevel.SYSTEM, threshold=0.95)
    screen = shown(qtbot, marks)
    rate_axes, count_axes = paper.axes

    for index, outcome in enumerate(OUTCOMES):
        bars = [bar for bar in count_axes.patches if bar.get_gid() == f"bars-{outcome.field}"]
        segments = [r.segments()[index] for r in marks.runs]
        assert [(bar.get_y(), bar.get_height()) for bar in bars] == [(b, h) for _, b, h in segments]
        assert {to_hex(bar.get_facecolor(), keep_alpha=False) for bar in bars} == {outcome.colour.lower()}
        assert {bar.get_hatch() or "" for bar in bars} == {outcome.hatch}
    (line,) = [a for a in rate_axes.get_lines() if a.get_gid() == "pass-rate"]
    assert [None if math.isnan(y) else y for y in line.get_ydata()] == [r.rate for r in marks.runs]
    assert marks.runs[1].rate is None  # the gap, not a zero
    (threshold,) = [a for a in rate_axes.get_lines() if a.get_gid() == "threshold"]
    assert list(threshold.get_ydata()) == [marks.threshold, marks.threshold] == [95.0, 95.0]
    (below,) = [c for c in rate_axes.collections if c.get_gid() == "below-threshold"]
    assert [x for x, _ in below.get_offsets()] == [r.position for r in marks.runs if r.below] == [0, 2]

    paper_ticks = [
        (t, label.get_text())
        for t, label in zip(rate_axes.get_xticks(), rate_axes.get_xticklabels(), strict=True)
    ]
    assert paper_ticks == list(marks.ticks)
    assert [label for _, label in marks.ticks] == [f"{i} (build 2.0.1{i})" for i in range(1, 5)]
    assert {label.get_rotation() for label in rate_axes.get_xticklabels()} == {30 if marks.turned else 0}
    assert list(count_axes.get_yticks()) == [tick.value for tick in marks.count_ticks]
    assert [label.get_text() for label in rate_axes.get_yticklabels()] == [
        tick.label for tick in marks.rate_ticks
    ]
    assert [text.get_text() for text in paper.legends[0].get_texts()] == [key.label for key in marks.legend]
    assert paper._suptitle is not None and paper._suptitle.get_text() == screen.texts[0]
    for words in (*marks.facts, marks.last_rate[2], "Threshold 95%", "× Below threshold", "Test cases"):
        assert words in screen.texts


def test_what_the_user_sees_the_bars_the_line_and_the_marks_in_their_colours(qtbot):
    marks = trend_marks(RUNS, level=TestLevel.SYSTEM, threshold=0.95)
    screen = shown(qtbot, marks)
    picture = screen.grab().toImage()
    geometry = screen.geometry_painted
    first = marks.runs[0]
    _, bottom, passed = first.segments()[0]
    x = round(geometry.runs(first.position))

    def colour_at(x: float, y: float) -> QColor:
        return picture.pixelColor(round(x), round(y))

    green = colour_at(x + 4, geometry.counts(bottom + passed / 2))
    assert green.green() > 120 and green.red() < 80  # the passed count: the palette's green
    cross = colour_at(x, geometry.rates(first.rate))
    assert cross.red() > 180 and cross.blue() < 80  # the run under the threshold: its vermillion ×
    newest = marks.runs[-1]
    dot = colour_at(geometry.runs(newest.position), geometry.rates(newest.rate))
    assert dot.blue() > 150 and dot.red() < 60  # the newest rate's blue point, over the threshold


def test_a_level_without_runs_says_so_and_draws_no_plot(qtbot):
    marks = trend_marks(RUNS, level=TestLevel.UAT, threshold=0.95)
    screen = shown(qtbot, marks)
    assert screen.texts == ("UAT tests: pass rate per run", "No test runs yet")
    screen.grab()  # paints without a plot


def test_many_runs_show_every_kth_name_turned_and_fit_a_narrow_chart(qtbot):
    runs = [
        run(i, f"nightly build number {i:03d}", passed=90 + i % 10, failed=10 - i % 10) for i in range(1, 61)
    ]
    marks = trend_marks(runs, level=TestLevel.SYSTEM, threshold=0.95)
    screen = shown(qtbot, marks, size=(380, 320))
    assert marks.turned and 0 < len(marks.ticks) <= 24
    screen.grab()
    geometry = screen.geometry_painted
    assert 0 < geometry.plot.left() < geometry.plot.right() < screen.width()
    assert 0 < geometry.plot.top() < geometry.plot.bottom() < screen.height()
    assert geometry.plot.width() > screen.width() / 2  # the legend went under the title, not beside the plot


def test_in_japanese_every_word_on_the_chart_is_japanese_but_the_runs_own_names(qtbot, monkeypatch):
    monkeypatch.setattr(i18n, "_translation", i18n._translation)
    monkeypatch.setattr(i18n, "_language", i18n._language)
    i18n.set_language("ja")
    screen = shown(qtbot, trend_marks(RUNS, level=TestLevel.SYSTEM, threshold=0.95))
    assert screen.texts[0] == "総合テスト: 実行ごとの合格率"
    assert set(re.findall(r"[A-Za-z]{2,}", " ".join(screen.texts))) == {"build"}  # "1 (build 2.0.11)"


def test_in_the_pane_a_teammates_import_shows_in_the_chart(qtbot, make_window, tmp_path: Path):
    path = new_launch(tmp_path / "new.golive", name="Cutover", go_live=datetime.now(UTC) + timedelta(days=30),
                      timezone="Asia/Tokyo", actor="ann")  # fmt: skip
    window = make_window(path)
    window.show_pane("tests")
    pane = window.pane("tests")
    assert pane.trend.texts == ("Unit tests: pass rate per run", "No test runs yet")
    result = tmp_path / "TEST-smoke.xml"
    result.write_text(
        '<testsuite name="smoke" tests="2" failures="1"><testcase classname="s" name="login"/>'
        '<testcase classname="s" name="order"><failure message="500">server error</failure></testcase></testsuite>'
    )
    with qtbot.waitSignal(pane.trend.figure_ready, timeout=30_000), open_launch(path) as lf:
        import_results(lf, paths=[result], level="unit", run_name="Unit 1", actor="bob")
    assert pane.trend.texts[0] == "Unit tests: pass rate per run"
    assert "Latest: 50% passed" in pane.trend.texts
