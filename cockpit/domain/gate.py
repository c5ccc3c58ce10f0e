"""The go/no-go decision (開始判定 / 移行判定): criteria computed from the panes, and sign-offs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from cockpit.domain.checklist import ChecklistItem, is_finished
from cockpit.domain.gate_criterion import CriterionKind as CriterionKind
from cockpit.domain.gate_criterion import GateCriterion as GateCriterion
from cockpit.domain.migration import (
    MigrationObject,
    ReconStatus,
    RunbookStep,
    StepKind,
    StepStatus,
    mismatches,
    reconcile,
)
from cockpit.domain.risks import Risk, RiskThresholds, is_open_red, uncovered_red_risks
from cockpit.domain.support import Severity, Ticket
from cockpit.domain.tests import TestLevel, TestRun, pass_rate, run_history
from cockpit.i18n import ntr, tr
from cockpit.words.labels import level_label


class Decision(StrEnum):
    PENDING = "pending"
    GO = "go"
    CONDITIONAL_GO = "conditional_go"
    NO_GO = "no_go"


@dataclass(frozen=True, slots=True)
class SignOff:
    id: int
    person: str
    role: str
    decision: Decision = Decision.PENDING
    decided_at: datetime | None = None
    comment: str = ""
    version: int = 1
    updated_by: str = ""
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CriterionResult:
    criterion: GateCriterion
    ok: bool
    detail: str  # a short sentence with the numbers behind ``ok``


@dataclass(frozen=True, slots=True)
class GateResult:
    criteria: tuple[CriterionResult, ...]  # enabled criteria only, in their stored order
    ready: bool  # every enabled criterion is met
    decision: Decision  # what the sign-offs say together
    signed: int  # sign-offs that are no longer pending
    required: int  # all sign-offs


class GateInputs(Protocol):
    """What the go/no-go reads of a launch: ``domain.launch.LaunchData`` is one.

    The gate names the parts it reads instead of the aggregate, so the aggregate (which holds the criteria
    and sign-offs defined here) can import this module without this module importing it back.
    """

    @property
    def criteria(self) -> tuple[GateCriterion, ...]: ...
    @property
    def signoffs(self) -> tuple[SignOff, ...]: ...
    @property
    def checklist(self) -> tuple[ChecklistItem, ...]: ...
    @property
    def runs(self) -> tuple[TestRun, ...]: ...
    @property
    def tickets(self) -> tuple[Ticket, ...]: ...
    @property
    def objects(self) -> tuple[MigrationObject, ...]: ...
    @property
    def steps(self) -> tuple[RunbookStep, ...]: ...
    @property
    def risks(self) -> tuple[Risk, ...]: ...
    @property
    def risk_thresholds(self) -> RiskThresholds: ...


def evaluate_gate(
    data: GateInputs, *, now: datetime, reuse: Mapping[int, CriterionResult] | None = None
) -> GateResult:
    """Compute every enabled criterion from the launch data, and combine the sign-offs.

    ``reuse``: results of an earlier evaluation, by criterion id, whose inputs the caller knows to be
    unchanged; one is taken as it is when its criterion is the same (kind, params, version), else worked
    out again. The answer is the same as without it.
    """
    kept_results: Mapping[int, CriterionResult] = reuse or {}

    def result_of(criterion: GateCriterion) -> CriterionResult:
        kept = kept_results.get(criterion.id)
        if kept is not None and kept.criterion == criterion:
            return kept
        return evaluate_criterion(criterion, data, now=now)

    results = tuple(result_of(c) for c in data.criteria if c.enabled)
    return GateResult(
        criteria=results,
        ready=all(r.ok for r in results),
        decision=combined_decision(data.signoffs),
        signed=sum(s.decision != Decision.PENDING for s in data.signoffs),
        required=len(data.signoffs),
    )


def combined_decision(signoffs: Iterable[SignOff]) -> Decision:
    """One no-go stops the launch; otherwise it waits for everyone; any condition makes it conditional."""
    decisions = {s.decision for s in signoffs}
    if Decision.NO_GO in decisions:
        return Decision.NO_GO
    if not decisions or Decision.PENDING in decisions:
        return Decision.PENDING
    if Decision.CONDITIONAL_GO in decisions:
        return Decision.CONDITIONAL_GO
    return Decision.GO


def evaluate_criterion(criterion: GateCriterion, data: GateInputs, *, now: datetime) -> CriterionResult:
    """One criterion's verdict; a criterion whose stored parameters make no sense is never met."""
    try:
        ok, detail = _EVALUATORS[criterion.kind](criterion.params, data, now)
    except KeyError as exc:
        ok, detail = False, tr("Invalid criterion setting: {name} is missing", name=exc.args[0])
    except (TypeError, ValueError) as exc:
        ok, detail = False, tr("Invalid criterion setting: {problem}", problem=str(exc))
    return CriterionResult(criterion=criterion, ok=ok, detail=detail)


def name_list(names: Iterable[str], *, limit: int = 3) -> str:
    """'A, B, C' or 'A, B, C and 4 more': enough to act on without flooding a table cell or a tile.

    Names come in the order given, so callers put the most pressing first.
    """
    names = list(names)
    shown = ", ".join(names[:limit])
    if len(names) <= limit:
        return shown
    return ntr("{names} and {n} more", "{names} and {n} more", len(names) - limit, names=shown)


def percent(ratio: float) -> str:
    return f"{ratio * 100:.1f}%"


Verdict = tuple[bool, str]


def _gate_items_done(params: dict[str, Any], data: GateInputs, now: datetime) -> Verdict:
    gate_items = [i for i in data.checklist if i.is_gate]
    if not gate_items:
        return True, tr("No gate item in the checklist")
    open_items = [i for i in gate_items if not is_finished(i)]
    if not open_items:
        return True, ntr("The gate item is done or n/a", "All {n} gate items done or n/a", len(gate_items))
    return False, tr(
        "{n} of {total} gate items not done: {names}",
        n=len(open_items),
        total=len(gate_items),
        names=name_list(i.title for i in open_items),
    )


def _pass_rate(params: dict[str, Any], data: GateInputs, now: datetime) -> Verdict:
    level = TestLevel(params["level"])
    minimum = float(params["min_pass_rate"])
    if not 0 <= minimum <= 1:
        raise ValueError(tr("minimum pass rate {value} is not between 0 and 1", value=minimum))
    history = run_history(data.runs, level=level)
    if not history:
        return False, tr("No {level} run imported yet", level=level_label(level))
    latest = history[-1]
    rate = pass_rate(latest)
    if rate is None:
        return False, tr("Nothing executed in run '{run}' (all skipped)", run=latest.name)
    # A tolerance, so that 19 of 20 meets 95% despite binary floating point.
    ok = rate + 1e-9 >= minimum
    return ok, tr(
        "{rate} passed (min {minimum}) in run '{run}'",
        rate=percent(rate),
        minimum=percent(minimum),
        run=latest.name,
    )


def _no_open_tickets(params: dict[str, Any], data: GateInputs, now: datetime) -> Verdict:
    wanted = params.get("severity", Severity.P1.value)
    severities = {Severity(s) for s in ([wanted] if isinstance(wanted, str) else wanted)}
    max_open = int(params.get("max_open", 0))
    label = "/".join(s.value for s in Severity if s in severities)
    open_tickets = [t for t in data.tickets if t.is_open and t.severity in severities]
    if not open_tickets:
        return True, tr("No open {severity} ticket", severity=label)
    detail = ntr(
        "{n} open {severity} ticket (max {max_open}): {names}",
        "{n} open {severity} tickets (max {max_open}): {names}",
        len(open_tickets),
        severity=label,
        max_open=max_open,
        names=name_list(t.title for t in open_tickets),
    )
    return len(open_tickets) <= max_open, detail


def _migration_reconciled(params: dict[str, Any], data: GateInputs, now: datetime) -> Verdict:
    if not data.objects:
        return True, tr("No migration object to reconcile")
    recons = [reconcile(o) for o in data.objects]
    total = len(recons)
    mismatched = [r.object.name for r in mismatches(recons)]
    if mismatched:
        return False, tr(
            "{n} of {total} objects mismatched: {names}",
            n=len(mismatched),
            total=total,
            names=name_list(mismatched),
        )
    pending = sum(r.status == ReconStatus.PENDING for r in recons)
    if pending == total:
        return False, ntr("{n} object, not loaded yet", "{n} objects, none loaded yet", total)
    accepted = sum(r.status == ReconStatus.ACCEPTED for r in recons)
    detail = tr("{ok} of {total} objects reconciled", ok=total - pending, total=total)
    if accepted:
        detail += tr(", {n} with an accepted difference", n=accepted)
    if pending:
        detail += tr(", {n} not loaded yet", n=pending)
    return True, detail


def _backup_done(params: dict[str, Any], data: GateInputs, now: datetime) -> Verdict:
    backups = [s for s in data.steps if s.kind == StepKind.BACKUP]
    if not backups:
        return False, tr("No backup step in the runbook")
    missing = [s.title for s in backups if s.status != StepStatus.DONE]
    if not missing:
        return True, ntr("The backup step is done", "All {n} backup steps done", len(backups))
    return False, tr(
        "{done} of {total} backup steps done; waiting for {names}",
        done=len(backups) - len(missing),
        total=len(backups),
        names=name_list(missing),
    )


def _red_risks_covered(params: dict[str, Any], data: GateInputs, now: datetime) -> Verdict:
    thresholds = data.risk_thresholds
    uncovered = [r.title for r in uncovered_red_risks(data.risks, thresholds)]
    if uncovered:
        return False, ntr(
            "{n} open red risk without a contingency plan: {names}",
            "{n} open red risks without a contingency plan: {names}",
            len(uncovered),
            names=name_list(uncovered),
        )
    red = sum(is_open_red(r, thresholds) for r in data.risks)
    if not red:
        return True, tr("No open red risk")
    return True, ntr(
        "{n} open red risk, with a contingency plan",
        "{n} open red risks, all with a contingency plan",
        red,
    )


_EVALUATORS: dict[CriterionKind, Callable[[dict[str, Any], GateInputs, datetime], Verdict]] = {
    CriterionKind.GATE_ITEMS_DONE: _gate_items_done,
    CriterionKind.PASS_RATE: _pass_rate,
    CriterionKind.NO_OPEN_TICKETS: _no_open_tickets,
    CriterionKind.MIGRATION_RECONCILED: _migration_reconciled,
    CriterionKind.BACKUP_DONE: _backup_done,
    CriterionKind.RED_RISKS_COVERED: _red_risks_covered,
}
