"""Decision rounds (移行判定会議): frozen evidence, each signer's verdict, conditions, and the round's decision.

A round is open until its decision is recorded; a closed round is never edited again, only followed by a
new one. Conditions of a conditional go stay open until someone marks them met with evidence; an open
condition past its due time is overdue, which turns the go/no-go light red.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from cockpit.domain.refusal import Refusal
from cockpit.i18n import tr
from cockpit.words.rounds import round_decision_label


class RoundDecision(StrEnum):
    """What the chair records; any of them closes the round."""

    GO = "go"
    CONDITIONAL_GO = "conditional_go"
    NO_GO = "no_go"
    POSTPONED = "postponed"


class Verdict(StrEnum):
    """What one signer says in a round."""

    GO = "go"
    CONDITIONAL_GO = "conditional_go"
    NO_GO = "no_go"


@dataclass(frozen=True, slots=True)
class FrozenCriterion:
    """One criterion as it stood when the round opened: its kind and thresholds, met or not, and the numbers."""

    criterion_id: int
    kind: str
    params: dict[str, Any]
    ok: bool
    detail: str


@dataclass(frozen=True, slots=True)
class RoundVerdict:
    id: int
    round_id: int
    person: str
    role: str
    verdict: Verdict
    comment: str
    signed_at: datetime
    version: int = 1


@dataclass(frozen=True, slots=True)
class Condition:
    id: int
    round_id: int
    text: str
    owner: str = ""
    due: datetime | None = None
    verdict_id: int | None = None
    met_by: str = ""
    met_at: datetime | None = None
    evidence: str = ""
    version: int = 1

    @property
    def is_met(self) -> bool:
        return self.met_at is not None


@dataclass(frozen=True, slots=True)
class DecisionRound:
    id: int
    number: int
    title: str  # as given; empty: worded from the number when shown (``words.rounds.round_title``)
    held_at: datetime
    chair: str
    attendees: tuple[str, ...]
    evidence_sha256: str
    criteria: tuple[FrozenCriterion, ...] = ()
    verdicts: tuple[RoundVerdict, ...] = ()
    conditions: tuple[Condition, ...] = field(default=())
    decision: RoundDecision | None = None
    decision_comment: str = ""
    decided_by: str = ""
    decided_at: datetime | None = None
    version: int = 1

    @property
    def is_open(self) -> bool:
        return self.decision is None


def is_overdue(condition: Condition, *, now: datetime) -> bool:
    return not condition.is_met and condition.due is not None and condition.due < now


def open_conditions(rounds: Iterable[DecisionRound]) -> tuple[Condition, ...]:
    """Every condition not yet met, of every round, oldest round first."""
    return tuple(c for r in rounds for c in r.conditions if not c.is_met)


def overdue_conditions(rounds: Iterable[DecisionRound], *, now: datetime) -> tuple[Condition, ...]:
    return tuple(c for c in open_conditions(rounds) if is_overdue(c, now=now))


def open_round(rounds: Iterable[DecisionRound]) -> DecisionRound | None:
    return next((r for r in rounds if r.is_open), None)


def latest_round(rounds: Iterable[DecisionRound]) -> DecisionRound | None:
    return max(rounds, key=lambda r: r.number, default=None)


def check_can_open(rounds: Iterable[DecisionRound]) -> int:
    """The number of the next round; refused while a round is still open."""
    rounds = tuple(rounds)
    current = open_round(rounds)
    if current is not None:
        raise Refusal(
            tr(
                "Round {number} is still open: record its decision, or close it as postponed, before "
                "opening the next one.",
                number=current.number,
            )
        )
    return max((r.number for r in rounds), default=0) + 1


def check_editable(round_: DecisionRound) -> None:
    """A closed round is the record of a meeting that happened: it is never edited, only followed."""
    if not round_.is_open:
        raise Refusal(
            tr(
                "Round {number} is closed (decided {decision}): it cannot be changed. Open a new round "
                "to decide again.",
                number=round_.number,
                decision=round_decision_label(round_.decision) if round_.decision else "",
            )
        )


def check_verdict(verdict: Verdict, *, comment: str, conditions: int) -> None:
    """A no-go says why; a conditional go lists at least one condition."""
    if verdict is Verdict.NO_GO and not comment.strip():
        raise Refusal(tr("A no-go needs a comment: give the reason to stop."))
    if verdict is Verdict.CONDITIONAL_GO and not conditions:
        raise Refusal(tr("A conditional go lists its conditions: give at least one (what, who, by when)."))


def check_decision(round_: DecisionRound, decision: RoundDecision, *, comment: str) -> None:
    """The decision closes the round: a conditional go needs the round's conditions; a no-go or a postponement
    says why."""
    check_editable(round_)
    if decision is RoundDecision.CONDITIONAL_GO and not round_.conditions:
        raise Refusal(
            tr(
                "Round {number} has no conditions, so it cannot end in a conditional go: a signer gives a "
                "conditional go with its conditions first.",
                number=round_.number,
            )
        )
    if decision in (RoundDecision.NO_GO, RoundDecision.POSTPONED) and not comment.strip():
        raise Refusal(tr("A no-go or a postponement needs a comment: say why."))


def check_condition_met(condition: Condition, *, evidence: str) -> None:
    if condition.is_met:
        raise Refusal(
            tr(
                "Condition #{id} was already marked met by {who}; nothing to do.",
                id=condition.id,
                who=condition.met_by,
            )
        )
    if not evidence.strip():
        raise Refusal(tr("Say what shows the condition is met: give the evidence."))


def changed_criteria(
    before: Iterable[FrozenCriterion], after: Iterable[FrozenCriterion]
) -> dict[int, tuple[FrozenCriterion | None, FrozenCriterion | None]]:
    """Criteria whose verdict or numbers differ between two rounds (or that one round has and the other not),
    by criterion id."""
    old = {c.criterion_id: c for c in before}
    new = {c.criterion_id: c for c in after}
    changed: dict[int, tuple[FrozenCriterion | None, FrozenCriterion | None]] = {}
    for criterion_id in [*old, *(i for i in new if i not in old)]:
        a, b = old.get(criterion_id), new.get(criterion_id)
        if a is None or b is None or (a.ok, a.detail, a.params) != (b.ok, b.detail, b.params):
            changed[criterion_id] = (a, b)
    return changed
