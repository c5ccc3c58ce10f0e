"""What the wall shows, worked out from the launch and ``now``: the verdict, the headline figures and the
things that need someone now. No widget here: the view lays this out, a test reads it.

Every figure is the one the Overview, ``cockpit status`` and the report show (``domain/figures.py`` and the
panes' lights); every colour comes with a symbol and a word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from cockpit.domain.checklist import ItemStatus
from cockpit.domain.figures import URGENT, RunbookFigure, eta_after_go_live, runbook_figure
from cockpit.domain.gate import Decision, GateResult, evaluate_gate
from cockpit.domain.kpis import summarize_kpis
from cockpit.domain.launch import LaunchData
from cockpit.domain.migration import StepStatus, current_step
from cockpit.domain.queue_order import in_work_order
from cockpit.domain.risks import is_open_red, residual_rating, score
from cockpit.domain.rounds import DecisionRound, RoundDecision, is_overdue, latest_round, open_conditions
from cockpit.domain.status import Pane, PaneStatus, Rag, gate_status, kpi_light, pane_statuses
from cockpit.domain.support import clock_for, policies_by_severity
from cockpit.i18n import ntr
from cockpit.ui.panes.overview.runbook_line import runbook_words
from cockpit.ui.panes.overview.view import KPI_STAGES, TILE_PANES, countdown_text
from cockpit.ui.panes.support.words import sla_text
from cockpit.ui.widgets.theme import RAG_LOOKS
from cockpit.words.gate import criterion_label
from cockpit.words.labels import decision_label, stage_label
from cockpit.words.moments import short_moment_text
from cockpit.words.rounds import round_state_label, round_title

FINISHED_STEPS = (StepStatus.DONE, StepStatus.SKIPPED)
LISTED = 4  # rows per attention list (two rows of lists fit under the tiles at 1080p): a glance from five metres, the panes have the rest
DETAIL_LISTED = 14  # rows on a rotation page, where one list has the whole screen
DECISION_RAG = {
    Decision.GO: Rag.GREEN,
    Decision.CONDITIONAL_GO: Rag.AMBER,
    Decision.PENDING: Rag.AMBER,
    Decision.NO_GO: Rag.RED,
}
ROUND_RAG = {
    None: Rag.AMBER,  # in session: the decision is still to come
    RoundDecision.GO: Rag.GREEN,
    RoundDecision.CONDITIONAL_GO: Rag.AMBER,
    RoundDecision.POSTPONED: Rag.AMBER,
    RoundDecision.NO_GO: Rag.RED,
}


def _t(text: str) -> str:
    return QCoreApplication.translate("wall", text)


@dataclass(frozen=True, slots=True)
class Attention:
    """One "needs attention now" block: a heading and a few lines, each with its light (None: neutral)."""

    key: str
    heading: str
    lines: tuple[tuple[str, Rag | None], ...]


@dataclass(frozen=True, slots=True)
class KpiTile:
    """The hypercare KPIs as a tile: read like a pane's light (``kpi_light``), though no pane owns it."""

    rag: Rag
    headline: str
    figure: str
    counts: str
    reason: str


@dataclass(frozen=True, slots=True)
class WallContent:
    name: str
    clock: str  # the time in the launch's zone, with the zone
    countdown: str
    countdown_caption: str
    stage: str
    verdict: str  # the go/no-go decision in words
    verdict_rag: Rag
    verdict_detail: str  # criteria met and sign-offs
    tiles: dict[Pane, PaneStatus]
    kpis: KpiTile | None  # from hypercare on, or once a KPI value arrives (as on the Overview)
    attention: tuple[Attention, ...]
    details: tuple[Attention, ...]  # the same lists, longer: the rotation's pages
    eta_after_go_live: bool


def wall_content(data: LaunchData, now: datetime) -> WallContent:
    launch = data.launch
    zone = launch.zone
    local = now.astimezone(zone)
    gate = evaluate_gate(data, now=now)
    statuses = pane_statuses(data, now=now)
    statuses[Pane.GATE] = gate_status(gate)
    met = sum(c.ok for c in gate.criteria)
    figure = runbook_figure(data, now=now)
    verdict, verdict_rag = decision_label(gate.decision), DECISION_RAG[gate.decision]
    verdict_detail = _t("criteria met {met} of {total} · signed {signed} of {required}").format(
        met=met, total=len(gate.criteria), signed=gate.signed, required=gate.required
    )
    latest = latest_round(data.rounds)
    if latest is not None:  # the meetings decide once they exist; the sign-offs are their evidence
        verdict, verdict_rag, verdict_detail = _round_verdict(
            data.rounds, latest, now, met, len(gate.criteria)
        )
    return WallContent(
        name=launch.name,
        clock=f"{local:%H:%M:%S} {local.tzname() or launch.timezone}",
        countdown=countdown_text(launch.go_live, now),
        countdown_caption=_t("until go-live") if launch.go_live >= now else _t("since go-live"),
        stage=_t("Stage: {stage}").format(stage=stage_label(launch.stage)),
        verdict=verdict,
        verdict_rag=verdict_rag,
        verdict_detail=verdict_detail,
        tiles={pane: statuses[pane] for pane in TILE_PANES},
        kpis=_kpi_tile(data),
        attention=_attention(data, now, gate, figure, LISTED),
        details=_attention(data, now, gate, figure, DETAIL_LISTED),
        eta_after_go_live=eta_after_go_live(data, figure),
    )


def _round_verdict(
    rounds: tuple[DecisionRound, ...], latest: DecisionRound, now: datetime, met: int, total: int
) -> tuple[str, Rag, str]:
    """The latest meeting's state or decision; an unmet condition past its due time turns it red, as on the
    gate's light."""
    overdue = [c for c in open_conditions(rounds) if is_overdue(c, now=now)]
    rag = Rag.RED if overdue else ROUND_RAG[latest.decision]
    detail = _t("{meeting} · criteria met {met} of {total}").format(
        meeting=round_title(latest.number, latest.title), met=met, total=total
    )
    if overdue:
        detail = ntr("{n} condition overdue", "{n} conditions overdue", len(overdue)) + " · " + detail
    return round_state_label(latest.decision.value if latest.decision else None), rag, detail


def _kpi_tile(data: LaunchData) -> KpiTile | None:
    if not data.kpis or not (data.kpi_values or data.launch.stage in KPI_STAGES):
        return None
    light, summary = kpi_light(data), summarize_kpis(data.kpis, data.kpi_values)
    return KpiTile(
        rag=light.rag,
        headline=light.headline,
        figure=f"{summary.breached}/{summary.total}",
        counts=_t("KPIs breached"),
        reason=light.reason,
    )


def _capped(lines: Sequence[tuple[str, Rag | None]], listed: int) -> tuple[tuple[str, Rag | None], ...]:
    if len(lines) <= listed:
        return tuple(lines)
    more = _t("and {count} more").format(count=len(lines) - listed + 1)
    return (*lines[: listed - 1], (more, None))


RED, AMBER = RAG_LOOKS[Rag.RED].symbol, RAG_LOOKS[Rag.AMBER].symbol


def _attention(
    data: LaunchData, now: datetime, gate: GateResult, figure: RunbookFigure, listed: int
) -> tuple[Attention, ...]:
    blocks: list[Attention] = []
    said = runbook_words(data, figure)
    if said is not None:
        lines: list[tuple[str, Rag | None]] = []
        forecast = figure.forecast
        step = current_step(forecast) if forecast is not None else None
        if step is not None and figure.done < figure.total:
            lines.append((_t("Now: #{seq} {title}").format(seq=step.step.seq, title=step.step.title), None))
        if said.against_go_live:
            lines.append((said.against_go_live, Rag.RED if said.after_go_live else Rag.GREEN))
        if said.eta:
            lines.append((said.eta, None))
        if said.against_deadline:
            lines.append((said.against_deadline, Rag.RED if said.past_deadline else None))
        if forecast is not None and forecast.late and figure.done < figure.total:
            by_id = {f.step.id: f for f in forecast.steps}
            late = [by_id[i] for i in forecast.late if by_id[i].step.status not in FINISHED_STEPS]
            names = ", ".join(f"#{f.step.seq} +{f.late_by}" for f in late[:3])
            text = _t("{count} steps late").format(count=len(forecast.late))
            lines.append((f"{AMBER} {text}" + (f": {names}" if names else ""), Rag.AMBER))
            if listed > LISTED:  # a page of its own: each late step on its line
                for f in late[: listed - len(lines)]:
                    lines.append((f"{AMBER} #{f.step.seq} +{f.late_by} · {f.step.title}", Rag.AMBER))
        blocks.append(Attention("runbook", _t("Runbook"), tuple(lines)))

    failing = [
        (f"{RED} {criterion_label(c.criterion.kind, c.criterion.params)}", Rag.RED)
        for c in gate.criteria
        if not c.ok
    ]
    if failing:
        blocks.append(Attention("gate", _t("Gate criteria not met"), _capped(failing, listed)))

    conditions = _condition_lines(data, now)
    if conditions:
        blocks.append(Attention("conditions", _t("Go/no-go conditions open"), _capped(conditions, listed)))

    policies = policies_by_severity(data.sla_policies)
    urgent = [t for t in data.tickets if t.is_open and t.severity in URGENT]
    tickets = []
    for ticket in in_work_order(urgent, lambda t: clock_for(t, policies, now=now)):
        clock = clock_for(ticket, policies, now=now)
        # sla_text's ⚠ goes with the red; a paused clock ("Paused") is waiting on the reporter, not late.
        rag = Rag.RED if clock is not None and clock.breached and not clock.paused else None
        # The clock before the title: a long title is cut short, never the time left.
        line = f"{ticket.severity.value} #{ticket.id} {sla_text(ticket, clock)} · {ticket.title}"
        tickets.append((line, rag))
    if tickets:
        blocks.append(Attention("support", _t("Open P1/P2 tickets"), _capped(tickets, listed)))

    thresholds = data.risk_thresholds
    red = sorted(
        (r for r in data.risks if is_open_red(r, thresholds)), key=lambda r: -score(*residual_rating(r))
    )
    if red:
        blocks.append(
            Attention(
                "risks",
                _t("Red risks (residual)"),
                _capped([(f"{RED} {r.title}", Rag.RED) for r in red], listed),
            )
        )

    blocked = [i for i in data.checklist if i.is_gate and i.status == ItemStatus.BLOCKED]
    if blocked:
        lines = [
            (f"{RED} {i.title}" + (f" — {i.blocked_reason}" if i.blocked_reason else ""), Rag.RED)
            for i in blocked
        ]
        blocks.append(Attention("blocked", _t("Blocked gate items"), _capped(lines, listed)))
    return tuple(blocks)


def _condition_lines(data: LaunchData, now: datetime) -> list[tuple[str, Rag | None]]:
    """Conditions of a conditional go still unmet, overdue ones first and in red: cutover waits on them."""
    zone = data.launch.zone
    lines: list[tuple[tuple[bool, datetime], tuple[str, Rag | None]]] = []
    for condition in open_conditions(data.rounds):
        late = is_overdue(condition, now=now)
        due = (
            _t("due {when}").format(when=short_moment_text(condition.due, zone))
            if condition.due is not None
            else _t("no due date")
        )
        owner = f" · {condition.owner}" if condition.owner else ""
        text = f"{RED} {condition.text} · {due}{owner}" if late else f"{condition.text} · {due}{owner}"
        order = (not late, condition.due or datetime.max.replace(tzinfo=now.tzinfo))
        lines.append((order, (text, Rag.RED if late else None)))
    return [line for _, line in sorted(lines, key=lambda pair: pair[0])]
