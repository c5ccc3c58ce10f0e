"""The lead's offline review in words: a snapshot's banner."""

from __future__ import annotations

from datetime import datetime, tzinfo

from cockpit.i18n import tr
from cockpit.words.moments import table_moment_text


def snapshot_banner(taken_at: datetime, zone: tzinfo) -> str:
    """``Snapshot of 2026-12-01 09:42 JST — read only``, in the launch's zone."""
    local = taken_at.astimezone(zone)
    when = f"{table_moment_text(taken_at, zone)} {local.tzname() or ''}".strip()
    return tr("Snapshot of {when} — read only", when=when)
