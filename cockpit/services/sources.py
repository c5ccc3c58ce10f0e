"""Registering remote sources: add, change, remove, list, and which ones are due for a poll.

The credential goes to the keyring (or this session's memory) through ``cockpit.secrets``; the
launch file keeps the URL and the keyring reference only. Refreshing lives in ``source_refresh``
and is re-exported here, so callers find every source action in one module.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from cockpit.changes import Changes
from cockpit.domain.sources import AuthKind, Source, SourceKind, TableKind, due_sources
from cockpit.domain.tests import TestLevel
from cockpit.errors import BadInput, CockpitError
from cockpit.i18n import tr
from cockpit.importers.sources import check_url
from cockpit.secrets import SERVICE, CredentialPlace, Credentials, Forgotten, new_keyring_ref
from cockpit.services.source_refresh import (
    MissingCredential,
    RefreshOutcome,
    fetch_source,
    has_credential,
    import_fetched,
    record_failure,
    refresh_source,
)
from cockpit.store.launchfile import LaunchFile
from cockpit.store.sources_repo import load_source, load_sources, source_from_row

__all__ = [
    "MissingCredential",
    "RefreshOutcome",
    "SourceEdit",
    "SourceRemoval",
    "add_source",
    "due_sources",
    "fetch_source",
    "has_credential",
    "import_fetched",
    "list_sources",
    "record_failure",
    "refresh_source",
    "remove_source",
    "update_source",
]


@dataclass(frozen=True, slots=True)
class SourceEdit:
    source: Source
    changes: Changes
    # Where the credential went (None: the source needs none, or it was left as it was).
    credential_place: CredentialPlace | None = None


def list_sources(launch_file: LaunchFile) -> tuple[Source, ...]:
    return load_sources(launch_file)


E = TypeVar("E", bound=Enum)


def _choice(enum: type[E], value: str, what: str) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise BadInput(
            tr(
                "{value!r} is not a valid {what}; use one of: {allowed}.",
                value=value,
                what=what,
                allowed=allowed,
            )
        ) from None


def _target(kind: SourceKind, level: str | None, table_kind: str | None) -> dict[str, Any]:
    """The level (results) or table kind (tables) the source feeds, checked against its kind."""
    if kind is SourceKind.RESULTS:
        if not level or table_kind:
            raise BadInput(
                tr("A results source needs a test level (unit, integration, …) and no table kind.")
            )
        return {"level": _choice(TestLevel, level, tr("test level")).value, "table_kind": None}
    if kind is SourceKind.PROMETHEUS:
        if level or table_kind:
            raise BadInput(
                tr("A Prometheus source feeds the KPIs: it takes no test level and no table kind.")
            )
        return {"level": None, "table_kind": None}
    if not table_kind or level:
        raise BadInput(tr("A table source needs a table kind (checklist, risks, …) and no test level."))
    return {"level": None, "table_kind": _choice(TableKind, table_kind, tr("table kind")).value}


def _poll(poll_minutes: int | None) -> int | None:
    if poll_minutes is None:
        return None
    if not isinstance(poll_minutes, int) or poll_minutes < 1:
        raise BadInput(tr("The poll interval is a whole number of minutes, 1 or more (or none: on demand)."))
    return poll_minutes


def _name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise BadInput(tr("A source needs a name."))
    return name


def _check_name_free(launch_file: LaunchFile, name: str, *, except_id: int | None = None) -> None:
    with launch_file.reading() as conn:
        row = conn.execute("SELECT id FROM sources WHERE name = ?", [name]).fetchone()
    if row is not None and row[0] != except_id:
        raise BadInput(tr("There is already a source named {name!r} (#{id}).", name=name, id=row[0]))


def _check_credential(auth: AuthKind, username: str, secret: str | None) -> None:
    if auth is not AuthKind.NONE and not secret:
        raise BadInput(tr("This source needs its credential (a token or a password); none was given."))
    if auth is AuthKind.BASIC and not username:
        raise BadInput(tr("Basic authentication needs a user name."))


def add_source(
    launch_file: LaunchFile,
    *,
    actor: str,
    name: str,
    url: str,
    kind: str,
    credentials: Credentials,
    level: str | None = None,
    table_kind: str | None = None,
    auth: str = "none",
    username: str = "",
    secret: str | None = None,
    poll_minutes: int | None = None,
) -> SourceEdit:
    """Register a source. The secret goes to ``credentials`` first: if it cannot be kept, nothing is written."""
    name = _name(name)
    source_kind = _choice(SourceKind, kind, tr("source kind"))
    auth_kind = _choice(AuthKind, auth, tr("authentication"))
    username = (username or "").strip() if auth_kind is AuthKind.BASIC else ""
    _check_credential(auth_kind, username, secret)
    values = {
        "name": name,
        "url": check_url(url, with_credential=auth_kind is not AuthKind.NONE),
        "kind": source_kind.value,
        **_target(source_kind, level, table_kind),
        "auth": auth_kind.value,
        "username": username,
        "poll_minutes": _poll(poll_minutes),
    }
    _check_name_free(launch_file, name)
    place = None
    if auth_kind is not AuthKind.NONE:
        values["keyring_ref"] = new_keyring_ref()
        place = credentials.save(values["keyring_ref"], secret or "")
    try:
        with launch_file.writing(actor) as w:
            row = w.insert("sources", values, summary=tr("source {name} added", name=name))
            row = w.row("sources", row["id"])
    except BaseException:
        if "keyring_ref" in values:  # no orphan secret for a source that was never written
            credentials.forget(values["keyring_ref"])
        raise
    return SourceEdit(source_from_row(row), w.changes, place)


def update_source(
    launch_file: LaunchFile,
    *,
    actor: str,
    source_id: int,
    credentials: Credentials,
    name: str | None = None,
    url: str | None = None,
    level: str | None = None,
    table_kind: str | None = None,
    auth: str | None = None,
    username: str | None = None,
    secret: str | None = None,
    poll_minutes: int | None = None,
    expect_version: int | None = None,
) -> SourceEdit:
    """Change what is given; ``poll_minutes=0`` switches polling off. A new secret replaces the old one."""
    current = _one(launch_file, source_id)
    new_auth = _choice(AuthKind, auth, tr("authentication")) if auth is not None else current.auth
    new_username = (username if username is not None else current.username).strip()
    new_username = new_username if new_auth is AuthKind.BASIC else ""
    changes: dict[str, Any] = {"auth": new_auth.value, "username": new_username}
    if name is not None:
        changes["name"] = _name(name)
        _check_name_free(launch_file, changes["name"], except_id=source_id)
    new_url = check_url(
        url if url is not None else current.url, with_credential=new_auth is not AuthKind.NONE
    )
    if new_url != current.url:
        # Another resource: its validators and last bytes say nothing about the new one.
        changes.update(url=new_url, last_etag=None, last_modified=None, last_sha256=None)
    if level is not None or table_kind is not None:
        changes.update(_target(current.kind, level, table_kind))
    if poll_minutes is not None:
        changes["poll_minutes"] = _poll(poll_minutes) if poll_minutes else None
    # A token is no password: switching the kind of authentication needs the new credential too.
    needs_new_secret = new_auth is not AuthKind.NONE and (
        current.keyring_ref is None or new_auth is not current.auth
    )
    if needs_new_secret or (secret is not None and new_auth is not AuthKind.NONE):
        _check_credential(new_auth, new_username, secret)
    elif new_auth is AuthKind.BASIC and not new_username:
        raise BadInput(tr("Basic authentication needs a user name."))
    if secret is not None and new_auth is AuthKind.NONE:
        raise BadInput(
            tr("This source uses no authentication; choose token or basic to give it a credential.")
        )
    ref, place = current.keyring_ref, None
    if new_auth is AuthKind.NONE:
        changes["keyring_ref"] = None
    elif secret is not None:
        ref = ref or new_keyring_ref()
        changes["keyring_ref"] = ref
        place = credentials.save(ref, secret)
    with launch_file.writing(actor) as w:
        w.update("sources", source_id, changes, expect_version=expect_version)
        row = w.row("sources", source_id)
    if new_auth is AuthKind.NONE and current.keyring_ref:
        credentials.forget(current.keyring_ref)  # the source no longer needs it
    return SourceEdit(source_from_row(row), w.changes, place)


@dataclass(frozen=True, slots=True)
class SourceRemoval:
    changes: Changes
    forgotten: Forgotten | None  # None: the source had no credential
    keyring_ref: str | None = None
    keyring_error: str = ""  # why the keyring could not be reached, in the backend's words

    def credential_note(self) -> str:
        """What became of the source's credential, as true as we know it; empty when it had none."""
        if self.forgotten in (None, Forgotten.NOTHING):
            return ""
        if self.forgotten is Forgotten.KEYRING:
            return tr("Its credential was removed from the keyring.")
        if self.forgotten is Forgotten.SESSION:
            return tr("Its credential was held for this session only and is forgotten.")
        return tr(
            "The keyring could not be reached{error}: the credential may remain in your keyring under the "
            "service {service!r}, entry {ref!r}; remove it there.",
            error=f" ({self.keyring_error})" if self.keyring_error else "",
            service=SERVICE,
            ref=self.keyring_ref,
        )


def remove_source(
    launch_file: LaunchFile,
    *,
    actor: str,
    source_id: int,
    credentials: Credentials,
    expect_version: int | None = None,
) -> SourceRemoval:
    """Delete the source, then try to forget its credential, and say which of the two happened."""
    current = _one(launch_file, source_id)
    with launch_file.writing(actor) as w:
        w.delete(
            "sources",
            source_id,
            expect_version=expect_version,
            summary=tr("source {name} removed", name=current.name),
        )
    if not current.keyring_ref:
        return SourceRemoval(w.changes, None)
    try:
        forgotten = credentials.forget(current.keyring_ref)
    except CockpitError as exc:  # a locked or broken keyring: the source is gone, the secret may not be
        return SourceRemoval(w.changes, Forgotten.UNREACHABLE, current.keyring_ref, str(exc).rstrip("."))
    return SourceRemoval(w.changes, forgotten, current.keyring_ref)


def _one(launch_file: LaunchFile, source_id: int) -> Source:
    source = load_source(launch_file, source_id)
    if source is None:
        raise BadInput(tr("There is no source #{id} in this launch.", id=source_id))
    return source
