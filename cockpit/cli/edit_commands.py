"""Edit commands: checklist set, ticket add|update, risk add|update, step start|finish."""

from __future__ import annotations

import argparse

from cockpit.cli.common import actor_of, add_actor, add_expect_version, add_json, open_file, print_row
from cockpit.i18n import tr
from cockpit.services import edits
from cockpit.words.rows import row_kind


def register(commands: argparse._SubParsersAction) -> None:
    _register_checklist(commands)
    _register_ticket(commands)
    _register_risk(commands)
    _register_step(commands)


def _edit_parser(
    group: argparse._SubParsersAction, name: str, help_text: str, *, update: bool
) -> argparse.ArgumentParser:
    parser = group.add_parser(name, help=help_text)
    parser.add_argument("file", metavar="FILE")
    add_actor(parser)
    add_json(parser)
    if update:
        add_expect_version(parser)
    return parser


def _register_checklist(commands: argparse._SubParsersAction) -> None:
    checklist = commands.add_parser("checklist", help=tr("change checklist items"))
    group = checklist.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = _edit_parser(group, "set", tr("set an item's status"), update=True)
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument(
        "--status", required=True, choices=["not_started", "in_progress", "done", "blocked", "n_a"]
    )
    p.add_argument(
        "--reason", default="", help=tr("why the item is blocked (required with --status blocked)")
    )
    p.set_defaults(run=_checklist_set)


def _checklist_set(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = edits.set_checklist_status(
            lf,
            actor=actor_of(args),
            item_id=args.id,
            status=args.status,
            reason=args.reason,
            expect_version=args.expect_version,
        )
    print_row(row_kind("checklist_items"), edit.row, as_json=args.json)
    return 0


def _register_ticket(commands: argparse._SubParsersAction) -> None:
    ticket = commands.add_parser("ticket", help=tr("add or update support tickets"))
    group = ticket.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = _edit_parser(group, "add", tr("open a ticket"), update=False)
    add.add_argument("--title", required=True)
    add.add_argument("--severity", required=True, choices=["P1", "P2", "P3", "P4"])
    add.add_argument("--kind", default="incident", choices=["incident", "inquiry", "request", "feedback"])
    add.add_argument("--description", default="")
    add.add_argument("--assignee", default="")
    add.set_defaults(run=_ticket_add)
    update = _edit_parser(group, "update", tr("change a ticket"), update=True)
    update.add_argument("id", type=int, metavar="ID")
    update.add_argument(
        "--status", choices=["new", "acknowledged", "in_progress", "waiting", "resolved", "closed"]
    )
    update.add_argument("--severity", choices=["P1", "P2", "P3", "P4"])
    update.add_argument("--assignee")
    update.add_argument("--escalate", action="store_true", help=tr("raise the escalation level by one"))
    update.set_defaults(run=_ticket_update)


def _ticket_add(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = edits.add_ticket(
            lf,
            actor=actor_of(args),
            title=args.title,
            severity=args.severity,
            kind=args.kind,
            description=args.description,
            assignee=args.assignee,
        )
    print_row(row_kind("tickets"), edit.row, as_json=args.json)
    return 0


def _ticket_update(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = edits.update_ticket(
            lf,
            actor=actor_of(args),
            ticket_id=args.id,
            status=args.status,
            severity=args.severity,
            assignee=args.assignee,
            escalate=args.escalate,
            expect_version=args.expect_version,
        )
    print_row(row_kind("tickets"), edit.row, as_json=args.json)
    return 0


def _register_risk(commands: argparse._SubParsersAction) -> None:
    risk = commands.add_parser("risk", help=tr("add or update risks"))
    group = risk.add_subparsers(dest="action", metavar="ACTION", required=True)
    scale = [1, 2, 3, 4, 5]
    add = _edit_parser(group, "add", tr("register a risk"), update=False)
    add.add_argument("--title", required=True)
    add.add_argument("--likelihood", type=int, required=True, choices=scale)
    add.add_argument("--impact", type=int, required=True, choices=scale)
    add.add_argument("--owner", default="")
    add.add_argument("--mitigation", default="")
    add.add_argument("--contingency", default="")
    add.set_defaults(run=_risk_add)
    update = _edit_parser(group, "update", tr("change a risk"), update=True)
    update.add_argument("id", type=int, metavar="ID")
    update.add_argument("--likelihood", type=int, choices=scale)
    update.add_argument("--impact", type=int, choices=scale)
    update.add_argument("--status", choices=["open", "mitigated", "closed", "occurred"])
    update.add_argument("--owner")
    update.add_argument("--mitigation")
    update.add_argument("--contingency")
    update.set_defaults(run=_risk_update)


def _risk_add(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = edits.add_risk(
            lf,
            actor=actor_of(args),
            title=args.title,
            likelihood=args.likelihood,
            impact=args.impact,
            owner=args.owner,
            mitigation=args.mitigation,
            contingency=args.contingency,
        )
    print_row(row_kind("risks"), edit.row, as_json=args.json)
    return 0


def _risk_update(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = edits.update_risk(
            lf,
            actor=actor_of(args),
            risk_id=args.id,
            likelihood=args.likelihood,
            impact=args.impact,
            status=args.status,
            owner=args.owner,
            mitigation=args.mitigation,
            contingency=args.contingency,
            expect_version=args.expect_version,
        )
    print_row(row_kind("risks"), edit.row, as_json=args.json)
    return 0


def _register_step(commands: argparse._SubParsersAction) -> None:
    step = commands.add_parser("step", help=tr("start or finish runbook steps"))
    group = step.add_subparsers(dest="action", metavar="ACTION", required=True)
    start = _edit_parser(group, "start", tr("start a pending step now"), update=True)
    start.add_argument("id", type=int, metavar="ID")
    start.set_defaults(run=_step_start)
    finish = _edit_parser(group, "finish", tr("finish a running step now"), update=True)
    finish.add_argument("id", type=int, metavar="ID")
    finish.add_argument("--failed", action="store_true", help=tr("the step ended in failure"))
    finish.set_defaults(run=_step_finish)


def _step_start(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = edits.start_step(lf, actor=actor_of(args), step_id=args.id, expect_version=args.expect_version)
    print_row(row_kind("runbook_steps"), edit.row, as_json=args.json)
    return 0


def _step_finish(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = edits.finish_step(
            lf, actor=actor_of(args), step_id=args.id, failed=args.failed, expect_version=args.expect_version
        )
    print_row(row_kind("runbook_steps"), edit.row, as_json=args.json)
    return 0
