"""Who has the launch file open: one heartbeat per open window, present while it is fresh.

A window writes its heartbeat every ``BEAT_SECONDS``; one not renewed for ``AGE_OUT_SECONDS`` (three beats)
is gone: a crashed or killed window drops out by itself. Presence is never a lock: it stops nobody.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

BEAT_SECONDS = 10
AGE_OUT_SECONDS = 3 * BEAT_SECONDS
AGE_OUT = timedelta(seconds=AGE_OUT_SECONDS)
# Heartbeats older than this are removed by the next beat; until then they are only not shown.
FORGOTTEN_AFTER = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Presence:
    """One open window: who, on which machine and process, since when, last heard of when."""

    window: str
    actor: str
    host: str
    pid: int
    opened_at: datetime
    last_seen: datetime


def present(
    beats: Iterable[Presence], *, now: datetime, age_out: timedelta = AGE_OUT
) -> tuple[Presence, ...]:
    """The windows heard of within ``age_out`` of ``now``, by person, then machine."""
    fresh = [beat for beat in beats if now - beat.last_seen <= age_out]
    return tuple(sorted(fresh, key=lambda beat: (beat.actor.casefold(), beat.host, beat.opened_at)))


def others(beats: Iterable[Presence], *, window: str) -> tuple[Presence, ...]:
    """Everyone but this window (the same person in a second window counts: it is another window)."""
    return tuple(beat for beat in beats if beat.window != window)
