"""Moving the launch through its stages: preparation → cutover → hypercare → closed.

One stage forward is the ordinary course and needs nothing. Going back (a cutover rolled back, a
hypercare reopened after closing) or skipping a stage is an exception the team must explain: the
reason is recorded with the move and shown beside it on the overview.
"""

from __future__ import annotations

from cockpit.domain.launch import Stage
from cockpit.domain.refusal import Refusal
from cockpit.i18n import tr
from cockpit.words.labels import stage_label

STAGE_ORDER: tuple[Stage, ...] = tuple(Stage)


def is_plain_step(current: Stage, target: Stage) -> bool:
    """Whether ``target`` is the stage right after ``current``: the only move that needs no reason."""
    return STAGE_ORDER.index(target) - STAGE_ORDER.index(current) == 1


def needs_reason(current: Stage, target: Stage) -> bool:
    """A move back, or one that skips a stage, must say why."""
    return target is not current and not is_plain_step(current, target)


def stage_move(current: Stage, target: Stage, reason: str = "") -> str:
    """The reason to record with moving from ``current`` to ``target`` (stripped; may be empty for a
    plain step forward). Refuses staying put, and a move back or a skip without a reason."""
    reason = (reason or "").strip()
    if target is current:
        raise Refusal(
            tr(
                "The launch is already in {stage}; choose another stage to move to.",
                stage=stage_label(target),
            )
        )
    if reason or is_plain_step(current, target):
        return reason
    if STAGE_ORDER.index(target) < STAGE_ORDER.index(current):
        raise Refusal(
            tr(
                "Moving the launch back from {current} to {target} needs a reason; say why, and it is "
                "recorded with the move.",
                current=stage_label(current),
                target=stage_label(target),
            )
        )
    skipped = STAGE_ORDER[STAGE_ORDER.index(current) + 1 : STAGE_ORDER.index(target)]
    raise Refusal(
        tr(
            "Moving the launch from {current} to {target} skips {skipped}; give a reason, or move one "
            "stage at a time.",
            current=stage_label(current),
            target=stage_label(target),
            skipped=", ".join(stage_label(stage) for stage in skipped),
        )
    )
