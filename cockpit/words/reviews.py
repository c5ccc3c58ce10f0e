"""The reviews' and the support clocks' values in words (stored values are never shown as they are)."""

from __future__ import annotations

from cockpit.i18n import N_, tr

LESSON_KINDS = {"went_well": N_("went well"), "change": N_("change next time")}
CADENCES = {"daily": N_("daily"), "weekly": N_("weekly")}
ACTION_STATUSES = {"open": N_("open"), "done": N_("done")}
LINK_KINDS = {"step": N_("runbook step"), "risk": N_("risk"), "test": N_("test")}
# A clock's state as care_facts names it.
CLOCK_STATES = {
    "running": N_("running"),
    "paused": N_("paused"),
    "breached": N_("past due"),
    "met": N_("met"),
    "missed": N_("met late"),
}


def _word(table: dict[str, str], value: str) -> str:
    return tr(table[value]) if value in table else value


def lesson_kind_label(kind: str) -> str:
    return _word(LESSON_KINDS, kind)


def cadence_label(cadence: str) -> str:
    return _word(CADENCES, cadence)


def action_status_label(status: str) -> str:
    return _word(ACTION_STATUSES, status)


def link_kind_label(kind: str) -> str:
    return _word(LINK_KINDS, kind)


def clock_state_label(state: str) -> str:
    return _word(CLOCK_STATES, state)
