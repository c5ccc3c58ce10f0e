"""Edit commands: checklist set|remove, ticket add|update|remove, risk add|update|remove.

Runbook steps and migration objects are in ``runbook_commands``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from cockpit.cli.common import (
    actor_of,
    add_actor,
    add_expect_version,
    add_json,
    open_file,
    print_removed,
    print_row,
)
from cockpit.i18n import tr
from cockpit.services import edits, removals
from cockpit.services.edits import Edit
from cockpit.words.rows import row_kind


def register(commands: argparse._SubParsersAction) -> None:
    _register_checklist(commands)
    _register_ticket(commands)
    _register_risk(commands)


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
    _register_remove(
        group,
        tr("remove an item no other item depends on"),
        tr("checklist item"),
        removals.remove_checklist_item,
        "item_id",
    )


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
    add.add_argument(
        "--opened-at",
        metavar="ISO",
        default=None,
        help=tr("when it was reported, if earlier (SLA clocks start then)"),
    )
    add.set_defaults(run=_ticket_add)
    update = _edit_parser(group, "update", tr("change a ticket"), update=True)
    update.add_argument("id", type=int, metavar="ID")
    update.add_argument(
        "--status", choices=["new", "acknowledged", "in_progress", "waiting", "resolved", "closed"]
    )
    update.add_argument("--severity", choices=["P1", "P2", "P3", "P4"])
    update.add_argument("--assignee")
    escalation = update.add_mutually_exclusive_group()
    escalation.add_argument("--escalate", action="store_true", help=tr("raise the escalation level by one"))
    escalation.add_argument(
        "--de-escalate", action="store_true", help=tr("lower the escalation level by one")
    )
    update.set_defaults(run=_ticket_update)
    _register_remove(
        group,
        tr("remove a ticket (a duplicate, or opened by mistake)"),
        tr("ticket"),
        removals.remove_ticket,
        "ticket_id",
    )


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
            opened_at=args.opened_at,
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
            de_escalate=args.de_escalate,
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
    _register_remove(
        group,
        tr("remove a risk (a duplicate, or registered by mistake)"),
        tr("risk"),
        removals.remove_risk,
        "risk_id",
    )


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


def _register_remove(
    group: argparse._SubParsersAction,
    help_text: str,
    kind: str,
    remove: Callable[..., Edit],
    id_argument: str,
) -> None:
    parser = _edit_parser(group, "remove", help_text, update=True)
    parser.add_argument("id", type=int, metavar="ID")
    parser.set_defaults(run=lambda args: _remove(args, kind, remove, id_argument))


def _remove(args: argparse.Namespace, kind: str, remove: Callable[..., Edit], id_argument: str) -> int:
    with open_file(args.file) as lf:
        edit = remove(lf, actor=actor_of(args), expect_version=args.expect_version, **{id_argument: args.id})
    print_removed(kind, edit.row, as_json=args.json)
    return 0
