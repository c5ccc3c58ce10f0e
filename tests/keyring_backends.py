"""Real keyring backends for tests: one in memory (set with ``keyring.set_keyring``), one that fails to
delete, and one in a JSON file that a ``cockpit`` subprocess loads through ``PYTHON_KEYRING_BACKEND``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import KeyringLocked, PasswordDeleteError

KEYRING_FILE_VARIABLE = "COCKPIT_TEST_KEYRING_FILE"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError("no such password")


class FileKeyring(KeyringBackend):
    """Kept in the JSON file named by ``COCKPIT_TEST_KEYRING_FILE``, so several processes share it."""

    priority = 1  # type: ignore[assignment]

    @property
    def _path(self) -> Path:
        return Path(os.environ[KEYRING_FILE_VARIABLE])

    def _load(self) -> dict[str, str]:
        return json.loads(self._path.read_text()) if self._path.exists() else {}

    def _save(self, items: dict[str, str]) -> None:
        self._path.write_text(json.dumps(items))

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        items = self._load()
        items[f"{service}/{username}"] = password
        self._save(items)

    def delete_password(self, service: str, username: str) -> None:
        items = self._load()
        if items.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError("no such password")
        self._save(items)


class LockedOnDeleteKeyring(MemoryKeyring):
    """A keyring that keeps and gives secrets but fails to delete them, as a keyring locked meanwhile does."""

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("the keyring is locked")


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def locked_on_delete_keyring():
    previous = keyring.get_keyring()
    backend = LockedOnDeleteKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)
