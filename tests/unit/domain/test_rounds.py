"""The rules of a decision round: one open at a time, a closed one never edited, verdicts and decisions that
say why, overdue conditions, and what changed between two rounds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cockpit.domain.refusal import Refusal
from cockpit.domain.rounds import (
    Condition,
    DecisionRound,
    FrozenCriterion,
    RoundDecision,
    Verdict,
    changed_criteria,
    check_can_open,
    check_condition_met,
    check_decision,
    check_editable,
    check_verdict,
    overdue_conditions,
)

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def a_round(
    number: int, *, decision: RoundDecision | None = None, conditions=(), criteria=()
) -> DecisionRound:
    return DecisionRound(
        id=number,
        number=number,
        title="",
        held_at=NOW,
        chair="Sato",
        attendees=("Sato",),
        evidence_sha256="0" * 64,
        criteria=tuple(criteria),
        conditions=tuple(conditions),
        decision=decision,
    )


def test_the_next_round_waits_for_the_open_one() -> None:
    assert check_can_open([]) == 1
    assert check_can_open([a_round(1, decision=RoundDecision.GO)]) == 2
    with pytest.raises(Refusal, match="Round 2 is still open"):
        check_can_open([a_round(1, decision=RoundDecision.NO_GO), a_round(2)])


def test_a_closed_round_is_never_edited() -> None:
    check_editable(a_round(1))
    with pytest.raises(Refusal, match=r"Round 1 is closed \(decided Postponed\)"):
        check_editable(a_round(1, decision=RoundDecision.POSTPONED))


def test_verdicts_and_decisions_say_why() -> None:
    check_verdict(Verdict.GO, comment="", conditions=0)
    with pytest.raises(Refusal, match="A no-go needs a comment"):
        check_verdict(Verdict.NO_GO, comment=" ", conditions=0)
    with pytest.raises(Refusal, match="at least one"):
        check_verdict(Verdict.CONDITIONAL_GO, comment="fine", conditions=0)
    with pytest.raises(Refusal, match="cannot end in a conditional go"):
        check_decision(a_round(1), RoundDecision.CONDITIONAL_GO, comment="")
    with pytest.raises(Refusal, match="needs a comment"):
        check_decision(a_round(1), RoundDecision.POSTPONED, comment="")


def test_overdue_conditions_and_meeting_them() -> None:
    due_past = Condition(id=1, round_id=1, text="Train users", due=datetime(2026, 11, 19, tzinfo=UTC))
    due_later = Condition(id=2, round_id=1, text="Rehearse", due=datetime(2026, 11, 30, tzinfo=UTC))
    met = Condition(
        id=3, round_id=1, text="Backup", due=due_past.due, met_by="ito", met_at=NOW, evidence="log"
    )
    rounds = [a_round(1, decision=RoundDecision.CONDITIONAL_GO, conditions=[due_past, due_later, met])]
    assert overdue_conditions(rounds, now=NOW) == (due_past,)
    with pytest.raises(Refusal, match="already marked met by ito"):
        check_condition_met(met, evidence="again")
    with pytest.raises(Refusal, match="give the evidence"):
        check_condition_met(due_past, evidence="")


def test_what_changed_between_two_rounds() -> None:
    before = [
        FrozenCriterion(1, "no_open_tickets", {}, True, "No open P1 ticket"),
        FrozenCriterion(2, "backup_done", {}, False, "0 of 1 done"),
    ]
    after = [
        FrozenCriterion(1, "no_open_tickets", {}, False, "1 open P1 ticket"),
        FrozenCriterion(2, "backup_done", {}, False, "0 of 1 done"),
        FrozenCriterion(3, "red_risks_covered", {}, True, "No open red risk"),
    ]
    assert set(changed_criteria(before, after)) == {1, 3}
