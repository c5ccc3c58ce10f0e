"""The launch team from the command line: person add|update|remove|list, signer add|remove, signoff.

A person's ``contact`` is stored in the ``email`` column (any text: mail, phone, chat handle); the
commands say ``contact`` in and out.
"""

from __future__ import annotations

import argparse
from typing import Any

from cockpit.cli.common import (
    actor_of,
    add_actor,
    add_json,
    edit_parser,
    later,
    open_file,
    print_json,
    print_removed,
    print_row,
    register_remove,
)
from cockpit.i18n import tr
from cockpit.services.signoff_words import DECISIONS
from cockpit.store.read import read_people
from cockpit.words.rows import row_kind

add_person = later("cockpit.services.people", "add_person")
remove_person = later("cockpit.services.people", "remove_person")
update_person = later("cockpit.services.people", "update_person")
add_signer = later("cockpit.services.roster", "add_signer")
remove_signer = later("cockpit.services.roster", "remove_signer")
sign_off_as = later("cockpit.services.roster", "sign_off_as")


def register(commands: argparse._SubParsersAction) -> None:
    _register_person(commands)
    _register_signer(commands)
    signoff = commands.add_parser(
        "signoff", help=tr("record your go/no-go decision (as --as, who must be on the sign-off roster)")
    )
    signoff.add_argument("file", metavar="FILE")
    signoff.add_argument("--decision", required=True, choices=list(DECISIONS))
    signoff.add_argument(
        "--comment",
        default="",
        help=tr("the conditions, or the reason to stop (needed for conditional, no_go)"),
    )
    add_actor(signoff)
    add_json(signoff)
    signoff.set_defaults(run=_signoff)


def _register_person(commands: argparse._SubParsersAction) -> None:
    person = commands.add_parser("person", help=tr("add, change, remove or list the launch's people"))
    group = person.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = edit_parser(group, "add", tr("add someone to the launch's people"), update=False)
    add.add_argument("--name", required=True)
    add.add_argument("--login", required=True, help=tr("unique, whatever its case"))
    add.add_argument("--role", default="")
    add.add_argument("--contact", default="", help=tr("any text: mail, phone, chat handle"))
    add.set_defaults(run=_person_add)
    update = edit_parser(group, "update", tr("change someone's name, login, role or contact"), update=True)
    update.add_argument("id", type=int, metavar="ID")
    update.add_argument("--name", help=tr("a new name also renames them wherever they are named"))
    update.add_argument("--login")
    update.add_argument("--role")
    update.add_argument("--contact")
    update.set_defaults(run=_person_update)
    register_remove(
        group,
        tr("remove someone no longer named as an owner, assignee or signer"),
        "people",
        remove_person,
        "person_id",
        shown=person_row,
    )
    listing = group.add_parser("list", help=tr("list the launch's people"))
    listing.add_argument("file", metavar="FILE")
    add_json(listing)
    listing.set_defaults(run=_person_list)


def person_row(row: dict[str, Any]) -> dict[str, Any]:
    """A people row as the commands show it: ``contact``, never the column's old name."""
    return {("contact" if key == "email" else key): value for key, value in row.items()}


def _person_add(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = add_person(
            lf, actor=actor_of(args), name=args.name, login=args.login, role=args.role, contact=args.contact
        )
    print_row(row_kind("people"), person_row(edit.row), as_json=args.json)
    return 0


def _person_update(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = update_person(
            lf,
            actor=actor_of(args),
            person_id=args.id,
            name=args.name,
            login=args.login,
            role=args.role,
            contact=args.contact,
            expect_version=args.expect_version,
        )
    print_row(row_kind("people"), person_row(edit.row), as_json=args.json)
    return 0


def _person_list(args: argparse.Namespace) -> int:
    with open_file(args.file, read_only=True) as lf, lf.reading() as conn:
        people = read_people(conn)
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "login": p.login,
            "role": p.role,
            "contact": p.email,
            "version": p.version,
        }
        for p in people
    ]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(tr("Nobody yet. Add someone: cockpit person add FILE --name NAME --login LOGIN"))
    for row in rows:
        extra = " · ".join(str(row[k]) for k in ("role", "contact") if row[k])
        print(f"#{row['id']}  {row['name']} ({row['login']})" + (f"  {extra}" if extra else ""))
    return 0


def _register_signer(commands: argparse._SubParsersAction) -> None:
    signer = commands.add_parser("signer", help=tr("put people on the sign-off roster, or take them off"))
    group = signer.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = edit_parser(group, "add", tr("put one of the launch's people on the sign-off roster"), update=False)
    add.add_argument("login", metavar="LOGIN")
    add.add_argument("--role", default=None, help=tr("the role they sign as (default: their role)"))
    add.set_defaults(run=_signer_add)
    remove = edit_parser(group, "remove", tr("take a signer who has not decided off the roster"), update=True)
    remove.add_argument("login", metavar="LOGIN")
    remove.set_defaults(run=_signer_remove)


def _signer_add(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = add_signer(lf, actor=actor_of(args), login=args.login, role=args.role)
    print_row(row_kind("signoffs"), edit.row, as_json=args.json)
    return 0


def _signer_remove(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = remove_signer(lf, actor=actor_of(args), login=args.login, expect_version=args.expect_version)
    print_removed(row_kind("signoffs"), edit.row, as_json=args.json)
    return 0


def _signoff(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        edit = sign_off_as(lf, actor=actor_of(args), decision=args.decision, comment=args.comment)
    print_row(row_kind("signoffs"), edit.row, as_json=args.json)
    return 0
