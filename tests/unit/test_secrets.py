"""cockpit.secrets against a real in-process keyring backend, and with no usable keyring at all."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import chainer, null

from cockpit.secrets import (
    SERVICE,
    Credential,
    CredentialPlace,
    Credentials,
    NoUsableKeyring,
    SessionCredentials,
    delete_secret,
    keyring_status,
    new_keyring_ref,
    read_secret,
    store_secret,
)

SECRET = "s3cr3t-value-that-must-not-show"


def test_a_secret_round_trips_through_the_keyring_under_the_cockpit_service(memory_keyring) -> None:
    ref = new_keyring_ref()
    store_secret(keyring_ref=ref, secret=SECRET)
    assert memory_keyring.items == {(SERVICE, ref): SECRET}
    assert read_secret(keyring_ref=ref) == SECRET
    assert delete_secret(keyring_ref=ref) is True
    assert read_secret(keyring_ref=ref) is None
    assert delete_secret(keyring_ref=ref) is False


def test_references_are_random_and_say_nothing_about_the_secret() -> None:
    refs = {new_keyring_ref() for _ in range(100)}
    assert len(refs) == 100
    assert all(ref.startswith("source-") and len(ref) == 39 for ref in refs)


def test_a_usable_keyring_is_named(memory_keyring) -> None:
    status = keyring_status()
    assert status.usable
    assert "MemoryKeyring" in status.backend_name or "memory" in status.backend_name.lower()


@pytest.mark.parametrize("backend", [null.Keyring(), chainer.ChainerBackend()], ids=["null", "empty chainer"])
def test_null_and_empty_chainer_backends_are_not_usable(backend, monkeypatch) -> None:
    previous = keyring.get_keyring()
    if isinstance(backend, chainer.ChainerBackend):
        monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    keyring.set_keyring(backend)
    try:
        status = keyring_status()
    finally:
        keyring.set_keyring(previous)
    assert not status.usable
    assert "session only" in status.message


def test_no_keyring_is_said_plainly_and_storing_refuses(no_keyring) -> None:
    status = keyring_status()
    assert not status.usable
    assert status.backend_name == "fail Keyring"
    assert status.message == (
        "No usable keyring on this machine (fail Keyring); the credential can be used for this session only."
    )
    with pytest.raises(NoUsableKeyring, match="session only"):
        store_secret(keyring_ref=new_keyring_ref(), secret=SECRET)
    assert read_secret(keyring_ref=new_keyring_ref()) is None


def test_session_only_credentials_live_in_memory_without_a_keyring(no_keyring) -> None:
    ref = new_keyring_ref()
    with pytest.raises(NoUsableKeyring):
        Credentials().save(ref, SECRET)
    credentials = Credentials(session_only=True)
    assert credentials.save(ref, SECRET) is CredentialPlace.SESSION
    assert credentials.secret(ref) == SECRET
    credentials.forget(ref)
    assert credentials.secret(ref) is None


def test_keyring_credentials_prefer_a_fresh_session_copy_and_forget_both(memory_keyring) -> None:
    ref = new_keyring_ref()
    credentials = Credentials()
    assert credentials.save(ref, SECRET) is CredentialPlace.KEYRING
    credentials.session.put(ref, "typed-for-this-session")
    assert credentials.secret(ref) == "typed-for-this-session"
    credentials.forget(ref)
    assert credentials.secret(ref) is None
    assert memory_keyring.items == {}


def test_nothing_that_holds_a_secret_shows_it() -> None:
    credential = Credential(secret=SECRET, username="ci-bot")
    session = SessionCredentials()
    session.put(new_keyring_ref(), SECRET)
    credentials = Credentials(session=session, session_only=True)
    for text in (repr(credential), str(credential), repr(session), repr(credentials), f"{credential}"):
        assert SECRET not in text
    assert "ci-bot" in repr(credential)
