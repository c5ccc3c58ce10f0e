"""Reading the remote sources of a launch (table ``sources``, migration 0002) as domain values."""

from __future__ import annotations

import sqlite3
from typing import Any

from cockpit.domain.sources import AuthKind, RefreshStatus, Source, SourceKind, TableKind
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import when


def source_from_row(row: sqlite3.Row | dict[str, Any]) -> Source:
    return Source(
        id=row["id"],
        name=row["name"],
        url=row["url"],
        kind=SourceKind(row["kind"]),
        level=row["level"],
        table_kind=TableKind(row["table_kind"]) if row["table_kind"] else None,
        auth=AuthKind(row["auth"]),
        username=row["username"],
        keyring_ref=row["keyring_ref"],
        poll_minutes=row["poll_minutes"],
        last_polled_at=when(row["last_polled_at"]),
        last_status=RefreshStatus(row["last_status"]),
        last_message=row["last_message"],
        last_etag=row["last_etag"],
        last_modified=row["last_modified"],
        last_sha256=row["last_sha256"],
        version=row["version"],
        updated_by=row["updated_by"],
        updated_at=when(row["updated_at"]),
    )


def read_sources(conn: sqlite3.Connection) -> tuple[Source, ...]:
    return tuple(source_from_row(r) for r in conn.execute("SELECT * FROM sources ORDER BY id"))


def load_sources(launch_file: LaunchFile) -> tuple[Source, ...]:
    with launch_file.reading() as conn:
        return read_sources(conn)


def load_source(launch_file: LaunchFile, source_id: int) -> Source | None:
    with launch_file.reading() as conn:
        row = conn.execute("SELECT * FROM sources WHERE id = ?", [source_id]).fetchone()
    return source_from_row(row) if row is not None else None
