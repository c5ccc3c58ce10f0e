"""What a level's test trend shows, worked out once for both of its drawings (no matplotlib, no Qt).

The report draws the chart with matplotlib (``charts.tests``); the Tests pane paints it natively in Qt
(``ui.charts.test_trend_view``), so the window needs no chart process (docs/architecture.md, "The Tests
pane's chart on screen"). Both read the runs' bars, rates, below-threshold marks, tick labels, legend words, title and facts
from here, so the screen and the paper show the same chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from cockpit.charts.palette import BLUE, GREEN, INK, LIGHT_GREY, PURPLE, VERMILLION
from cockpit.charts.plot_marks import LegendKey, Swatch, ValueTick, value_ticks
from cockpit.charts.text_cells import display_width
from cockpit.domain.tests import TestLevel, TestRun, pass_rate, run_history
from cockpit.i18n import N_, tr
from cockpit.words.labels import level_label

HATCH_EDGE = "#444444"  # dark, so a hatched segment's stripes show on its colour

RATE_COLOUR = BLUE
BELOW_COLOUR = VERMILLION
THRESHOLD_COLOUR = INK
RATE_SWATCH = Swatch("line", colour=RATE_COLOUR, width=2.6, marker="o")
THRESHOLD_SWATCH = Swatch("line", colour=THRESHOLD_COLOUR, width=1.6, dashes=(5.0, 3.0))
BELOW_SWATCH = Swatch("marker", colour=BELOW_COLOUR, width=3.0, marker="x")


@dataclass(frozen=True, slots=True)
class OutcomeBar:
    """One of the stacked bars' segments: which count it shows and how it looks (failures hatched, to read
    without colour)."""

    field: str  # the count's field on TestRun
    label: str  # untranslated: translated when shown
    colour: str
    hatch: str  # matplotlib's hatch pattern, "" for none

    @property
    def swatch(self) -> Swatch:
        edge = HATCH_EDGE if self.hatch else ""
        return Swatch("patch", fill=self.colour, edge=edge, hatch=self.hatch, width=0.5)


OUTCOMES = (
    OutcomeBar("passed", N_("Passed"), GREEN, ""),
    OutcomeBar("failed", N_("Failed"), VERMILLION, "///"),
    OutcomeBar("errors", N_("Errors"), PURPLE, "xx"),
    OutcomeBar("skipped", N_("Skipped"), LIGHT_GREY, ""),
)
BAR_WIDTH = 0.6  # of a run's slot
RATE_LIMIT = 105.0  # the percent axis runs to here: room above 100 % for the last rate's label
RATE_TICKS = (0, 20, 40, 60, 80, 100)
COUNT_TICKS_MOST = 8  # intervals up the count axis, at most
TURNED_DEGREES = 30

_LABEL_CHARS_MIN = 12
_LABEL_CHARS_MAX = 30
_LABEL_ROOM = 120  # characters across the whole axis
_MAX_LABELS = 24
_MANY_RUNS = 20  # beyond this many runs, smaller points and marks


@dataclass(frozen=True, slots=True)
class RunMarks:
    """One run's slot: its stacked counts (in OUTCOMES' order, bottom up), its pass rate and whether it is
    under the threshold."""

    key: int  # the run's id
    position: int  # its slot on the run axis, 0 for the oldest
    counts: tuple[int, ...]  # one per OUTCOMES entry
    rate: float | None  # percent; None when nothing was executed (a gap in the line, not a zero)
    below: bool

    @property
    def total(self) -> int:
        return sum(self.counts)

    def segments(self) -> list[tuple[OutcomeBar, int, int]]:
        """Each outcome's segment as (outcome, bottom, height), bottom up."""
        out, bottom = [], 0
        for outcome, count in zip(OUTCOMES, self.counts, strict=True):
            out.append((outcome, bottom, count))
            bottom += count
        return out


@dataclass(frozen=True, slots=True)
class TrendMarks:
    title: str
    runs: tuple[RunMarks, ...]  # empty: the chart says ``empty_message`` instead
    empty_message: str
    threshold: float | None  # percent
    ticks: tuple[tuple[int, str], ...]  # (run position, label): every k-th run when there are many
    turned: bool  # the tick labels are turned by TURNED_DEGREES so they do not overlap
    count_limit: float  # the count axis' top: bars fill the lower part, leaving the upper to the line
    last_rate: tuple[int, float, str] | None  # position, percent and its label
    legend: tuple[LegendKey, ...]  # the line's keys (pass rate, threshold, below it), then the outcomes'
    facts: tuple[str, ...]
    many: bool  # so many runs that points and marks are drawn smaller

    @property
    def rate_axis_label(self) -> str:
        return tr("Pass rate")

    @property
    def count_axis_label(self) -> str:
        return tr("Test cases")

    @property
    def run_axis_label(self) -> str:
        return tr("Test run (oldest first)")

    @property
    def run_limits(self) -> tuple[float, float]:
        return -0.6, len(self.runs) - 0.4

    @property
    def rate_ticks(self) -> tuple[ValueTick, ...]:
        return value_ticks(0, RATE_LIMIT, fixed=RATE_TICKS, suffix="%")

    @property
    def count_ticks(self) -> tuple[ValueTick, ...]:
        return value_ticks(0, self.count_limit, max_count=COUNT_TICKS_MOST, integer=True)

    def key(self, swatch: Swatch) -> LegendKey | None:
        """The legend's key drawn with ``swatch``: its words label the mark on paper too."""
        return next((key for key in self.legend if key.swatch == swatch), None)

    @property
    def outcomes(self) -> tuple[OutcomeBar, ...]:
        return OUTCOMES

    def outcome_label(self, outcome: OutcomeBar) -> str:
        return tr(outcome.label)


def trend_marks(
    runs: Sequence[TestRun], *, level: TestLevel, threshold: float | None = None, title: str | None = None
) -> TrendMarks:
    """The level's runs, oldest first; ``threshold`` (0..1) is the go/no-go criterion's minimum pass rate."""
    title = title or tr("{level} tests: pass rate per run", level=level_label(level))
    history = run_history(runs, level=level)
    rates = [pass_rate(run) for run in history]
    limit = None if threshold is None else threshold * 100
    marks = tuple(
        RunMarks(
            key=run.id,
            position=index,
            counts=tuple(getattr(run, outcome.field) for outcome in OUTCOMES),
            rate=None if rate is None else rate * 100,
            below=rate is not None and limit is not None and rate * 100 < limit,
        )
        for index, (run, rate) in enumerate(zip(history, rates, strict=True))
    )
    if not marks:
        return TrendMarks(title, (), tr("No test runs yet"), limit, (), False, 1.0, None, (), (), many=False)
    ticks, turned = _run_ticks(history)
    tallest = max(run.total for run in marks)
    return TrendMarks(
        title=title,
        runs=marks,
        empty_message="",
        threshold=limit,
        ticks=ticks,
        turned=turned,
        count_limit=max(tallest * 2.2, 1),
        last_rate=_last_rate(marks),
        legend=_legend(marks, threshold),
        facts=tuple(_facts(history, rates, threshold)),
        many=len(marks) > _MANY_RUNS,
    )


def _last_rate(runs: tuple[RunMarks, ...]) -> tuple[int, float, str] | None:
    known = [run for run in runs if run.rate is not None]
    if not known:
        return None
    last = known[-1]
    assert last.rate is not None
    return last.position, last.rate, f"{last.rate:.1f}%"


def _legend(runs: tuple[RunMarks, ...], threshold: float | None) -> tuple[LegendKey, ...]:
    keys = [LegendKey(tr("Pass rate"), RATE_SWATCH)]
    if threshold is not None:
        keys.append(LegendKey(tr("Threshold {percent}", percent=percent(threshold)), THRESHOLD_SWATCH))
        if any(run.below for run in runs):
            keys.append(LegendKey(tr("× Below threshold"), BELOW_SWATCH))
    keys += [LegendKey(tr(outcome.label), outcome.swatch) for outcome in OUTCOMES]
    return tuple(keys)


def _run_ticks(history: tuple[TestRun, ...]) -> tuple[tuple[tuple[int, str], ...], bool]:
    """Run names under their bars; with many runs only every k-th name, so none overlap."""
    step = max(1, math.ceil(len(history) / _MAX_LABELS))
    shown = list(range(0, len(history), step))
    # Fewer runs leave more room under each bar for its name.
    width = min(_LABEL_CHARS_MAX, max(_LABEL_CHARS_MIN, _LABEL_ROOM // len(shown)))
    names = without_shared_prefix([history[i].name or f"#{history[i].id}" for i in shown])
    labels = [short(name, width) for name in names]
    # Measured in half-width cells: Japanese names are twice as wide as their length says.
    turned = len(shown) > 6 or sum(map(display_width, labels)) > _LABEL_ROOM * 0.6
    return tuple(zip(shown, labels, strict=True)), turned


def without_shared_prefix(names: list[str]) -> list[str]:
    """Runs of one level often share their first words ("Unit tests run 3 …"): show what tells them apart."""
    if len(names) < 2:
        return names
    words = [name.split(" ") for name in names]
    shared = 0
    while all(len(w) > shared + 1 for w in words) and len({w[shared] for w in words}) == 1:
        shared += 1
    return [" ".join(w[shared:]) for w in words]


def short(name: str, width: int) -> str:
    """Cut from the middle: run names tell apart by prefix ("ST-03 …") as often as by suffix ("… #117")."""
    if len(name) <= width:
        return name
    head = (width - 1) // 2
    return name[:head] + "…" + name[len(name) - (width - 1 - head) :]


def percent(value: float) -> str:
    """A 0..1 share as the facts and the legend say it: one decimal, none when it is whole."""
    return f"{value * 100:.1f}%".replace(".0%", "%")


def _facts(history: tuple[TestRun, ...], rates: list[float | None], threshold: float | None) -> list[str]:
    latest = history[-1]
    facts = [tr("Runs: {count}", count=len(history))]
    rate = rates[-1]
    if rate is None:
        facts.append(tr("Latest run: nothing executed"))
    else:
        facts.append(tr("Latest: {percent} passed", percent=percent(rate)))
        if threshold is not None:
            met = rate >= threshold
            facts.append(
                tr("○ meets the {percent} threshold", percent=percent(threshold))
                if met
                else tr("× under the {percent} threshold", percent=percent(threshold))
            )
    if latest.failed or latest.errors:
        facts.append(tr("Failed: {failed}, errors: {errors}", failed=latest.failed, errors=latest.errors))
    if latest.flaky:
        facts.append(tr("Flaky: {count}", count=latest.flaky))
    return facts
