"""A go/no-go criterion as the launch file keeps it: its kind and thresholds (``domain.gate`` evaluates it).

Apart from the rules so that reading or listing the criteria (``cockpit gate list``) does not load every
pane's domain the evaluation compares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class CriterionKind(StrEnum):
    """What a criterion measures; its threshold lives in the launch file, not in code."""

    GATE_ITEMS_DONE = "gate_items_done"  # every gate checklist item done or n/a
    PASS_RATE = "pass_rate"  # params: level, min_pass_rate (0..1)
    NO_OPEN_TICKETS = "no_open_tickets"  # params: severity (P1 by default), max_open (0)
    MIGRATION_RECONCILED = "migration_reconciled"  # every loaded object reconciled within tolerance
    BACKUP_DONE = "backup_done"  # every backup step of the runbook done
    RED_RISKS_COVERED = "red_risks_covered"  # no open red risk without a contingency plan


@dataclass(frozen=True, slots=True)
class GateCriterion:
    id: int
    kind: CriterionKind
    label: str
    params: dict[str, Any] = field(default_factory=dict[str, Any])
    enabled: bool = True
    version: int = 1
