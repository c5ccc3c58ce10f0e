"""The audit trail as a hash chain: each row carries the hash of the row before it and its own.

A row's hash covers its own columns and the previous row's hash, so changing, removing or inserting a row
with a plain SQLite tool breaks the chain from that row on: ``first_broken_link`` names it. Writing costs
one SHA-256 of a short text per audit row, inside the same write transaction (``Writer.audit``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

# The columns a row's hash covers, in this order.
HASHED_COLUMNS = ("id", "at", "actor", "action", "table_name", "row_id", "old", "new", "summary")
_SELECT = f"SELECT {', '.join(HASHED_COLUMNS)}, prev_hash, hash FROM audit ORDER BY id"


def link_hash(prev_hash: str, values: Sequence[object]) -> str:
    """The hash of one audit row: its ``HASHED_COLUMNS`` values (canonical JSON) after the previous hash."""
    import hashlib  # OpenSSL's start-up is a read command's too, and only writes and `verify` hash

    text = json.dumps(list(values), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}\n{text}".encode()).hexdigest()


def last_link(conn: sqlite3.Connection) -> tuple[int, str]:
    """The id and hash of the last audit row; (0, "") before the first."""
    found = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    return (found[0], found[1]) if found else (0, "")


def chain_existing_rows(conn: sqlite3.Connection) -> None:
    """Chain the rows a file already had (the migration that adds the chain; the triggers are off)."""
    previous = ""
    rows = conn.execute(f"SELECT {', '.join(HASHED_COLUMNS)} FROM audit ORDER BY id").fetchall()
    for row in rows:
        current = link_hash(previous, tuple(row))
        conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", [previous, current, row[0]])
        previous = current


@dataclass(frozen=True, slots=True)
class BrokenLink:
    """The first audit row that does not match: its id, and whether its own values or its link changed."""

    audit_id: int
    table_name: str
    row_id: int | None
    altered: bool  # the row's values no longer give its hash (else: the row before it is missing or changed)


def first_broken_link(conn: sqlite3.Connection) -> BrokenLink | None:
    """Walk the whole chain; the first row whose hash or link does not match, or None when all match."""
    previous = ""
    for row in conn.execute(_SELECT):
        values = tuple(row)[: len(HASHED_COLUMNS)]
        prev_hash, own_hash = row[-2], row[-1]
        if link_hash(prev_hash, values) != own_hash:
            return BrokenLink(row[0], row[4], row[5], altered=True)
        if prev_hash != previous:
            return BrokenLink(row[0], row[4], row[5], altered=False)
        previous = own_hash
    return None
