"""Every value the domain stores has one word, the same wherever it is shown, and words switch language."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

import pytest

from cockpit import i18n
from cockpit.domain.checklist import Category, ItemStage, ItemStatus
from cockpit.domain.gate import CriterionKind, Decision
from cockpit.domain.kpis import Direction
from cockpit.domain.launch import Stage
from cockpit.domain.migration import ReconStatus, StepKind, StepStatus
from cockpit.domain.risks import SCALE, RiskStatus, Zone
from cockpit.domain.sources import RefreshStatus, TableKind
from cockpit.domain.status import Pane, Rag
from cockpit.domain.support import Severity, TicketKind, TicketStatus
from cockpit.domain.tests import Outcome, TestLevel
from cockpit.words import labels

WORDED: list[tuple[type[StrEnum], dict[str, str], Callable[[str], str]]] = [
    (Stage, labels.STAGES, labels.stage_label),
    (ItemStage, labels.ITEM_STAGES, labels.item_stage_label),
    (ItemStatus, labels.ITEM_STATUSES, labels.item_status_label),
    (Category, labels.CATEGORIES, labels.category_label),
    (TestLevel, labels.LEVELS, labels.level_label),
    (Outcome, labels.OUTCOMES, labels.outcome_label),
    (StepKind, labels.STEP_KINDS, labels.step_kind_label),
    (StepStatus, labels.STEP_STATUSES, labels.step_status_label),
    (ReconStatus, labels.RECON_STATUSES, labels.recon_status_label),
    (RiskStatus, labels.RISK_STATUSES, labels.risk_status_label),
    (Zone, labels.RISK_ZONES, labels.risk_zone_label),
    (TicketKind, labels.TICKET_KINDS, labels.ticket_kind_label),
    (Severity, labels.SEVERITIES, labels.severity_label),
    (TicketStatus, labels.TICKET_STATUSES, labels.ticket_status_label),
    (Decision, labels.DECISIONS, labels.decision_label),
    (Rag, labels.RAGS, labels.rag_label),
    (Pane, labels.PANES, labels.pane_title),
    (TableKind, labels.TABLE_KINDS, labels.table_kind_label),
    (RefreshStatus, labels.REFRESH_STATUSES, labels.refresh_status_label),
    (CriterionKind, labels.CRITERION_KINDS, labels.criterion_kind_label),
    (Direction, labels.KPI_DIRECTIONS, labels.kpi_direction_label),
]
IDS = [enum.__name__ for enum, _, _ in WORDED]


@pytest.mark.parametrize(("enum", "table", "label"), WORDED, ids=IDS)
def test_every_member_has_exactly_one_word(enum: type[StrEnum], table: dict[str, str], label) -> None:
    assert set(table) == {member.value for member in enum}, "a member without a word, or a word for no member"
    words = [label(member) for member in enum]
    assert all(word.strip() for word in words)
    assert len(set(words)) == len(words), f"two {enum.__name__} values read the same: {words}"


@pytest.mark.parametrize(("enum", "table", "label"), WORDED, ids=IDS)
def test_a_member_and_its_stored_value_read_the_same(
    enum: type[StrEnum], table: dict[str, str], label
) -> None:
    for member in enum:
        assert label(member) == label(member.value)


def test_the_scales_have_a_distinct_word_for_every_level() -> None:
    for word in (labels.likelihood_word, labels.impact_word):
        words = [word(level) for level in SCALE]
        assert all(words) and len(set(words)) == len(SCALE)
    assert labels.likelihood_word(4) == "Likely"
    assert labels.impact_word(5) == "Severe"


def test_a_severity_says_its_number_and_what_it_means() -> None:
    assert labels.severity_label(Severity.P1) == "P1 Critical"


def test_the_words_the_team_reads_stay_as_they_were() -> None:
    assert labels.item_status_label(ItemStatus.N_A) == "N/A"
    assert labels.decision_label(Decision.CONDITIONAL_GO) == "Conditional go"
    assert labels.level_label(TestLevel.UAT) == "UAT"
    assert labels.recon_status_label(ReconStatus.PENDING) == "Not loaded yet"
    assert labels.pane_title(Pane.GATE) == "Go/no-go"


def test_words_follow_the_language_set_through_i18n(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's Qt translator answers from the same ``i18n`` catalog, so one switch moves every front end."""

    class Shouting:
        def gettext(self, message: str) -> str:
            return message.upper()

    monkeypatch.setattr(i18n, "_translation", Shouting())
    assert labels.stage_label(Stage.CUTOVER) == "CUTOVER"
    assert labels.severity_label(Severity.P2) == "P2 HIGH"
