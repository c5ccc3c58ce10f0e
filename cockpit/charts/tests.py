"""Test progress for one level: pass rate over the runs, and what each run's cases did.

Drawn from ``charts.test_trend_marks``, which the Tests pane paints from too: the paper and the screen
show the same bars, rates, marks, ticks and words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from cockpit.charts import style
from cockpit.charts.plot_marks import Swatch
from cockpit.charts.test_trend_marks import (
    BAR_WIDTH,
    BELOW_SWATCH,
    RATE_LIMIT,
    RATE_SWATCH,
    THRESHOLD_SWATCH,
    TURNED_DEGREES,
    TrendMarks,
    trend_marks,
)
from cockpit.domain.tests import TestLevel, TestRun


def test_trend(
    runs: Sequence[TestRun], *, level: TestLevel, threshold: float | None = None, title: str | None = None
) -> Figure:
    """Pass rate (line, left axis) over the level's runs, oldest first, on stacked outcome counts (right axis).

    ``threshold`` (0..1) draws the bar the go/no-go criterion sets; runs under it get an ``×`` marker.
    """
    marks = trend_marks(runs, level=level, threshold=threshold, title=title)
    if not marks.runs:
        return style.empty_figure(message=marks.empty_message, title=marks.title)
    positions = [run.position for run in marks.runs]

    with style.chart_context():
        figure = style.new_figure()
        rate_axes = figure.add_subplot()
        count_axes = rate_axes.twinx()
        # The line must sit above the bars, but the twin axes is drawn last: lift the rate axes instead.
        rate_axes.set_zorder(count_axes.get_zorder() + 1)
        rate_axes.patch.set_visible(False)

        for index, outcome in enumerate(marks.outcomes):
            segments = [run.segments()[index] for run in marks.runs]
            count_axes.bar(
                positions,
                [height for _, _, height in segments],
                bottom=[bottom for _, bottom, _ in segments],
                width=BAR_WIDTH,
                color=outcome.swatch.fill,
                edgecolor=outcome.swatch.edge or outcome.colour,
                linewidth=outcome.swatch.width,
                hatch=outcome.hatch,
                alpha=0.85,
                label=marks.outcome_label(outcome),
                gid=f"bars-{outcome.field}",
            )
        count_axes.set_ylim(0, marks.count_limit)
        style.set_value_ticks(count_axes.yaxis, marks.count_ticks)
        count_axes.set_ylabel(marks.count_axis_label)
        count_axes.spines["right"].set_visible(True)

        rate_axes.plot(
            positions,
            [math.nan if run.rate is None else run.rate for run in marks.runs],
            **style.line_style(RATE_SWATCH),
            markersize=4 if marks.many else 8,
            label=_label(marks, RATE_SWATCH),
            gid="pass-rate",
        )
        if marks.threshold is not None:
            _draw_threshold(rate_axes, marks, marks.threshold)
        _label_last_rate(rate_axes, marks)
        rate_axes.set_ylim(0, RATE_LIMIT)
        style.set_value_ticks(rate_axes.yaxis, marks.rate_ticks)
        rate_axes.set_ylabel(marks.rate_axis_label)
        rate_axes.grid(axis="y")
        rate_axes.set_xlim(*marks.run_limits)
        _run_ticks(rate_axes, marks)
        rate_axes.set_xlabel(marks.run_axis_label)

        handles, labels = rate_axes.get_legend_handles_labels()
        bar_handles, bar_labels = count_axes.get_legend_handles_labels()
        figure.legend(handles + bar_handles, labels + bar_labels, loc="outside right upper")
        style.set_titles(figure, rate_axes, title=marks.title, facts=marks.facts)
        return style.finish(figure)


setattr(test_trend, "__test__", False)  # noqa: B010 (a chart, not a pytest test, though its name starts with "test"; mypy knows no function attributes)


def _label(marks: TrendMarks, swatch: Swatch) -> str:
    key = marks.key(swatch)
    assert key is not None
    return key.label


def _draw_threshold(axes: Axes, marks: TrendMarks, threshold: float) -> None:
    axes.axhline(
        threshold,
        **style.line_style(THRESHOLD_SWATCH),
        label=_label(marks, THRESHOLD_SWATCH),
        gid="threshold",
    )
    below = [(run.position, run.rate) for run in marks.runs if run.below and run.rate is not None]
    if below:
        axes.scatter(
            [position for position, _ in below],
            [rate for _, rate in below],
            marker="X",
            s=50 if marks.many else 140,
            color=BELOW_SWATCH.colour,
            edgecolor=style.BACKGROUND,
            zorder=4,
            label=_label(marks, BELOW_SWATCH),
            gid="below-threshold",
        )


def _label_last_rate(axes: Axes, marks: TrendMarks) -> None:
    if marks.last_rate is None:
        return
    x, rate, text = marks.last_rate
    axes.annotate(
        text,
        xy=(x, rate),
        # Left of the newest point, which sits against the right-hand count axis.
        xytext=(-8, 10),
        textcoords="offset points",
        ha="right",
        fontsize=style.LABEL_SIZE,
        color=RATE_SWATCH.colour,
        backgroundcolor=style.BACKGROUND,  # stays legible where it crosses the threshold line
        gid="last-rate",
    )


def _run_ticks(axes: Axes, marks: TrendMarks) -> None:
    axes.set_xticks([position for position, _ in marks.ticks], [label for _, label in marks.ticks])
    if marks.turned:
        for label in axes.get_xticklabels():
            label.set_rotation(TURNED_DEGREES)
            label.set_horizontalalignment("right")
            label.set_rotation_mode("anchor")
