"""Owners: a person of the launch by login or name, once the launch has people; any text before that."""

from __future__ import annotations

import pytest

from cockpit.domain.launch import Person
from cockpit.domain.owners import owner_named
from cockpit.domain.refusal import Refusal

PEOPLE = (
    Person(id=1, name="Sato Hanako", role="Launch lead", login="sato"),
    Person(id=2, name="Bob Baba", role="Business owner", login="bob"),
)


def test_a_launch_without_people_takes_any_owner() -> None:
    assert owner_named("  Vendor X ", ()) == "Vendor X"


def test_nobody_is_always_allowed() -> None:
    assert owner_named("  ", PEOPLE) == ""


@pytest.mark.parametrize(
    ("given", "stored"),
    [("sato", "sato"), ("SATO", "sato"), ("bob baba", "Bob Baba"), ("Bob Baba", "Bob Baba")],
)
def test_a_person_by_login_or_name_in_any_case(given: str, stored: str) -> None:
    assert owner_named(given, PEOPLE) == stored


def test_someone_else_is_refused_naming_the_logins_and_the_fix() -> None:
    with pytest.raises(Refusal) as refused:
        owner_named("sauto", PEOPLE)
    message = str(refused.value)
    assert "'sauto'" in message
    assert "bob (Bob Baba), sato (Sato Hanako)" in message
    assert "add them to the launch's people" in message
