from __future__ import annotations

import pytest

from cockpit.domain.risks import (
    Risk,
    RiskStatus,
    RiskThresholds,
    Zone,
    heatmap,
    inherent_zone,
    is_open,
    needs_contingency,
    residual_zone,
    score,
    validate_thresholds,
    zone,
)

DEFAULT = RiskThresholds()  # red 15+, amber 5+


def risk(likelihood=3, impact=3, *, status=RiskStatus.OPEN, residual=(None, None), contingency="", id=1):
    return Risk(
        id=id,
        title=f"Risk {id}",
        likelihood=likelihood,
        impact=impact,
        status=status,
        residual_likelihood=residual[0],
        residual_impact=residual[1],
        contingency=contingency,
    )


def test_score_is_likelihood_times_impact():
    assert score(1, 1) == 1
    assert score(3, 4) == 12
    assert score(5, 5) == 25


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (3, 6), (-1, 1)])
def test_score_refuses_ratings_off_the_scale(likelihood, impact):
    with pytest.raises(ValueError, match="between 1 and 5"):
        score(likelihood, impact)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, Zone.GREEN), (4, Zone.GREEN), (5, Zone.AMBER), (14, Zone.AMBER), (15, Zone.RED), (25, Zone.RED)],
)
def test_zone_boundaries(value, expected):
    assert zone(value, DEFAULT) == expected


def test_zone_follows_the_launch_thresholds():
    strict = RiskThresholds(red_min=10, amber_min=3)
    assert zone(2, strict) == Zone.GREEN
    assert zone(3, strict) == Zone.AMBER
    assert zone(10, strict) == Zone.RED


def test_residual_zone_uses_reassessed_ratings():
    r = risk(5, 4, residual=(1, 4))
    assert inherent_zone(r, DEFAULT) == Zone.RED
    assert residual_zone(r, DEFAULT) == Zone.GREEN


def test_residual_zone_falls_back_to_inherent_rating_by_rating():
    assert residual_zone(risk(5, 4), DEFAULT) == Zone.RED
    assert residual_zone(risk(5, 4, residual=(2, None)), DEFAULT) == Zone.AMBER  # 2 × 4
    assert residual_zone(risk(5, 4, residual=(None, 1)), DEFAULT) == Zone.AMBER  # 5 × 1


def test_open_and_occurred_count_as_open():
    assert is_open(risk(status=RiskStatus.OPEN))
    assert is_open(risk(status=RiskStatus.OCCURRED))
    assert not is_open(risk(status=RiskStatus.MITIGATED))
    assert not is_open(risk(status=RiskStatus.CLOSED))


def test_heatmap_counts_open_risks_by_likelihood_then_impact():
    risks = [
        risk(5, 1, id=1),
        risk(5, 1, id=2, status=RiskStatus.OCCURRED),
        risk(1, 5, id=3),
        risk(2, 2, id=4, status=RiskStatus.CLOSED),
    ]
    grid = heatmap(risks)
    assert len(grid) == 5 and all(len(row) == 5 for row in grid)
    assert grid[4][0] == 2
    assert grid[0][4] == 1
    assert grid[1][1] == 0
    assert sum(map(sum, grid)) == 3
    assert heatmap(risks, open_only=False)[1][1] == 1


def test_heatmap_of_residual_ratings():
    assert heatmap([risk(5, 5, residual=(2, None))], residual=True)[1][4] == 1


def test_empty_heatmap():
    assert heatmap([]) == ((0,) * 5,) * 5


def test_red_open_risk_without_contingency_needs_one():
    assert needs_contingency(risk(5, 3), DEFAULT)
    assert needs_contingency(risk(5, 3, contingency="  "), DEFAULT)
    assert needs_contingency(risk(5, 3, status=RiskStatus.OCCURRED), DEFAULT)


def test_no_contingency_needed_when_covered_not_red_or_closed():
    assert not needs_contingency(risk(5, 3, contingency="Fall back to the old system"), DEFAULT)
    assert not needs_contingency(risk(2, 3), DEFAULT)
    assert not needs_contingency(risk(5, 3, status=RiskStatus.CLOSED), DEFAULT)
    assert not needs_contingency(risk(5, 3, status=RiskStatus.MITIGATED), DEFAULT)
    assert not needs_contingency(risk(5, 3, residual=(1, 3)), DEFAULT)  # mitigated down to green


@pytest.mark.parametrize(("red_min", "amber_min"), [(15, 5), (3, 2), (25, 24), (25, 2)])
def test_valid_thresholds(red_min, amber_min):
    validate_thresholds(red_min, amber_min)


@pytest.mark.parametrize(("red_min", "amber_min"), [(15, 1), (5, 5), (5, 6), (26, 5), (2, 1)])
def test_invalid_thresholds_are_refused_with_a_message(red_min, amber_min):
    with pytest.raises(ValueError, match=f"got amber {amber_min}, red {red_min}"):
        validate_thresholds(red_min, amber_min)
