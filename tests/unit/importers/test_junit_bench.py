"""The import bench runs end to end (on a small file here; `make bench` runs the 100,000-case one)."""

from __future__ import annotations

from bench.__main__ import format_table
from bench.junit_import import run


def test_the_bench_measures_all_three_and_checks_both_goals() -> None:
    figures = run(cases=500)
    assert [f.unit for f in figures] == ["s", "s", "s", "s", "s", "×", "×", "×"]
    assert all(f.value > 0 for f in figures)
    # issue 15: the goal against junitparser is held by whole processes, start-up included
    assert [f.goal for f in figures[5:]] == ["", "≤ 2.5×", "≥ 1.5×"]
    assert "(e)/(d)" in figures[-1].label
    assert "(a) cockpit import, 500 cases" in format_table(figures)
