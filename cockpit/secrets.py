"""The only module that talks to the OS keyring (an import-linter contract holds every other one off it).

A source's credential is stored under the service ``go-live-cockpit`` with the source's
``keyring_ref`` as the keyring's user name; the launch file keeps only that reference. On a machine
without a usable keyring the user is told so plainly and may keep the credential in memory for this
session only (``SessionCredentials``). Secrets are never logged, printed or put in a message, and
every object that holds one masks it in its ``repr``.
"""

from __future__ import annotations

import secrets as _random
import threading
from dataclasses import dataclass, field
from enum import StrEnum

from cockpit.errors import CockpitError
from cockpit.i18n import tr

SERVICE = "go-live-cockpit"
_REF_PREFIX = "source-"
_MASK = "•••"


class NoUsableKeyring(CockpitError):
    """The keyring cannot keep the credential; the user may use it for this session only."""


def new_keyring_ref() -> str:
    """A fresh reference: random, so it says nothing about the secret and never collides across files."""
    return _REF_PREFIX + _random.token_hex(16)


@dataclass(frozen=True, slots=True)
class Credential:
    """What a request needs to authenticate; ``repr`` and ``str`` never show the secret."""

    secret: str = field(repr=False)
    username: str = ""

    def __repr__(self) -> str:
        return f"Credential(username={self.username!r}, secret={_MASK!r})"

    __str__ = __repr__


@dataclass(frozen=True, slots=True)
class KeyringStatus:
    usable: bool
    backend_name: str
    message: str


def _backend_name(backend: object) -> str:
    name = getattr(type(backend), "name", None)
    return name if isinstance(name, str) else f"{type(backend).__module__}.{type(backend).__name__}"


def _unusable(backend: object) -> bool:
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return True
    if isinstance(backend, chainer.ChainerBackend):
        return not backend.backends
    return False


def keyring_status() -> KeyringStatus:
    """Whether this machine can keep a credential, in words a user can act on."""
    import keyring

    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring configuration must not stop the cockpit
        name = type(exc).__name__
        return KeyringStatus(False, name, _no_keyring_message(name))
    name = _backend_name(backend)
    if _unusable(backend):
        return KeyringStatus(False, name, _no_keyring_message(name))
    return KeyringStatus(
        True, name, tr("Credentials are kept in the system keyring ({backend}).", backend=name)
    )


def _no_keyring_message(backend_name: str) -> str:
    return tr(
        "No usable keyring on this machine ({backend}); the credential can be used for this session only.",
        backend=backend_name,
    )


def _keyring_failed(action: str, exc: Exception) -> CockpitError:
    # The backend's own text is kept: it names the locked or missing keyring, never the secret.
    return CockpitError(
        tr(
            "The system keyring could not {action} the credential: {error}.",
            action=action,
            error=f"{type(exc).__name__}: {exc}",
        )
    )


def _require_usable() -> None:
    status = keyring_status()
    if not status.usable:
        raise NoUsableKeyring(status.message)


def store_secret(*, keyring_ref: str, secret: str) -> None:
    """Keep ``secret`` in the OS keyring; raise ``NoUsableKeyring`` when there is none."""
    import keyring
    from keyring.errors import KeyringError

    if not secret:
        raise ValueError("an empty secret is not stored")
    _require_usable()
    try:
        keyring.set_password(SERVICE, keyring_ref, secret)
    except (KeyringError, OSError, RuntimeError) as exc:
        raise _keyring_failed(tr("store"), exc) from None


def read_secret(*, keyring_ref: str) -> str | None:
    """The secret kept under ``keyring_ref``, or ``None`` when the keyring has none (or no keyring)."""
    import keyring
    from keyring.errors import KeyringError

    if not keyring_status().usable:
        return None
    try:
        return keyring.get_password(SERVICE, keyring_ref)
    except (KeyringError, OSError, RuntimeError) as exc:
        raise _keyring_failed(tr("read"), exc) from None


def delete_secret(*, keyring_ref: str) -> bool:
    """Forget the secret; ``False`` when there was none to forget."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    if not keyring_status().usable:
        return False
    try:
        keyring.delete_password(SERVICE, keyring_ref)
    except PasswordDeleteError:
        return False
    except (KeyringError, OSError, RuntimeError) as exc:
        raise _keyring_failed(tr("delete"), exc) from None
    return True


class SessionCredentials:
    """Secrets kept in memory for this session only, when the user chose that over a missing keyring."""

    def __init__(self) -> None:
        self._secrets: dict[str, str] = {}
        self._lock = threading.Lock()  # the UI refreshes sources from worker threads

    def put(self, keyring_ref: str, secret: str) -> None:
        with self._lock:
            self._secrets[keyring_ref] = secret

    def get(self, keyring_ref: str) -> str | None:
        with self._lock:
            return self._secrets.get(keyring_ref)

    def forget(self, keyring_ref: str) -> None:
        with self._lock:
            self._secrets.pop(keyring_ref, None)

    def clear(self) -> None:
        with self._lock:
            self._secrets.clear()

    def __len__(self) -> int:
        return len(self._secrets)

    def __repr__(self) -> str:
        return f"SessionCredentials({len(self)} held, secrets masked)"


class CredentialPlace(StrEnum):
    KEYRING = "keyring"
    SESSION = "session"


class Forgotten(StrEnum):
    """What forgetting a credential did, so the user is told what is true."""

    KEYRING = "keyring"  # deleted from the system keyring
    SESSION = "session"  # it was held for this session only, and is gone
    NOTHING = "nothing"  # the keyring was reached and held none
    UNREACHABLE = "unreachable"  # no usable keyring: an entry there may remain


class Credentials:
    """Where the services keep and find source secrets: this session's memory first, then the keyring.

    ``session_only=True`` is the user's choice on a machine without a usable keyring: secrets go to
    memory and are gone when the cockpit closes. Otherwise a missing keyring raises
    ``NoUsableKeyring`` with the plain message, so the caller can offer that choice.
    """

    def __init__(self, *, session: SessionCredentials | None = None, session_only: bool = False) -> None:
        self.session = session if session is not None else SessionCredentials()
        self.session_only = session_only

    def save(self, keyring_ref: str, secret: str) -> CredentialPlace:
        if self.session_only:
            self.session.put(keyring_ref, secret)
            return CredentialPlace.SESSION
        store_secret(keyring_ref=keyring_ref, secret=secret)
        self.session.forget(keyring_ref)  # a stale session copy must not shadow the new secret
        return CredentialPlace.KEYRING

    def secret(self, keyring_ref: str) -> str | None:
        found = self.session.get(keyring_ref)
        if found is not None:
            return found
        return read_secret(keyring_ref=keyring_ref)

    def forget(self, keyring_ref: str) -> Forgotten:
        """Forget the secret in this session and in the keyring; a keyring that fails raises ``CockpitError``."""
        held = self.session.get(keyring_ref) is not None
        self.session.forget(keyring_ref)
        if not keyring_status().usable:
            return Forgotten.SESSION if held and self.session_only else Forgotten.UNREACHABLE
        if delete_secret(keyring_ref=keyring_ref):
            return Forgotten.KEYRING
        return Forgotten.SESSION if held else Forgotten.NOTHING

    def __repr__(self) -> str:
        return f"Credentials(session_only={self.session_only}, session={self.session!r})"
