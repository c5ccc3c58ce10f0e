"""Risks (リスク): likelihood (発生可能性) × impact (影響度), mitigation (対策), contingency (緊急対応計画)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class RiskStatus(StrEnum):
    OPEN = "open"
    MITIGATED = "mitigated"
    CLOSED = "closed"
    OCCURRED = "occurred"


class Zone(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True, slots=True)
class RiskThresholds:
    """Score bands, editable per launch: red ``red_min``–25, amber ``amber_min``–(red_min-1), green below."""

    red_min: int = 15
    amber_min: int = 5


@dataclass(frozen=True, slots=True)
class Risk:
    id: int
    title: str
    likelihood: int  # 1..5, inherent
    impact: int  # 1..5, inherent
    status: RiskStatus = RiskStatus.OPEN
    residual_likelihood: int | None = None  # after mitigation
    residual_impact: int | None = None
    category: str = ""
    mitigation: str = ""
    contingency: str = ""
    owner: str = ""
    version: int = 1
    updated_by: str = ""
    updated_at: datetime | None = None
