"""The overview's line about the latest go/no-go meeting (Qt-free: the Overview words it on every refresh)."""

from __future__ import annotations

from datetime import datetime

from cockpit.domain.rounds import DecisionRound, latest_round, open_conditions, overdue_conditions
from cockpit.i18n import ntr, tr
from cockpit.words.rounds import round_state_label, round_title


def latest_round_text(rounds: tuple[DecisionRound, ...], *, now: datetime) -> str:
    """ "Latest meeting: Go/no-go meeting 2 · In session · 1 verdict · 1 condition open (1 overdue)"."""
    latest = latest_round(rounds)
    if latest is None:
        return tr("No go/no-go meeting yet (Launch ▸ Decisions…).")
    text = tr(
        "Latest meeting: {title} · {state} · {verdicts}",
        title=round_title(latest.number, latest.title),
        state=round_state_label(latest.decision.value if latest.decision else None),
        verdicts=ntr("{n} verdict", "{n} verdicts", len(latest.verdicts)),
    )
    unmet, overdue = open_conditions(rounds), overdue_conditions(rounds, now=now)
    if unmet:
        text += " · " + ntr("{n} condition open", "{n} conditions open", len(unmet))
    if overdue:
        text += " " + tr("({n} overdue)", n=len(overdue))
    return text
