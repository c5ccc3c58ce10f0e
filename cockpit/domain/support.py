"""Support tickets (問い合わせ / 障害) and their SLA clocks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class TicketKind(StrEnum):
    INCIDENT = "incident"
    INQUIRY = "inquiry"
    REQUEST = "request"
    FEEDBACK = "feedback"


class Severity(StrEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"


class TicketStatus(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"
    RESOLVED = "resolved"
    CLOSED = "closed"


OPEN_STATUSES = frozenset(
    {TicketStatus.NEW, TicketStatus.ACKNOWLEDGED, TicketStatus.IN_PROGRESS, TicketStatus.WAITING}
)


@dataclass(frozen=True, slots=True)
class SlaPolicy:
    severity: Severity
    first_response_minutes: int
    resolution_minutes: int


@dataclass(frozen=True, slots=True)
class Ticket:
    id: int
    title: str
    severity: Severity
    opened_at: datetime
    kind: TicketKind = TicketKind.INCIDENT
    status: TicketStatus = TicketStatus.NEW
    reporter: str = ""
    assignee: str = ""
    description: str = ""
    escalation_level: int = 0
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    version: int = 1
    updated_by: str = ""
    updated_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
