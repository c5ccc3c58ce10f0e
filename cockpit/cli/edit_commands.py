"""Edit commands: checklist add|update|list|set|remove, ticket add|update|remove, risk add|update|remove.

Runbook steps and migration objects are in ``runbook_commands``."""

from __future__ import annotations

import argparse
import sqlite3
from datetime import tzinfo

from cockpit.cli.common import (
    LaterModule,
    actor_of,
    add_json,
    edit_parser,
    open_file,
    print_json,
    print_row,
    register_remove,
)
from cockpit.domain.checklist import Category, ItemStage, ItemStatus, named_items
from cockpit.domain.relative_due import EXAMPLES
from cockpit.errors import BadInput, OpenDependencies
from cockpit.i18n import tr
from cockpit.store.read import read_checklist_rows, read_launch_zone, when
from cockpit.words.labels import category_label, item_stage_label, item_status_label
from cockpit.words.moments import moment_text
from cockpit.words.rows import row_kind

edits = LaterModule("cockpit.services.edits")
removals = LaterModule("cockpit.services.removals")


def register(commands: argparse._SubParsersAction) -> None:
    _register_checklist(commands)
    _register_ticket(commands)
    _register_risk(commands)


def _register_checklist(commands: argparse._SubParsersAction) -> None:
    checklist = commands.add_parser("checklist", help=tr("list, add and change checklist items"))
    group = checklist.add_subparsers(dest="action", metavar="ACTION", required=True)
    stages = [stage.value for stage in ItemStage]
    categories = [category.value for category in Category]
    statuses = [status.value for status in ItemStatus]
    due_help = tr("when it is due: an ISO 8601 time with its zone, or relative to go-live ({examples})")

    add = edit_parser(group, "add", tr("add an item"), update=False)
    add.add_argument("--title", required=True)
    add.add_argument("--stage", required=True, choices=stages)
    add.add_argument("--category", required=True, choices=categories)
    add.add_argument("--owner", default="", help=tr("a person of the launch, by login or name"))
    add.add_argument("--due", metavar="ISO|T-30d", default=None, help=due_help.format(examples=EXAMPLES))
    add.add_argument("--gate", action="store_true", help=tr("a gate item: must be done before go"))
    add.add_argument("--evidence", default="", help=tr("where the proof is: a link, a document, a ticket"))
    add.add_argument(
        "--depends-on", nargs="+", type=int, default=[], metavar="ID", help=tr("items it waits for")
    )
    add.set_defaults(run=_checklist_add)

    update = edit_parser(group, "update", tr("change an item's fields"), update=True)
    update.add_argument("id", type=int, metavar="ID")
    update.add_argument("--title")
    update.add_argument("--stage", choices=stages)
    update.add_argument("--category", choices=categories)
    update.add_argument("--owner", help=tr("a person of the launch, by login or name; '' for none"))
    update.add_argument(
        "--due", metavar="ISO|T-30d|none", help=due_help.format(examples=EXAMPLES) + tr("; none clears it")
    )
    gate = update.add_mutually_exclusive_group()
    gate.add_argument(
        "--gate", dest="is_gate", action="store_true", default=None, help=tr("make it a gate item")
    )
    gate.add_argument("--no-gate", dest="is_gate", action="store_false", help=tr("no longer a gate item"))
    update.add_argument("--evidence")
    links = update.add_mutually_exclusive_group()
    links.add_argument(
        "--depends-on", nargs="+", type=int, metavar="ID", help=tr("replaces its dependencies")
    )
    links.add_argument("--no-dependencies", action="store_true", help=tr("it depends on no item"))
    update.set_defaults(run=_checklist_update)

    listing = group.add_parser("list", help=tr("list the items (read-only)"))
    listing.add_argument("file", metavar="FILE")
    add_json(listing)
    listing.add_argument("--stage", choices=stages)
    listing.add_argument("--status", choices=statuses)
    listing.set_defaults(run=_checklist_list)

    p = edit_parser(group, "set", tr("set an item's status"), update=True)
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--status", required=True, choices=statuses)
    p.add_argument(
        "--reason",
        default="",
        help=tr(
            "why: the item is blocked (required with --status blocked), or is done while an item it "
            "depends on is open (required with --force)"
        ),
    )
    p.add_argument(
        "--force",
        action="store_true",
        help=tr("mark it done although an item it depends on is still open (needs --reason)"),
    )
    p.set_defaults(run=_checklist_set)
    register_remove(
        group,
        tr("remove an item no other item depends on"),
        "checklist_items",
        removals.remove_checklist_item,
        "item_id",
    )


def _checklist_add(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = edits.add_checklist_item(
            lf,
            actor=actor_of(args),
            stage=args.stage,
            category=args.category,
            title=args.title,
            owner=args.owner,
            due=args.due,
            is_gate=args.gate,
            evidence=args.evidence,
            depends_on=args.depends_on,
        )
    print_row(row_kind("checklist_items"), edit.row, as_json=args.json)
    return 0


def _checklist_update(args: argparse.Namespace) -> int:
    fields = {
        name: getattr(args, name)
        for name in ("title", "stage", "category", "owner", "is_gate", "evidence", "depends_on")
        if getattr(args, name) is not None
    }
    if args.no_dependencies:
        fields["depends_on"] = []
    if args.due is not None:
        fields["due"] = None if args.due.strip().casefold() in ("none", "") else args.due
    if not fields:
        raise BadInput(
            tr(
                "Nothing to change: give --title, --stage, --category, --owner, --due, --gate or --no-gate, "
                "--evidence, --depends-on or --no-dependencies."
            )
        )
    with open_file(args.file) as lf:
        edit = edits.update_checklist_item(
            lf, actor=actor_of(args), item_id=args.id, expect_version=args.expect_version, **fields
        )
    print_row(row_kind("checklist_items"), edit.row, as_json=args.json)
    return 0


def _checklist_list(args: argparse.Namespace) -> int:
    with open_file(args.file, read_only=True) as lf, lf.reading() as conn:
        zone, (rows, deps) = read_launch_zone(conn), read_checklist_rows(conn)
    shown = [
        row
        for row in rows
        if (args.stage is None or row["stage"] == args.stage)
        and (args.status is None or row["status"] == args.status)
    ]
    if args.json:
        print_json([_item_json(row, deps.get(row["id"], ()), zone) for row in shown])
        return 0
    lines = []  # written at once: a launch's 2,000 items are 2,000 writes where output is unbuffered
    for row in shown:
        gate = " ◆" if row["is_gate"] else ""
        status = item_status_label(row["status"])
        if row["blocked_reason"]:
            status = f"{status} ({row['blocked_reason']})"
        parts = [
            f"#{row['id']}{gate}",
            f"{item_stage_label(row['stage'])} / {category_label(row['category'])}",
            row["title"],
            status,
            row["owner"] or "-",
            moment_text(when(row["due"]), zone) or "-",
        ]
        if row["id"] in deps:
            parts.append(tr("after {ids}", ids=", ".join(f"#{dep}" for dep in deps[row["id"]])))
        lines.append("  ".join(parts))
    lines.append(tr("{count} of {total} items", count=len(shown), total=len(rows)))
    print("\n".join(lines))
    return 0


def _item_json(row: sqlite3.Row, depends_on: tuple[int, ...], zone: tzinfo) -> dict:
    due = when(row["due"])
    return {
        "id": row["id"],
        "stage": row["stage"],
        "category": row["category"],
        "title": row["title"],
        "status": row["status"],
        "blocked_reason": row["blocked_reason"],
        "owner": row["owner"],
        "due": due.astimezone(zone).isoformat() if due else None,
        "is_gate": bool(row["is_gate"]),
        "evidence": row["evidence"],
        "depends_on": list(depends_on),
        "version": row["version"],
    }


def _checklist_set(args: argparse.Namespace) -> int:
    try:
        with open_file(args.file) as lf:
            edit = edits.set_checklist_status(
                lf,
                actor=actor_of(args),
                item_id=args.id,
                status=args.status,
                reason=args.reason,
                force=args.force,
                expect_version=args.expect_version,
            )
    except OpenDependencies as refused:
        raise BadInput(
            tr(
                "Item #{id} depends on {names}, not done yet: finish #{first} first, or force it done with "
                "--force --reason TEXT.",
                id=refused.item_id,
                names=named_items(refused.open_items),
                first=next(iter(refused.open_items)),
            )
        ) from None
    print_row(row_kind("checklist_items"), edit.row, as_json=args.json)
    return 0


def _register_ticket(commands: argparse._SubParsersAction) -> None:
    ticket = commands.add_parser("ticket", help=tr("add or update support tickets"))
    group = ticket.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = edit_parser(group, "add", tr("open a ticket"), update=False)
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
    update = edit_parser(group, "update", tr("change a ticket"), update=True)
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
    update.add_argument(
        "--at", metavar="ISO", help=tr("when the status changed, if earlier than now (SLA clocks stop then)")
    )
    update.set_defaults(run=_ticket_update)
    register_remove(
        group,
        tr("remove a ticket (a duplicate, or opened by mistake)"),
        "tickets",
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
            at=args.at,
        )
    print_row(row_kind("tickets"), edit.row, as_json=args.json)
    return 0


def _register_risk(commands: argparse._SubParsersAction) -> None:
    risk = commands.add_parser("risk", help=tr("add or update risks"))
    group = risk.add_subparsers(dest="action", metavar="ACTION", required=True)
    scale = [1, 2, 3, 4, 5]
    add = edit_parser(group, "add", tr("register a risk"), update=False)
    add.add_argument("--title", required=True)
    add.add_argument("--likelihood", type=int, required=True, choices=scale)
    add.add_argument("--impact", type=int, required=True, choices=scale)
    add.add_argument("--owner", default="")
    add.add_argument("--mitigation", default="")
    add.add_argument("--contingency", default="")
    add.set_defaults(run=_risk_add)
    update = edit_parser(group, "update", tr("change a risk"), update=True)
    update.add_argument("id", type=int, metavar="ID")
    update.add_argument("--likelihood", type=int, choices=scale)
    update.add_argument("--impact", type=int, choices=scale)
    update.add_argument("--status", choices=["open", "mitigated", "closed", "occurred"])
    update.add_argument("--owner")
    update.add_argument("--mitigation")
    update.add_argument("--contingency")
    update.set_defaults(run=_risk_update)
    register_remove(
        group,
        tr("remove a risk (a duplicate, or registered by mistake)"),
        "risks",
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
