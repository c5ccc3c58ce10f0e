"""The stage rule: one stage forward as it is; back, or past a stage, with a reason; never to the same stage."""

from __future__ import annotations

import pytest

from cockpit.domain.launch import Stage
from cockpit.domain.refusal import Refusal
from cockpit.domain.stage import needs_reason, stage_move


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (Stage.PREPARATION, Stage.CUTOVER),
        (Stage.CUTOVER, Stage.HYPERCARE),
        (Stage.HYPERCARE, Stage.CLOSED),
    ],
)
def test_one_stage_forward_needs_nothing(current, target):
    assert not needs_reason(current, target)
    assert stage_move(current, target) == ""
    assert stage_move(current, target, "  on plan  ") == "on plan"  # a reason given anyway is kept


def test_moving_back_needs_a_reason_naming_both_stages():
    assert needs_reason(Stage.HYPERCARE, Stage.CUTOVER)
    with pytest.raises(Refusal, match="back from Hypercare to Cutover needs a reason"):
        stage_move(Stage.HYPERCARE, Stage.CUTOVER, "   ")
    assert stage_move(Stage.HYPERCARE, Stage.CUTOVER, "Rolled back: order import failed") == (
        "Rolled back: order import failed"
    )


def test_skipping_a_stage_names_what_it_skips_and_the_fix():
    assert needs_reason(Stage.PREPARATION, Stage.CLOSED)
    with pytest.raises(Refusal) as refused:
        stage_move(Stage.PREPARATION, Stage.CLOSED)
    message = str(refused.value)
    assert "skips Cutover, Hypercare" in message
    assert "give a reason, or move one stage at a time" in message
    assert stage_move(Stage.PREPARATION, Stage.CLOSED, "Project cancelled") == "Project cancelled"


def test_the_same_stage_is_refused_even_with_a_reason():
    assert not needs_reason(Stage.CUTOVER, Stage.CUTOVER)
    with pytest.raises(Refusal, match="already in Cutover; choose another stage"):
        stage_move(Stage.CUTOVER, Stage.CUTOVER, "again")
