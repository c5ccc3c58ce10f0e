"""A ticket waiting on its reporter pauses its SLA clocks: each wait is a ``ticket_pauses`` row.

The rows follow the ticket's status, so every path that moves a ticket into or out of waiting (an update,
hold and resume, an import) keeps them; they are written beside the ticket's audited update, which names
the move, as a step's attempts are.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cockpit.domain.support import TicketStatus
from cockpit.services.rules import stamp
from cockpit.store.writer import Writer


def sync_pause(w: Writer, current: dict[str, Any], new_status: TicketStatus, *, at: datetime) -> None:
    """Start a pause when the ticket starts waiting, end the open one when it stops."""
    was_waiting = current["status"] == TicketStatus.WAITING.value
    waiting = new_status is TicketStatus.WAITING
    if waiting and not was_waiting:
        w.conn.execute(
            "INSERT INTO ticket_pauses (ticket_id, started_at, started_by) VALUES (?, ?, ?)",
            [current["id"], stamp(at), w.actor],
        )
    elif was_waiting and not waiting:
        w.conn.execute(
            "UPDATE ticket_pauses SET ended_at = ? WHERE ticket_id = ? AND ended_at IS NULL",
            [stamp(max(at, _pause_start(w, current["id"]) or at)), current["id"]],
        )


def _pause_start(w: Writer, ticket_id: int) -> datetime | None:
    found = w.conn.execute(
        "SELECT started_at FROM ticket_pauses WHERE ticket_id = ? AND ended_at IS NULL", [ticket_id]
    ).fetchone()
    return datetime.fromisoformat(found[0]) if found else None
