"""Decision rounds (移行判定会議): open one (freezing the evidence), sign in it, decide it, meet its conditions.

Opening a round reads the whole launch inside the write transaction and freezes what ``cockpit status
--json`` says at that moment: the document as canonical JSON with its SHA-256, and each enabled criterion's
verdict as a row of its own (``round_criteria``), both written once and never updated. ``cockpit verify``
(``services/verify.py``) checks them against the hash and the audit trail.

A signer's verdict in a round also becomes their answer on the sign-off roster (``signoffs``), so the
overview's go/no-go panel and the plain ``cockpit signoff`` agree with the round: while a round is open,
``signoff`` signs in it; with no round open it records the roster answer alone, as it always did.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cockpit.domain.gate import Decision
from cockpit.domain.launch import Person
from cockpit.domain.people import is_named, same_login
from cockpit.domain.rounds import (
    DecisionRound,
    RoundDecision,
    Verdict,
    check_can_open,
    check_condition_met,
    check_decision,
    check_editable,
    check_verdict,
    open_round,
)
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.edits import Edit
from cockpit.services.evidence import evidence_hash
from cockpit.services.rules import in_launch_zone, moment, now, refusals_as_bad_input, ruling_on, stamp
from cockpit.services.status import build_status
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import read_launch, read_people, read_signoffs
from cockpit.store.read_rounds import condition_of, read_rounds
from cockpit.store.writer import Writer

# What a signer or the chair may say from the command line, and what the file stores for it.
VERDICTS = {"go": Verdict.GO, "no_go": Verdict.NO_GO, "conditional": Verdict.CONDITIONAL_GO}
ROUND_DECISIONS = {
    "go": RoundDecision.GO,
    "no_go": RoundDecision.NO_GO,
    "conditional": RoundDecision.CONDITIONAL_GO,
    "postponed": RoundDecision.POSTPONED,
}


@dataclass(frozen=True, slots=True)
class ConditionInput:
    """A condition as a signer gives it: what must be true, who sees to it, by when (ISO text or a time)."""

    text: str
    owner: str = ""
    due: datetime | str | None = None


def canonical_json(document: Any) -> str:
    """The one spelling of a document whose SHA-256 is kept: sorted keys, no spaces, UTF-8 as it is."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def list_rounds(lf: LaunchFile) -> tuple[DecisionRound, ...]:
    with lf.reading() as conn:
        return read_rounds(conn)


def _person(people: Sequence[Person], who: str, what: str) -> Person:
    """One of the launch's people by login or name; ``BadInput`` naming the people list otherwise."""
    who = who.strip()
    found = next((p for p in people if is_named(who, p)), None)
    if found is None:
        known = ", ".join(p.login or p.name for p in people) or tr("nobody yet")
        raise BadInput(
            tr(
                "{what} {who!r} is not on this launch's people list ({known}). Add them to the people "
                "first, or name someone on it by login.",
                what=what,
                who=who,
                known=known,
            )
        )
    return found


def _round(w: Writer, number: int | None) -> DecisionRound:
    """Round ``number``, or the open round when None; ``BadInput`` saying what there is otherwise."""
    rounds = read_rounds(w.conn)
    if number is None:
        current = open_round(rounds)
        if current is None:
            raise BadInput(tr("No round is open. Open one first (a go/no-go meeting)."))
        return current
    found = next((r for r in rounds if r.number == number), None)
    if found is None:
        raise BadInput(
            tr(
                "There is no round {number}; the rounds are: {numbers}.",
                number=number,
                numbers=", ".join(str(r.number) for r in rounds) or tr("none yet"),
            )
        )
    return found


def open_new_round(
    lf: LaunchFile,
    *,
    actor: str,
    chair: str,
    attendees: Sequence[str] = (),
    held_at: datetime | str | None = None,
    title: str = "",
) -> Edit:
    """A new round, numbered after the last, with the evidence of this moment frozen in it."""
    when = moment(held_at, tr("meeting"), local=True)
    if not chair.strip():
        raise BadInput(tr("Name the round's chair by login (one of the launch's people)."))
    with lf.writing(actor) as w:
        people = read_people(w.conn)
        chair_person = _person(people, chair, tr("The chair"))
        names = [_person(people, a, tr("The attendee")).name for a in attendees if a.strip()]
        if chair_person.name not in names:
            names.insert(0, chair_person.name)
        data = read_launch(w.conn)
        with refusals_as_bad_input():
            number = check_can_open(data.rounds)
        opened = now()
        status = build_status(data, now=opened)
        row = freeze_round(
            w,
            number=number,
            title=title.strip(),
            held_at=(in_launch_zone(w, when) if when else opened).isoformat(timespec="milliseconds"),
            chair=chair_person.name,
            attendees=list(dict.fromkeys(names)),
            status=status,
        )
    return Edit(row, w.changes)


def freeze_round(
    w: Writer,
    *,
    number: int,
    title: str,
    held_at: str,
    chair: str,
    attendees: list[str],
    status: dict[str, Any],
    summary: str = "",
) -> dict[str, Any]:
    """Write a new open round with ``status`` (a ``build_status`` document) frozen as its evidence: the document
    as canonical JSON with its SHA-256, and one row per criterion as it stood. The one place a round is frozen,
    for ``open_round`` and the demo alike."""
    evidence = canonical_json(status)
    row = w.insert(
        "decision_rounds",
        {
            "number": number,
            "title": title,
            "held_at": held_at,
            "chair": chair,
            "attendees": json.dumps(attendees, ensure_ascii=False),
            "evidence": evidence,
            "evidence_sha256": evidence_hash(evidence),
        },
        summary=summary,
    )
    for criterion in status["gate"]["criteria"]:
        w.insert(
            "round_criteria",
            {
                "round_id": row["id"],
                "criterion_id": criterion["id"],
                "kind": criterion["kind"],
                "params": canonical_json(criterion["params"]),
                "ok": int(criterion["ok"]),
                "detail": criterion["detail"],
            },
            summary=summary,
        )
    return row


def _signer(w: Writer, who: str) -> tuple[int, str, str]:
    """The roster row (id, person, role) of ``who`` (a login or a name); ``BadInput`` naming the roster."""
    people = read_people(w.conn)
    me = [p for p in people if p.login and same_login(p.login, who)]
    signoffs = read_signoffs(w.conn)
    for s in signoffs:
        if s.person == who or same_login(s.person, who) or any(is_named(s.person, p) for p in me):
            return s.id, s.person, s.role
    roster = ", ".join(f"{s.person} ({s.role})" if s.role else s.person for s in signoffs)
    raise BadInput(
        tr(
            "{who} is not on the sign-off roster ({roster}). Sign as someone on it, or add {who} to the "
            "roster first.",
            who=who,
            roster=roster or tr("nobody yet"),
        )
    )


def sign_in_round(
    lf: LaunchFile,
    *,
    actor: str,
    verdict: str,
    comment: str = "",
    conditions: Sequence[ConditionInput] = (),
    round_number: int | None = None,
) -> Edit:
    """``actor``'s verdict in the open round (or round ``round_number``, which must be open); signing again
    replaces the verdict and adds the conditions given. The roster's answer follows the verdict."""
    chosen = VERDICTS.get(verdict)
    if chosen is None:
        raise BadInput(
            tr(
                "{value!r} is not a verdict; use one of: {allowed}.",
                value=verdict,
                allowed=", ".join(VERDICTS),
            )
        )
    comment = (comment or "").strip()
    given = [c for c in conditions if c.text.strip()]
    with refusals_as_bad_input():
        check_verdict(chosen, comment=comment, conditions=len(given))
    if given and chosen is not Verdict.CONDITIONAL_GO:
        raise BadInput(tr("Conditions come with a conditional go; give that verdict, or no condition."))
    dues = [moment(c.due, tr("due"), local=True) for c in given]
    signed = now()
    with lf.writing(actor) as w:
        round_ = _round(w, round_number)
        with refusals_as_bad_input():
            check_editable(round_)
        signoff_id, person, role = _signer(w, actor)
        values = {"verdict": chosen.value, "comment": comment, "signed_at": stamp(signed)}
        earlier = next((v for v in round_.verdicts if v.person == person), None)
        if earlier is None:
            row = w.insert(
                "round_verdicts", {"round_id": round_.id, "person": person, "role": role, **values}
            )
        else:
            row = w.update("round_verdicts", earlier.id, values)
        for condition, due in zip(given, dues, strict=True):
            w.insert(
                "round_conditions",
                {
                    "round_id": round_.id,
                    "verdict_id": row["id"],
                    "text": condition.text.strip(),
                    "owner": condition.owner.strip(),
                    "due": stamp(in_launch_zone(w, due)) if due else None,
                },
            )
        roster_answer = {Verdict.GO: Decision.GO, Verdict.NO_GO: Decision.NO_GO}.get(
            chosen, Decision.CONDITIONAL_GO
        )
        # Each thing said once: a plain sign-off's comment is also its condition (services/roster.py).
        summary = "; ".join(dict.fromkeys(t for t in [comment, *(c.text.strip() for c in given)] if t))
        roster = w.update(
            "signoffs",
            signoff_id,
            {"decision": roster_answer.value, "comment": summary, "decided_at": stamp(signed)},
            summary=tr("round {number}", number=round_.number),
        )
    return Edit({**row, "round": round_.number, "signoff": roster}, w.changes)


def is_round_open(lf: LaunchFile) -> bool:
    with lf.reading() as conn:
        return open_round(read_rounds(conn)) is not None


def decide_round(
    lf: LaunchFile,
    *,
    actor: str,
    decision: str,
    comment: str = "",
    round_number: int | None = None,
    expect_version: int | None = None,
) -> Edit:
    """The round's decision, recorded by ``actor`` for the chair: it closes the round for good."""
    chosen = ROUND_DECISIONS.get(decision)
    if chosen is None:
        raise BadInput(
            tr(
                "{value!r} is not a decision; use one of: {allowed}.",
                value=decision,
                allowed=", ".join(ROUND_DECISIONS),
            )
        )
    comment = (comment or "").strip()
    with lf.writing(actor) as w:
        round_ = _round(w, round_number)
        current = w.row("decision_rounds", round_.id)
        with ruling_on(w, "decision_rounds", current, expect_version):
            check_decision(round_, chosen, comment=comment)
        row = w.update(
            "decision_rounds",
            round_.id,
            {
                "decision": chosen.value,
                "decision_comment": comment,
                "decided_by": actor,
                "decided_at": stamp(now()),
            },
            expect_version=expect_version,
        )
    return Edit(_without_evidence(row), w.changes)


def mark_condition_met(
    lf: LaunchFile, *, actor: str, condition_id: int, evidence: str, expect_version: int | None = None
) -> Edit:
    """A condition met: who, when, and what shows it. A closed round's conditions are tracked still."""
    evidence = (evidence or "").strip()
    with lf.writing(actor) as w:
        current = w.row("round_conditions", condition_id)
        with ruling_on(w, "round_conditions", current, expect_version):
            check_condition_met(condition_of(current), evidence=evidence)
        row = w.update(
            "round_conditions",
            condition_id,
            {"met_by": actor, "met_at": stamp(now()), "evidence": evidence},
            expect_version=expect_version,
        )
    return Edit(row, w.changes)


def _without_evidence(row: dict[str, Any]) -> dict[str, Any]:
    """A round's row as it is shown: the frozen document is long; its hash names it."""
    return {k: v for k, v in row.items() if k != "evidence"}


def round_row(row: dict[str, Any]) -> dict[str, Any]:
    """A written round as scripts read it: attendees as a list, without the frozen document itself."""
    shown = _without_evidence(row)
    if isinstance(shown.get("attendees"), str):
        shown["attendees"] = json.loads(shown["attendees"])
    return shown
