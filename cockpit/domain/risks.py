"""Risks (リスク): likelihood (発生可能性) × impact (影響度), mitigation (対策), contingency (緊急対応計画)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from cockpit.i18n import tr


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


SCALE = range(1, 6)  # likelihood and impact are rated 1..5
MAX_SCORE = 25
OPEN_STATUSES = frozenset({RiskStatus.OPEN, RiskStatus.OCCURRED})


def score(likelihood: int, impact: int) -> int:
    """Likelihood × impact, 1..25."""
    if likelihood not in SCALE or impact not in SCALE:
        raise ValueError(
            tr(
                "Likelihood and impact must be between 1 and 5 (got {likelihood} and {impact}).",
                likelihood=likelihood,
                impact=impact,
            )
        )
    return likelihood * impact


def zone(score: int, thresholds: RiskThresholds) -> Zone:
    if score >= thresholds.red_min:
        return Zone.RED
    if score >= thresholds.amber_min:
        return Zone.AMBER
    return Zone.GREEN


def residual_rating(risk: Risk) -> tuple[int, int]:
    """(likelihood, impact) after mitigation; a rating not assessed yet keeps its inherent value."""
    likelihood = risk.likelihood if risk.residual_likelihood is None else risk.residual_likelihood
    impact = risk.impact if risk.residual_impact is None else risk.residual_impact
    return likelihood, impact


def inherent_zone(risk: Risk, thresholds: RiskThresholds) -> Zone:
    return zone(score(risk.likelihood, risk.impact), thresholds)


def residual_zone(risk: Risk, thresholds: RiskThresholds) -> Zone:
    """The zone the risk sits in now: after mitigation, or inherent when not reassessed."""
    return zone(score(*residual_rating(risk)), thresholds)


def is_open(risk: Risk) -> bool:
    """Still a concern: open, or occurred and being handled."""
    return risk.status in OPEN_STATUSES


def heatmap(
    risks: Iterable[Risk], *, open_only: bool = True, residual: bool = False
) -> tuple[tuple[int, ...], ...]:
    """5×5 counts indexed ``[likelihood - 1][impact - 1]``; inherent ratings unless ``residual``."""
    counts = [[0] * len(SCALE) for _ in SCALE]
    for risk in risks:
        if open_only and not is_open(risk):
            continue
        likelihood, impact = residual_rating(risk) if residual else (risk.likelihood, risk.impact)
        score(likelihood, impact)  # refuses ratings outside the grid
        counts[likelihood - 1][impact - 1] += 1
    return tuple(tuple(row) for row in counts)


def is_open_red(risk: Risk, thresholds: RiskThresholds) -> bool:
    """Open and red as it stands now (residual zone)."""
    return is_open(risk) and residual_zone(risk, thresholds) == Zone.RED


def needs_contingency(risk: Risk, thresholds: RiskThresholds) -> bool:
    """Open, red after mitigation (or inherent when not reassessed), and without a contingency plan."""
    return is_open_red(risk, thresholds) and not risk.contingency.strip()


def uncovered_red_risks(risks: Iterable[Risk], thresholds: RiskThresholds) -> list[Risk]:
    """The risks that need a contingency plan, the highest rating now first (then the register's order)."""
    uncovered = [r for r in risks if needs_contingency(r, thresholds)]
    return sorted(uncovered, key=lambda r: -score(*residual_rating(r)))


def validate_thresholds(red_min: int, amber_min: int) -> None:
    """Refuse bands that would leave a zone empty or out of the 1..25 score range."""
    if not 2 <= amber_min < red_min <= MAX_SCORE:
        raise ValueError(
            tr(
                "Risk thresholds must satisfy 2 ≤ amber < red ≤ 25 (got amber {amber_min}, red {red_min}).",
                amber_min=amber_min,
                red_min=red_min,
            )
        )
