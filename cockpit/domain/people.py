"""The launch's people and its sign-off roster: who may be added, renamed or removed, and who signs.

Owners, assignees and signers are stored as the text a user picked (a person's name, sometimes a
login), so a person is "named" somewhere when that text is their name or their login.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cockpit.domain.gate import Decision, SignOff
from cockpit.domain.launch import Person
from cockpit.domain.refusal import Refusal
from cockpit.i18n import tr
from cockpit.words.labels import decision_label
from cockpit.words.rows import field_label, row_kind


def same_login(a: str, b: str) -> bool:
    """Logins are compared as people type them: ``Sato`` and ``sato`` are the same person."""
    return a.strip().casefold() == b.strip().casefold()


def is_named(text: str, person: Person) -> bool:
    """Whether a stored owner, assignee or signer names this person (by name, or by login)."""
    return bool(text) and (text == person.name or (bool(person.login) and same_login(text, person.login)))


def check_login_free(login: str, person_id: int | None, people: Iterable[Person]) -> None:
    """A login belongs to one person, whatever its case."""
    for other in people:
        if other.id != person_id and same_login(other.login, login):
            raise Refusal(
                tr(
                    "The login {login!r} is already {name}'s (person #{id}); logins are unique, whatever "
                    "their case. Choose another login, or edit person #{id}.",
                    login=login,
                    name=other.name,
                    id=other.id,
                )
            )


@dataclass(frozen=True, slots=True)
class Mention:
    """Rows of one table that name a person in one column (an owner, an assignee, a signer)."""

    table: str
    column: str
    ids: tuple[int, ...]


def check_person_removable(person: Person, mentions: Sequence[Mention]) -> None:
    """Someone still named as an owner, an assignee or a signer is not removed: those rows would name nobody."""
    named = [m for m in mentions if m.ids]
    if not named:
        return
    places = "; ".join(_place(m) for m in named)
    raise Refusal(
        tr(
            "{name} is still named in this launch: {places}. Reassign those to someone else (or take "
            "{name} off the sign-off roster) first, then remove {name}.",
            name=person.name,
            places=places,
        )
    )


def _place(mention: Mention) -> str:
    """``owner of checklist item #3, #5``; the roster by its name."""
    if mention.table == "signoffs":
        return tr("the sign-off roster")
    return tr(
        "{field} of {kind} {ids}",
        field=field_label(mention.table, mention.column).lower(),
        kind=row_kind(mention.table),
        ids=", ".join(f"#{i}" for i in mention.ids[:5]) + (" …" if len(mention.ids) > 5 else ""),
    )


def find_signer(signoffs: Iterable[SignOff], person: Person) -> SignOff | None:
    return next((s for s in signoffs if is_named(s.person, person)), None)


def check_not_signer(person: Person, signoffs: Iterable[SignOff]) -> None:
    if find_signer(signoffs, person) is not None:
        raise Refusal(tr("{name} is already on the sign-off roster.", name=person.name))


def check_signer_removable(signoff: SignOff) -> None:
    """A decision given stays on the record: only a signer still pending comes off the roster."""
    if signoff.decision is not Decision.PENDING:
        raise Refusal(
            tr(
                "{name} has already decided ({decision}); a recorded decision stays on the roster. If it was "
                "a mistake, {name} sets their decision back to pending first; then they can be taken off.",
                name=signoff.person,
                decision=decision_label(signoff.decision),
            )
        )
