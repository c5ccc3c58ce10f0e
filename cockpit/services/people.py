"""The launch's people: add, edit, remove (name, login, role, contact).

The ``email`` column holds a person's contact, whatever it is (a mail address, a phone, a chat handle);
every front end labels it Contact. Owners, assignees and signers are stored as the person's name (a
few as a login), so renaming someone renames them where they are named, and someone still named is
not removed (``domain.people.check_person_removable``).
"""

from __future__ import annotations

from typing import Any

from cockpit.domain.people import Mention, check_login_free, check_person_removable, is_named
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.edits import Edit
from cockpit.services.rules import refusals_as_bad_input, ruling_on
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import read_people
from cockpit.store.writer import Writer

# Where a person is named: (table, column). A removal is refused while any of these name them.
MENTIONS = (
    ("checklist_items", "owner"),
    ("runbook_steps", "owner"),
    ("migration_objects", "owner"),
    ("risks", "owner"),
    ("tickets", "assignee"),
    ("signoffs", "person"),
)


def _required(value: str | None, what: str) -> str:
    text = (value or "").strip()
    if not text:
        raise BadInput(tr("{what} must not be empty.", what=what))
    return text


def add_person(
    lf: LaunchFile, *, actor: str, name: str, login: str, role: str = "", contact: str = ""
) -> Edit:
    values = {
        "name": _required(name, tr("A person's name")),
        "login": _required(login, tr("A person's login")),
        "role": (role or "").strip(),
        "email": (contact or "").strip(),
    }
    with lf.writing(actor) as w:
        with refusals_as_bad_input():
            check_login_free(values["login"], None, read_people(w.conn))
        row = w.insert("people", values)
    return Edit(row, w.changes)


def update_person(
    lf: LaunchFile,
    *,
    actor: str,
    person_id: int,
    name: str | None = None,
    login: str | None = None,
    role: str | None = None,
    contact: str | None = None,
    expect_version: int | None = None,
) -> Edit:
    """Change the given fields; a new name (or login) follows the person wherever they are named."""
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = _required(name, tr("A person's name"))
    if login is not None:
        changes["login"] = _required(login, tr("A person's login"))
    if role is not None:
        changes["role"] = role.strip()
    if contact is not None:
        changes["email"] = contact.strip()
    if not changes:
        raise BadInput(tr("Nothing to change: give a new name, login, role or contact."))
    with lf.writing(actor) as w:
        current = w.row("people", person_id)
        if "login" in changes:
            with ruling_on(w, "people", current, expect_version):
                check_login_free(changes["login"], person_id, read_people(w.conn))
        row = w.update("people", person_id, changes, expect_version=expect_version)
        for key in ("name", "login"):
            if current[key] and row[key] != current[key]:
                _rename_mentions(w, current[key], row[key])
    return Edit(row, w.changes)


def _rename_mentions(w: Writer, old: str, new: str) -> None:
    for table, column in MENTIONS:
        ids = [r[0] for r in w.conn.execute(f"SELECT id FROM {table} WHERE {column} = ?", [old])]
        for row_id in ids:
            w.update(table, row_id, {column: new})


def mentions_of(w: Writer, person_id: int) -> list[Mention]:
    """Every row that names the person (by name, or by login), per table and column."""
    (person,) = read_people(w.conn, [person_id])
    found = []
    for table, column in MENTIONS:
        rows = w.conn.execute(f"SELECT id, {column} FROM {table} WHERE {column} != '' ORDER BY id")
        ids = tuple(r[0] for r in rows if is_named(r[1], person))
        found.append(Mention(table, column, ids))
    return found


def remove_person(lf: LaunchFile, *, actor: str, person_id: int, expect_version: int | None = None) -> Edit:
    """Remove someone no checklist item, step, object, risk, ticket or sign-off names any more."""
    with lf.writing(actor) as w:
        current = w.row("people", person_id)
        (person,) = read_people(w.conn, [person_id])
        with ruling_on(w, "people", current, expect_version, action="delete"):
            check_person_removable(person, mentions_of(w, person_id))
        old = w.delete("people", person_id, expect_version=expect_version)
    return Edit(old, w.changes)
