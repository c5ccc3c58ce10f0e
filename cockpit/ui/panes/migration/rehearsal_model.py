"""The rehearsal comparison table: per step, plan, each rehearsal and live (minutes and variance against plan),
and where the step stands against the rollback decision."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo

from PySide6.QtCore import QCoreApplication

from cockpit.domain.launch import LaunchData
from cockpit.domain.migration import RunbookStep
from cockpit.domain.rehearsals import Rehearsal, StepComparison, compare_steps, ordered, rehearsal_title
from cockpit.domain.rollback import PathState, RollbackChoice, RollbackDecision, decision_for, path_state
from cockpit.ui.widgets.row_model import Column, Look, RowTableModel
from cockpit.ui.widgets.theme import MUTED_INK, OVERDUE
from cockpit.words.moments import short_moment_text
from cockpit.words.rows import field_label

NO_VALUE = "—"
ROLLBACK_POINT_SYMBOL = "◇"
# A rehearsal or live time this far over plan (percent) stands out.
VARIANCE_WARNING = 10.0


def _t(text: str) -> str:
    return QCoreApplication.translate("rehearsals", text)


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    comparison: StepComparison
    path: PathState
    decision: RollbackDecision | None

    @property
    def step_id(self) -> int:
        return self.comparison.step.id


def comparison_rows(data: LaunchData) -> list[ComparisonRow]:
    decisions = data.rollback_decisions
    return [
        ComparisonRow(c, path_state(c.step, decisions), decision_for(c.step.id, decisions))
        for c in compare_steps(data.steps, data.rehearsals)
    ]


def minutes_text(minutes: float | None, variance: float | None) -> str:
    """``70 min (+16.7%)``: whole minutes as the runbook plans them, the variance to one decimal."""
    if minutes is None:
        return NO_VALUE
    shown = _t("{minutes} min").format(minutes=round(minutes))
    return shown if variance is None else f"{shown} ({variance:+.1f}%)"


def path_text(row: ComparisonRow) -> str:
    if row.decision is not None:
        choice = _t("Roll back") if row.decision.decision is RollbackChoice.ROLL_BACK else _t("Continue")
        return f"{ROLLBACK_POINT_SYMBOL} {choice}"
    if row.path is PathState.STANDBY:
        return _t("Rollback path (standby)")
    if row.path is PathState.NOT_TAKEN:
        return _t("Not taken")
    if row.comparison.step.rollback_point:
        return f"{ROLLBACK_POINT_SYMBOL} " + _t("Rollback point")
    if row.comparison.step.rollback_path:
        return _t("Rollback path")
    return ""


def path_lines(step: RunbookStep, data: LaunchData | None, zone: tzinfo | None) -> list[str]:
    """The rollback decision taken at the step, or why it is off the path: the steps tab's detail line."""
    if data is None:
        return []
    decision = decision_for(step.id, data.rollback_decisions)
    if decision is not None:
        choice = _t("roll back") if decision.decision is RollbackChoice.ROLL_BACK else _t("continue")
        return [
            _t("Rollback decision: {choice} — {who}, {when}: {reason}").format(
                choice=choice,
                who=decision.decided_by,
                when=short_moment_text(decision.decided_at, zone),
                reason=decision.reason,
            )
        ]
    state = path_state(step, data.rollback_decisions)
    if state is PathState.NOT_TAKEN:
        return [_t("Not taken: the runbook was rolled back")]
    if state is PathState.STANDBY:
        return [_t("Rollback path: runs only after a decision to roll back")]
    if step.rollback_point:
        return [_t("Rollback point: asks for the decision (Rehearsals tab: Continue… or Roll back…)")]
    return []


def _variance_look(variance: float | None) -> Look | None:
    return Look(ink=OVERDUE) if variance is not None and variance > VARIANCE_WARNING else None


def _path_look(row: ComparisonRow) -> Look | None:
    return Look(ink=MUTED_INK) if row.path is not PathState.CURRENT else None


def _rehearsal_column(index: int, rehearsal: Rehearsal) -> Column[ComparisonRow]:
    return Column(
        lambda: rehearsal_title(rehearsal),
        lambda r: minutes_text(r.comparison.rehearsals[index], r.comparison.variances()[index]),
        sort=lambda r: r.comparison.rehearsals[index] if r.comparison.rehearsals[index] is not None else -1.0,
        look=lambda r: _variance_look(r.comparison.variances()[index]),
        numeric=True,
    )


def comparison_model(rehearsals: Sequence[Rehearsal], parent=None) -> RowTableModel[ComparisonRow]:
    """One column per rehearsal, by number: the model is made again when a rehearsal is added."""
    columns: list[Column[ComparisonRow]] = [
        Column(
            lambda: _t("#"),
            lambda r: str(r.comparison.step.seq),
            sort=lambda r: r.comparison.step.seq,
            numeric=True,
        ),
        Column(
            lambda: field_label("runbook_steps", "title"),
            lambda r: r.comparison.step.title,
            tooltip=lambda r: r.decision.reason if r.decision is not None else r.comparison.step.title,
            look=_path_look,
        ),
        Column(lambda: _t("Path"), path_text, look=_path_look),
        Column(
            lambda: _t("Plan"),
            lambda r: minutes_text(r.comparison.planned, None),
            sort=lambda r: r.comparison.planned,
            numeric=True,
        ),
        *(_rehearsal_column(i, r) for i, r in enumerate(ordered(rehearsals))),
        Column(
            lambda: _t("Live"),
            lambda r: minutes_text(r.comparison.live, r.comparison.live_variance),
            sort=lambda r: r.comparison.live if r.comparison.live is not None else -1.0,
            look=lambda r: _variance_look(r.comparison.live_variance),
            numeric=True,
        ),
    ]
    return RowTableModel(columns=columns, key=lambda r: r.step_id, parent=parent)
