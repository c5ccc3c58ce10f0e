"""The launch itself, its people, and the aggregate every pane and rule reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from cockpit.domain.moments import zone_of
from cockpit.domain.risks import RiskThresholds

# LaunchData only names these types: a command that reads the launch row or the people need not load them.
if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from cockpit.domain.checklist import ChecklistItem
    from cockpit.domain.gate import GateCriterion, SignOff
    from cockpit.domain.kpis import Kpi, KpiValue
    from cockpit.domain.migration import MigrationObject, RunbookStep
    from cockpit.domain.rehearsals import Rehearsal
    from cockpit.domain.reviews import ImprovementAction, Lesson, Review, TicketLink
    from cockpit.domain.risks import Risk
    from cockpit.domain.rollback import RollbackDecision
    from cockpit.domain.rounds import DecisionRound
    from cockpit.domain.support import SlaPolicy, Ticket
    from cockpit.domain.tests import TestCase, TestRun


class Stage(StrEnum):
    PREPARATION = "preparation"
    CUTOVER = "cutover"
    HYPERCARE = "hypercare"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class StageMove:
    """The launch's last move from one stage to another: who, when, and why (a move back or a skip says why)."""

    stage: Stage
    previous: Stage
    by: str
    at: datetime
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Launch:
    name: str
    go_live: datetime  # aware; shown in ``timezone``
    timezone: str  # IANA name, e.g. "Asia/Tokyo"
    stage: Stage
    rollback_deadline: datetime | None = None
    version: int = 1
    updated_by: str = ""
    updated_at: datetime | None = None
    last_stage_move: StageMove | None = None  # read from the audit trail; None until the stage first moves

    @property
    def zone(self) -> ZoneInfo:
        """The zone every time of this launch is shown in; UTC when ``timezone`` names none we know."""
        return zone_of(self.timezone)


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str
    role: str
    login: str = ""
    email: str = ""  # the person's contact, any text: a mail address, a phone, a chat handle
    version: int = 1


@dataclass(frozen=True, slots=True)
class LaunchData:
    """Everything in one launch file at one instant: the input of every rule and every pane."""

    launch: Launch
    people: tuple[Person, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()
    runs: tuple[TestRun, ...] = ()
    cases: tuple[TestCase, ...] = ()
    steps: tuple[RunbookStep, ...] = ()
    objects: tuple[MigrationObject, ...] = ()
    risks: tuple[Risk, ...] = ()
    risk_thresholds: RiskThresholds = field(default_factory=RiskThresholds)
    tickets: tuple[Ticket, ...] = ()
    sla_policies: tuple[SlaPolicy, ...] = ()
    criteria: tuple[GateCriterion, ...] = ()
    signoffs: tuple[SignOff, ...] = ()
    rehearsals: tuple[Rehearsal, ...] = ()
    rollback_decisions: tuple[RollbackDecision, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    kpi_values: tuple[KpiValue, ...] = ()
    rounds: tuple[DecisionRound, ...] = ()  # the go/no-go meetings, oldest first
    reviews: tuple[Review, ...] = ()
    actions: tuple[ImprovementAction, ...] = ()
    lessons: tuple[Lesson, ...] = ()
    ticket_links: tuple[TicketLink, ...] = ()
