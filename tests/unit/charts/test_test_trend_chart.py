"""The test trend: one bar stack and one pass-rate point per run of the level, oldest first."""

from __future__ import annotations

import math

import pytest
from matplotlib.collections import PathCollection
from matplotlib.lines import Line2D

from cockpit.charts import tests as test_charts
from cockpit.domain.tests import TestLevel, TestRun, pass_rate

from .conftest import all_text, texts_with_gid


def _run(
    run_id: int,
    name: str,
    *,
    passed: int,
    failed: int = 0,
    errors: int = 0,
    skipped: int = 0,
    level: TestLevel = TestLevel.SYSTEM,
) -> TestRun:
    return TestRun(
        id=run_id,
        level=level,
        name=name,
        total=passed + failed + errors + skipped,
        passed=passed,
        failed=failed,
        errors=errors,
        skipped=skipped,
    )


RUNS = [
    _run(3, "ST-3", passed=97, failed=2, errors=1, skipped=5),
    _run(1, "ST-1", passed=80, failed=15, errors=5),
    _run(2, "ST-2", passed=90, failed=10, skipped=3),
    _run(4, "unit-1", passed=500, level=TestLevel.UNIT),
]
SYSTEM = sorted((r for r in RUNS if r.level == TestLevel.SYSTEM), key=lambda r: r.id)


def _bars(figure, field: str) -> list[float]:
    return [bar.get_height() for bar in figure.axes[1].patches if bar.get_gid() == f"bars-{field}"]


def _line(figure, gid: str) -> Line2D:
    (line,) = [a for a in figure.axes[0].get_lines() if a.get_gid() == gid]
    return line


def test_one_stack_per_run_of_the_level_with_its_counts(render) -> None:
    figure = test_charts.test_trend(RUNS, level=TestLevel.SYSTEM, threshold=0.95)
    render(figure, "trend")
    assert _bars(figure, "passed") == [80, 90, 97]
    assert _bars(figure, "failed") == [15, 10, 2]
    assert _bars(figure, "errors") == [5, 0, 1]
    assert _bars(figure, "skipped") == [0, 3, 5]
    assert [t.get_text() for t in figure.axes[0].get_xticklabels()] == ["ST-1", "ST-2", "ST-3"]


def test_pass_rate_line_threshold_and_runs_below_it() -> None:
    figure = test_charts.test_trend(RUNS, level=TestLevel.SYSTEM, threshold=0.95)
    rates = list(_line(figure, "pass-rate").get_ydata())
    assert rates == [pytest.approx(pass_rate(r) * 100) for r in SYSTEM]
    assert list(_line(figure, "threshold").get_ydata()) == [95.0, 95.0]
    (below,) = [c for c in figure.axes[0].collections if isinstance(c, PathCollection)]
    assert [x for x, _ in below.get_offsets()] == [0, 1]  # ST-1 (80%) and ST-2 (90%), not ST-3 (97%)
    assert texts_with_gid(figure, "last-rate") == {"last-rate": f"{pass_rate(SYSTEM[-1]) * 100:.1f}%"}
    texts = all_text(figure)
    assert "Threshold 95%" in texts
    assert any("○ meets the 95% threshold" in t for t in texts)


def test_without_threshold_there_is_no_threshold_line() -> None:
    figure = test_charts.test_trend(RUNS, level=TestLevel.SYSTEM)
    assert [a.get_gid() for a in figure.axes[0].get_lines()] == ["pass-rate"]


def test_a_run_with_nothing_executed_leaves_a_gap_not_a_zero(render) -> None:
    runs = [
        _run(1, "smoke-1", passed=10, level=TestLevel.SMOKE),
        _run(2, "smoke-2", passed=0, skipped=7, level=TestLevel.SMOKE),
        _run(3, "smoke-3", passed=9, failed=1, level=TestLevel.SMOKE),
    ]
    figure = test_charts.test_trend(runs, level=TestLevel.SMOKE, threshold=0.9)
    render(figure, "trend-gap")
    rates = list(_line(figure, "pass-rate").get_ydata())
    assert rates[0] == 100.0 and math.isnan(rates[1]) and rates[2] == 90.0


def test_no_runs_for_the_level_says_so(render, japanese) -> None:
    figure = test_charts.test_trend(RUNS, level=TestLevel.UAT)
    render(figure, "trend-empty")
    assert texts_with_gid(figure, "empty-message") == {"empty-message": "テスト実行はまだありません"}


def test_many_runs_keep_their_names_apart(render) -> None:
    runs = [
        _run(i, f"nightly build number {i:03d}", passed=90 + i % 10, failed=10 - i % 10) for i in range(1, 61)
    ]
    figure = test_charts.test_trend(runs, level=TestLevel.SYSTEM, threshold=0.95)
    render(figure, "trend-many")
    labels = figure.axes[0].get_xticklabels()
    assert 0 < len(labels) <= 24
    assert all(len(t.get_text()) <= 30 for t in labels)
    assert len(_bars(figure, "passed")) == 60


def test_words_every_run_shares_are_left_out_of_the_names(render) -> None:
    runs = [_run(i, f"Unit tests run {i} (build 1.4.{380 + i})", passed=99, failed=1) for i in range(1, 6)]
    figure = test_charts.test_trend(runs, level=TestLevel.SYSTEM)
    render(figure, "trend-shared-prefix")
    labels = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert labels == [f"{i} (build 1.4.{380 + i})" for i in range(1, 6)]


def test_a_name_is_never_emptied_by_the_shared_words() -> None:
    runs = [_run(1, "Regression", passed=9), _run(2, "Regression", passed=10)]
    figure = test_charts.test_trend(runs, level=TestLevel.SYSTEM)
    assert [t.get_text() for t in figure.axes[0].get_xticklabels()] == ["Regression", "Regression"]


def test_japanese_run_names_are_turned_by_their_width_not_their_length() -> None:
    """Four names of 16 characters fit as they are in English, but in Japanese they are twice as wide."""
    japanese = [_run(i, f"結合テスト 第{i}回（ビルド 1.4.38{i}）", passed=99, failed=1) for i in range(1, 5)]
    english = [_run(i, f"Integration run {i} build 1.4.38{i}", passed=99, failed=1) for i in range(1, 5)]
    turned = test_charts.test_trend(japanese, level=TestLevel.SYSTEM).axes[0].get_xticklabels()
    level = test_charts.test_trend(english, level=TestLevel.SYSTEM).axes[0].get_xticklabels()
    assert [len(t.get_text()) for t in turned] == [16] * 4
    assert {t.get_rotation() for t in turned} == {30}
    assert {t.get_rotation() for t in level} == {0}
