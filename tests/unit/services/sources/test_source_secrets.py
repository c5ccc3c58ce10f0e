"""Where a source's secrets can end up: never in the audit trail (even from a URL an older version kept), and
``remove`` tells what really became of the credential, whichever keyring answers."""

from __future__ import annotations

import json

import keyring
import pytest
from keyring.backends import fail

from cockpit.errors import BadInput
from cockpit.secrets import SERVICE, Credentials, Forgotten
from cockpit.services.sources import add_source, list_sources, remove_source, update_source

TOKEN = "tok-remove-canary-91e2"
OLD_SECRET = "sig-old-canary-77aa"


def add_token_source(launch_file) -> int:
    edit = add_source(
        launch_file,
        actor="tester",
        name="CI",
        url="https://ci.example/junit.xml",
        kind="results",
        level="unit",
        auth="token",
        secret=TOKEN,
        credentials=Credentials(),
    )
    return edit.source.id


def audit_text(launch_file) -> str:
    with launch_file.reading() as conn:
        rows = conn.execute("SELECT old, new, summary FROM audit WHERE table_name = 'sources'").fetchall()
    return json.dumps([tuple(row) for row in rows], ensure_ascii=False)


def test_a_url_kept_by_an_older_version_never_reaches_the_audit_trail(launch_file, memory_keyring) -> None:
    old_url = f"https://acme.blob.core.windows.net/results/junit.xml?sv=2022-11-02&sp=r&sig={OLD_SECRET}"
    # An older cockpit let this URL in; its row is written here as that version wrote it.
    with launch_file.writing("old-version") as w:
        source_id = w.insert(
            "sources", {"name": "Azure", "url": old_url, "kind": "results", "level": "unit"}
        )["id"]
    assert list_sources(launch_file)[0].url == old_url  # the source row is the old behaviour, left alone

    update_source(
        launch_file,
        actor="tester",
        source_id=source_id,
        url="https://acme.blob.core.windows.net/results/junit.xml",
        credentials=Credentials(),
    )
    remove_source(launch_file, actor="tester", source_id=source_id, credentials=Credentials())

    audited = audit_text(launch_file)
    assert OLD_SECRET not in audited
    assert "sig=•••" in audited  # the audit still shows which URL it was


def test_removing_a_source_says_its_credential_left_the_keyring(launch_file, memory_keyring) -> None:
    source_id = add_token_source(launch_file)
    removal = remove_source(launch_file, actor="tester", source_id=source_id, credentials=Credentials())
    assert removal.forgotten is Forgotten.KEYRING
    assert removal.credential_note() == "Its credential was removed from the keyring."
    assert memory_keyring.items == {}


def test_a_keyring_that_fails_to_delete_leaves_the_credential_and_says_where(
    launch_file, locked_on_delete_keyring
) -> None:
    source_id = add_token_source(launch_file)
    (ref,) = [name for _service, name in locked_on_delete_keyring.items]
    removal = remove_source(launch_file, actor="tester", source_id=source_id, credentials=Credentials())
    assert list_sources(launch_file) == ()  # the source is gone all the same
    assert removal.forgotten is Forgotten.UNREACHABLE
    note = removal.credential_note()
    assert "could not be reached" in note and "locked" in note
    assert f"'{SERVICE}'" in note and f"'{ref}'" in note and "remove it there" in note
    assert "forgotten" not in note
    assert locked_on_delete_keyring.items[(SERVICE, ref)] == TOKEN  # what the note says: it remains


def test_without_a_usable_keyring_removal_does_not_claim_the_credential_is_forgotten(
    launch_file, memory_keyring
) -> None:
    source_id = add_token_source(launch_file)
    keyring.set_keyring(fail.Keyring())  # the keyring is gone by the time the source is removed
    removal = remove_source(launch_file, actor="tester", source_id=source_id, credentials=Credentials())
    assert removal.forgotten is Forgotten.UNREACHABLE
    assert "may remain in your keyring" in removal.credential_note()
    assert list(memory_keyring.items.values()) == [TOKEN]


def test_a_credential_held_for_the_session_only_is_forgotten_with_the_source(launch_file, no_keyring) -> None:
    credentials = Credentials(session_only=True)
    edit = add_source(
        launch_file,
        actor="tester",
        name="CI",
        url="https://ci.example/junit.xml",
        kind="results",
        level="unit",
        auth="token",
        secret=TOKEN,
        credentials=credentials,
    )
    removal = remove_source(launch_file, actor="tester", source_id=edit.source.id, credentials=credentials)
    assert removal.forgotten is Forgotten.SESSION
    assert credentials.secret(edit.source.keyring_ref or "") is None


def test_a_source_without_a_credential_has_nothing_to_say_about_one(launch_file, memory_keyring) -> None:
    edit = add_source(
        launch_file,
        actor="tester",
        name="Open",
        url="https://ci.example/junit.xml?page=2",
        kind="results",
        level="unit",
        credentials=Credentials(),
    )
    removal = remove_source(launch_file, actor="tester", source_id=edit.source.id, credentials=Credentials())
    assert (removal.forgotten, removal.credential_note()) == (None, "")


@pytest.mark.parametrize(
    "url", ["https://ci.example/r.xml?key=k-canary", "https://ci.example/r.xml#id_token=k-canary"]
)
def test_a_secret_url_is_refused_and_nothing_is_written(
    launch_file, launch_path, memory_keyring, url
) -> None:
    before = launch_path.read_bytes()
    with pytest.raises(BadInput, match="keyring"):
        add_source(
            launch_file,
            actor="t",
            name="CI",
            url=url,
            kind="results",
            level="unit",
            credentials=Credentials(),
        )
    assert launch_path.read_bytes() == before
