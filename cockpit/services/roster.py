"""The sign-off roster: who must sign the go/no-go (the ``signoffs`` rows), and signing as oneself.

A signer is one of the launch's people, found by login and stored by name with a role (theirs unless
given), as the overview shows them. ``sign_off_as`` finds the row of the person at the keyboard the way
the overview's Sign off button does: their login, their name, or a roster entry written as the login.
"""

from __future__ import annotations

from cockpit.domain.launch import Person
from cockpit.domain.people import (
    check_not_signer,
    check_signer_removable,
    find_signer,
    is_named,
    same_login,
)
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.edits import Edit, sign_off
from cockpit.services.rounds import ConditionInput, is_round_open, sign_in_round
from cockpit.services.rules import refusals_as_bad_input, ruling_on
from cockpit.services.signoff_words import DECISIONS
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import read_people, read_signoffs
from cockpit.store.writer import Writer

# What a signer may say from the command line, and what the file stores for it.
# ``pending`` takes a decision back (given by mistake), as the window's sign-off dialog can.


def _person_by_login(w: Writer, login: str) -> Person:
    people = read_people(w.conn)
    person = next((p for p in people if p.login and same_login(p.login, login)), None)
    if person is None:
        known = ", ".join(p.login for p in people if p.login) or tr("nobody yet")
        raise BadInput(
            tr(
                "Nobody with the login {login!r} is on this launch's people list (logins: {known}). "
                "Add them to the people first, then to the roster.",
                login=login,
                known=known,
            )
        )
    return person


def add_signer(lf: LaunchFile, *, actor: str, login: str, role: str | None = None) -> Edit:
    """Put one of the launch's people on the roster, pending; ``role`` defaults to their role."""
    login = (login or "").strip()
    if not login:
        raise BadInput(tr("Name the signer by their login."))
    with lf.writing(actor) as w:
        person = _person_by_login(w, login)
        with refusals_as_bad_input():
            check_not_signer(person, read_signoffs(w.conn))
        values = {"person": person.name, "role": (role or "").strip() or person.role, "decision": "pending"}
        row = w.insert("signoffs", values)
    return Edit(row, w.changes)


def remove_signer(
    lf: LaunchFile,
    *,
    actor: str,
    login: str | None = None,
    signoff_id: int | None = None,
    expect_version: int | None = None,
) -> Edit:
    """Take a signer who has not decided off the roster: by their login, or by the roster row's id."""
    if (login is None) == (signoff_id is None):
        raise BadInput(tr("Name the signer to remove by their login."))
    with lf.writing(actor) as w:
        if signoff_id is None:
            person = _person_by_login(w, login or "")
            signoff = find_signer(read_signoffs(w.conn), person)
            if signoff is None:
                raise BadInput(
                    tr("{name} is not on the sign-off roster: nothing to remove.", name=person.name)
                )
            signoff_id = signoff.id
        current = w.row("signoffs", signoff_id)
        (signoff,) = read_signoffs(w.conn, [signoff_id])
        with ruling_on(w, "signoffs", current, expect_version, action="delete"):
            check_signer_removable(signoff)
        old = w.delete("signoffs", signoff_id, expect_version=expect_version)
    return Edit(old, w.changes)


def my_signoff_id(lf: LaunchFile, who: str) -> tuple[int, int]:
    """The id and version of the roster row of ``who`` (a login or a name); ``BadInput`` naming the roster if
    they are not on it."""
    with lf.reading() as conn:
        people = read_people(conn)
        signoffs = read_signoffs(conn)
    me = [p for p in people if p.login and same_login(p.login, who)]
    for signoff in signoffs:
        if (
            signoff.person == who
            or same_login(signoff.person, who)
            or any(is_named(signoff.person, p) for p in me)
        ):
            return signoff.id, signoff.version
    roster = ", ".join(f"{s.person} ({s.role})" if s.role else s.person for s in signoffs)
    raise BadInput(
        tr(
            "{who} is not on the sign-off roster ({roster}). Sign as someone on it (--as LOGIN), or add "
            "{who} to the roster first (cockpit signer add FILE LOGIN).",
            who=who,
            roster=roster or tr("nobody yet"),
        )
    )


def sign_off_as(lf: LaunchFile, *, actor: str, decision: str, comment: str = "") -> Edit:
    """Record the decision of ``actor`` (go, no_go or conditional), who must be on the roster."""
    stored = DECISIONS.get(decision)
    if stored is None:
        raise BadInput(
            tr(
                "{value!r} is not a decision; use one of: {allowed}.",
                value=decision,
                allowed=", ".join(DECISIONS),
            )
        )
    if stored != "pending" and is_round_open(lf):
        # While a go/no-go meeting is open, a sign-off is a verdict in it (the roster follows the verdict);
        # a conditional go's comment is its condition, owned by the signer.
        conditions = [ConditionInput(comment, owner=actor)] if stored == "conditional_go" and comment else []
        verdict = "conditional" if stored == "conditional_go" else stored
        signed = sign_in_round(lf, actor=actor, verdict=verdict, comment=comment, conditions=conditions)
        row = signed.row
        return Edit({**row["signoff"], "round": row["round"], "verdict_id": row["id"]}, signed.changes)
    signoff_id, version = my_signoff_id(lf, actor)
    return sign_off(
        lf, actor=actor, signoff_id=signoff_id, decision=stored, comment=comment, expect_version=version
    )
