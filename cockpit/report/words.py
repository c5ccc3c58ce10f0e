"""The report's words for the domain's values, its marks, and how it writes times (Qt-free: ``tr()``).

The window words the same values through Qt (``cockpit/ui/words/labels.py``, ``cockpit/ui/widgets/theme.py``); the
report cannot import Qt, so it keeps its own copy of the few words and marks, worded the same way.
Every mark is in the bundled IPAexGothic or in DejaVu Sans (matplotlib's own), so none prints as a box.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cockpit.domain.checklist import Category, ItemStage, ItemStatus
from cockpit.domain.launch import Stage
from cockpit.domain.migration import StepStatus
from cockpit.domain.risks import RiskStatus
from cockpit.domain.status import Pane, Rag
from cockpit.domain.support import TicketStatus
from cockpit.i18n import N_, tr

OK_MARK = "✔"
NOT_OK_MARK = "✖"
OVERDUE_MARK = "⚠"
BLOCKED_MARK = "⊘"
GATE_MARK = "◆"

# (symbol, strong colour, pale fill): the overview tiles' looks. Printed in black and white the fill
# turns light grey and the symbol and word carry the meaning.
RAG_LOOKS = {
    Rag.GREEN: ("✔", "#009E73", "#D4EFE6"),
    Rag.AMBER: ("▲", "#E69F00", "#FBEBC7"),
    Rag.RED: ("✖", "#D55E00", "#F7D9C4"),
}
# Text in the strong colour must stay readable on white and in grey: darker shades of the same hues.
RAG_INK = {Rag.GREEN: "#00664A", Rag.AMBER: "#8A5A00", Rag.RED: "#A33F00"}
_RAG_WORDS = {Rag.GREEN: N_("On track"), Rag.AMBER: N_("At risk"), Rag.RED: N_("Off track")}

_PANE_TITLES = {
    Pane.CHECKLIST: N_("Checklist"),
    Pane.TESTS: N_("Tests"),
    Pane.MIGRATION: N_("Migration"),
    Pane.RISKS: N_("Risks"),
    Pane.SUPPORT: N_("Support"),
    Pane.GATE: N_("Go/no-go"),
}
_STAGES = {
    Stage.PREPARATION: N_("Preparation"),
    Stage.CUTOVER: N_("Cutover"),
    Stage.HYPERCARE: N_("Hypercare"),
    Stage.CLOSED: N_("Closed"),
}
_ITEM_STAGES = {
    ItemStage.PREPARATION: N_("Preparation"),
    ItemStage.GO_LIVE: N_("Go-live"),
    ItemStage.FOLLOW_UP: N_("Follow-up"),
}
_ITEM_STATUSES = {
    ItemStatus.NOT_STARTED: N_("Not started"),
    ItemStatus.IN_PROGRESS: N_("In progress"),
    ItemStatus.DONE: N_("Done"),
    ItemStatus.BLOCKED: N_("Blocked"),
    ItemStatus.N_A: N_("N/A"),
}
_CATEGORIES = {
    Category.TESTS: N_("Tests"),
    Category.DATA_MIGRATION: N_("Data migration"),
    Category.TRAINING: N_("Training"),
    Category.OPERATIONS_READINESS: N_("Operations readiness"),
    Category.RISK_MANAGEMENT: N_("Risk management"),
    Category.DECISION_APPROVAL: N_("Decision and approval"),
    Category.PRODUCTION_MIGRATION: N_("Production migration"),
    Category.ANNOUNCEMENTS: N_("Announcements"),
    Category.INITIAL_OPERATIONS: N_("Initial operations"),
    Category.MONITORING: N_("Monitoring"),
    Category.SUPPORT: N_("Support"),
    Category.REVIEWS: N_("Reviews"),
    Category.SECURITY: N_("Security"),
    Category.COMPLIANCE: N_("Compliance"),
}
_STEP_STATUSES = {
    StepStatus.PENDING: N_("Pending"),
    StepStatus.RUNNING: N_("Running"),
    StepStatus.DONE: N_("Done"),
    StepStatus.FAILED: N_("Failed"),
    StepStatus.SKIPPED: N_("Skipped"),
}
_TICKET_STATUSES = {
    TicketStatus.NEW: N_("New"),
    TicketStatus.ACKNOWLEDGED: N_("Acknowledged"),
    TicketStatus.IN_PROGRESS: N_("In progress"),
    TicketStatus.WAITING: N_("Waiting"),
    TicketStatus.RESOLVED: N_("Resolved"),
    TicketStatus.CLOSED: N_("Closed"),
}
_RISK_STATUSES = {
    RiskStatus.OPEN: N_("Open"),
    RiskStatus.MITIGATED: N_("Mitigated"),
    RiskStatus.CLOSED: N_("Closed"),
    RiskStatus.OCCURRED: N_("Occurred"),
}


def rag_word(rag: Rag) -> str:
    return tr(_RAG_WORDS[rag])


def rag_text(rag: Rag) -> str:
    """The light as symbol and word, e.g. '✖ Off track'."""
    return f"{RAG_LOOKS[rag][0]} {rag_word(rag)}"


def pane_title(pane: Pane) -> str:
    return tr(_PANE_TITLES[pane])


def stage_label(stage: Stage) -> str:
    return tr(_STAGES[stage])


def item_stage_label(stage: ItemStage) -> str:
    return tr(_ITEM_STAGES[stage])


def item_status_label(status: ItemStatus) -> str:
    return tr(_ITEM_STATUSES[status])


def category_label(category: Category) -> str:
    return tr(_CATEGORIES[category])


def step_status_label(status: StepStatus) -> str:
    return tr(_STEP_STATUSES[status])


def ticket_status_label(status: TicketStatus) -> str:
    return tr(_TICKET_STATUSES[status])


def risk_status_label(status: RiskStatus) -> str:
    return tr(_RISK_STATUSES[status])


def met_text(ok: bool) -> str:
    return f"{OK_MARK} {tr('met')}" if ok else f"{NOT_OK_MARK} {tr('not met')}"


def launch_zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_time(moment: datetime | None, zone: tzinfo, *, seconds: bool = False) -> str:
    """A time as the launch team reads it, in the launch's zone: numbers only, the same in every language."""
    if moment is None:
        return "—"
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def table_time(moment: datetime | None, zone: tzinfo, *, now: datetime) -> str:
    """A time in a table cell: without the year when it is the report's year, so the column stays narrow."""
    if moment is None:
        return "—"
    local = moment.astimezone(zone)
    return local.strftime("%m-%d %H:%M" if local.year == now.astimezone(zone).year else "%Y-%m-%d %H:%M")


def duration(delta: timedelta) -> str:
    """'2d 03h', '3h 05m' or '12m': a length of time, rounded down to the minute."""
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return tr("{days}d {hours:02d}h", days=days, hours=hours)
    if hours:
        return tr("{hours}h {minutes:02d}m", hours=hours, minutes=minutes)
    return tr("{minutes}m", minutes=minutes)


def countdown(go_live: datetime, now: datetime) -> str:
    """'T−3d 04:05' before go-live, 'T+0d 01:00' after it (the overview's countdown, to the minute)."""
    delta = go_live - now
    sign = "−" if delta >= timedelta(0) else "+"
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    return f"T{sign}{days}d {rest // 60:02d}:{rest % 60:02d}"


def percent(ratio: float | None, *, digits: int = 1) -> str:
    return "—" if ratio is None else f"{ratio * 100:.{digits}f}%"
