"""The go/no-go decision (開始判定 / 移行判定): criteria computed from the panes, and sign-offs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class CriterionKind(StrEnum):
    """What a criterion measures; its threshold lives in the launch file, not in code."""

    GATE_ITEMS_DONE = "gate_items_done"  # every gate checklist item done or n/a
    PASS_RATE = "pass_rate"  # params: level, min_pass_rate (0..1)
    NO_OPEN_TICKETS = "no_open_tickets"  # params: severity (P1 by default), max_open (0)
    MIGRATION_RECONCILED = "migration_reconciled"  # every loaded object reconciled within tolerance
    BACKUP_DONE = "backup_done"  # every backup step of the runbook done
    RED_RISKS_COVERED = "red_risks_covered"  # no open red risk without a contingency plan


class Decision(StrEnum):
    PENDING = "pending"
    GO = "go"
    CONDITIONAL_GO = "conditional_go"
    NO_GO = "no_go"


@dataclass(frozen=True, slots=True)
class GateCriterion:
    id: int
    kind: CriterionKind
    label: str
    params: dict = field(default_factory=dict)
    enabled: bool = True
    version: int = 1


@dataclass(frozen=True, slots=True)
class SignOff:
    id: int
    person: str
    role: str
    decision: Decision = Decision.PENDING
    decided_at: datetime | None = None
    comment: str = ""
    version: int = 1
    updated_by: str = ""
    updated_at: datetime | None = None
