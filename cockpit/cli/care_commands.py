"""Support clocks as service desks count them: sla calendar, holiday add|remove|list, ticket respond|hold|
resume|clocks. ``sla`` and ``ticket`` are other modules' commands: these actions join their groups."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from cockpit.cli.common import (
    LaterModule,
    actor_of,
    add_json,
    edit_parser,
    open_file,
    print_json,
    print_row,
)
from cockpit.domain.business_hours import PUBLIC_HOLIDAY_REGIONS, public_holidays_of
from cockpit.domain.support import Severity, clock_for, policies_by_severity
from cockpit.errors import BadInput
from cockpit.i18n import language, tr
from cockpit.store.read import load_launch
from cockpit.store.read_reviews import read_team_holidays
from cockpit.words.reviews import clock_state_label
from cockpit.words.rows import row_kind

NO_HOLIDAYS = "none"  # how --holidays says "no public holiday calendar"

edits = LaterModule("cockpit.services.edits")
support_clocks = LaterModule("cockpit.services.support_clocks")


def group_of(commands: argparse._SubParsersAction, name: str) -> argparse._SubParsersAction:
    """The sub-command group of the command ``name`` another module registered, to add actions to it."""
    parser = commands.choices[name]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError(name)


def register(commands: argparse._SubParsersAction) -> None:
    calendar = edit_parser(
        group_of(commands, "sla"),
        "calendar",
        tr("set the hours a severity's SLA clocks count: working days, hours, holidays, update target"),
        update=True,
    )
    calendar.add_argument("severity", choices=[s.value for s in Severity], metavar="P1|P2|P3|P4")
    calendar.add_argument(
        "--days", metavar="DAYS", help=tr("working days, e.g. mon-fri; 24x7 counts every minute")
    )
    calendar.add_argument("--hours", metavar="HH:MM-HH:MM", help=tr("working hours, e.g. 09:00-18:00"))
    calendar.add_argument(
        "--holidays",
        metavar="|".join((*PUBLIC_HOLIDAY_REGIONS, NO_HOLIDAYS)),
        help=tr("public holidays the clocks skip (JP: Japanese public holidays)"),
    )
    update = calendar.add_mutually_exclusive_group()
    update.add_argument(
        "--update", type=int, metavar="MIN", help=tr("minutes allowed between updates to the reporter")
    )
    update.add_argument("--no-update", action="store_true", help=tr("no update clock for this severity"))
    calendar.set_defaults(run=_sla_calendar)

    holiday = commands.add_parser(
        "holiday", help=tr("the team's own days off, which business-hours clocks skip")
    )
    group = holiday.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = edit_parser(group, "add", tr("add a team holiday (年末年始, a company holiday)"), update=False)
    add.add_argument("day", metavar="YYYY-MM-DD")
    add.add_argument("--name", default="")
    add.set_defaults(run=_holiday_add)
    remove = edit_parser(group, "remove", tr("remove a team holiday"), update=False)
    remove.add_argument("day", metavar="YYYY-MM-DD")
    remove.set_defaults(run=_holiday_remove)
    listing = group.add_parser("list", help=tr("print the team's holidays and the public holidays of a year"))
    listing.add_argument("file", metavar="FILE")
    listing.add_argument("--year", type=int, help=tr("the year of the public holidays (default: this year)"))
    add_json(listing)
    listing.set_defaults(run=_holiday_list)

    if "ticket" not in commands.choices:  # a command line for `sla` or `holiday` alone: no ticket to join
        return
    tickets = group_of(commands, "ticket")
    for name, help_text, run in (
        ("respond", tr("record an answer to the reporter: the first response, then each update"), _respond),
        ("hold", tr("put a ticket on hold, waiting on its reporter: its SLA clocks pause"), _hold),
        ("resume", tr("take a ticket off hold: its SLA clocks run again"), _resume),
    ):
        parser = edit_parser(tickets, name, help_text, update=True)
        parser.add_argument("id", type=int, metavar="ID")
        parser.add_argument("--at", metavar="ISO", help=tr("when, if earlier than now (with its zone)"))
        parser.set_defaults(run=run)
    clocks = tickets.add_parser(
        "clocks", help=tr("print a ticket's SLA clocks: first response, update, resolution")
    )
    clocks.add_argument("file", metavar="FILE")
    clocks.add_argument("id", type=int, metavar="ID")
    add_json(clocks)
    clocks.set_defaults(run=_clocks)


def _sla_calendar(args: argparse.Namespace) -> int:
    holidays = args.holidays
    if holidays is not None and holidays.strip().lower() == NO_HOLIDAYS:
        holidays = ""
    with open_file(args.file) as lf:
        edit = support_clocks.set_sla_calendar(
            lf,
            actor=actor_of(args),
            severity=args.severity,
            days=args.days,
            hours=args.hours,
            public_holidays=holidays,
            update_minutes=args.update,
            no_update_clock=args.no_update,
            expect_version=args.expect_version,
        )
    print_row(row_kind("sla_policies"), edit.row, as_json=args.json)
    return 0


def _holiday_add(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = support_clocks.add_team_holiday(lf, actor=actor_of(args), day=args.day, name=args.name)
    print_row(row_kind("team_holidays"), edit.row, as_json=args.json)
    return 0


def _holiday_remove(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = support_clocks.remove_team_holiday(lf, actor=actor_of(args), day=args.day)
    print_row(row_kind("team_holidays"), edit.row, as_json=args.json)
    return 0


def _holiday_list(args: argparse.Namespace) -> int:
    year = args.year or datetime.now(UTC).year
    with open_file(args.file, read_only=True) as lf, lf.reading() as conn:
        team = read_team_holidays(conn)
    public = _public_holidays(year)
    if args.json:
        print_json(
            {
                "team": [{"id": i, "day": day, "name": name, "version": v} for i, day, name, v in team],
                "public": public,
            }
        )
        return 0
    print(tr("Team holidays:"))
    for _, day, name, _ in team:
        print(f"  {day}  {name}")
    if not team:
        print(tr("  none: add one with cockpit holiday add FILE YYYY-MM-DD --name T"))
    print(tr("Japanese public holidays {year}:", year=year))
    for item in public:
        print(f"  {item['day']}  {item['name']}")
    return 0


def _public_holidays(year: int) -> list[dict[str, Any]]:
    return [
        {"day": day.isoformat(), "name": name}
        for day, name in public_holidays_of("JP", year, language=language())
    ]


def _respond(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = support_clocks.record_response(
            lf, actor=actor_of(args), ticket_id=args.id, at=args.at, expect_version=args.expect_version
        )
    print_row(row_kind("tickets"), edit.row, as_json=args.json)
    return 0


def _move(args: argparse.Namespace, status: str) -> int:
    with open_file(args.file) as lf:
        edit = edits.update_ticket(
            lf,
            actor=actor_of(args),
            ticket_id=args.id,
            status=status,
            at=args.at,
            expect_version=args.expect_version,
        )
    print_row(row_kind("tickets"), edit.row, as_json=args.json)
    return 0


def _hold(args: argparse.Namespace) -> int:
    return _move(args, "waiting")


def _resume(args: argparse.Namespace) -> int:
    return _move(args, "in_progress")


def _clocks(args: argparse.Namespace) -> int:
    from cockpit.services.care_facts import (
        calendar_facts,
        clock_facts,
    )  # with the care pane's rules: not for sla

    with open_file(args.file, read_only=True) as lf:
        data = load_launch(lf, notable_cases_only=True)
    ticket = next((t for t in data.tickets if t.id == args.id), None)
    if ticket is None:
        raise BadInput(
            tr("There is no ticket #{id} in this launch; cockpit status FILE --json lists them.", id=args.id)
        )
    policy = policies_by_severity(data.sla_policies).get(ticket.severity)
    clock = clock_for(ticket, policies_by_severity(data.sla_policies), now=datetime.now(UTC))
    facts: dict[str, Any] = {
        "id": ticket.id,
        "severity": ticket.severity.value,
        "status": ticket.status.value,
        "calendar": calendar_facts(policy) if policy is not None else None,
        "clocks": clock_facts(clock, data.launch.zone) if clock is not None else None,
    }
    if args.json:
        print_json(facts)
        return 0
    print(
        tr(
            "Ticket #{id} ({severity}, {status})",
            id=ticket.id,
            severity=ticket.severity.value,
            status=ticket.status.value,
        )
    )
    if clock is None:
        print(tr("  no SLA for {severity}: set one with cockpit sla set", severity=ticket.severity.value))
        return 0
    names = {"first_response": tr("first response"), "update": tr("update"), "resolution": tr("resolution")}
    for key, name in names.items():
        one = facts["clocks"][key]
        if one is None:
            continue
        print(
            tr(
                "  {name}: {state}, due {due}, {minutes} min left",
                name=name,
                state=clock_state_label(one["state"]),
                due=one["due"],
                minutes=one["remaining_minutes"],
            )
        )
    return 0
