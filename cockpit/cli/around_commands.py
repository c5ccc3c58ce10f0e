"""The team around the file: ``who`` has it open, what ``changes`` since a moment, a row's ``history``."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from cockpit.cli.common import add_json, later, open_file, print_json
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.sections import TABLE_PANES
from cockpit.store.read import read_launch_zone
from cockpit.words.moments import table_moment_text

# What --table accepts: the words the other commands use for their rows, or the table itself.
ROW_TABLES = {
    "checklist": "checklist_items",
    "steps": "runbook_steps",
    "objects": "migration_objects",
    "risks": "risks",
    "tickets": "tickets",
    "people": "people",
    "launch": "launch",
    "criteria": "gate_criteria",
    "signoffs": "signoffs",
    "runs": "test_runs",
    "sla": "sla_policies",
    "notes": "review_notes",
}
PANES = tuple(dict.fromkeys(TABLE_PANES.values()))

# Each command loads the service it calls: `who` reads no audit trail, `changes` no heartbeats.
read_trail = later("cockpit.services.audit_trail", "read_trail")
write_trail_csv = later("cockpit.services.audit_trail", "write_trail_csv")
who_is_here = later("cockpit.services.presence", "who_is_here")

if TYPE_CHECKING:
    from cockpit.services.audit_trail import Trail
    from cockpit.store.launchfile import LaunchFile


def register(commands: argparse._SubParsersAction) -> None:
    who = commands.add_parser("who", help=tr("who has the launch file open now"))
    who.add_argument("file", metavar="FILE")
    add_json(who)
    who.set_defaults(run=_who)

    changes = commands.add_parser("changes", help=tr("what changed since a moment, from the audit trail"))
    changes.add_argument("file", metavar="FILE")
    changes.add_argument(
        "--since",
        metavar="ISO8601",
        default=None,
        help=tr("from this moment (without an offset: in the launch's zone; default: the last 24 hours)"),
    )
    add_json(changes)
    changes.set_defaults(run=_changes)

    history = commands.add_parser(
        "history", help=tr("a row's changes in order, or the launch's audit trail, filtered")
    )
    history.add_argument("file", metavar="FILE")
    history.add_argument("--table", metavar="|".join(ROW_TABLES), default=None, help=tr("the row's kind"))
    history.add_argument("--id", type=int, metavar="N", default=None, help=tr("the row's id (with --table)"))
    history.add_argument("--person", action="append", metavar="NAME", help=tr("only this person's changes"))
    history.add_argument("--pane", action="append", choices=PANES, help=tr("only this pane's rows"))
    history.add_argument("--since", metavar="ISO8601", default=None)
    history.add_argument("--until", metavar="ISO8601", default=None)
    history.add_argument(
        "--csv", metavar="PATH", default=None, help=tr("also write the lines to this CSV file")
    )
    add_json(history)
    history.set_defaults(run=_history)


def _who(args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    with open_file(args.file, read_only=True) as lf:
        here = who_is_here(lf, now=now)
        zone = launch_zone(lf)
    if args.json:
        print_json(
            [
                {
                    "who": p.actor,
                    "host": p.host,
                    "pid": p.pid,
                    "window": p.window,
                    "opened_at": p.opened_at.isoformat(),
                    "last_seen": p.last_seen.isoformat(),
                }
                for p in here
            ]
        )
        return 0
    if not here:
        print(tr("Nobody has {file} open in a cockpit window.", file=args.file))
    for p in here:
        print(
            tr(
                "{who} on {host} (since {opened}, last heard {seconds} s ago)",
                who=p.actor,
                host=p.host,
                opened=table_moment_text(p.opened_at, zone),
                seconds=max(0, round((now - p.last_seen).total_seconds())),
            )
        )
    if not args.json and here:
        from cockpit.domain.presence import AGE_OUT_SECONDS

        print(tr("A window not heard from for {seconds} s is no longer listed.", seconds=AGE_OUT_SECONDS))
    return 0


def _changes(args: argparse.Namespace) -> int:
    with open_file(args.file, read_only=True) as lf:
        zone = launch_zone(lf)
        since = (
            parse_moment(args.since, zone, "--since") if args.since else datetime.now(UTC) - timedelta(days=1)
        )
        trail = read_trail(lf, since=since)
    _print_trail(
        trail, as_json=args.json, empty=tr("No changes since {since}.", since=table_moment_text(since, zone))
    )
    return 0


def _history(args: argparse.Namespace) -> int:
    if (args.table is None) != (args.id is None) and args.id is not None:
        raise BadInput(tr("--id needs --table too, e.g. --table checklist --id 12."))
    table = table_of(args.table)
    with open_file(args.file, read_only=True) as lf:
        zone = launch_zone(lf)
        since = parse_moment(args.since, zone, "--since") if args.since else None
        until = parse_moment(args.until, zone, "--until") if args.until else None
        trail = read_trail(
            lf, since=since, until=until, panes=args.pane, table=table, row_id=args.id, people=args.person
        )
    if args.csv:
        write_trail_csv(trail, Path(args.csv))
    _print_trail(trail, as_json=args.json, empty=tr("No changes match."))
    return 0


def table_of(word: str | None) -> str | None:
    """The table ``--table`` names (a row kind's word, or the table itself)."""
    if word is None:
        return None
    table = ROW_TABLES.get(word, word if word in ROW_TABLES.values() else None)
    if table is None:
        raise BadInput(
            tr(
                "--table {table} is not a kind of row; use one of {choices}.",
                table=word,
                choices=", ".join(ROW_TABLES),
            )
        )
    return table


def _print_trail(trail: Trail, *, as_json: bool, empty: str) -> None:
    if as_json:
        print_json([entry.as_json(trail.zone) for entry in trail.entries])
        return
    if not trail.entries:
        print(empty)
    for entry in trail.entries:
        print(f"{table_moment_text(entry.at, trail.zone)}  {entry.actor}  {entry.line()}")


def launch_zone(lf: LaunchFile) -> ZoneInfo:
    with lf.reading() as conn:
        return read_launch_zone(conn)


def parse_moment(text: str, zone: ZoneInfo, option: str) -> datetime:
    """An ISO 8601 moment; one without an offset is read in the launch's zone."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise BadInput(
            tr(
                "{option} {text} is not a time; write it as ISO 8601, e.g. 2026-12-01T09:00 or "
                "2026-12-01T09:00+09:00.",
                option=option,
                text=text,
            )
        ) from None
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)
