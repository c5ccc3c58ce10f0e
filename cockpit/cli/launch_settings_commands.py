"""The launch's settings and stage, and the SLA targets: launch set|show, sla set|list."""

from __future__ import annotations

import argparse
from typing import Any

from cockpit.cli.common import (
    actor_of,
    add_actor,
    add_expect_version,
    add_json,
    open_file,
    print_json,
    print_row,
)
from cockpit.domain.launch import Launch, LaunchData, Stage
from cockpit.domain.support import Severity
from cockpit.i18n import tr
from cockpit.store.read import read_launch_row, read_sla_policies
from cockpit.words.labels import stage_label
from cockpit.words.moments import moment_text
from cockpit.words.rows import row_kind

# How --rollback-deadline says "no deadline".
NO_DEADLINE = "none"


def register(commands: argparse._SubParsersAction) -> None:
    launch = commands.add_parser("launch", help=tr("show or change the launch's settings and stage"))
    group = launch.add_subparsers(dest="action", metavar="ACTION", required=True)
    set_ = group.add_parser("set", help=tr("change the launch's settings, or move its stage"))
    set_.add_argument("file", metavar="FILE")
    set_.add_argument("--name", metavar="T")
    set_.add_argument(
        "--go-live", metavar="ISO", help=tr("e.g. 2026-12-01T09:00 (in the launch's zone) or …+09:00")
    )
    set_.add_argument("--timezone", metavar="Z", help=tr("IANA time zone, e.g. Asia/Tokyo"))
    set_.add_argument(
        "--rollback-deadline",
        metavar="ISO|none",
        help=tr("the last moment to decide on a rollback; 'none' clears it"),
    )
    set_.add_argument("--stage", choices=[stage.value for stage in Stage])
    set_.add_argument(
        "--reason", default="", metavar="T", help=tr("why (needed to move back, or to skip a stage)")
    )
    set_.add_argument("--risk-red", type=int, metavar="N", help=tr("risks score red from N (2–25)"))
    set_.add_argument("--risk-amber", type=int, metavar="N", help=tr("risks score amber from N, below red"))
    add_actor(set_)
    add_json(set_)
    add_expect_version(set_)
    set_.set_defaults(run=_launch_set)
    show = group.add_parser("show", help=tr("print the launch's settings, stage and SLA targets"))
    show.add_argument("file", metavar="FILE")
    add_json(show)
    show.set_defaults(run=_launch_show)

    sla = commands.add_parser("sla", help=tr("show or change the SLA targets per severity"))
    sla_group = sla.add_subparsers(dest="action", metavar="ACTION", required=True)
    sla_set = sla_group.add_parser("set", help=tr("change one severity's SLA targets"))
    sla_set.add_argument("file", metavar="FILE")
    sla_set.add_argument("severity", choices=[s.value for s in Severity], metavar="P1|P2|P3|P4")
    sla_set.add_argument(
        "--first-response", type=int, metavar="MIN", help=tr("minutes to the first response")
    )
    sla_set.add_argument("--resolution", type=int, metavar="MIN", help=tr("minutes to the resolution"))
    add_actor(sla_set)
    add_json(sla_set)
    add_expect_version(sla_set)
    sla_set.set_defaults(run=_sla_set)
    sla_list = sla_group.add_parser("list", help=tr("print the SLA targets per severity"))
    sla_list.add_argument("file", metavar="FILE")
    add_json(sla_list)
    sla_list.set_defaults(run=_sla_list)


def _launch_set(args: argparse.Namespace) -> int:
    from cockpit.services import launch_settings  # the writing services load for the commands that write
    from cockpit.services.edits import UNSET

    deadline: Any = UNSET
    if args.rollback_deadline is not None:
        deadline = None if args.rollback_deadline.strip().lower() == NO_DEADLINE else args.rollback_deadline
    with open_file(args.file) as lf:
        edit = launch_settings.update_launch(
            lf,
            actor=actor_of(args),
            name=args.name,
            go_live=args.go_live,
            timezone=args.timezone,
            rollback_deadline=deadline,
            risk_red_min=args.risk_red,
            risk_amber_min=args.risk_amber,
            stage=args.stage,
            reason=args.reason,
            expect_version=args.expect_version,
        )
    print_row(row_kind("launch"), edit.row, as_json=args.json)
    return 0


def _sla_set(args: argparse.Namespace) -> int:
    from cockpit.services import launch_settings

    with open_file(args.file) as lf:
        edit = launch_settings.set_sla_target(
            lf,
            actor=actor_of(args),
            severity=args.severity,
            first_response_minutes=args.first_response,
            resolution_minutes=args.resolution,
            expect_version=args.expect_version,
        )
    print_row(row_kind("sla_policies"), edit.row, as_json=args.json)
    return 0


def _read(path: str) -> LaunchData:
    """The launch row, its risk bands and the SLA targets: all that ``launch show`` and ``sla list`` print."""
    with open_file(path, read_only=True) as lf, lf.reading() as conn:
        launch, bands = read_launch_row(conn)
        return LaunchData(launch=launch, risk_thresholds=bands, sla_policies=read_sla_policies(conn))


def _local(launch: Launch, value: Any) -> str | None:
    return None if value is None else value.astimezone(launch.zone).isoformat(timespec="seconds")


def launch_facts(data: LaunchData) -> dict[str, Any]:
    """The launch's settings as ``launch show --json`` prints them; times in the launch's zone."""
    from cockpit.services.status_facts import stage_move_facts

    launch = data.launch
    return {
        "name": launch.name,
        "go_live": _local(launch, launch.go_live),
        "timezone": launch.timezone,
        "stage": launch.stage.value,
        "last_stage_move": stage_move_facts(data),
        "rollback_deadline": _local(launch, launch.rollback_deadline),
        "risk_bands": {"red_min": data.risk_thresholds.red_min, "amber_min": data.risk_thresholds.amber_min},
        "version": launch.version,
        "sla": _sla_facts(data),
    }


def _sla_facts(data: LaunchData) -> list[dict[str, Any]]:
    from cockpit.services.care_facts import calendar_facts  # with the care pane's rules: for --json only

    return [
        {
            "severity": p.severity.value,
            "first_response_minutes": p.first_response_minutes,
            "resolution_minutes": p.resolution_minutes,
            "update_minutes": p.update_minutes,
            "calendar": calendar_facts(p),
            "version": p.version,
        }
        for p in data.sla_policies
    ]


def _launch_show(args: argparse.Namespace) -> int:
    data = _read(args.file)
    if args.json:
        print_json(launch_facts(data))
        return 0
    launch, bands = data.launch, data.risk_thresholds
    zone = launch.zone
    print(tr("{name} (version {version})", name=launch.name, version=launch.version))
    print(tr("  go-live: {when} ({zone})", when=moment_text(launch.go_live, zone), zone=launch.timezone))
    print(tr("  stage: {stage}", stage=stage_label(launch.stage)))
    move = launch.last_stage_move
    if move is not None:
        print(
            tr(
                "  last move: {previous} → {stage} by {by} at {when}",
                previous=stage_label(move.previous),
                stage=stage_label(move.stage),
                by=move.by,
                when=moment_text(move.at, zone),
            )
            + (f" — {move.reason}" if move.reason else "")
        )
    deadline = moment_text(launch.rollback_deadline, zone) or tr("none")
    print(tr("  rollback deadline: {when}", when=deadline))
    print(
        tr(
            "  risk bands: red from {red}, amber from {amber}, green below",
            red=bands.red_min,
            amber=bands.amber_min,
        )
    )
    _print_sla(data)
    return 0


def _sla_list(args: argparse.Namespace) -> int:
    data = _read(args.file)
    if args.json:
        print_json(_sla_facts(data))
        return 0
    _print_sla(data)
    return 0


def _print_sla(data: LaunchData) -> None:
    print(tr("  SLA targets (minutes): severity, first response, resolution"))
    for p in data.sla_policies:
        print(f"    {p.severity.value}  {p.first_response_minutes:>6}  {p.resolution_minutes:>6}")
