"""Launch-level commands: new, demo, open, status."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from cockpit.cli.common import actor_of, add_actor, add_json, open_file, print_json
from cockpit.errors import BadInput
from cockpit.i18n import detect_language, ntr, set_language, tr
from cockpit.words.labels import decision_label
from cockpit.words.rounds import round_state_label


def register(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new", help=tr("create a launch file, filled from a template"))
    new.add_argument("file", metavar="FILE")
    new.add_argument("--name", required=True)
    new.add_argument("--go-live", required=True, metavar="ISO8601", help=tr("e.g. 2026-12-01T09:00+09:00"))
    new.add_argument(
        "--timezone", default=None, help=tr("IANA time zone to show times in (default: from --go-live)")
    )
    # Checked by the template loader, not argparse, so a wrong choice exits 2 like every other bad input.
    new.add_argument(
        "--template",
        default="standard",
        metavar="standard|empty",
        help=tr("standard: the whole service-in checklist and a runbook skeleton (default); empty: none"),
    )
    new.add_argument(
        "--lang", default=None, metavar="en|ja", help=tr("language of the template's texts (default: yours)")
    )
    add_actor(new)
    new.set_defaults(run=_new)

    demo = commands.add_parser("demo", help=tr("write a demo launch caught mid-cutover"))
    demo.add_argument("file", metavar="FILE")
    demo.add_argument("--size", choices=["small", "large", "huge"], default="small")
    demo.add_argument("--lang", choices=["en", "ja"], default="en")
    add_actor(demo)
    demo.set_defaults(run=_demo)

    open_ = commands.add_parser("open", help=tr("open the cockpit window"))
    open_.add_argument(
        "file", metavar="FILE", nargs="?", help=tr("a launch file, or the file:// URI a desktop passes")
    )
    open_.add_argument("--read-only", action="store_true")
    open_.add_argument("--war-room", action="store_true", help=tr("full-screen wall layout"))
    open_.add_argument("--lang", choices=["en", "ja"], default=None)
    open_.set_defaults(run=_open)

    status = commands.add_parser("status", help=tr("print the launch at a glance"))
    status.add_argument("file", metavar="FILE")
    add_json(status)
    status.set_defaults(run=_status)


def _parse_go_live(text: str, zone: str | None = None) -> datetime:
    """The go-live instant; a time without an offset is read in ``zone`` (``--timezone``) when one is given."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise BadInput(
            tr("--go-live {text!r} is not an ISO 8601 time; write e.g. 2026-12-01T09:00+09:00.", text=text)
        ) from None
    if value.tzinfo is None and zone:
        from zoneinfo import ZoneInfo

        return value.replace(tzinfo=ZoneInfo(_zone_name(value, zone)))
    if value.tzinfo is None:
        raise BadInput(
            tr("--go-live needs a time zone: an offset (2026-12-01T09:00+09:00) or --timezone Asia/Tokyo.")
        )
    return value


def _zone_name(value: datetime, given: str | None) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if given:
        try:
            ZoneInfo(given)
        except (ZoneInfoNotFoundError, ValueError):
            raise BadInput(
                tr("Unknown time zone {zone!r}; use an IANA name such as Asia/Tokyo.", zone=given)
            ) from None
        return given
    offset = value.utcoffset()
    known = {9 * 3600: "Asia/Tokyo", 0: "UTC"}
    return known.get(int(offset.total_seconds()), "UTC") if offset is not None else "UTC"


def _new(args: argparse.Namespace) -> int:
    from cockpit.services.templates import create_from_template

    go_live = _parse_go_live(args.go_live, args.timezone)
    if not args.name.strip():
        raise BadInput(tr("--name must not be empty."))
    _remove_abandoned_creations(Path(args.file))
    created = create_from_template(
        Path(args.file),
        name=args.name.strip(),
        go_live=go_live,
        timezone=_zone_name(go_live, args.timezone),
        actor=actor_of(args),
        template=args.template,
        lang=args.lang or detect_language(),
    )
    print(tr("Created {path}.", path=created.path))
    print(
        tr(
            "From the {template} template: {items} checklist items ({gates} gate items), {steps} runbook steps, "
            "{criteria} go/no-go criteria.",
            template=args.template,
            items=created.items,
            gates=created.gate_items,
            steps=created.steps,
            criteria=created.criteria,
        )
    )
    return 0


def _demo(args: argparse.Namespace) -> int:
    from cockpit.services.demo import write_demo

    set_language(args.lang)
    _remove_abandoned_creations(Path(args.file))
    path = write_demo(Path(args.file), size=args.size, lang=args.lang, actor=actor_of(args))
    print(tr("Wrote the {size} demo launch to {path}.", size=args.size, path=path))
    return 0


def _remove_abandoned_creations(target: Path) -> None:
    """Clear what a killed ``new`` or ``demo`` left in the folder, and say so (on stderr: scripts read stdout)."""
    from cockpit.store.launchfile import remove_abandoned_creations

    for left in remove_abandoned_creations(target.parent):
        print(
            tr(
                "Removed {name}: an unfinished launch file left by an interrupted 'new' or 'demo'.",
                name=left.name,
            ),
            file=sys.stderr,
        )


def _open(args: argparse.Namespace) -> int:
    from cockpit.services.desktop_integration import path_from_desktop
    from cockpit.ui.app import run_app  # Qt loads only for the window, never for scripts

    path = path_from_desktop(args.file) if args.file else None
    return run_app(path=path, read_only=args.read_only, war_room=args.war_room, lang=args.lang)


def _status(args: argparse.Namespace) -> int:
    from cockpit.services.status import build_status
    from cockpit.store.read import load_launch

    # Opened as the window opens it: an older file is upgraded when writable; otherwise read-only with the reason.
    with open_file(args.file) as lf:
        data = load_launch(lf, notable_cases_only=True)  # the status counts cases, it lists none
    status = build_status(data, now=datetime.now(UTC), every_ticket=args.json)
    if args.json:
        print_json(status)
    else:
        _print_status(status)
    return 0


def _print_status(status: dict) -> None:
    launch, checklist, support, gate = (
        status["launch"],
        status["checklist"],
        status["support"],
        status["gate"],
    )
    migration, risks = status["migration"], status["risks"]
    print(f"{launch['name']}  ·  {tr('go-live')} {launch['go_live']}  ·  {tr('stage')}: {launch['stage']}")
    print(
        tr(
            "Checklist  {done}/{total} applicable items done (n/a not counted), {blocked} blocked, {overdue} overdue",
            done=checklist["done"],
            total=checklist["applicable"],
            blocked=checklist["blocked"],
            overdue=checklist["overdue"],
        )
    )
    for level, t in status["tests"].items():
        if t["runs"]:
            rate = f"{t['pass_rate']:.1%}" if t["pass_rate"] is not None else "-"
            print(
                tr(
                    "Tests {level:<12} {rate} passed in {run} ({failed} failed, {flaky} flaky)",
                    level=level,
                    rate=rate,
                    run=t["latest_run"],
                    failed=t["failed"] + t["errors"],
                    flaky=t["flaky"],
                )
            )
    headline = status["tests_headline"]
    if headline["pass_rate"] is not None:
        print(
            tr(
                "Tests      lowest pass rate of the gated levels: {rate} ({level})",
                rate=f"{headline['pass_rate']:.1%}",
                level=headline["level"],
            )
            if headline["gated_levels_only"]
            else tr(
                "Tests      lowest pass rate of all levels (none gated): {rate} ({level})",
                rate=f"{headline['pass_rate']:.1%}",
                level=headline["level"],
            )
        )
    steps, objects = migration["steps"], migration["objects"]
    print(
        tr(
            "Runbook    {done}/{total} steps done or skipped, {late} late, ETA {eta}, slack {slack} min",
            done=steps["done_or_skipped"],
            total=steps["total"],
            late=steps["late"],
            eta=migration["eta"],
            slack=migration["slack_minutes"],
        )
    )
    if migration["eta_after_go_live"]:
        print(tr("           ✘ ETA after go-live ({go_live})", go_live=launch["go_live"]))
    print(
        tr(
            "Data       {ok}/{total} objects reconciled, {bad} mismatched",
            ok=objects["reconciled"],
            total=objects["total"],
            bad=objects["mismatched"],
        )
    )
    print(
        tr(
            "Risks      {open} open; residual zone: red {red}, amber {amber}, green {green}",
            open=risks["open"],
            red=risks["per_residual_zone"]["red"],
            amber=risks["per_residual_zone"]["amber"],
            green=risks["per_residual_zone"]["green"],
        )
    )
    print(
        tr(
            "Support    {open} open, {breached} open past their SLA ({urgent} of them P1/P2)",
            open=support["open"],
            breached=support["sla_breached"],
            urgent=support["urgent_sla_breached"],
        )
    )
    print(
        tr(
            "Go/no-go   {decision}; {signed} of {required} signed; criteria {ok} of {n} met",
            decision=decision_label(gate["decision"]),
            signed=gate["signed"],
            required=gate["required"],
            ok=sum(c["ok"] for c in gate["criteria"]),
            n=len(gate["criteria"]),
        )
    )
    for c in gate["criteria"]:
        print(f"  {'✔' if c['ok'] else '✘'} {c['label']}: {c['detail']}")
    rounds = status["rounds"]
    if rounds["latest"] is not None:
        latest, unmet = rounds["latest"], rounds["open_conditions"]
        conditions = ntr(
            "{n} condition open, {overdue} overdue",
            "{n} conditions open, {overdue} overdue",
            len(unmet),
            overdue=sum(c["overdue"] for c in unmet),
        )
        # The state in words ("Conditional go", "In session"), not the JSON's code.
        state = round_state_label(latest["decision"])
        print(
            tr(
                "Meetings   {title}: {state}; {conditions}",
                title=latest["title"],
                state=state,
                conditions=conditions,
            )
        )
