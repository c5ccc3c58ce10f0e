"""Remote sources: a URL that serves test results or a table export, refreshed on demand or on a timer.

A source's credential is never part of it: the launch file keeps only ``keyring_ref``, the name
under which the OS keyring (or this session) holds the secret.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class SourceKind(StrEnum):
    RESULTS = "results"  # test-result files (JUnit, NUnit, TRX …)
    TABLE = "table"  # a CSV or XLSX export of checklist items, risks, tickets, steps or objects
    PROMETHEUS = "prometheus"  # a Prometheus server: each KPI's query over a range, as KPI values


class TableKind(StrEnum):
    """Which rows a table holds: a table source's kind, and what the table import and its mapping fill."""

    CHECKLIST = "checklist"
    RISKS = "risks"
    TICKETS = "tickets"
    STEPS = "steps"
    OBJECTS = "objects"
    KPI_VALUES = "kpi_values"  # hypercare KPI values: time, KPI, value


class AuthKind(StrEnum):
    NONE = "none"
    TOKEN = "token"  # sent as ``Authorization: Bearer …``
    BASIC = "basic"  # user name in the file, password in the keyring


class RefreshStatus(StrEnum):
    NEVER = "never"
    IMPORTED = "imported"
    NOT_MODIFIED = "not_modified"  # the server answered 304
    UNCHANGED = "unchanged"  # downloaded, but the same bytes as the last import
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Source:
    id: int
    name: str
    url: str
    kind: SourceKind
    level: str | None = None  # a TestLevel value, for result sources
    table_kind: TableKind | None = None
    auth: AuthKind = AuthKind.NONE
    username: str = ""
    keyring_ref: str | None = None
    poll_minutes: int | None = None  # None: refreshed on demand only
    last_polled_at: datetime | None = None
    last_status: RefreshStatus = RefreshStatus.NEVER
    last_message: str = ""
    last_etag: str | None = None
    last_modified: str | None = None
    last_sha256: str | None = None
    version: int = 1
    updated_by: str = ""
    updated_at: datetime | None = None

    @property
    def needs_credential(self) -> bool:
        return self.auth is not AuthKind.NONE


def is_due(source: Source, *, now: datetime) -> bool:
    """A polled source is due when it never ran, or its interval has passed since the last attempt.

    A failed attempt counts as an attempt: a server that is down is retried on the next tick of
    its interval, not hammered in a loop.
    """
    if source.poll_minutes is None:
        return False
    if source.last_polled_at is None:
        return True
    return now - source.last_polled_at >= timedelta(minutes=source.poll_minutes)


def due_sources(sources: Iterable[Source], *, now: datetime) -> tuple[Source, ...]:
    """The polled sources whose turn has come, the longest-waiting first."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    due = [s for s in sources if is_due(s, now=now)]
    return tuple(sorted(due, key=lambda s: (s.last_polled_at is not None, s.last_polled_at or now, s.id)))
