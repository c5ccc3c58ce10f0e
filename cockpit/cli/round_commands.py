"""Go/no-go meetings from the command line: round open|sign|decide|close|list|show, condition met|list
(what list and show print: ``round_views``).

A round is opened with its chair and attendees (people, by login) and freezes the evidence of that moment;
signers on the roster give their verdict in the open round; the decision closes it. ``close`` ends a
meeting without a decision (postponed, with the reason).
"""

from __future__ import annotations

import argparse

from cockpit.cli.common import actor_of, add_json, edit_parser, open_file, print_row
from cockpit.cli.round_views import list_conditions, list_rounds, show_round
from cockpit.errors import BadInput
from cockpit.i18n import tr
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
from cockpit.words.rounds import round_title
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
    listing.set_defaults(run=list_rounds)

    showing = group.add_parser(
        "show", help=tr("a round's frozen criteria beside the live ones, verdicts, conditions")
    )
    showing.add_argument("file", metavar="FILE")
    showing.add_argument("number", type=int, metavar="ROUND")
    add_json(showing)
    showing.set_defaults(run=show_round)

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
    listed.set_defaults(run=list_conditions)


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
