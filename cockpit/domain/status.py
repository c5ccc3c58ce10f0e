"""One red/amber/green light per pane, with the one number that matters and the reason behind it.

Red means "act now", amber "watch this", green "nothing to do". The rules:

- Checklist: red if a gate item (not done or n/a) is blocked or overdue; amber if any other item is
  blocked or overdue. Headline: share of applicable items done (n/a counted in neither).
- Tests: red if a level's latest pass rate is below the minimum of its enabled ``pass_rate`` gate
  criterion; amber if a latest run has new failures or flaky cases, or a gated level has no run yet or
  executed nothing. Headline: the lowest latest pass rate of the gated levels (``figures.tests_figure``).
- Migration: red if an object is mismatched (accepted differences do not count), the runbook has a
  dependency cycle, or the forecast ETA passes the rollback deadline; amber if a step failed, or while
  steps remain, if a step is late or the slack before the rollback deadline is under 30 minutes.
  Headline: mismatches, else slack, else steps done, else objects reconciled.
- Risks: red if an open red risk has no contingency plan; amber if any open red risk or any risk that
  occurred. Red means the residual zone (inherent when not reassessed). Headline: open red risks.
- Support: red if any P1 ticket is open or an open P2 is past its SLA; amber if any open ticket is
  past its SLA. Headline: open P1 tickets when there are any, else open tickets; the reason counts the open
  tickets past SLA of every severity, as the pane and ``cockpit status`` do, the P1/P2 share beside it.

Every number comes from ``domain/figures.py``, the one source of the window's, the CLI's and the report's.
- Gate: green when every criterion is met and the sign-offs say go; red on a no-go, or when a condition of a
  go/no-go round is still unmet past its due time; amber otherwise.
  Headline: criteria met.
- Hypercare KPIs (``kpi_light``, a tile of its own, not a pane's light): red if a KPI's latest value
  misses its target; amber if a KPI has no value yet; green otherwise. Headline: KPIs breached of all.

A reason names at most a few things (``name_list``: the most pressing first, then "and N more"): a
tile is a glance, and the pane behind it lists them all. A long launch must not grow a tile without
limit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from cockpit.domain.checklist import ItemStatus, is_finished, is_overdue
from cockpit.domain.figures import TestsFigure, checklist_figure, risks_figure, support_figure, tests_figure
from cockpit.domain.gate import CriterionKind, Decision, GateResult, evaluate_gate, name_list
from cockpit.domain.kpis import kpi_readings, summarize_kpis
from cockpit.domain.migration import ReconStatus, StepStatus, mismatches, reconcile
from cockpit.domain.risks import RiskStatus, is_open_red, uncovered_red_risks
from cockpit.domain.rollback import forecast_current_path
from cockpit.domain.rounds import DecisionRound, overdue_conditions
from cockpit.domain.tests import TestLevel, summarize_tests
from cockpit.i18n import ntr, tr
from cockpit.words.gate import criterion_label
from cockpit.words.labels import decision_label, level_label

if TYPE_CHECKING:
    from cockpit.domain.launch import LaunchData

SLACK_WARNING = timedelta(minutes=30)
NO_NUMBER = "—"


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


class Pane(StrEnum):
    CHECKLIST = "checklist"
    TESTS = "tests"
    MIGRATION = "migration"
    RISKS = "risks"
    SUPPORT = "support"
    GATE = "gate"


@dataclass(frozen=True, slots=True)
class PaneStatus:
    pane: Pane
    rag: Rag
    headline: str  # the one number that matters, e.g. "87%" or "3 P1 open"
    reason: str  # why this colour, in a sentence
    # The headline split for a big screen: the bare number ("3") and what it counts ("open P1 tickets").
    figure: str = NO_NUMBER
    counts: str = ""


def pane_statuses(data: LaunchData, *, now: datetime) -> dict[Pane, PaneStatus]:
    """The light of every pane, by the rules in this module's docstring."""
    return {pane: rule(data, now) for pane, rule in _RULES.items()}


def pane_status(pane: Pane, data: LaunchData, *, now: datetime) -> PaneStatus:
    """One pane's light, the same as ``pane_statuses(data, now=now)[pane]``: for a caller that keeps the
    others (each light reads only its own pane's rows, the gate's all the criteria read)."""
    return _RULES[pane](data, now)


def format_signed_duration(delta: timedelta) -> str:
    """'+1h 05m' or '−0h 20m' (minutes rounded toward zero)."""
    minutes = int(abs(delta).total_seconds() // 60)
    return format_signed_minutes(-minutes if delta < timedelta(0) else minutes)


def format_signed_minutes(minutes: int, *, negative: bool | None = None) -> str:
    """'+1h 05m' or '−0h 20m' for a whole number of minutes; ``negative`` keeps the sign of a time
    that rounds to 0 minutes (20 seconds past a deadline is '−0h 00m')."""
    sign = "−" if (minutes < 0 if negative is None else negative) else "+"
    minutes = abs(minutes)
    return tr("{sign}{hours}h {minutes:02d}m", sign=sign, hours=minutes // 60, minutes=minutes % 60)


def _percent(ratio: float, *, digits: int = 1) -> str:
    return f"{ratio * 100:.{digits}f}%"


def _checklist(data: LaunchData, now: datetime) -> PaneStatus:
    items = data.checklist
    if not items:
        return PaneStatus(Pane.CHECKLIST, Rag.GREEN, NO_NUMBER, tr("No checklist items yet"))
    figure = checklist_figure(items, now=now)
    headline = _percent(figure.ratio, digits=0)
    parts = (
        headline,
        tr("{done} of {total} applicable items done", done=figure.done, total=figure.applicable),
    )

    def troubled(gate_only: bool) -> tuple[int, int]:
        pool = [i for i in items if i.is_gate and not is_finished(i)] if gate_only else items
        blocked = sum(i.status == ItemStatus.BLOCKED for i in pool)
        overdue = sum(is_overdue(i, now=now) for i in pool)
        return blocked, overdue

    gate_blocked, gate_overdue = troubled(gate_only=True)
    if gate_blocked or gate_overdue:
        reason = tr(
            "Gate items: {blocked} blocked, {overdue} overdue", blocked=gate_blocked, overdue=gate_overdue
        )
        return PaneStatus(Pane.CHECKLIST, Rag.RED, headline, reason, *parts)
    if figure.blocked or figure.overdue:
        reason = tr("{blocked} blocked, {overdue} overdue", blocked=figure.blocked, overdue=figure.overdue)
        return PaneStatus(Pane.CHECKLIST, Rag.AMBER, headline, reason, *parts)
    reason = tr("{done} of {total} applicable items done", done=figure.done, total=figure.applicable)
    return PaneStatus(Pane.CHECKLIST, Rag.GREEN, headline, reason, *parts)


def pass_rate_thresholds(data: LaunchData) -> dict[TestLevel, float]:
    """Minimum pass rate per level from the enabled gate criteria; the strictest wins, bad params are skipped."""
    thresholds: dict[TestLevel, float] = {}
    for criterion in data.criteria:
        if not criterion.enabled or criterion.kind != CriterionKind.PASS_RATE:
            continue
        try:
            level = TestLevel(criterion.params["level"])
            minimum = float(criterion.params["min_pass_rate"])
        except (KeyError, TypeError, ValueError):
            continue  # the gate pane reports the bad setting
        thresholds[level] = max(minimum, thresholds.get(level, minimum))
    return thresholds


def _tests(data: LaunchData, now: datetime) -> PaneStatus:
    summaries = summarize_tests(data.runs, data.cases)
    thresholds = pass_rate_thresholds(data)
    rates = {level: s.pass_rate for level, s in summaries.items() if s.pass_rate is not None}
    lowest = tests_figure(data)
    headline = _percent(lowest.rate) if lowest.rate is not None else NO_NUMBER
    parts = (headline, _lowest_level_words(lowest))

    # Furthest below its minimum first.
    short = sorted(
        ((lvl, m) for lvl, m in thresholds.items() if lvl in rates and rates[lvl] + 1e-9 < m),
        key=lambda pair: rates[pair[0]] - pair[1],
    )
    below = [
        tr(
            "{level} {rate} below {minimum}",
            level=level_label(lvl),
            rate=_percent(rates[lvl]),
            minimum=_percent(m),
        )
        for lvl, m in short
    ]
    if below:
        return PaneStatus(Pane.TESTS, Rag.RED, headline, name_list(below), *parts)

    # One clause per kind of trouble, summed over the levels, the level with the most named first.
    new_failures = {lvl: len(s.new_failures) for lvl, s in summaries.items() if s.new_failures}
    flaky = {lvl: len(s.flaky) for lvl, s in summaries.items() if s.flaky}
    warnings = []
    if new_failures:
        warnings.append(
            ntr(
                "{n} new failure in {levels}",
                "{n} new failures in {levels}",
                sum(new_failures.values()),
                levels=_levels(new_failures),
            )
        )
    if flaky:
        warnings.append(
            ntr("{n} flaky in {levels}", "{n} flaky in {levels}", sum(flaky.values()), levels=_levels(flaky))
        )
    missing = [level_label(lvl) for lvl in thresholds if lvl not in rates]
    if missing:
        warnings.append(tr("No executed run yet: {levels}", levels=name_list(missing)))
    if warnings:
        return PaneStatus(Pane.TESTS, Rag.AMBER, headline, "; ".join(warnings), *parts)
    if not rates:
        return PaneStatus(Pane.TESTS, Rag.GREEN, headline, tr("No test run imported yet"), *parts)
    reason = tr("Every gated level meets its minimum pass rate")
    return PaneStatus(Pane.TESTS, Rag.GREEN, headline, reason, *parts)


def _lowest_level_words(lowest: TestsFigure) -> str:
    if lowest.level is None:
        return lowest.counts()
    if lowest.gated_only:
        return tr("lowest gated level: {level}", level=level_label(lowest.level))
    return tr("lowest level (none gated): {level}", level=level_label(lowest.level))


def _levels(counts: dict[TestLevel, int]) -> str:
    """The levels with a count, most first (ties in level order), a few named."""
    order = {lvl: i for i, lvl in enumerate(TestLevel)}
    ranked = sorted(counts, key=lambda lvl: (-counts[lvl], order[lvl]))
    return name_list(level_label(lvl) for lvl in ranked)


def _migration(data: LaunchData, now: datetime) -> PaneStatus:
    try:
        forecast = forecast_current_path(
            data.steps, data.rollback_decisions, now=now, rollback_deadline=data.launch.rollback_deadline
        )
    except ValueError as exc:
        return PaneStatus(Pane.MIGRATION, Rag.RED, NO_NUMBER, str(exc))
    recons = [reconcile(o) for o in data.objects]
    mismatched = [r.object.name for r in mismatches(recons)]  # the largest first, as the ledger has them
    in_progress = forecast.done < forecast.total
    slack = forecast.slack if in_progress else None
    slack_text = past_text = ""
    if slack is not None and forecast.slack_minutes is not None:
        # In whole minutes by the rule the Migration pane, its chart and `cockpit status` use.
        slack_text = format_signed_minutes(forecast.slack_minutes, negative=slack < timedelta(0))
        past_text = format_signed_minutes(-forecast.slack_minutes)

    if mismatched:
        headline = ntr("{n} mismatched", "{n} mismatched", len(mismatched))
        parts = (str(len(mismatched)), tr("objects mismatched"))
    elif slack is not None:
        headline = tr("slack {time}", time=slack_text)
        parts = (slack_text, tr("slack to the rollback deadline"))
    elif forecast.total:
        headline = tr("{done}/{total} steps", done=forecast.done, total=forecast.total)
        parts = (f"{forecast.done}/{forecast.total}", tr("steps done or skipped"))
    elif recons:
        reconciled = sum(r.status in (ReconStatus.RECONCILED, ReconStatus.ACCEPTED) for r in recons)
        headline = tr("{ok}/{total} reconciled", ok=reconciled, total=len(recons))
        parts = (f"{reconciled}/{len(recons)}", tr("objects reconciled"))
    else:
        headline, parts = NO_NUMBER, (NO_NUMBER, "")

    red = []
    if mismatched:
        red.append(tr("Mismatched: {names}", names=name_list(mismatched)))
    if slack is not None and slack < timedelta(0):
        red.append(tr("Forecast ends {time} after the rollback deadline", time=past_text))
    if red:
        return PaneStatus(Pane.MIGRATION, Rag.RED, headline, "; ".join(red), *parts)

    amber = []
    failed = sum(f.step.status == StepStatus.FAILED for f in forecast.steps)
    if failed:
        amber.append(ntr("{n} step failed", "{n} steps failed", failed))
    if in_progress and forecast.late:
        late = ntr("{n} step late", "{n} steps late", len(forecast.late))
        if forecast.overrun:  # name the cause: the steps that took longer than planned themselves
            late += (
                " ("
                + ntr("{n} over its planned time", "{n} over their planned time", len(forecast.overrun))
                + ")"
            )
        amber.append(late)
    if slack is not None and slack < SLACK_WARNING:
        amber.append(tr("Only {time} before the rollback deadline", time=slack_text))
    if amber:
        return PaneStatus(Pane.MIGRATION, Rag.AMBER, headline, "; ".join(amber), *parts)
    if not forecast.total and not recons:
        return PaneStatus(
            Pane.MIGRATION, Rag.GREEN, headline, tr("No runbook step or migration object yet"), *parts
        )
    return PaneStatus(Pane.MIGRATION, Rag.GREEN, headline, tr("On plan, no mismatch"), *parts)


def _risks(data: LaunchData, now: datetime) -> PaneStatus:
    thresholds = data.risk_thresholds
    red_open = [r for r in data.risks if is_open_red(r, thresholds)]
    figure = risks_figure(data)
    headline = ntr("{n} red open (residual)", "{n} red open (residual)", figure.red_open)
    parts = (
        str(figure.red_open),
        ntr("open red risk (residual)", "open red risks (residual)", figure.red_open),
    )
    uncovered = uncovered_red_risks(red_open, thresholds)  # the highest rating now first
    if uncovered:
        reason = tr("No contingency plan: {names}", names=name_list(r.title for r in uncovered))
        return PaneStatus(Pane.RISKS, Rag.RED, headline, reason, *parts)
    occurred = [r.title for r in data.risks if r.status == RiskStatus.OCCURRED]
    amber = []
    if red_open:
        amber.append(ntr("{n} open red risk", "{n} open red risks", len(red_open)))
    if occurred:
        amber.append(tr("Occurred: {names}", names=name_list(occurred)))
    if amber:
        return PaneStatus(Pane.RISKS, Rag.AMBER, headline, "; ".join(amber), *parts)
    return PaneStatus(Pane.RISKS, Rag.GREEN, headline, tr("{n} open, none red", n=figure.open), *parts)


def _support(data: LaunchData, now: datetime) -> PaneStatus:
    figure = support_figure(data, now=now)
    open_p1 = figure.open_p1
    headline = tr("{n} P1 open", n=open_p1) if open_p1 else tr("{n} open", n=figure.open)
    parts = (
        (str(open_p1), ntr("open P1 ticket", "open P1 tickets", open_p1))
        if open_p1
        else (str(figure.open), ntr("open ticket", "open tickets", figure.open))
    )
    if open_p1 or figure.urgent_past_sla:
        reason = tr(
            "{p1} P1 open; {breached} open past SLA, {urgent} of them P1/P2",
            p1=open_p1,
            breached=figure.past_sla,
            urgent=figure.urgent_past_sla,
        )
        return PaneStatus(Pane.SUPPORT, Rag.RED, headline, reason, *parts)
    if figure.past_sla:
        reason = ntr("{n} open ticket past SLA", "{n} open tickets past SLA", figure.past_sla)
        return PaneStatus(Pane.SUPPORT, Rag.AMBER, headline, reason, *parts)
    return PaneStatus(Pane.SUPPORT, Rag.GREEN, headline, tr("Every open ticket within SLA"), *parts)


def _gate(data: LaunchData, now: datetime) -> PaneStatus:
    return gate_status(evaluate_gate(data, now=now), rounds=data.rounds, now=now)


def gate_status(
    result: GateResult, *, rounds: tuple[DecisionRound, ...] = (), now: datetime | None = None
) -> PaneStatus:
    """The gate's light from its evaluation (``evaluate_gate``), for a caller that shows both; a condition
    of a go/no-go round still unmet past its due time (``rounds`` as of ``now``) turns it red."""
    met = sum(c.ok for c in result.criteria)
    headline = tr("{met}/{total} met", met=met, total=len(result.criteria))
    reason = tr(
        "Decision: {decision} ({signed} of {required} signed)",
        decision=decision_label(result.decision),
        signed=result.signed,
        required=result.required,
    )
    unmet = [criterion_label(c.criterion.kind, c.criterion.params) for c in result.criteria if not c.ok]
    if unmet:
        reason += "; " + tr("not met: {names}", names=name_list(unmet))
    overdue = overdue_conditions(rounds, now=now) if now is not None else ()
    if overdue:
        reason = (
            ntr(
                "{n} condition of a go/no-go round overdue: {names}",
                "{n} conditions of go/no-go rounds overdue: {names}",
                len(overdue),
                names=name_list(c.text for c in overdue),
            )
            + "; "
            + reason
        )
    if result.decision == Decision.NO_GO or overdue:
        rag = Rag.RED
    elif result.ready and result.decision == Decision.GO:
        rag = Rag.GREEN
    else:
        rag = Rag.AMBER
    return PaneStatus(Pane.GATE, rag, headline, reason, f"{met}/{len(result.criteria)}", tr("criteria met"))


_RULES: dict[Pane, Callable[[LaunchData, datetime], PaneStatus]] = {
    Pane.CHECKLIST: _checklist,
    Pane.TESTS: _tests,
    Pane.MIGRATION: _migration,
    Pane.RISKS: _risks,
    Pane.SUPPORT: _support,
    Pane.GATE: _gate,
}


@dataclass(frozen=True, slots=True)
class KpiLight:
    """The Overview's KPI tile: a light like a pane's, though no pane's light includes the KPIs."""

    rag: Rag
    headline: str
    reason: str


def kpi_light(data: LaunchData) -> KpiLight:
    """The Overview's KPI tile ("KPIs: 1 of 5 breached"), from the same count as the Hypercare pane."""
    summary = summarize_kpis(data.kpis, data.kpi_values)
    readings = kpi_readings(data.kpis, data.kpi_values)
    breached = [r.kpi.name for r in readings if r.met is False]
    unmeasured = [r.kpi.name for r in readings if r.latest is None]
    headline = tr("{breached}/{total} breached", breached=summary.breached, total=summary.total)
    reason = summary.text
    if breached:
        rag = Rag.RED
        reason += "; " + tr("breached: {names}", names=name_list(breached))
    elif unmeasured:
        rag = Rag.AMBER
        reason += "; " + tr("no value yet: {names}", names=name_list(unmeasured))
    else:
        rag = Rag.GREEN
    return KpiLight(rag, headline, reason)
