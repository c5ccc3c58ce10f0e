"""Runbook and ledger commands: step add|update|remove|list and its moves, object add|update|remove|list.

The step moves (start, finish, fail, reopen, reset, retry, skip, unskip) are ``services.runbook.step_action``,
as the window's buttons and its undo make them; the rest are ``services.steps`` and ``services.objects``.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from cockpit.cli.common import (
    LaterModule,
    actor_of,
    add_json,
    edit_parser,
    later,
    open_file,
    print_json,
    print_row,
    register_remove,
)
from cockpit.domain.migration import StepKind, reconcile
from cockpit.domain.runbook import StepAction
from cockpit.errors import BadInput
from cockpit.i18n import N_, tr
from cockpit.store.read import read_launch_zone, read_objects, read_steps
from cockpit.words.labels import recon_status_label, step_kind_label, step_status_label
from cockpit.words.moments import moment_text
from cockpit.words.rows import row_kind

objects = LaterModule("cockpit.services.objects")
steps = LaterModule("cockpit.services.steps")
step_action = later("cockpit.services.runbook", "step_action")
# A step move or an object count in a rehearsal (``--rehearsal N``): the rehearsal commands record it.
object_rehearsal_count = later("cockpit.cli.rehearsal_commands", "object_rehearsal_count")
rehearsal_move = later("cockpit.cli.rehearsal_commands", "rehearsal_move")


def register(commands: argparse._SubParsersAction) -> None:
    _register_step(commands)
    _register_object(commands)


def _ids(text: str) -> list[int]:
    """``3``, or ``3,5``: step ids as a spreadsheet or a script writes them."""
    try:
        return [int(part.strip().lstrip("#")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr("{text!r} is not a step id; give ids like 3 or 3,5.", text=text)
        ) from None


def _iso(moment: datetime | None) -> str | None:
    """A time as the launch file keeps it (milliseconds, with its offset), so scripts can compare them."""
    return None if moment is None else moment.isoformat(timespec="milliseconds")


def _flat(groups: list[list[int]] | None) -> list[int] | None:
    return None if groups is None else [i for group in groups for i in group]


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("{text!r} is not a whole number of rows.", text=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(tr("{text} is negative; a count of rows is 0 or more.", text=text))
    return value


def _count_or_none(text: str) -> int | None:
    return None if text.strip().lower() == "none" else _count(text)


# -- steps -------------------------------------------------------------------------------------------------------

# The moves, as the window's buttons and its undo make them (``services.runbook.step_action``).
STEP_MOVES = {
    StepAction.START: N_("start a pending step now"),
    StepAction.FINISH: N_("finish a running step now"),
    StepAction.FAIL: N_("end a running step in failure now, with the reason"),
    StepAction.REOPEN: N_("put a done or failed step back to running (finished by mistake)"),
    StepAction.RESET: N_("put a running step back to pending (started by mistake; a retry: failed again)"),
    StepAction.RETRY: N_("try a failed step again now: a new attempt, the failed one kept in its history"),
    StepAction.SKIP: N_("skip a pending or failed step, with the reason (the steps after it may start)"),
    StepAction.UNSKIP: N_("put a skipped step back as it was (skipped by mistake)"),
}


def _register_step(commands: argparse._SubParsersAction) -> None:
    step = commands.add_parser("step", help=tr("add, change, move or remove runbook steps"))
    group = step.add_subparsers(dest="action", metavar="ACTION", required=True)
    for action, help_text in STEP_MOVES.items():
        parser = edit_parser(group, action.value, tr(help_text), update=True)
        parser.add_argument("id", type=int, metavar="ID")
        if action in (StepAction.START, StepAction.FINISH):
            parser.add_argument(
                "--rehearsal",
                type=int,
                metavar="N",
                help=tr("record it in the open rehearsal N, not the live run"),
            )
            parser.add_argument(
                "--at", metavar="ISO", help=tr("with --rehearsal: when it happened (default: now)")
            )
        if action is StepAction.FINISH:
            parser.add_argument("--failed", action="store_true", help=tr("the step ended in failure"))
            parser.add_argument("--reason", default="", help=tr("what went wrong (required with --failed)"))
        elif action in (StepAction.FAIL, StepAction.SKIP):
            parser.add_argument(
                "--reason", required=True, help=tr("why: the team reads it in the runbook's history")
            )
        parser.set_defaults(run=_step_move, move=action)

    add = edit_parser(group, "add", tr("add a pending step at the end of the runbook"), update=False)
    add.add_argument("--title", required=True)
    add.add_argument("--kind", required=True, choices=[k.value for k in StepKind])
    add.add_argument(
        "--planned-start", required=True, metavar="ISO", help=tr("with its zone, e.g. 2026-12-01T22:00+09:00")
    )
    add.add_argument("--planned-minutes", required=True, metavar="N", help=tr("0 or more"))
    add.add_argument("--owner", default="")
    add.add_argument("--depends-on", type=_ids, nargs="+", metavar="ID", help=tr("steps it waits for"))
    _add_rollback_flags(add, default=None)
    add.set_defaults(run=_step_add)

    update = edit_parser(group, "update", tr("change a step's plan or its dependencies"), update=True)
    update.add_argument("id", type=int, metavar="ID")
    update.add_argument("--title")
    update.add_argument("--kind", choices=[k.value for k in StepKind])
    update.add_argument("--owner")
    update.add_argument("--planned-start", metavar="ISO")
    update.add_argument("--planned-minutes", metavar="N")
    links = update.add_mutually_exclusive_group()
    links.add_argument(
        "--depends-on", type=_ids, nargs="+", metavar="ID", help=tr("replace the steps it waits for")
    )
    links.add_argument("--no-dependencies", action="store_true", help=tr("it waits for no step"))
    _add_rollback_flags(update, default=None)
    update.set_defaults(run=_step_update)

    register_remove(
        group, tr("remove a step no other step depends on"), "runbook_steps", steps.remove_step, "step_id"
    )

    listing = group.add_parser("list", help=tr("print the runbook's steps"))
    listing.add_argument("file", metavar="FILE")
    add_json(listing)
    listing.set_defaults(run=_step_list)


def _step_move(args: argparse.Namespace) -> int:
    if getattr(args, "rehearsal", None) is not None:
        return rehearsal_move(args)
    if getattr(args, "at", None):
        raise BadInput(tr("--at is for a rehearsal's times; a live step is stamped now. Add --rehearsal N."))
    action = StepAction.FAIL if getattr(args, "failed", False) else args.move
    with open_file(args.file) as lf:
        edit = step_action(
            lf,
            actor=actor_of(args),
            step_id=args.id,
            action=action,
            reason=getattr(args, "reason", ""),
            expect_version=args.expect_version,
        )
    print_row(row_kind("runbook_steps"), edit.row, as_json=args.json)
    return 0


def _add_rollback_flags(parser: argparse.ArgumentParser, *, default: bool | None) -> None:
    parser.add_argument(
        "--rollback-point",
        action=argparse.BooleanOptionalAction,
        default=default,
        help=tr("the step asks for the rollback decision (continue or roll back) before it starts"),
    )
    parser.add_argument(
        "--rollback-path",
        action=argparse.BooleanOptionalAction,
        default=default,
        help=tr("the step belongs to the rollback path: it runs only after a decision to roll back"),
    )


def _step_add(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = steps.add_step(
            lf,
            actor=actor_of(args),
            title=args.title,
            kind=args.kind,
            planned_start=args.planned_start,
            planned_minutes=args.planned_minutes,
            owner=args.owner,
            depends_on=_flat(args.depends_on) or [],
            rollback_point=args.rollback_point,
            rollback_path=bool(args.rollback_path),
        )
    print_row(row_kind("runbook_steps"), edit.row, as_json=args.json)
    return 0


def _step_update(args: argparse.Namespace) -> int:
    depends_on = [] if args.no_dependencies else _flat(args.depends_on)
    with open_file(args.file) as lf:
        edit = steps.update_step(
            lf,
            actor=actor_of(args),
            step_id=args.id,
            title=args.title,
            kind=args.kind,
            owner=args.owner,
            planned_start=args.planned_start,
            planned_minutes=args.planned_minutes,
            depends_on=depends_on,
            expect_version=args.expect_version,
            rollback_point=args.rollback_point,
            rollback_path=args.rollback_path,
        )
    print_row(row_kind("runbook_steps"), edit.row, as_json=args.json)
    return 0


def _step_list(args: argparse.Namespace) -> int:
    with open_file(args.file, read_only=True) as lf, lf.reading() as conn:  # only what the list prints
        zone, runbook = read_launch_zone(conn), read_steps(conn)
    if args.json:
        print_json(
            [
                {
                    "id": s.id,
                    "seq": s.seq,
                    "title": s.title,
                    "kind": s.kind.value,
                    "owner": s.owner,
                    "status": s.status.value,
                    "status_reason": s.status_reason,
                    "planned_start": _iso(s.planned_start),
                    "planned_minutes": s.planned_minutes,
                    "actual_start": _iso(s.actual_start),
                    "actual_end": _iso(s.actual_end),
                    "attempt": s.attempt,
                    "attempts": [
                        {
                            "attempt": a.attempt,
                            "outcome": a.outcome.value,
                            "actual_start": _iso(a.actual_start),
                            "actual_end": _iso(a.actual_end),
                            "reason": a.reason,
                            "recorded_by": a.recorded_by,
                        }
                        for a in s.attempts
                    ],
                    "depends_on": list(s.depends_on),
                    "rollback_point": s.rollback_point,
                    "rollback_path": s.rollback_path,
                    "version": s.version,
                }
                for s in runbook
            ]
        )
        return 0
    for s in runbook:
        deps = ", ".join(f"#{d}" for d in s.depends_on)
        line = f"#{s.id:<4} {s.seq:>4}  {step_status_label(s.status):<10} {step_kind_label(s.kind):<14} "
        line += f"{moment_text(s.planned_start, zone)}  {s.planned_minutes:>4} min  {s.title}"
        if s.owner:
            line += f"  ({s.owner})"
        if deps:
            line += "  " + tr("after {ids}", ids=deps)
        print(line)
        if s.status_reason:
            print("       " + tr("reason: {reason}", reason=s.status_reason))
        for a in s.attempts:
            print(
                "       "
                + tr(
                    "attempt {n} failed {start} – {end}: {reason}",
                    n=a.attempt,
                    start=moment_text(a.actual_start, zone),
                    end=moment_text(a.actual_end, zone),
                    reason=a.reason,
                )
            )
    return 0


# -- migration objects ---------------------------------------------------------------------------------------------


def _register_object(commands: argparse._SubParsersAction) -> None:
    obj = commands.add_parser("object", help=tr("add, change or remove migration objects (the ledger)"))
    group = obj.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = edit_parser(group, "add", tr("add an object to the reconciliation ledger"), update=False)
    add.add_argument("--name", required=True)
    add.add_argument("--source-count", type=_count, default=0, metavar="N", help=tr("rows in the old system"))
    add.add_argument(
        "--tolerance", type=_count, default=0, metavar="N", help=tr("a difference this small reconciles")
    )
    add.add_argument("--owner", default="")
    add.set_defaults(run=_object_add)

    update = edit_parser(group, "update", tr("record counts, accept or clear a difference"), update=True)
    update.add_argument("id", type=int, metavar="ID")
    update.add_argument("--name")
    update.add_argument("--owner")
    update.add_argument("--source-count", type=_count, metavar="N")
    update.add_argument(
        "--target-count",
        type=_count_or_none,
        default=argparse.SUPPRESS,
        metavar="N|none",
        help=tr("rows loaded into the new system; none: not loaded yet"),
    )
    update.add_argument(
        "--rejected", type=_count, metavar="N", help=tr("rows rejected on purpose (cleansing)")
    )
    update.add_argument("--tolerance", type=_count, metavar="N")
    update.add_argument(
        "--rehearsal",
        type=int,
        metavar="N",
        help=tr("record --target-count (and --rejected) in the open rehearsal N, not the live ledger"),
    )
    difference = update.add_mutually_exclusive_group()
    difference.add_argument(
        "--accept-difference",
        metavar="REASON",
        help=tr("accept the difference (想定差異) with the reason; who and when are recorded"),
    )
    difference.add_argument(
        "--clear-difference", action="store_true", help=tr("forget an accepted difference")
    )
    update.set_defaults(run=_object_update)

    register_remove(
        group, tr("remove an object from the ledger"), "migration_objects", objects.remove_object, "object_id"
    )

    listing = group.add_parser("list", help=tr("print the reconciliation ledger"))
    listing.add_argument("file", metavar="FILE")
    add_json(listing)
    listing.set_defaults(run=_object_list)


def _object_add(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = objects.add_object(
            lf,
            actor=actor_of(args),
            name=args.name,
            source_rows=args.source_count,
            tolerance_rows=args.tolerance,
            owner=args.owner,
        )
    print_row(row_kind("migration_objects"), edit.row, as_json=args.json)
    return 0


def _object_update(args: argparse.Namespace) -> int:
    if args.rehearsal is not None:
        return object_rehearsal_count(args)
    target: dict[str, Any] = {}
    if "target_count" in args:
        target["target_rows"] = args.target_count
    if args.accept_difference is not None and not args.accept_difference.strip():
        raise BadInput(tr("--accept-difference needs a reason: why this difference is expected."))
    with open_file(args.file) as lf:
        edit = objects.update_object(
            lf,
            actor=actor_of(args),
            object_id=args.id,
            name=args.name,
            owner=args.owner,
            source_rows=args.source_count,
            rejected_rows=args.rejected,
            tolerance_rows=args.tolerance,
            accept_difference=args.accept_difference,
            clear_difference=args.clear_difference,
            expect_version=args.expect_version,
            **target,
        )
    print_row(row_kind("migration_objects"), edit.row, as_json=args.json)
    return 0


def _object_list(args: argparse.Namespace) -> int:
    with open_file(args.file, read_only=True) as lf, lf.reading() as conn:  # only what the list prints
        zone, ledger = read_launch_zone(conn), read_objects(conn)
    recons = [reconcile(o) for o in ledger]
    if args.json:
        print_json(
            [
                {
                    "id": r.object.id,
                    "name": r.object.name,
                    "owner": r.object.owner,
                    "source_rows": r.object.source_rows,
                    "rejected_rows": r.object.rejected_rows,
                    "target_rows": r.object.target_rows,
                    "tolerance_rows": r.object.tolerance_rows,
                    "expected": r.expected,
                    "delta": r.delta,
                    "status": r.status.value,
                    "accepted_reason": r.object.accepted_reason,
                    "accepted_by": r.object.accepted_by,
                    "accepted_at": _iso(r.object.accepted_at),
                    "version": r.object.version,
                }
                for r in recons
            ]
        )
        return 0
    for r in recons:
        target = "—" if r.object.target_rows is None else f"{r.object.target_rows:,}"
        delta = "" if r.delta is None else f"{r.delta:+,} / ±{r.object.tolerance_rows:,}"
        print(
            f"#{r.object.id:<4} {recon_status_label(r.status):<20} {r.object.name}  "
            + tr(
                "source {source:,} − rejected {rejected:,} → target {target} {delta}",
                source=r.object.source_rows,
                rejected=r.object.rejected_rows,
                target=target,
                delta=delta,
            )
        )
        if r.object.accepted_reason:
            print(
                "       "
                + tr(
                    "accepted by {who} {when}: {reason}",
                    who=r.object.accepted_by,
                    when=moment_text(r.object.accepted_at, zone),
                    reason=r.object.accepted_reason,
                )
            )
    return 0
