"""Hypercare KPIs from the command line: kpi add|update|remove|list|record.

A KPI is named by its id or its name (any case), so a script can say ``cockpit kpi record F Uptime 99.95``.
"""

from __future__ import annotations

import argparse

from cockpit.cli.common import (
    actor_of,
    add_json,
    edit_parser,
    later,
    open_file,
    print_json,
    print_removed,
    print_row,
)
from cockpit.domain.kpis import kpi_named, kpi_readings, target_text, value_text
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.status_facts import kpi_facts
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import read_kpi_values, read_kpis, read_launch_zone
from cockpit.words.moments import moment_text
from cockpit.words.rows import row_kind

DIRECTION_HELP = "at_least (≥) | at_most (≤)"

add_kpi = later("cockpit.services.kpis", "add_kpi")
record_kpi_value = later("cockpit.services.kpis", "record_kpi_value")
remove_kpi = later("cockpit.services.kpis", "remove_kpi")
update_kpi = later("cockpit.services.kpis", "update_kpi")


def register(commands: argparse._SubParsersAction) -> None:
    kpi = commands.add_parser("kpi", help=tr("hypercare KPIs: add, change, remove, list, record a value"))
    group = kpi.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = edit_parser(group, "add", tr("add a KPI with its target"), update=False)
    add.add_argument("--name", required=True)
    add.add_argument("--target", required=True, help=tr("the figure to meet, e.g. 99.9"))
    add.add_argument("--direction", required=True, help=DIRECTION_HELP)
    add.add_argument("--unit", default="", help=tr("e.g. %%, ms"))
    add.add_argument("--query", default="", help=tr("a PromQL query, for a Prometheus source"))
    add.set_defaults(run=_add)
    update = edit_parser(
        group, "update", tr("change a KPI's name, target, direction, unit or query"), update=True
    )
    update.add_argument("kpi", metavar="KPI", help=tr("its id or name"))
    update.add_argument("--name")
    update.add_argument("--target")
    update.add_argument("--direction", help=DIRECTION_HELP)
    update.add_argument("--unit")
    update.add_argument("--query")
    update.set_defaults(run=_update)
    remove = edit_parser(group, "remove", tr("remove a KPI and its values"), update=True)
    remove.add_argument("kpi", metavar="KPI", help=tr("its id or name"))
    remove.set_defaults(run=_remove)
    listing = group.add_parser("list", help=tr("list the KPIs with their latest value against the target"))
    listing.add_argument("file", metavar="FILE")
    add_json(listing)
    listing.set_defaults(run=_list)
    record = edit_parser(group, "record", tr("record a KPI's value"), update=False)
    record.add_argument("kpi", metavar="KPI", help=tr("its id or name"))
    record.add_argument("value", metavar="VALUE")
    record.add_argument(
        "--at", default=None, help=tr("when it was measured (ISO 8601; default now; no zone: the launch's)")
    )
    record.set_defaults(run=_record)


def _kpi_id(lf: LaunchFile, name: str) -> int:
    with lf.reading() as conn:
        kpis = read_kpis(conn)
    found = kpi_named(kpis, name)
    if found is None:
        known = ", ".join(k.name for k in kpis) or tr("none yet; add one with 'cockpit kpi add'")
        raise BadInput(tr("There is no KPI named {name!r}; the KPIs are: {known}.", name=name, known=known))
    return found.id


def _add(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = add_kpi(
            lf,
            actor=actor_of(args),
            name=args.name,
            target=args.target,
            direction=args.direction,
            unit=args.unit,
            query=args.query,
        )
    print_row(row_kind("kpis"), edit.row, as_json=args.json)
    return 0


def _update(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = update_kpi(
            lf,
            actor=actor_of(args),
            kpi_id=_kpi_id(lf, args.kpi),
            name=args.name,
            target=args.target,
            direction=args.direction,
            unit=args.unit,
            query=args.query,
            expect_version=args.expect_version,
        )
    print_row(row_kind("kpis"), edit.row, as_json=args.json)
    return 0


def _remove(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = remove_kpi(
            lf, actor=actor_of(args), kpi_id=_kpi_id(lf, args.kpi), expect_version=args.expect_version
        )
    print_removed(row_kind("kpis"), edit.row, as_json=args.json)
    return 0


def _record(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = record_kpi_value(lf, actor=actor_of(args), kpi=args.kpi, value=args.value, at=args.at)
    print_row(row_kind("kpi_values"), edit.row, as_json=args.json)
    return 0


def _list(args: argparse.Namespace) -> int:
    with open_file(args.file, read_only=True) as lf, lf.reading() as conn:
        zone = read_launch_zone(conn)
        readings = kpi_readings(read_kpis(conn), read_kpi_values(conn))
    if args.json:
        print_json([kpi_facts(reading, zone) for reading in readings])
        return 0
    if not readings:
        print(tr("No KPIs yet. Add one: cockpit kpi add FILE --name NAME --target N --direction at_least"))
    for reading in readings:
        kpi, latest = reading.kpi, reading.latest
        if latest is None:
            state = tr("no value yet")
        else:
            verdict = tr("met") if reading.met else tr("BREACHED")
            state = f"{value_text(kpi, latest.value)} ({moment_text(latest.at, zone)}) {verdict}"
        print(f"#{kpi.id}  {kpi.name}  {target_text(kpi)}  {state}")
    return 0
