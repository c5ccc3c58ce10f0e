"""A round as its screen and its minutes show it: frozen beside live, what changed since the round before,
and the conditions of earlier rounds still open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cockpit.domain.gate import GateInputs, evaluate_gate
from cockpit.domain.rounds import Condition, DecisionRound, FrozenCriterion, changed_criteria


@dataclass(frozen=True, slots=True)
class LiveCriterion:
    ok: bool
    detail: str


@dataclass(frozen=True, slots=True)
class CriterionLine:
    """One criterion of the round: as frozen, as it is now, and as the round before froze it."""

    criterion_id: int
    kind: str
    params: dict[str, object]
    frozen: FrozenCriterion | None
    live: LiveCriterion | None
    previous: FrozenCriterion | None
    changed_since_previous: bool


@dataclass(frozen=True, slots=True)
class RoundView:
    round: DecisionRound
    previous: DecisionRound | None
    lines: tuple[CriterionLine, ...]
    carried: tuple[Condition, ...]  # conditions of earlier rounds not met when this one opened, or since


def round_view(
    data: GateInputs, rounds: tuple[DecisionRound, ...], number: int, *, now: datetime
) -> RoundView:
    """Round ``number`` of ``rounds`` beside the launch ``data`` as of ``now``."""
    round_ = next(r for r in rounds if r.number == number)
    earlier = [r for r in rounds if r.number < number]
    previous = earlier[-1] if earlier else None
    live = {r.criterion.id: r for r in evaluate_gate(data, now=now).criteria}
    before = {c.criterion_id: c for c in previous.criteria} if previous else {}
    changed = changed_criteria(previous.criteria, round_.criteria) if previous else {}
    frozen = {c.criterion_id: c for c in round_.criteria}
    order = [*frozen, *(i for i in live if i not in frozen)]
    lines = []
    for criterion_id in order:
        mine, now_result = frozen.get(criterion_id), live.get(criterion_id)
        kind = mine.kind if mine else now_result.criterion.kind.value if now_result else ""
        params = mine.params if mine else dict(now_result.criterion.params) if now_result else {}
        lines.append(
            CriterionLine(
                criterion_id=criterion_id,
                kind=kind,
                params=params,
                frozen=mine,
                live=LiveCriterion(now_result.ok, now_result.detail) if now_result else None,
                previous=before.get(criterion_id),
                changed_since_previous=previous is not None and criterion_id in changed,
            )
        )
    carried = tuple(c for r in earlier for c in r.conditions if not c.is_met)
    return RoundView(round=round_, previous=previous, lines=tuple(lines), carried=carried)
