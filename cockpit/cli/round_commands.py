"""Go/no-go meetings from the command line: round open|sign|decide|close|list|show, condition met|list.

A round is opened with its chair and attendees (people, by login) and freezes the evidence of that moment;
signers on the roster give their verdict in the open round; the decision closes it. ``close`` ends a
meeting without a decision (postponed, with the reason).
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from cockpit.cli.common import actor_of, add_json, edit_parser, open_file, print_json, print_row
from cockpit.domain.round_view import RoundView, round_view
from cockpit.domain.rounds import Condition, DecisionRound, is_overdue, open_conditions
from cockpit.errors import BadInput
from cockpit.i18n import ntr, tr
from cockpit.services.rounds import (
    ROUND_DECISIONS,
    VERDICTS,
    ConditionInput,
    decide_round,
    mark_condition_met,
    open_new_round,
    round_row,
    sign_in_round,
)
from cockpit.store.read import load_launch
from cockpit.words.gate import criterion_label
from cockpit.words.moments import moment_text
from cockpit.words.rounds import round_state_label, round_title, verdict_label
from cockpit.words.rows import row_kind


def register(commands: argparse._SubParsersAction) -> None:
    round_parser = commands.add_parser(
        "round", help=tr("go/no-go meetings: open, sign, decide, close, list, show")
    )
    group = round_parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    opening = edit_parser(
        group, "open", tr("open the next round, freezing the evidence of this moment"), update=False
    )
    opening.add_argument("--chair", required=True, metavar="LOGIN", help=tr("who chairs the meeting"))
    opening.add_argument(
        "--attendee", action="append", default=[], metavar="LOGIN", help=tr("someone present; repeatable")
    )
    opening.add_argument(
        "--at", default=None, metavar="ISO", help=tr("when the meeting is held (default: now)")
    )
    opening.add_argument(
        "--title", default="", metavar="T", help=tr("the meeting's title (default: Go/no-go meeting N)")
    )
    opening.set_defaults(run=_open)

    signing = edit_parser(
        group, "sign", tr("give your verdict in the open round (as --as, on the roster)"), update=False
    )
    signing.add_argument("--verdict", required=True, choices=list(VERDICTS))
    signing.add_argument("--comment", default="", metavar="T", help=tr("why; a no-go needs one"))
    signing.add_argument(
        "--condition",
        action="append",
        default=[],
        metavar="T",
        help=tr("a condition of a conditional go; repeatable, each with its own --owner and --due"),
    )
    signing.add_argument(
        "--owner", action="append", default=[], metavar="LOGIN", help=tr("who sees to the condition")
    )
    signing.add_argument(
        "--due", action="append", default=[], metavar="ISO", help=tr("when the condition is due")
    )
    _add_round_number(signing)
    signing.set_defaults(run=_sign)

    deciding = edit_parser(group, "decide", tr("record the round's decision, which closes it"), update=True)
    deciding.add_argument("--decision", required=True, choices=list(ROUND_DECISIONS))
    deciding.add_argument(
        "--comment", default="", metavar="T", help=tr("why; a no-go or a postponement needs one")
    )
    _add_round_number(deciding)
    deciding.set_defaults(run=_decide)

    closing = edit_parser(
        group, "close", tr("close the open round without a decision (postponed)"), update=True
    )
    closing.add_argument("--reason", required=True, metavar="T", help=tr("why the meeting ends undecided"))
    _add_round_number(closing)
    closing.set_defaults(run=_close)

    listing = group.add_parser("list", help=tr("list every round with its state"))
    listing.add_argument("file", metavar="FILE")
    add_json(listing)
    listing.set_defaults(run=_list)

    showing = group.add_parser(
        "show", help=tr("a round's frozen criteria beside the live ones, verdicts, conditions")
    )
    showing.add_argument("file", metavar="FILE")
    showing.add_argument("number", type=int, metavar="ROUND")
    add_json(showing)
    showing.set_defaults(run=_show)

    condition = commands.add_parser("condition", help=tr("the conditions of conditional go decisions"))
    conditions = condition.add_subparsers(dest="action", metavar="ACTION", required=True)
    met = edit_parser(conditions, "met", tr("mark a condition met, with the evidence"), update=True)
    met.add_argument("id", type=int, metavar="ID")
    met.add_argument("--evidence", required=True, metavar="T", help=tr("what shows the condition is met"))
    met.set_defaults(run=_condition_met)
    listed = conditions.add_parser("list", help=tr("list the conditions of every round"))
    listed.add_argument("file", metavar="FILE")
    listed.add_argument("--open", action="store_true", help=tr("only those not met yet"))
    add_json(listed)
    listed.set_defaults(run=_condition_list)


def _add_round_number(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--round",
        dest="round_number",
        type=int,
        default=None,
        metavar="N",
        help=tr("the round (default: the open one)"),
    )


def _open(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = open_new_round(
            lf,
            actor=actor_of(args),
            chair=args.chair,
            attendees=args.attendee,
            held_at=args.at,
            title=args.title,
        )
    shown = round_row(edit.row)
    shown["title"] = round_title(shown["number"], shown["title"])
    print_row(row_kind("decision_rounds"), shown, as_json=args.json)
    return 0


def _conditions_given(args: argparse.Namespace) -> list[ConditionInput]:
    texts, owners, dues = args.condition, args.owner, args.due
    if len(owners) > len(texts) or len(dues) > len(texts):
        raise BadInput(
            tr(
                "Each --owner and --due belongs to a --condition given before it; give the condition first, "
                "like --condition T --owner LOGIN --due 2026-12-01T18:00."
            )
        )
    return [
        ConditionInput(
            text, owner=owners[i] if i < len(owners) else "", due=dues[i] if i < len(dues) else None
        )
        for i, text in enumerate(texts)
    ]


def _sign(args: argparse.Namespace) -> int:
    conditions = _conditions_given(args)
    with open_file(args.file) as lf:
        edit = sign_in_round(
            lf,
            actor=actor_of(args),
            verdict=args.verdict,
            comment=args.comment,
            conditions=conditions,
            round_number=args.round_number,
        )
    shown = {k: v for k, v in edit.row.items() if k != "signoff"}
    print_row(row_kind("round_verdicts"), shown, as_json=args.json)
    return 0


def _decide(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = decide_round(
            lf,
            actor=actor_of(args),
            decision=args.decision,
            comment=args.comment,
            round_number=args.round_number,
            expect_version=args.expect_version,
        )
    print_row(row_kind("decision_rounds"), round_row(edit.row), as_json=args.json)
    return 0


def _close(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = decide_round(
            lf,
            actor=actor_of(args),
            decision="postponed",
            comment=args.reason,
            round_number=args.round_number,
            expect_version=args.expect_version,
        )
    print_row(row_kind("decision_rounds"), round_row(edit.row), as_json=args.json)
    return 0


def _condition_met(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = mark_condition_met(
            lf,
            actor=actor_of(args),
            condition_id=args.id,
            evidence=args.evidence,
            expect_version=args.expect_version,
        )
    print_row(row_kind("round_conditions"), edit.row, as_json=args.json)
    return 0


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


def _list(args: argparse.Namespace) -> int:
    with open_file(args.file, read_only=True) as lf:
        data = load_launch(lf)
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


def _show(args: argparse.Namespace) -> int:
    with open_file(args.file, read_only=True) as lf:
        data = load_launch(lf)
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


def _condition_list(args: argparse.Namespace) -> int:
    with open_file(args.file, read_only=True) as lf:
        data = load_launch(lf)
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
