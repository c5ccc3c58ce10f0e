"""Reviews after go-live (PDCA): review add|list, action add|done|list, lesson add|list, ticket link."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from cockpit.cli.care_commands import group_of
from cockpit.cli.common import LaterModule, actor_of, add_json, edit_parser, open_file, print_json, print_row
from cockpit.domain.launch import LaunchData, Stage
from cockpit.domain.reviews import ActionStatus, Cadence, LessonKind, overdue_actions
from cockpit.i18n import tr
from cockpit.services.care_facts import action_facts, review_facts
from cockpit.store.read import load_launch
from cockpit.words.labels import stage_label
from cockpit.words.moments import moment_text
from cockpit.words.reviews import cadence_label, lesson_kind_label
from cockpit.words.rows import row_kind

reviews = LaterModule("cockpit.services.reviews")


def register(commands: argparse._SubParsersAction) -> None:
    review = commands.add_parser(
        "review", help=tr("review meetings after go-live: their figures, findings, actions")
    )
    group = review.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = edit_parser(
        group, "add", tr("record a review meeting; the period's figures are frozen now"), update=False
    )
    add.add_argument("--at", metavar="ISO", help=tr("when it was held (default: now)"))
    add.add_argument(
        "--since",
        metavar="ISO",
        help=tr("start of the period it reviews (default: the last meeting, else go-live)"),
    )
    add.add_argument(
        "--cadence",
        choices=[c.value for c in Cadence],
        help=tr("default: daily during hypercare, else weekly"),
    )
    add.add_argument("--attendees", default="", metavar="T")
    add.add_argument("--findings", default="", metavar="T")
    add.set_defaults(run=_review_add)
    listing = group.add_parser("list", help=tr("print the review meetings with their figures and actions"))
    listing.add_argument("file", metavar="FILE")
    add_json(listing)
    listing.set_defaults(run=_review_list)

    action = commands.add_parser("action", help=tr("improvement actions, tracked until done"))
    actions = action.add_subparsers(dest="action", metavar="ACTION", required=True)
    a_add = edit_parser(actions, "add", tr("add an improvement action"), update=False)
    a_add.add_argument("--title", required=True)
    a_add.add_argument("--review", type=int, metavar="ID", help=tr("the review meeting it came from"))
    a_add.add_argument("--owner", default="")
    a_add.add_argument("--due", metavar="ISO", help=tr("e.g. 2026-12-10T18:00 (in the launch's zone)"))
    a_add.set_defaults(run=_action_add)
    done = edit_parser(actions, "done", tr("mark an improvement action done"), update=True)
    done.add_argument("id", type=int, metavar="ID")
    done.add_argument("--at", metavar="ISO", help=tr("when, if earlier than now"))
    done.set_defaults(run=_action_done)
    a_list = actions.add_parser("list", help=tr("print the improvement actions, overdue ones marked"))
    a_list.add_argument("file", metavar="FILE")
    a_list.add_argument("--open", action="store_true", help=tr("only the actions not done"))
    add_json(a_list)
    a_list.set_defaults(run=_action_list)

    lesson = commands.add_parser("lesson", help=tr("lessons learned, by phase"))
    lessons = lesson.add_subparsers(dest="action", metavar="ACTION", required=True)
    l_add = edit_parser(lessons, "add", tr("add a lesson learned"), update=False)
    l_add.add_argument("--phase", required=True, choices=[s.value for s in Stage])
    l_add.add_argument(
        "--kind",
        required=True,
        choices=[k.value for k in LessonKind],
        help=tr("went_well, or change (next time)"),
    )
    l_add.add_argument("--text", required=True)
    l_add.set_defaults(run=_lesson_add)
    l_list = lessons.add_parser("list", help=tr("print the lessons learned, by phase"))
    l_list.add_argument("file", metavar="FILE")
    add_json(l_list)
    l_list.set_defaults(run=_lesson_list)

    link = edit_parser(
        group_of(commands, "ticket"),
        "link",
        tr("say what a ticket is about: a runbook step, a risk or a failing test"),
        update=False,
    )
    link.add_argument("id", type=int, metavar="ID")
    target = link.add_mutually_exclusive_group(required=True)
    target.add_argument("--step", type=int, metavar="N")
    target.add_argument("--risk", type=int, metavar="N")
    target.add_argument(
        "--test", metavar="NAME", help=tr("as the results show it: classname.name, or the name")
    )
    link.set_defaults(run=_ticket_link)


def _read(path: str) -> LaunchData:
    with open_file(path, read_only=True) as lf:
        return load_launch(lf, notable_cases_only=True)


def _review_add(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = reviews.add_review(
            lf,
            actor=actor_of(args),
            held_at=args.at,
            since=args.since,
            cadence=args.cadence,
            attendees=args.attendees,
            findings=args.findings,
        )
    print_row(row_kind("reviews"), edit.row, as_json=args.json)
    return 0


def _review_list(args: argparse.Namespace) -> int:
    data = _read(args.file)
    zone = data.launch.zone
    if args.json:
        print_json([review_facts(r, data.actions, zone) for r in data.reviews])
        return 0
    if not data.reviews:
        print(tr("No review meeting yet: record one with cockpit review add FILE --attendees T --findings T"))
    for r in data.reviews:
        figures = r.figures
        attainment = figures.get("sla_attainment_percent")
        print(
            tr(
                "#{id} {when} ({cadence}): {opened} opened, {resolved} resolved, SLA met {attainment}",
                id=r.id,
                when=moment_text(r.held_at, zone),
                cadence=cadence_label(r.cadence),
                opened=figures.get("opened", 0),
                resolved=figures.get("resolved", 0),
                attainment="—" if attainment is None else f"{attainment} %",
            )
        )
        if r.attendees:
            print(tr("  attendees: {names}", names=r.attendees))
        if r.findings:
            print(tr("  findings: {text}", text=r.findings))
        for a in data.actions:
            if a.review_id == r.id:
                print(f"  - {_action_line(a, data)}")
    return 0


def _action_line(action: Any, data: LaunchData) -> str:
    zone = data.launch.zone
    now = datetime.now(UTC)
    state = (
        tr("done")
        if action.status is ActionStatus.DONE
        else (tr("OVERDUE") if action.overdue(now) else tr("open"))
    )
    due = moment_text(action.due, zone) if action.due else tr("no due")
    return tr(
        "action #{id} [{state}] {title} (owner: {owner}, due {due})",
        id=action.id,
        state=state,
        title=action.title,
        owner=action.owner or "—",
        due=due,
    )


def _action_add(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = reviews.add_action(
            lf, actor=actor_of(args), title=args.title, review_id=args.review, owner=args.owner, due=args.due
        )
    print_row(row_kind("improvement_actions"), edit.row, as_json=args.json)
    return 0


def _action_done(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = reviews.finish_action(
            lf, actor=actor_of(args), action_id=args.id, at=args.at, expect_version=args.expect_version
        )
    print_row(row_kind("improvement_actions"), edit.row, as_json=args.json)
    return 0


def _action_list(args: argparse.Namespace) -> int:
    data = _read(args.file)
    shown = [a for a in data.actions if not args.open or a.status is ActionStatus.OPEN]
    if args.json:
        print_json([action_facts(a, data.launch.zone) for a in shown])
        return 0
    for action in shown:
        print(_action_line(action, data))
    late = overdue_actions(data.actions, now=datetime.now(UTC))
    print(
        tr(
            "{count} of {total} actions shown, {late} overdue",
            count=len(shown),
            total=len(data.actions),
            late=len(late),
        )
    )
    return 0


def _lesson_add(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = reviews.add_lesson(lf, actor=actor_of(args), phase=args.phase, kind=args.kind, text=args.text)
    print_row(row_kind("lessons"), edit.row, as_json=args.json)
    return 0


def _lesson_list(args: argparse.Namespace) -> int:
    data = _read(args.file)
    if args.json:
        print_json(
            [
                {"id": x.id, "phase": x.phase, "kind": x.kind.value, "text": x.text, "by": x.updated_by}
                for x in data.lessons
            ]
        )
        return 0
    for stage in Stage:
        these = [lesson for lesson in data.lessons if lesson.phase == stage.value]
        if these:
            print(stage_label(stage))
            for lesson in these:
                print(f"  [{lesson_kind_label(lesson.kind)}] {lesson.text}")
    if not data.lessons:
        print(
            tr(
                "No lesson learned yet: add one with cockpit lesson add FILE --phase P --kind went_well|change --text T"
            )
        )
    return 0


def _ticket_link(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = reviews.link_ticket(
            lf, actor=actor_of(args), ticket_id=args.id, step=args.step, risk=args.risk, test=args.test
        )
    print_row(row_kind("ticket_links"), edit.row, as_json=args.json)
    return 0
