"""Test progress for one level: pass rate over the runs, and what each run's cases did."""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from cockpit.charts import style
from cockpit.domain.tests import TestLevel, TestRun, pass_rate, run_history
from cockpit.i18n import N_, tr
from cockpit.words.labels import level_label

RATE_COLOUR = style.BLUE
BELOW_COLOUR = style.VERMILLION
THRESHOLD_COLOUR = style.INK
# (field on TestRun, label, colour, hatch): failures are hatched so they read without colour.
OUTCOME_BARS = (
    ("passed", N_("Passed"), style.GREEN, ""),
    ("failed", N_("Failed"), style.VERMILLION, "///"),
    ("errors", N_("Errors"), style.PURPLE, "xx"),
    ("skipped", N_("Skipped"), style.LIGHT_GREY, ""),
)
_LABEL_CHARS_MIN = 12
_LABEL_CHARS_MAX = 30
_LABEL_ROOM = 120  # characters across the whole axis
_MAX_LABELS = 24


def test_trend(
    runs: Sequence[TestRun], *, level: TestLevel, threshold: float | None = None, title: str | None = None
) -> Figure:
    """Pass rate (line, left axis) over the level's runs, oldest first, on stacked outcome counts (right axis).

    ``threshold`` (0..1) draws the bar the go/no-go criterion sets; runs under it get an ``×`` marker.
    """
    title = title or tr("{level} tests: pass rate per run", level=level_label(level))
    history = run_history(runs, level=level)
    if not history:
        return style.empty_figure(message=tr("No test runs yet"), title=title)
    positions = list(range(len(history)))
    rates = [pass_rate(run) for run in history]
    percents = [math.nan if r is None else r * 100 for r in rates]

    with style.chart_context():
        figure = style.new_figure()
        rate_axes = figure.add_subplot()
        count_axes = rate_axes.twinx()
        # The line must sit above the bars, but the twin axes is drawn last: lift the rate axes instead.
        rate_axes.set_zorder(count_axes.get_zorder() + 1)
        rate_axes.patch.set_visible(False)

        below = [0] * len(history)
        for field, label, colour, hatch in OUTCOME_BARS:
            heights = [getattr(run, field) for run in history]
            count_axes.bar(
                positions,
                heights,
                bottom=below,
                width=0.6,
                color=colour,
                edgecolor="#444444" if hatch else colour,
                linewidth=0.5,
                hatch=hatch,
                alpha=0.85,
                label=tr(label),
                gid=f"bars-{field}",
            )
            below = [b + h for b, h in zip(below, heights, strict=True)]
        # Bars fill the lower part, leaving the upper part to the pass-rate line.
        count_axes.set_ylim(0, max(max(below) * 2.2, 1))
        count_axes.set_ylabel(tr("Test cases"))
        count_axes.spines["right"].set_visible(True)
        locator = count_axes.yaxis.get_major_locator()
        if isinstance(locator, MaxNLocator):  # a linear axis's AutoLocator is one
            locator.set_params(integer=True)

        rate_axes.plot(
            positions,
            percents,
            color=RATE_COLOUR,
            linewidth=2.6,
            marker="o",
            markersize=8 if len(history) <= 20 else 4,
            label=tr("Pass rate"),
            gid="pass-rate",
        )
        if threshold is not None:
            _draw_threshold(rate_axes, positions, percents, threshold)
        _label_last_rate(rate_axes, positions, percents)
        rate_axes.set_ylim(0, 105)
        rate_axes.yaxis.set_major_formatter(PercentFormatter(decimals=0))
        rate_axes.set_ylabel(tr("Pass rate"))
        rate_axes.grid(axis="y")
        rate_axes.set_xlim(-0.6, len(history) - 0.4)
        _run_ticks(rate_axes, history)
        rate_axes.set_xlabel(tr("Test run (oldest first)"))

        handles, labels = rate_axes.get_legend_handles_labels()
        bar_handles, bar_labels = count_axes.get_legend_handles_labels()
        figure.legend(handles + bar_handles, labels + bar_labels, loc="outside right upper")
        style.set_titles(figure, rate_axes, title=title, facts=_facts(history, rates, threshold))
        return style.finish(figure)


setattr(test_trend, "__test__", False)  # noqa: B010 (a chart, not a pytest test, though its name starts with "test"; mypy knows no function attributes)


def _draw_threshold(axes: Axes, positions: list[int], percents: list[float], threshold: float) -> None:
    axes.axhline(
        threshold * 100,
        color=THRESHOLD_COLOUR,
        linestyle=(0, (5, 3)),
        linewidth=1.6,
        label=tr("Threshold {percent}", percent=_percent(threshold)),
        gid="threshold",
    )
    below = [
        (x, p) for x, p in zip(positions, percents, strict=True) if not math.isnan(p) and p < threshold * 100
    ]
    if below:
        xs, ys = zip(*below, strict=True)
        axes.scatter(
            xs,
            ys,
            marker="X",
            s=140 if len(positions) <= 20 else 50,
            color=BELOW_COLOUR,
            edgecolor=style.BACKGROUND,
            zorder=4,
            label=tr("× Below threshold"),
            gid="below-threshold",
        )


def _label_last_rate(axes: Axes, positions: list[int], percents: list[float]) -> None:
    known = [(x, p) for x, p in zip(positions, percents, strict=True) if not math.isnan(p)]
    if not known:
        return
    x, p = known[-1]
    axes.annotate(
        f"{p:.1f}%",
        xy=(x, p),
        # Left of the newest point, which sits against the right-hand count axis.
        xytext=(-8, 10),
        textcoords="offset points",
        ha="right",
        fontsize=style.LABEL_SIZE,
        color=RATE_COLOUR,
        backgroundcolor=style.BACKGROUND,  # stays legible where it crosses the threshold line
        gid="last-rate",
    )


def _run_ticks(axes: Axes, history: tuple[TestRun, ...]) -> None:
    """Run names under their bars; with many runs only every k-th name, so none overlap."""
    step = max(1, math.ceil(len(history) / _MAX_LABELS))
    shown = list(range(0, len(history), step))
    # Fewer runs leave more room under each bar for its name.
    width = min(_LABEL_CHARS_MAX, max(_LABEL_CHARS_MIN, _LABEL_ROOM // len(shown)))
    names = _without_shared_prefix([history[i].name or f"#{history[i].id}" for i in shown])
    labels = [_short(name, width) for name in names]
    axes.set_xticks(shown, labels)
    # Measured in half-width cells: Japanese names are twice as wide as their length says.
    if len(shown) > 6 or sum(map(style.display_width, labels)) > _LABEL_ROOM * 0.6:
        for label in axes.get_xticklabels():
            label.set_rotation(30)
            label.set_horizontalalignment("right")
            label.set_rotation_mode("anchor")


def _without_shared_prefix(names: list[str]) -> list[str]:
    """Runs of one level often share their first words ("Unit tests run 3 …"): show what tells them apart."""
    if len(names) < 2:
        return names
    words = [name.split(" ") for name in names]
    shared = 0
    while all(len(w) > shared + 1 for w in words) and len({w[shared] for w in words}) == 1:
        shared += 1
    return [" ".join(w[shared:]) for w in words]


def _short(name: str, width: int) -> str:
    """Cut from the middle: run names tell apart by prefix ("ST-03 …") as often as by suffix ("… #117")."""
    if len(name) <= width:
        return name
    head = (width - 1) // 2
    return name[:head] + "…" + name[len(name) - (width - 1 - head) :]


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%".replace(".0%", "%")


def _facts(history: tuple[TestRun, ...], rates: list[float | None], threshold: float | None) -> list[str]:
    latest = history[-1]
    facts = [tr("Runs: {count}", count=len(history))]
    rate = rates[-1]
    if rate is None:
        facts.append(tr("Latest run: nothing executed"))
    else:
        facts.append(tr("Latest: {percent} passed", percent=_percent(rate)))
        if threshold is not None:
            met = rate >= threshold
            facts.append(
                tr("○ meets the {percent} threshold", percent=_percent(threshold))
                if met
                else tr("× under the {percent} threshold", percent=_percent(threshold))
            )
    if latest.failed or latest.errors:
        facts.append(tr("Failed: {failed}, errors: {errors}", failed=latest.failed, errors=latest.errors))
    if latest.flaky:
        facts.append(tr("Flaky: {count}", count=latest.flaky))
    return facts
