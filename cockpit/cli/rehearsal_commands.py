"""Rehearsal and rollback commands: rehearsal start|close|list, rollback decide.

Step times and object counts in a rehearsal are recorded by ``step start|finish … --rehearsal N`` and
``object update … --rehearsal N`` (runbook_commands.py), so a rehearsal is run with the same commands as
the live cutover.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from cockpit.cli.common import actor_of, add_json, edit_parser, later, open_file, print_json, print_row
from cockpit.domain.rehearsals import compare_steps, forecast_from_rehearsals, rehearsal_title
from cockpit.domain.rollback import RollbackChoice, current_path
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.store.read import load_launch
from cockpit.words.moments import moment_text
from cockpit.words.rows import row_kind

close_rehearsal = later("cockpit.services.rehearsals", "close_rehearsal")
rehearsal_count = later("cockpit.services.rehearsals", "rehearsal_count")
rehearsal_step = later("cockpit.services.rehearsals", "rehearsal_step")
start_rehearsal = later("cockpit.services.rehearsals", "start_rehearsal")
decide_rollback = later("cockpit.services.rollback", "decide_rollback")


def register(commands: argparse._SubParsersAction) -> None:
    rehearsal = commands.add_parser("rehearsal", help=tr("start, close or list rehearsals (移行リハーサル)"))
    group = rehearsal.add_subparsers(dest="action", metavar="ACTION", required=True)
    start = edit_parser(group, "start", tr("open the next rehearsal of the runbook"), update=False)
    start.add_argument(
        "--name", default="", help=tr("its name (default: Rehearsal N in the viewer's language)")
    )
    start.add_argument("--at", metavar="ISO", help=tr("when it started (default: now)"))
    start.set_defaults(run=_start)
    close = edit_parser(group, "close", tr("close the open rehearsal"), update=False)
    close.add_argument("--at", metavar="ISO", help=tr("when it ended (default: now)"))
    close.set_defaults(run=_close)
    listing = group.add_parser("list", help=tr("print the rehearsals and the per-step comparison"))
    listing.add_argument("file", metavar="FILE")
    add_json(listing)
    listing.set_defaults(run=_list)

    rollback = commands.add_parser("rollback", help=tr("record the rollback decision at a rollback point"))
    rollback_group = rollback.add_subparsers(dest="action", metavar="ACTION", required=True)
    decide = edit_parser(rollback_group, "decide", tr("continue the cutover or roll back"), update=False)
    decide.add_argument("step", type=int, metavar="STEP")
    choice = decide.add_mutually_exclusive_group(required=True)
    choice.add_argument(
        "--continue", dest="decision", action="store_const", const=RollbackChoice.CONTINUE.value
    )
    choice.add_argument(
        "--roll-back", dest="decision", action="store_const", const=RollbackChoice.ROLL_BACK.value
    )
    decide.add_argument(
        "--reason", required=True, help=tr("why: the team reads it in the runbook and the report")
    )
    decide.set_defaults(run=_decide)


def _start(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = start_rehearsal(lf, actor=actor_of(args), name=args.name, at=args.at)
    print_row(row_kind("rehearsals"), edit.row, as_json=args.json)
    return 0


def _close(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = close_rehearsal(lf, actor=actor_of(args), at=args.at)
    print_row(row_kind("rehearsals"), edit.row, as_json=args.json)
    return 0


def _decide(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = decide_rollback(
            lf, actor=actor_of(args), step_id=args.step, decision=args.decision, reason=args.reason
        )
    print_row(row_kind("rollback_decisions"), edit.row, as_json=args.json)
    return 0


def _list(args: argparse.Namespace) -> int:
    with open_file(args.file, read_only=True) as lf:
        data = load_launch(lf, notable_cases_only=True)
    if args.json:
        from cockpit.services.status import rehearsal_facts

        print_json(rehearsal_facts(data, now=datetime.now(UTC)))
        return 0
    zone = data.launch.zone
    for r in data.rehearsals:
        state = tr("open") if r.is_open else tr("closed {when}", when=moment_text(r.closed_at, zone))
        print(f"{r.number:>3}  {rehearsal_title(r)}  {moment_text(r.started_at, zone)}  {state}")
    path = current_path(data.steps, data.rollback_decisions)
    for row in compare_steps(path, data.rehearsals):
        cells = [_minutes(m, v) for m, v in zip(row.rehearsals, row.variances(), strict=True)]
        cells.append(_minutes(row.live, row.live_variance))
        print(f"#{row.step.id:<4} {row.planned:>5} min  " + "  ".join(cells) + f"  {row.step.title}")
    if data.rehearsals:
        forecast = forecast_from_rehearsals(
            path, data.rehearsals, now=datetime.now(UTC), rollback_deadline=data.launch.rollback_deadline
        )
        for label, eta in (("P50", forecast.p50), ("P80", forecast.p80)):
            slack = "—" if eta.slack_minutes is None else f"{eta.slack_minutes:+} min"
            print(
                tr(
                    "ETA {label}: {eta} (slack {slack})",
                    label=label,
                    eta=moment_text(eta.eta, zone),
                    slack=slack,
                )
            )
    return 0


# -- recorded with step start|finish and object update (runbook_commands.py) ------------------------------


def rehearsal_move(args: argparse.Namespace) -> int:
    if getattr(args, "failed", False) or args.expect_version is not None:
        raise BadInput(
            tr("A rehearsal records start and finish times only; leave out --failed and --expect-version.")
        )
    with open_file(args.file) as lf:
        edit = rehearsal_step(
            lf, actor=actor_of(args), number=args.rehearsal, step_id=args.id, move=args.move.value, at=args.at
        )
    print_row(row_kind("rehearsal_steps"), edit.row, as_json=args.json)
    return 0


def object_rehearsal_count(args: argparse.Namespace) -> int:
    others = [
        args.name,
        args.owner,
        args.source_count,
        args.tolerance,
        args.accept_difference,
        args.expect_version,
    ]
    if "target_count" not in args or args.clear_difference or any(v is not None for v in others):
        raise BadInput(
            tr(
                "With --rehearsal N give --target-count N (and --rejected N) only: "
                "a rehearsal records counts, the ledger's other fields are the live ones."
            )
        )
    with open_file(args.file) as lf:
        edit = rehearsal_count(
            lf,
            actor=actor_of(args),
            number=args.rehearsal,
            object_id=args.id,
            target_rows=args.target_count,
            rejected_rows=args.rejected,
        )
    print_row(row_kind("rehearsal_counts"), edit.row, as_json=args.json)
    return 0


def _minutes(minutes: float | None, variance: float | None) -> str:
    if minutes is None:
        return f"{'—':>16}"
    shown = f"{minutes:.0f} min"
    return f"{shown:>8} ({variance:+.1f}%)" if variance is not None else f"{shown:>16}"
