"""Readers of the tables kept after go-live: the team's holidays, review meetings, improvement actions,
lessons learned and ticket links. Read whole (few rows each); ``read.read_launch`` puts them in place."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

# Each reader imports the domain it builds when it runs (as ``read.py``'s do): the SLA policies read the
# team's holidays, and `cockpit sla list` needs none of the reviews' domain.
if TYPE_CHECKING:
    from cockpit.domain.reviews import ImprovementAction, Lesson, Review, TicketLink


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value)


def read_team_holidays(conn: sqlite3.Connection) -> tuple[tuple[int, str, str, int], ...]:
    """The team's own days off: (id, ISO day, name, version), by day."""
    return tuple(
        (r["id"], r["day"], r["name"], r["version"])
        for r in conn.execute("SELECT * FROM team_holidays ORDER BY day, id")
    )


def read_reviews(conn: sqlite3.Connection) -> tuple[Review, ...]:
    from cockpit.domain.reviews import Cadence, Review

    return tuple(
        Review(
            id=r["id"],
            held_at=_moment(r["held_at"]),
            period_start=_moment(r["period_start"]),
            period_end=_moment(r["period_end"]),
            cadence=Cadence(r["cadence"]),
            attendees=r["attendees"],
            findings=r["findings"],
            figures=json.loads(r["figures"]),
            version=r["version"],
        )
        for r in conn.execute("SELECT * FROM reviews ORDER BY held_at, id")
    )


def read_actions(conn: sqlite3.Connection) -> tuple[ImprovementAction, ...]:
    from cockpit.domain.reviews import ActionStatus, ImprovementAction

    return tuple(
        ImprovementAction(
            id=r["id"],
            title=r["title"],
            review_id=r["review_id"],
            owner=r["owner"],
            due=_when(r["due"]),
            status=ActionStatus(r["status"]),
            done_at=_when(r["done_at"]),
            version=r["version"],
        )
        for r in conn.execute("SELECT * FROM improvement_actions ORDER BY id")
    )


def read_lessons(conn: sqlite3.Connection) -> tuple[Lesson, ...]:
    from cockpit.domain.reviews import Lesson, LessonKind

    return tuple(
        Lesson(
            id=r["id"],
            phase=r["phase"],
            kind=LessonKind(r["kind"]),
            text=r["text"],
            updated_by=r["updated_by"],
            version=r["version"],
        )
        for r in conn.execute("SELECT * FROM lessons ORDER BY id")
    )


def read_ticket_links(conn: sqlite3.Connection) -> tuple[TicketLink, ...]:
    from cockpit.domain.reviews import LinkKind, TicketLink

    return tuple(
        TicketLink(id=r["id"], ticket_id=r["ticket_id"], kind=LinkKind(r["kind"]), target=r["target"])
        for r in conn.execute("SELECT * FROM ticket_links ORDER BY ticket_id, id")
    )
