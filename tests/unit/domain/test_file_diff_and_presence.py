"""The pure rules behind ``cockpit diff`` and presence: rows matched by id, the headline facts, the age-out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cockpit.domain import file_diff
from cockpit.domain.file_diff import RowChangeKind
from cockpit.domain.presence import AGE_OUT, Presence, others, present
from cockpit.domain.risks import Zone

LAUNCH = {1: {"id": 1, "risk_red_min": 15, "risk_amber_min": 5, "version": 1}}


def risk(likelihood: int, impact: int, *, version: int = 1, **more: object) -> dict[str, object]:
    return {"id": 7, "title": "Key user absent", "likelihood": likelihood, "impact": impact,
            "residual_likelihood": None, "residual_impact": None, "version": version, **more}  # fmt: skip


def step(status: str, end: str | None) -> dict[str, object]:
    return {"id": 14, "seq": 14, "title": "Load ledger", "status": status, "planned_start": "2026-12-01T10:00:00+00:00",
            "planned_minutes": 30, "actual_end": end}  # fmt: skip


def test_rows_are_matched_by_id_and_only_real_fields_count() -> None:
    old = {"launch": LAUNCH, "risks": {7: risk(2, 3)}, "tickets": {1: {"id": 1, "severity": "P3"}}}
    new = {
        "launch": LAUNCH,
        "risks": {7: risk(5, 3, version=2, updated_by="aiko")},  # the meta columns alone are no change
        "tickets": {2: {"id": 2, "severity": "P2"}, 3: {"id": 3, "severity": "P2"}},
    }
    changes = file_diff.diff_rows(old, new)
    assert [(c.table, c.row_id, c.kind) for c in changes] == [
        ("risks", 7, RowChangeKind.CHANGED),
        ("tickets", 1, RowChangeKind.REMOVED),
        ("tickets", 2, RowChangeKind.ADDED),
        ("tickets", 3, RowChangeKind.ADDED),
    ]
    assert [(f.field, f.old, f.new) for f in changes[0].fields] == [("likelihood", 2, 5)]
    assert file_diff.added_by(changes, "tickets", "severity") == {"P2": 2}
    [move] = file_diff.zone_moves(old, new)
    assert (move.risk_id, move.old, move.new) == (7, Zone.AMBER, Zone.RED)


def test_a_step_finished_since_says_how_late_against_its_plan() -> None:
    old = {"runbook_steps": {14: step("running", None)}}
    new = {"runbook_steps": {14: step("done", "2026-12-01T10:55:00+00:00")}}
    changes = file_diff.diff_rows(old, new)
    assert file_diff.status_moves(changes, "runbook_steps") == {"done": 1}
    [finished] = file_diff.steps_finished(changes)
    assert (finished.step_id, finished.late_minutes) == (14, 25)


def test_a_heartbeat_counts_until_the_age_out_and_not_after() -> None:
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    fresh = Presence("w1", "aiko", "pc-1", 10, now - timedelta(hours=1), now - AGE_OUT)
    stale = Presence("w2", "ben", "pc-2", 11, now - timedelta(hours=1), now - AGE_OUT - timedelta(seconds=1))
    assert present([stale, fresh], now=now) == (fresh,)
    assert others(present([stale, fresh], now=now), window="w1") == ()
