"""Moments in the launch's time zone and people by name: how the status bar and the dialogs say when and who.

The panes show every time in the launch's zone (the team works to the go-live clock, wherever the laptop
is); a time without its zone abbreviation next to one with it invites mistakes, so these always say it.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QCoreApplication

from cockpit.domain.launch import LaunchData, Person
from cockpit.domain.moments import FALLBACK_ZONE
from cockpit.words.moments import moment_text

__all__ = ["launch_zone", "moment_text", "person_of", "person_text"]


def _t(text: str) -> str:
    return QCoreApplication.translate("launch_words", text)


def launch_zone(data: LaunchData | None) -> tzinfo:
    """The open launch's zone (``Launch.zone``); with no launch open, its fallback (UTC)."""
    return data.launch.zone if data is not None else FALLBACK_ZONE


def person_of(actor: str, people: tuple[Person, ...]) -> Person | None:
    """The person an actor stands for: by login first (the OS login the CLI records), else by name."""
    if not actor:
        return None
    wanted = actor.casefold()
    for person in people:
        if person.login and person.login.casefold() == wanted:
            return person
    return next((p for p in people if p.name.casefold() == wanted), None)


def person_text(actor: str, people: tuple[Person, ...]) -> str:
    """``Bob Baba (Business owner)`` for someone on the launch's people list, else the login as recorded."""
    person = person_of(actor, people)
    if person is None:
        return actor or _t("someone")
    if person.role:
        return _t("{name} ({role})").format(name=person.name, role=person.role)
    return person.name


def you_text(actor: str, people: tuple[Person, ...]) -> str:
    """The status bar's "You:": the person and role when the launch's people list knows the login."""
    return _t("You: {person}").format(person=person_text(actor, people))


def last_change_text(at: datetime, actor: str, data: LaunchData | None) -> str:
    """The status bar's last change: when in the launch's zone (with its abbreviation) and by whom."""
    people = data.people if data is not None else ()
    person = person_of(actor, people)
    return _t("Last change {when} by {who}").format(
        when=moment_text(at, launch_zone(data), seconds=True), who=person.name if person else actor
    )
