"""A criterion's thresholds as users give them: percents or ratios, text or numbers."""

from __future__ import annotations

import pytest

from cockpit.domain.criteria import checked_params, pass_rate_minimum
from cockpit.domain.gate import CriterionKind
from cockpit.domain.refusal import Refusal


@pytest.mark.parametrize(
    ("given", "ratio"),
    [
        ("95", 0.95),
        ("95%", 0.95),
        ("0.95", 0.95),
        (0.95, 0.95),
        (95, 0.95),
        ("1", 1.0),
        ("100", 1.0),
        ("0.5%", 0.005),
    ],
)
def test_a_minimum_is_a_percent_above_1_or_with_a_sign_else_a_ratio(given, ratio) -> None:
    assert pass_rate_minimum(given) == pytest.approx(ratio)


@pytest.mark.parametrize("given", ["101", "-1", "abc", "", True, None])
def test_a_minimum_out_of_range_or_not_a_number_is_refused(given) -> None:
    with pytest.raises(Refusal, match="percent from 0 to 100"):
        pass_rate_minimum(given)


def test_changing_one_threshold_keeps_the_others() -> None:
    current = {"level": "uat", "min_pass_rate": 0.95}
    assert checked_params(CriterionKind.PASS_RATE, {"level": "System"}, current=current) == {
        "level": "system",
        "min_pass_rate": 0.95,
    }
    assert checked_params(CriterionKind.NO_OPEN_TICKETS, {"max_open": "2"}) == {
        "severity": "P1",
        "max_open": 2,
    }
