"""Who may be named as an owner: a person of the launch, by login or by name.

A launch with nobody on it yet takes any owner (a team starting from an empty file writes names before it
has a roster). Once people are on it, an owner must be one of them, so a typo ("sauto") does not leave an
item with nobody responsible and out of every owner filter.
"""

from __future__ import annotations

from collections.abc import Iterable

from cockpit.domain.launch import Person
from cockpit.domain.refusal import Refusal
from cockpit.i18n import tr


def owner_named(text: str, people: Iterable[Person]) -> str:
    """The owner to store for ``text``: "" for none; else the person it names, by login or name (any case),
    written as the launch already writes them (the login if a login was given, else the name).

    Refused, naming the people's logins, when the launch has people and ``text`` is none of them.
    """
    wanted = (text or "").strip()
    people = tuple(people)
    if not wanted or not people:
        return wanted
    folded = wanted.casefold()
    for person in people:
        if person.login and person.login.casefold() == folded:
            return person.login
    for person in people:
        if person.name.strip().casefold() == folded:
            return person.name
    known = ", ".join(
        f"{p.login} ({p.name})" if p.login else p.name
        for p in sorted(people, key=lambda p: p.login or p.name)
    )
    raise Refusal(
        tr(
            "{owner!r} is not a person of this launch. Name the owner by login or name: {known}; or add "
            "them to the launch's people first.",
            owner=wanted,
            known=known,
        )
    )
