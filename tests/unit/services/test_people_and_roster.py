"""People and the sign-off roster services, on real launch files: what they write, and what they refuse
without touching the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.errors import BadInput, Conflict
from cockpit.services.edits import add_checklist_item, add_ticket
from cockpit.services.people import add_person, remove_person, update_person
from cockpit.services.roster import add_signer, remove_signer, sign_off_as
from cockpit.services.rounds import open_new_round
from cockpit.store.read import load_launch


@pytest.fixture
def sato(launch_file) -> int:
    edit = add_person(
        launch_file, actor="lead", name="Sato Ken", login="ksato", role="Launch lead", contact="090-1234"
    )
    return edit.row["id"]


def unchanged(path: Path):
    """A context that asserts the launch file's bytes are the same after the block."""

    class Same:
        def __enter__(self):
            self.before = path.read_bytes()

        def __exit__(self, *exc):
            assert path.read_bytes() == self.before
            return False

    return Same()


def test_add_person_stores_the_contact_and_is_read_back(launch_file, sato):
    (person,) = load_launch(launch_file).people
    assert (person.name, person.login, person.role, person.email, person.version) == (
        "Sato Ken",
        "ksato",
        "Launch lead",
        "090-1234",
        1,
    )


@pytest.mark.parametrize(
    ("name", "login", "message"),
    [
        ("", "x", "name must not be empty"),
        ("  ", "x", "name must not be empty"),
        ("Someone", "", "login must not be empty"),
        ("Someone", "KSato", "already Sato Ken's"),
    ],
)
def test_bad_people_are_refused_and_the_file_is_unchanged(
    launch_file, launch_path, sato, name, login, message
):
    with unchanged(launch_path), pytest.raises(BadInput, match=message):
        add_person(launch_file, actor="lead", name=name, login=login)


def test_a_login_taken_by_someone_else_is_refused_on_update(launch_file, launch_path, sato):
    other = add_person(launch_file, actor="lead", name="Ito Mai", login="mito").row["id"]
    with unchanged(launch_path), pytest.raises(BadInput, match="Choose another login"):
        update_person(launch_file, actor="lead", person_id=other, login="KSATO")
    # Their own login in another case is fine.
    assert update_person(launch_file, actor="lead", person_id=sato, login="KSato").row["login"] == "KSato"


def test_renaming_someone_renames_them_where_they_are_named(launch_file, sato):
    add_checklist_item(
        launch_file, actor="lead", stage="preparation", category="tests", title="UAT", owner="Sato Ken"
    )
    add_ticket(launch_file, actor="lead", title="t", severity="P2", assignee="Sato Ken")
    add_signer(launch_file, actor="lead", login="ksato")
    edit = update_person(launch_file, actor="lead", person_id=sato, name="Sato Kenji", expect_version=1)
    assert edit.row["version"] == 2
    assert {"people", "checklist_items", "tickets", "signoffs"} <= set(edit.changes.rows)
    data = load_launch(launch_file)
    assert data.checklist[0].owner == data.tickets[0].assignee == data.signoffs[0].person == "Sato Kenji"


def test_update_needs_something_and_checks_the_version(launch_file, sato):
    with pytest.raises(BadInput, match="Nothing to change"):
        update_person(launch_file, actor="lead", person_id=sato)
    update_person(launch_file, actor="lead", person_id=sato, role="PMO")
    with pytest.raises(Conflict):
        update_person(launch_file, actor="other", person_id=sato, role="QA", expect_version=1)


def test_someone_still_named_is_not_removed(launch_file, launch_path, sato):
    item = add_checklist_item(
        launch_file, actor="lead", stage="preparation", category="tests", title="UAT", owner="ksato"
    ).row["id"]
    add_ticket(launch_file, actor="lead", title="t", severity="P2", assignee="Sato Ken")
    with unchanged(launch_path), pytest.raises(BadInput) as refused:
        remove_person(launch_file, actor="lead", person_id=sato)
    message = str(refused.value)
    assert f"owner of checklist item #{item}" in message and "assignee of ticket #1" in message
    assert "Reassign those" in message


def test_someone_named_nowhere_is_removed(launch_file, sato):
    edit = remove_person(launch_file, actor="lead", person_id=sato, expect_version=1)
    assert edit.row["name"] == "Sato Ken"
    assert load_launch(launch_file).people == ()


def test_a_signer_is_a_known_person_once_with_their_role(launch_file, launch_path, sato):
    row = add_signer(launch_file, actor="lead", login="KSATO").row
    assert (row["person"], row["role"], row["decision"]) == ("Sato Ken", "Launch lead", "pending")
    with unchanged(launch_path):
        with pytest.raises(BadInput, match="already on the sign-off roster"):
            add_signer(launch_file, actor="lead", login="ksato")
        with pytest.raises(BadInput, match="Nobody with the login 'nobody'.*ksato"):
            add_signer(launch_file, actor="lead", login="nobody")
    other = add_person(launch_file, actor="lead", name="Ito Mai", login="mito", role="QA").row
    assert add_signer(launch_file, actor="lead", login="mito", role="Business owner").row["role"] == (
        "Business owner"
    )
    assert [s.person for s in load_launch(launch_file).signoffs] == ["Sato Ken", other["name"]]


def test_signing_off_as_oneself(launch_file, launch_path, sato):
    add_signer(launch_file, actor="lead", login="ksato")
    with (
        unchanged(launch_path),
        pytest.raises(BadInput, match=r"bob is not on the sign-off roster \(Sato Ken"),
    ):
        sign_off_as(launch_file, actor="bob", decision="go")
    with unchanged(launch_path), pytest.raises(BadInput, match="not a decision"):
        sign_off_as(launch_file, actor="ksato", decision="maybe")
    edit = sign_off_as(launch_file, actor="ksato", decision="conditional", comment="if the P2 is fixed")
    assert (edit.row["decision"], edit.row["updated_by"]) == ("conditional_go", "ksato")
    # The name works as well as the login.
    assert sign_off_as(launch_file, actor="Sato Ken", decision="go").row["decision"] == "go"


def test_a_signer_who_decided_stays_on_the_roster(launch_file, launch_path, sato):
    add_signer(launch_file, actor="lead", login="ksato")
    sign_off_as(launch_file, actor="ksato", decision="go")
    with unchanged(launch_path), pytest.raises(BadInput, match="already decided"):
        remove_signer(launch_file, actor="lead", login="ksato")
    sign_off_as(launch_file, actor="ksato", decision="pending")
    edit = remove_signer(launch_file, actor="lead", login="ksato")
    assert edit.row["person"] == "Sato Ken"
    assert load_launch(launch_file).signoffs == ()
    with pytest.raises(BadInput, match="not on the sign-off roster"):
        remove_signer(launch_file, actor="lead", login="ksato")


def test_a_conditional_sign_off_in_an_open_round_says_its_condition_once(launch_file, sato):
    add_signer(launch_file, actor="lead", login="ksato")
    open_new_round(launch_file, actor="lead", chair="ksato")
    edit = sign_off_as(launch_file, actor="ksato", decision="conditional", comment="if the P2 is fixed")
    assert edit.row["comment"] == "if the P2 is fixed"  # the comment is also the condition: said once
    (round_,) = load_launch(launch_file).rounds
    assert [c.text for c in round_.conditions] == ["if the P2 is fixed"]
