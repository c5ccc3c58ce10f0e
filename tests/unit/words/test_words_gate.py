"""A criterion's words come from its kind and thresholds, in the viewer's language, never from the file."""

from __future__ import annotations

import pytest

from cockpit.domain.gate import CriterionKind
from cockpit.words.gate import criterion_label, percent_text


@pytest.mark.parametrize(
    ("kind", "params", "words"),
    [
        ("gate_items_done", {}, "All gate checklist items done"),
        ("pass_rate", {"level": "unit", "min_pass_rate": 0.98}, "Unit tests pass rate ≥ 98%"),
        ("pass_rate", {"level": "uat", "min_pass_rate": 0.975}, "UAT tests pass rate ≥ 97.5%"),
        ("no_open_tickets", {"severity": "P1", "max_open": 0}, "No open P1 ticket"),
        ("no_open_tickets", {"severity": "P2", "max_open": 3}, "No more than 3 open P2 tickets"),
        ("no_open_tickets", {"severity": ["P1", "P2"], "max_open": 1}, "No more than 1 open P1/P2 ticket"),
        ("migration_reconciled", {}, "Every migration object reconciled within tolerance"),
        ("backup_done", {}, "Production backup taken"),
        ("red_risks_covered", {}, "No red risk without a contingency plan"),
    ],
)
def test_criterion_words(kind: str, params: dict, words: str) -> None:
    assert criterion_label(kind, params) == words


def test_every_kind_has_words() -> None:
    params = {"level": "unit", "min_pass_rate": 0.9}
    assert all(criterion_label(kind, params).strip() for kind in CriterionKind)


def test_a_setting_that_makes_no_sense_still_has_words() -> None:
    assert criterion_label("pass_rate", {"level": "unit"}) == "Test pass rate (invalid setting)"
    assert criterion_label("no_open_tickets", {"severity": "P9"}) == "Open tickets (invalid setting)"
    assert criterion_label("from_a_newer_cockpit", {}) == "from a newer cockpit"


def test_percent_text() -> None:
    assert [percent_text(r) for r in (1, 0.95, 0.975, 0)] == ["100%", "95%", "97.5%", "0%"]
