"""A decision round in words: its title when none was given, its decision, a signer's verdict."""

from __future__ import annotations

from cockpit.i18n import N_, tr

ROUND_DECISIONS = {
    "go": N_("Go"),
    "conditional_go": N_("Conditional go"),
    "no_go": N_("No-go"),
    "postponed": N_("Postponed"),
}
VERDICTS = {"go": N_("Go"), "conditional_go": N_("Conditional go"), "no_go": N_("No-go")}


def round_title(number: int, title: str = "") -> str:
    """The title given, else "Go/no-go meeting N" in the viewer's language (第N回移行判定会議)."""
    return title or tr("Go/no-go meeting {number}", number=number)


def round_decision_label(decision: str) -> str:
    return tr(ROUND_DECISIONS[decision])


def verdict_label(verdict: str) -> str:
    return tr(VERDICTS[verdict])


def round_state_label(decision: str | None) -> str:
    """ "In session" while the round waits for its decision, else the decision."""
    return tr("In session") if decision is None else round_decision_label(decision)
