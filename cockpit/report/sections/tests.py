"""Tests: each level's latest run against its gate minimum, the new failures, and the trend per level."""

from __future__ import annotations

from cockpit.charts.tests import test_trend
from cockpit.domain.status import Pane, pass_rate_thresholds
from cockpit.domain.tests import LevelSummary, TestLevel, summarize_tests
from cockpit.i18n import tr
from cockpit.report import words
from cockpit.report.blocks import Block, Chart, Lines
from cockpit.report.context import ReportContext
from cockpit.report.sections.common import BAD_INK, OK_INK, capped, more_text, opening
from cockpit.report.table import Column, Ink, Table
from cockpit.words import labels

LISTED_FAILURES = 20
TREND_INCHES = 3.2  # three to a page


def blocks(ctx: ReportContext) -> list[Block]:
    summaries = summarize_tests(ctx.data.runs, ctx.data.cases)
    thresholds = pass_rate_thresholds(ctx.data)
    out = opening(ctx, Pane.TESTS)
    shown = [level for level, s in summaries.items() if s.runs or level in thresholds]
    if not shown:
        return [*out, Lines([tr("No test run imported yet.")])]
    out.append(_levels_table(summaries, thresholds, shown))
    if any(s.runs for s in summaries.values()):
        out.append(_new_failures_table(summaries))
    for level in shown:
        if summaries[level].runs:
            out.append(_trend(ctx, level, thresholds.get(level)))
    return out


def _levels_table(
    summaries: dict[TestLevel, LevelSummary], thresholds: dict[TestLevel, float], shown: list[TestLevel]
) -> Table:
    rows = []
    for level in shown:
        summary, minimum = summaries[level], thresholds.get(level)
        latest = summary.latest
        if latest is None:
            blank = ("—",) * 4
            rows.append(
                (
                    labels.level_label(level),
                    tr("No run yet"),
                    *blank,
                    _minimum(minimum),
                    _gate(None, minimum),
                    "—",
                    "—",
                )
            )
            continue
        rows.append(
            (
                labels.level_label(level),
                latest.name,
                str(latest.total - latest.skipped),
                str(latest.passed),
                str(latest.failed + latest.errors),
                words.percent(summary.pass_rate),
                _minimum(minimum),
                _gate(summary.pass_rate, minimum),
                str(len(summary.new_failures)),
                str(len(summary.flaky)),
            )
        )
    return Table(
        title=tr("Latest run per level"),
        columns=(
            Column(tr("Level"), 1.05),
            Column(tr("Latest run"), 2.2, max_lines=2),
            Column(tr("Executed"), 0.95, align="right"),
            Column(tr("Passed"), 0.8, align="right"),
            Column(tr("Failed"), 0.75, align="right"),
            Column(tr("Pass rate"), 0.9, align="right"),
            Column(tr("Minimum"), 0.95, align="right"),
            Column(tr("Gate"), 1.05),
            Column(tr("New failures"), 0.9, align="right"),
            Column(tr("Flaky"), 0.65, align="right"),
        ),
        rows=rows,
    )


def _minimum(minimum: float | None) -> str:
    return words.percent(minimum) if minimum is not None else "—"


def _gate(rate: float | None, minimum: float | None) -> str | Ink:
    if minimum is None:
        return tr("not gated")
    if rate is None:
        return Ink(f"{words.NOT_OK_MARK} {tr('no result')}", BAD_INK)
    if rate + 1e-9 >= minimum:
        return Ink(f"{words.OK_MARK} {tr('met')}", OK_INK)
    return Ink(f"{words.NOT_OK_MARK} {tr('below')}", BAD_INK)


def _new_failures_table(summaries: dict[TestLevel, LevelSummary]) -> Table:
    failures = [(level, case) for level, s in summaries.items() for case in s.new_failures]
    shown, left_out = capped(failures, LISTED_FAILURES)
    return Table(
        title=tr("New failures in the latest runs ({count})", count=len(failures)),
        columns=(
            Column(tr("Level"), 1.0),
            Column(tr("Test"), 3.6, max_lines=2),
            Column(tr("Outcome"), 0.9),
            Column(tr("Message"), 4.0, max_lines=2),
        ),
        rows=[
            (
                labels.level_label(level),
                f"{case.classname}.{case.name}" if case.classname else case.name,
                Ink(f"{words.NOT_OK_MARK} {labels.outcome_label(case.outcome)}", BAD_INK),
                case.message.strip().splitlines()[0] if case.message.strip() else "",
            )
            for level, case in shown
        ],
        more=more_text(left_out, Pane.TESTS),
        empty=tr("No new failure in the latest runs."),
    )


def _trend(ctx: ReportContext, level: TestLevel, minimum: float | None) -> Chart:
    runs = ctx.data.runs
    return Chart(lambda: test_trend(runs, level=level, threshold=minimum), TREND_INCHES)
