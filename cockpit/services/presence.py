"""Who else has the launch open: the window's heartbeat (``beat_and_look``) and ``cockpit who``."""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from cockpit.domain.presence import Presence, others, present
from cockpit.store import presence as store
from cockpit.store.launchfile import LaunchFile


@dataclass(frozen=True, slots=True)
class ThisWindow:
    """What a window says of itself in its heartbeat: a fresh id per window, this machine and process."""

    window: str = field(default_factory=lambda: uuid.uuid4().hex)
    host: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)


@dataclass(frozen=True, slots=True)
class Around:
    """The result of a beat: the other windows open on the file now (none of them this one)."""

    others: tuple[Presence, ...]


def who_is_here(lf: LaunchFile, *, now: datetime) -> tuple[Presence, ...]:
    with lf.reading() as conn:
        return present(store.read_presence(conn), now=now)


def beat_and_look(lf: LaunchFile, actor: str, *, window: ThisWindow, now: datetime) -> Around:
    """Renew this window's heartbeat (not on a file it cannot write: a snapshot, a read-only share), then
    read who else is here."""
    if not lf.read_only:
        store.beat(lf, window=window.window, actor=actor, host=window.host, pid=window.pid, now=now)
    return Around(others(who_is_here(lf, now=now), window=window.window))


def leave(lf: LaunchFile, actor: str, *, window: ThisWindow) -> None:
    if not lf.read_only:
        store.leave(lf, window=window.window, actor=actor)
