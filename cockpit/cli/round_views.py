"""What ``cockpit round list|show`` and ``condition list`` print: a round's facts, frozen beside live, its
conditions; ``--json`` for scripts."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from cockpit.cli.common import open_file, print_json
from cockpit.domain.round_view import RoundView, round_view
from cockpit.domain.rounds import Condition, DecisionRound, is_overdue, open_conditions
from cockpit.errors import BadInput
from cockpit.i18n import ntr, tr
from cockpit.store.read import load_launch
from cockpit.words.gate import criterion_label
from cockpit.words.moments import moment_text
from cockpit.words.rounds import round_state_label, round_title, verdict_label


def _round_facts(r: DecisionRound) -> dict[str, Any]:
    return {
        "number": r.number,
        "id": r.id,
        "title": round_title(r.number, r.title),
        "held_at": r.held_at.isoformat(),
        "chair": r.chair,
        "attendees": list(r.attendees),
        "state": "open" if r.is_open else "closed",
        "decision": r.decision.value if r.decision else None,
        "decision_comment": r.decision_comment,
        "decided_by": r.decided_by,
        "decided_at": r.decided_at.isoformat() if r.decided_at else None,
        "evidence_sha256": r.evidence_sha256,
        "verdicts": [
            {
                "id": v.id,
                "person": v.person,
                "role": v.role,
                "verdict": v.verdict.value,
                "comment": v.comment,
                "signed_at": v.signed_at.isoformat(),
            }
            for v in r.verdicts
        ],
        "conditions": [_condition_facts(c) for c in r.conditions],
        "version": r.version,
    }


def _condition_facts(c: Condition) -> dict[str, Any]:
    return {
        "id": c.id,
        "round_id": c.round_id,
        "text": c.text,
        "owner": c.owner,
        "due": c.due.isoformat() if c.due else None,
        "met": c.is_met,
        "met_by": c.met_by,
        "met_at": c.met_at.isoformat() if c.met_at else None,
        "evidence": c.evidence,
        "version": c.version,
    }


def list_rounds(args: argparse.Namespace) -> int:
    with open_file(args.file, read_only=True) as lf:
        data = load_launch(lf, notable_cases_only=True)
    if args.json:
        print_json([_round_facts(r) for r in data.rounds])
        return 0
    if not data.rounds:
        print(tr("No go/no-go round yet. Open one: cockpit round open FILE --chair LOGIN"))
    zone = data.launch.zone
    for r in data.rounds:
        counts = ", ".join(
            [
                ntr("{n} verdict", "{n} verdicts", len(r.verdicts)),
                ntr("{n} condition", "{n} conditions", len(r.conditions)),
            ]
        )
        print(
            tr(
                "Round {number}: {title} · {when} · chair {chair} · {state} · {counts}",
                number=r.number,
                title=round_title(r.number, r.title),
                when=moment_text(r.held_at, zone),
                chair=r.chair,
                state=round_state_label(r.decision.value if r.decision else None),
                counts=counts,
            )
        )
    return 0


def _line_facts(view: RoundView) -> list[dict[str, Any]]:
    def frozen(c: Any) -> dict[str, Any] | None:
        return None if c is None else {"ok": c.ok, "detail": c.detail, "params": c.params}

    return [
        {
            "criterion_id": line.criterion_id,
            "label": criterion_label(line.kind, line.params),
            "frozen": frozen(line.frozen),
            "live": asdict(line.live) if line.live else None,
            "previous_round": frozen(line.previous),
            "changed_since_previous_round": line.changed_since_previous,
        }
        for line in view.lines
    ]


def show_round(args: argparse.Namespace) -> int:
    with open_file(args.file, read_only=True) as lf:
        data = load_launch(lf, notable_cases_only=True)
    if not any(r.number == args.number for r in data.rounds):
        raise BadInput(
            tr(
                "There is no round {number}; the rounds are: {numbers}.",
                number=args.number,
                numbers=", ".join(str(r.number) for r in data.rounds) or tr("none yet"),
            )
        )
    now = datetime.now(UTC)
    view = round_view(data, data.rounds, args.number, now=now)
    if args.json:
        print_json(
            {
                **_round_facts(view.round),
                "criteria": _line_facts(view),
                "carried_conditions": [_condition_facts(c) for c in view.carried],
            }
        )
        return 0
    _print_round(view, data.launch.zone, now)
    return 0


def _mark(ok: bool | None) -> str:
    return "—" if ok is None else ("✓" if ok else "✗")


def _print_round(view: RoundView, zone: Any, now: datetime) -> None:
    r = view.round
    print(
        f"{round_title(r.number, r.title)}  ·  {moment_text(r.held_at, zone)}  ·  {round_state_label(r.decision.value if r.decision else None)}"
    )
    print(tr("Chair: {chair}  ·  Attendees: {names}", chair=r.chair, names=", ".join(r.attendees)))
    print(tr("Frozen evidence SHA-256: {sha256}", sha256=r.evidence_sha256))
    print(tr("Criteria (frozen | now):"))
    for line in view.lines:
        label = criterion_label(line.kind, line.params)
        frozen = line.frozen
        live = line.live
        changed = (
            tr(" (changed since round {number})", number=view.previous.number)
            if line.changed_since_previous and view.previous
            else ""
        )
        print(
            f"  {_mark(frozen.ok if frozen else None)} | {_mark(live.ok if live else None)}  {label}{changed}"
        )
        if frozen:
            print(f"      {frozen.detail}")
        if live and (not frozen or live.detail != frozen.detail):
            print(f"      → {live.detail}")
    for v in r.verdicts:
        comment = f": {v.comment}" if v.comment else ""
        print(
            tr(
                "Verdict of {person}: {verdict}{comment}",
                person=v.person,
                verdict=verdict_label(v.verdict.value),
                comment=comment,
            )
        )
    for c in r.conditions:
        print("  " + _condition_line(c, zone, now))
    if view.carried:
        print(tr("Conditions of earlier rounds still open:"))
        for c in view.carried:
            print("  " + _condition_line(c, zone, now))
    if r.decision:
        print(
            tr(
                "Decision: {decision} ({who}, {when}) {comment}",
                decision=round_state_label(r.decision.value),
                who=r.decided_by,
                when=moment_text(r.decided_at, zone),
                comment=r.decision_comment,
            ).rstrip()
        )


def _condition_line(c: Condition, zone: Any, now: datetime) -> str:
    due = moment_text(c.due, zone) if c.due else tr("no due date")
    if c.is_met:
        state = tr(
            "met by {who} at {when}: {evidence}",
            who=c.met_by,
            when=moment_text(c.met_at, zone),
            evidence=c.evidence,
        )
    elif is_overdue(c, now=now):
        state = tr("OVERDUE")
    else:
        state = tr("open")
    owner = c.owner or tr("no owner")
    return tr(
        "Condition #{id}: {text} ({owner}, due {due}) — {state}",
        id=c.id,
        text=c.text,
        owner=owner,
        due=due,
        state=state,
    )


def list_conditions(args: argparse.Namespace) -> int:
    with open_file(args.file, read_only=True) as lf:
        data = load_launch(lf, notable_cases_only=True)
    wanted = (
        open_conditions(data.rounds) if args.open else tuple(c for r in data.rounds for c in r.conditions)
    )
    if args.json:
        print_json([_condition_facts(c) for c in wanted])
        return 0
    now = datetime.now(UTC)
    for c in wanted:
        print(_condition_line(c, data.launch.zone, now))
    if not wanted:
        print(tr("No condition."))
    return 0
