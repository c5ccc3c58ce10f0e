"""Heartbeats in the launch file (``presence``, migration 0008): written, read and removed.

A heartbeat is a tiny write transaction of its own: no version, no audit row (it changes nothing of the
launch), and never a lock held past its commit.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from cockpit.domain.presence import FORGOTTEN_AFTER, Presence
from cockpit.store.launchfile import LaunchFile


def beat(lf: LaunchFile, *, window: str, actor: str, host: str, pid: int, now: datetime) -> None:
    """Say that ``window`` is open now (its first beat records when it opened)."""
    stamp = now.isoformat(timespec="milliseconds")
    with lf.writing(actor) as w:
        w.conn.execute(
            "INSERT INTO presence (window, actor, host, pid, opened_at, last_seen) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(window) DO UPDATE SET actor = excluded.actor, last_seen = excluded.last_seen",
            [window, actor, host, pid, stamp, stamp],
        )
        w.conn.execute(
            "DELETE FROM presence WHERE last_seen < ?",
            [(now - FORGOTTEN_AFTER).isoformat(timespec="milliseconds")],
        )


def leave(lf: LaunchFile, *, window: str, actor: str) -> None:
    """``window`` closes: take its heartbeat out at once rather than let it age out."""
    with lf.writing(actor) as w:
        w.conn.execute("DELETE FROM presence WHERE window = ?", [window])


def read_presence(conn: sqlite3.Connection) -> tuple[Presence, ...]:
    """Every heartbeat in the file, fresh or not (``domain.presence.present`` says which count)."""
    return tuple(
        Presence(
            window=row[0],
            actor=row[1],
            host=row[2],
            pid=row[3],
            opened_at=datetime.fromisoformat(row[4]),
            last_seen=datetime.fromisoformat(row[5]),
        )
        for row in conn.execute("SELECT window, actor, host, pid, opened_at, last_seen FROM presence")
    )
