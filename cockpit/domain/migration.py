"""Production migration: the runbook (移行手順) and the data reconciliation ledger (移行対象)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class StepKind(StrEnum):
    BACKUP = "backup"
    MIGRATE = "migrate"
    VERIFY = "verify"
    SWITCH = "switch"
    ROLLBACK_POINT = "rollback_point"
    OTHER = "other"


class StepStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class RunbookStep:
    id: int
    seq: int
    title: str
    kind: StepKind
    planned_start: datetime
    planned_minutes: int
    status: StepStatus = StepStatus.PENDING
    owner: str = ""
    actual_start: datetime | None = None
    actual_end: datetime | None = None
    depends_on: tuple[int, ...] = ()
    version: int = 1
    updated_by: str = ""
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class MigrationObject:
    """A table or file moved from the old system; ``target_rows`` is None until it is loaded.

    Reconciled when ``source_rows - rejected_rows`` and ``target_rows`` differ by at most
    ``tolerance_rows``, or when a difference was accepted (想定差異) with a reason.
    """

    id: int
    name: str
    source_rows: int
    target_rows: int | None = None
    rejected_rows: int = 0
    tolerance_rows: int = 0
    accepted_reason: str = ""
    accepted_by: str = ""
    owner: str = ""
    version: int = 1
    updated_by: str = ""
    updated_at: datetime | None = None
