"""The small demo shows the decisions, rehearsals and care features: what a user finds in them, read back."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

from cockpit.domain.kpis import kpi_readings
from cockpit.domain.launch import LaunchData
from cockpit.domain.migration import StepStatus
from cockpit.domain.rounds import RoundDecision, Verdict
from cockpit.domain.support import Severity, TicketStatus
from cockpit.services.verify import verify_launch
from cockpit.store.launchfile import open_launch
from cockpit.store.read_reviews import read_team_holidays

from .conftest import NOW


def test_two_closed_rehearsals_time_every_step_before_the_live_run(small_en: LaunchData) -> None:
    first_live = min(s.planned_start for s in small_en.steps)
    assert [r.number for r in small_en.rehearsals] == [1, 2]
    for rehearsal in small_en.rehearsals:
        assert not rehearsal.is_open and rehearsal.closed_at < first_live
        assert {s.step_id for s in rehearsal.steps} == {s.id for s in small_en.steps}
        assert all(s.actual_start < s.actual_end <= rehearsal.closed_at for s in rehearsal.steps)
        assert len(rehearsal.counts) == len(small_en.objects)
    first, second = small_en.rehearsals

    def length(r):
        return max(s.actual_end for s in r.steps) - min(s.actual_start for s in r.steps)

    assert length(second) < length(first)  # the second rehearsal runs closer to the plan


def test_rollback_points_are_flagged_and_the_one_passed_was_continued(small_en: LaunchData) -> None:
    points = [s for s in small_en.steps if s.rollback_point]
    assert len(points) == 2
    passed = [s for s in points if s.status is StepStatus.DONE]
    assert len(passed) == 1
    (decision,) = small_en.rollback_decisions
    assert decision.step_id == passed[0].id and decision.decision.value == "continue" and decision.reason


def test_round_1_was_a_conditional_go_and_the_final_word_is_the_rosters(
    small_en: LaunchData, small_en_path: Path
) -> None:
    (first,) = small_en.rounds
    assert first.decision is RoundDecision.CONDITIONAL_GO and first.held_at < NOW and first.criteria
    assert Counter(v.verdict for v in first.verdicts) == {Verdict.GO: 3, Verdict.CONDITIONAL_GO: 1}
    assert len(first.conditions) == 2
    assert sum(c.met_at is not None for c in first.conditions) == 1
    with open_launch(small_en_path, read_only=True) as launch_file:
        assert verify_launch(launch_file).ok


def test_kpis_have_three_days_of_values_and_the_latest_response_time_misses(small_en: LaunchData) -> None:
    assert len(small_en.kpis) == 5
    readings = {r.kpi.name: r for r in kpi_readings(small_en.kpis, small_en.kpi_values)}
    assert readings["Response time (p95)"].met is False
    assert readings["Uptime"].met is True
    times = sorted({v.at for v in small_en.kpi_values})
    assert NOW - times[0] > timedelta(days=2) and times[-1] <= NOW


def test_review_with_actions_one_late_and_lessons(small_en: LaunchData) -> None:
    (review,) = small_en.reviews
    assert review.held_at < NOW and review.findings and review.figures
    statuses = Counter(a.status.value for a in small_en.actions)
    assert statuses == {"done": 1, "open": 2}
    assert any(a.status.value == "open" and a.due < NOW for a in small_en.actions)
    assert {lesson.kind.value for lesson in small_en.lessons} == {"went_well", "change"}


def test_business_hours_for_p3_p4_pauses_and_links(small_en: LaunchData, small_en_path: Path) -> None:
    calendars = {p.severity: p.calendar for p in small_en.sla_policies}
    assert calendars[Severity.P1] is None and calendars[Severity.P2] is None
    assert calendars[Severity.P3] is not None and calendars[Severity.P4] is not None
    with open_launch(small_en_path, read_only=True) as launch_file, launch_file.reading() as conn:
        assert len(read_team_holidays(conn)) == 6
    waiting = [t for t in small_en.tickets if t.status is TicketStatus.WAITING]
    assert waiting and all(t.pauses and t.pauses[-1].end is None for t in waiting)
    kinds = Counter(link.kind.value for link in small_en.ticket_links)
    assert kinds == {"risk": 1, "step": 1, "test": 1}
