"""The Decisions dialog's tables: the rounds, a round's criteria frozen beside live, its verdicts, its conditions."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Protocol

from cockpit.domain.round_view import CriterionLine, RoundView
from cockpit.domain.rounds import Condition, DecisionRound, RoundVerdict, is_overdue
from cockpit.i18n import tr
from cockpit.ui.widgets.row_model import Column, Look
from cockpit.ui.widgets.theme import NOT_OK_SYMBOL, OK_SYMBOL, OVERDUE, OVERDUE_SYMBOL
from cockpit.words.gate import criterion_label
from cockpit.words.moments import short_moment_text
from cockpit.words.rounds import round_state_label, round_title, verdict_label


class Screen(Protocol):
    """What the columns read of the dialog when a cell is drawn: the launch's zone, the moment of the data,
    the round shown and every round."""

    zone: tzinfo | None
    now: datetime
    view: RoundView | None

    def rounds(self) -> tuple[DecisionRound, ...]: ...


def mark(ok: bool | None) -> str:
    return "—" if ok is None else (OK_SYMBOL if ok else NOT_OK_SYMBOL)


def round_columns(screen: Screen) -> list[Column[DecisionRound]]:
    return [
        Column(header=lambda: "#", display=lambda r: str(r.number)),
        Column(header=lambda: tr("Title"), display=lambda r: round_title(r.number, r.title)),
        Column(header=lambda: tr("Held"), display=lambda r: short_moment_text(r.held_at, screen.zone)),
        Column(header=lambda: tr("Chair"), display=lambda r: r.chair),
        Column(
            header=lambda: tr("State"),
            display=lambda r: round_state_label(r.decision.value if r.decision else None),
        ),
        Column(header=lambda: tr("Verdicts"), display=lambda r: str(len(r.verdicts)), numeric=True),
        Column(
            header=lambda: tr("Open conditions"),
            display=lambda r: str(sum(not c.is_met for c in r.conditions)),
            numeric=True,
        ),
    ]


def criterion_columns(screen: Screen) -> list[Column[CriterionLine]]:
    def changed(line: CriterionLine) -> str:
        if screen.view is None or screen.view.previous is None:
            return "—"
        return tr("changed") if line.changed_since_previous else tr("same")

    def drifted(line: CriterionLine) -> Look | None:
        moved = line.frozen is not None and line.live is not None and line.live.ok != line.frozen.ok
        return Look(ink=OVERDUE, bold=True) if moved else None

    return [
        Column(
            header=lambda: tr("Criterion"),
            display=lambda line: criterion_label(line.kind, line.params),
        ),
        Column(
            header=lambda: tr("Frozen"),
            display=lambda line: mark(line.frozen.ok if line.frozen else None),
        ),
        Column(
            header=lambda: tr("Numbers then"),
            display=lambda line: line.frozen.detail if line.frozen else tr("not in this round"),
        ),
        Column(
            header=lambda: tr("Now"),
            display=lambda line: mark(line.live.ok if line.live else None),
            look=drifted,
        ),
        Column(
            header=lambda: tr("Numbers now"),
            display=lambda line: line.live.detail if line.live else "—",
        ),
        Column(header=lambda: tr("Since the round before"), display=changed),
    ]


def verdict_columns(screen: Screen) -> list[Column[RoundVerdict]]:
    return [
        Column(
            header=lambda: tr("Signer"),
            display=lambda v: f"{v.person} ({v.role})" if v.role else v.person,
        ),
        Column(header=lambda: tr("Verdict"), display=lambda v: verdict_label(v.verdict.value)),
        Column(header=lambda: tr("Comment"), display=lambda v: v.comment),
        Column(header=lambda: tr("Signed"), display=lambda v: short_moment_text(v.signed_at, screen.zone)),
    ]


def condition_columns(screen: Screen) -> list[Column[Condition]]:
    def state(c: Condition) -> str:
        if c.is_met:
            return tr("{mark} met by {who}: {evidence}", mark=OK_SYMBOL, who=c.met_by, evidence=c.evidence)
        if is_overdue(c, now=screen.now):
            return f"{OVERDUE_SYMBOL} {tr('overdue')}"
        return tr("open")

    def round_of(c: Condition) -> str:
        number = next((r.number for r in screen.rounds() if r.id == c.round_id), 0)
        return tr("Round {number}", number=number)

    return [
        Column(header=lambda: "#", display=lambda c: str(c.id)),
        Column(header=lambda: tr("Round"), display=round_of),
        Column(header=lambda: tr("Condition"), display=lambda c: c.text),
        Column(header=lambda: tr("Owner"), display=lambda c: c.owner),
        Column(
            header=lambda: tr("Due"),
            display=lambda c: short_moment_text(c.due, screen.zone) if c.due else "—",
        ),
        Column(
            header=lambda: tr("State"),
            display=state,
            look=lambda c: Look(ink=OVERDUE, bold=True) if is_overdue(c, now=screen.now) else None,
        ),
    ]
