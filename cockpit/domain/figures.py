"""The launch's headline figures, one function each, every one with what it counts.

The Overview's tiles, the panes' headers, ``cockpit status`` (text and JSON), the status report and the wall
all take their numbers from here, so one file never gives two numbers for one question. Each figure says
what it counts (``counts``), because two honest numbers that count different things read as a contradiction
when their labels do not say so:

- Checklist: items done out of the applicable ones; n/a items count in neither (the checklist has no
  "skipped": an item not needed is n/a).
- Tests: the lowest latest pass rate of the gated levels (a level with an enabled pass-rate criterion); a
  smoke or performance run the gate does not ask about never becomes the headline. Without a gated level,
  the lowest of all levels, and it says so.
- Runbook: steps done (skipped count as done, as the steps after them do), late steps and the slack, all
  from one forecast at one ``now``.
- Risks: open risks by their residual zone (inherent where not reassessed), the zone that decides the light.
- Support: open tickets, open P1s, and open tickets past an SLA (all severities; the P1/P2 share of them
  beside it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from cockpit.domain.checklist import ChecklistItem, Progress, progress_of
from cockpit.domain.gate import CriterionKind
from cockpit.domain.migration import RunbookForecast, StepStatus
from cockpit.domain.risks import Zone, is_open, residual_zone
from cockpit.domain.rollback import forecast_current_path
from cockpit.domain.support import Severity, summarize_support
from cockpit.domain.tests import TestLevel, summarize_tests
from cockpit.i18n import tr

if TYPE_CHECKING:
    from cockpit.domain.launch import LaunchData

URGENT = frozenset({Severity.P1, Severity.P2})  # the severities the queue and the wall put first


@dataclass(frozen=True, slots=True)
class ChecklistFigure:
    done: int
    applicable: int  # every item but the n/a ones
    not_applicable: int
    blocked: int
    overdue: int

    @property
    def ratio(self) -> float:
        """Share of applicable items done; 1.0 when nothing is applicable."""
        return self.done / self.applicable if self.applicable else 1.0

    @staticmethod
    def counts() -> str:
        return tr("done of applicable items; n/a not counted")


def checklist_figure(items: Iterable[ChecklistItem], *, now: datetime) -> ChecklistFigure:
    return checklist_figure_of(progress_of(items, now=now))


def checklist_figure_of(progress: Progress) -> ChecklistFigure:
    """The figure from counts already made (the Checklist pane keeps its tree's counts as items change)."""
    return ChecklistFigure(
        done=progress.done,
        applicable=progress.total - progress.n_a,
        not_applicable=progress.n_a,
        blocked=progress.blocked,
        overdue=progress.overdue,
    )


@dataclass(frozen=True, slots=True)
class TestsFigure:
    rate: float | None  # the lowest latest pass rate of the levels counted; None without an executed run
    level: TestLevel | None  # the level it belongs to
    gated_only: bool  # False when no level is gated and every level counted

    def counts(self) -> str:
        if self.gated_only:
            return tr("lowest latest pass rate of the gated levels")
        return tr("lowest latest pass rate of all levels (no level is gated)")


def gated_levels(data: LaunchData) -> frozenset[TestLevel]:
    """The levels an enabled pass-rate criterion asks about."""
    levels = set()
    for criterion in data.criteria:
        if criterion.enabled and criterion.kind == CriterionKind.PASS_RATE:
            try:
                levels.add(TestLevel(criterion.params["level"]))
            except (KeyError, TypeError, ValueError):
                continue  # the gate pane reports the bad setting
    return frozenset(levels)


def tests_figure(data: LaunchData) -> TestsFigure:
    rates = {
        level: s.pass_rate
        for level, s in summarize_tests(data.runs, data.cases).items()
        if s.pass_rate is not None
    }
    gated = gated_levels(data)
    counted = {lvl: r for lvl, r in rates.items() if lvl in gated} if gated else rates
    if not counted:
        return TestsFigure(None, None, bool(gated))
    level = min(counted, key=lambda lvl: counted[lvl])
    return TestsFigure(counted[level], level, bool(gated))


@dataclass(frozen=True, slots=True)
class RunbookFigure:
    forecast: RunbookForecast | None  # None when the runbook has a dependency cycle
    problem: str  # why there is no forecast
    total: int
    done: int  # done or skipped
    late: int
    slack_minutes: int | None

    @property
    def eta(self) -> datetime | None:
        return self.forecast.eta if self.forecast else None

    @staticmethod
    def counts() -> str:
        return tr("steps done or skipped of all steps; late: forecast to end after their planned end")


def runbook_figure(data: LaunchData, *, now: datetime) -> RunbookFigure:
    steps = data.steps
    try:
        forecast = forecast_current_path(
            steps, data.rollback_decisions, now=now, rollback_deadline=data.launch.rollback_deadline
        )
    except ValueError as exc:
        done = sum(s.status in (StepStatus.DONE, StepStatus.SKIPPED) for s in steps)
        return RunbookFigure(None, str(exc), len(steps), done, 0, None)
    return RunbookFigure(
        forecast, "", forecast.total, forecast.done, len(forecast.late), forecast.slack_minutes
    )


def eta_after_go_live(data: LaunchData, figure: RunbookFigure) -> bool:
    """The cutover is forecast to end after the go-live time, while steps remain."""
    eta = figure.eta
    return eta is not None and figure.done < figure.total and eta > data.launch.go_live


@dataclass(frozen=True, slots=True)
class RisksFigure:
    open: int
    total: int
    per_residual_zone: dict[Zone, int]  # open risks only

    @property
    def red_open(self) -> int:
        return self.per_residual_zone[Zone.RED]

    @staticmethod
    def counts() -> str:
        return tr("open risks by residual zone (inherent where not reassessed)")


def risks_figure(data: LaunchData) -> RisksFigure:
    per_zone = dict.fromkeys(Zone, 0)
    open_risks = [r for r in data.risks if is_open(r)]
    for risk in open_risks:
        per_zone[residual_zone(risk, data.risk_thresholds)] += 1
    return RisksFigure(open=len(open_risks), total=len(data.risks), per_residual_zone=per_zone)


@dataclass(frozen=True, slots=True)
class SupportFigure:
    total: int
    open: int
    open_p1: int
    past_sla: int  # open tickets of any severity with a breached clock
    urgent_past_sla: int  # of those, P1 and P2

    @staticmethod
    def counts() -> str:
        return tr("open tickets; past SLA: open tickets of every severity with a clock run out")


def support_figure(data: LaunchData, *, now: datetime) -> SupportFigure:
    summary = summarize_support(data.tickets, data.sla_policies, now=now)
    return SupportFigure(
        total=summary.total,
        open=summary.open,
        open_p1=summary.open_per_severity[Severity.P1],
        past_sla=summary.breached,
        urgent_past_sla=sum(summary.breached_per_severity[s] for s in URGENT),
    )
