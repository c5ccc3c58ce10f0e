"""The Migration pane's tables: runbook steps with their forecast, and the reconciliation ledger."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QCoreApplication

from cockpit.domain.migration import (
    MigrationObject,
    Reconciliation,
    ReconStatus,
    RunbookStep,
    StepForecast,
    StepStatus,
    reconcile,
)
from cockpit.domain.status import Rag
from cockpit.ui.widgets.row_model import Column, Look, RowTableModel
from cockpit.ui.widgets.theme import MUTED_INK, NOT_OK_SYMBOL, OK_SYMBOL, OVERDUE, RAG_LOOKS
from cockpit.words.labels import recon_status_label, step_kind_label, step_status_label
from cockpit.words.moments import short_moment_text
from cockpit.words.rows import field_label

CRITICAL_SYMBOL = "◆"  # the same marks as the time chart
LATE_SYMBOL = "▶"
NO_VALUE = "—"
STEP_SYMBOLS = {
    StepStatus.PENDING: "○",
    StepStatus.RUNNING: "◎",
    StepStatus.DONE: OK_SYMBOL,
    StepStatus.FAILED: NOT_OK_SYMBOL,
    StepStatus.SKIPPED: "－",
}
RECON_SYMBOLS = {
    ReconStatus.MISMATCH: NOT_OK_SYMBOL,
    ReconStatus.PENDING: "○",
    ReconStatus.ACCEPTED: "△",  # 想定差異: a difference someone accepted, with a reason
    ReconStatus.RECONCILED: OK_SYMBOL,
}
RECON_ORDER = {
    ReconStatus.MISMATCH: 0,
    ReconStatus.PENDING: 1,
    ReconStatus.ACCEPTED: 2,
    ReconStatus.RECONCILED: 3,
}


def _t(text: str) -> str:
    return QCoreApplication.translate("migration", text)


def step_status_text(status: StepStatus) -> str:
    return f"{STEP_SYMBOLS[status]} {step_status_label(status)}"


def recon_status_text(status: ReconStatus) -> str:
    return f"{RECON_SYMBOLS[status]} {recon_status_label(status)}"


def clock(moment: datetime | None, zone: tzinfo | None) -> str:
    return NO_VALUE if moment is None else short_moment_text(moment, zone)


def step_history_lines(step: RunbookStep, zone: tzinfo | None) -> list[str]:
    """Why a step failed or was skipped, and its earlier attempts: the detail line and the status tooltip."""
    lines = []
    if step.status_reason and step.status in (StepStatus.FAILED, StepStatus.SKIPPED):
        lines.append(
            _t("{status}: {reason}").format(status=step_status_label(step.status), reason=step.status_reason)
        )
    if step.attempts:
        lines.append(_t("Attempt {n}").format(n=step.attempt))
    for attempt in reversed(step.attempts):  # the latest first: the one the team is talking about
        lines.append(
            _t("Attempt {n} failed {start}–{end}: {reason}").format(
                n=attempt.attempt,
                start=clock(attempt.actual_start, zone),
                end=clock(attempt.actual_end, zone),
                reason=attempt.reason,
            )
        )
    return lines


def late_text(row: StepForecast) -> str:
    """``▶ +N min`` in whole minutes (``StepForecast.late_by``), the same number as on the time chart."""
    if not row.is_late:
        return ""
    return _t("{symbol} +{minutes} min").format(symbol=LATE_SYMBOL, minutes=row.late_by)


def _step_look(row: StepForecast) -> Look | None:
    if row.step.status == StepStatus.FAILED:
        return Look(fill=RAG_LOOKS[Rag.RED].fill, bold=True)
    if row.is_late:
        return Look(fill=RAG_LOOKS[Rag.RED].fill, ink=OVERDUE, bold=True)
    if row.step.status == StepStatus.RUNNING:
        return Look(fill=RAG_LOOKS[Rag.AMBER].fill)
    if row.step.status in (StepStatus.DONE, StepStatus.SKIPPED):
        return Look(ink=MUTED_INK)
    return None


def _status_cell(row: StepForecast) -> str:
    """The status, and the attempt when it is not the first: "◎ Running (2nd attempt)" reads at a glance."""
    text = step_status_text(row.step.status)
    if row.step.attempt > 1 and row.step.status is not StepStatus.SKIPPED:
        return _t("{status} · attempt {n}").format(status=text, n=row.step.attempt)
    return text


def steps_model(zone: list[tzinfo | None], parent=None) -> RowTableModel[StepForecast]:
    """``zone`` is a one-item list the pane keeps current: the launch's time zone."""
    return RowTableModel(
        key=lambda r: r.step.id,
        parent=parent,
        columns=[
            Column(
                lambda: _t("#"),
                lambda r: f"{CRITICAL_SYMBOL} {r.step.seq}" if r.critical else str(r.step.seq),
                sort=lambda r: r.step.seq,
                tooltip=lambda r: _t("On the critical path") if r.critical else "",
                numeric=True,
            ),
            Column(
                lambda: field_label("runbook_steps", "title"),
                lambda r: r.step.title,
                tooltip=lambda r: r.step.title,
                look=_step_look,
            ),
            Column(lambda: field_label("runbook_steps", "kind"), lambda r: step_kind_label(r.step.kind)),
            Column(lambda: field_label("runbook_steps", "owner"), lambda r: r.step.owner),
            Column(
                lambda: field_label("runbook_steps", "planned_start"),
                lambda r: clock(r.step.planned_start, zone[0]),
                sort=lambda r: r.step.planned_start.timestamp(),
            ),
            Column(
                lambda: field_label("runbook_steps", "planned_minutes"),
                lambda r: str(r.step.planned_minutes),
                sort=lambda r: r.step.planned_minutes,
                numeric=True,
            ),
            Column(
                lambda: field_label("runbook_steps", "actual_start"),
                lambda r: clock(r.step.actual_start, zone[0]),
                sort=lambda r: r.step.actual_start.timestamp() if r.step.actual_start else 0.0,
            ),
            Column(
                lambda: field_label("runbook_steps", "actual_end"),
                lambda r: clock(r.step.actual_end, zone[0]),
                sort=lambda r: r.step.actual_end.timestamp() if r.step.actual_end else 0.0,
                tooltip=lambda r: _t("Forecast end {time}").format(time=clock(r.end, zone[0])),
            ),
            Column(
                lambda: field_label("runbook_steps", "status"),
                _status_cell,
                sort=lambda r: list(StepStatus).index(r.step.status),
                look=_step_look,
                tooltip=lambda r: "\n".join(step_history_lines(r.step, zone[0])),
            ),
            Column(
                lambda: _t("Late by"),
                late_text,
                sort=lambda r: r.late_minutes,
                look=lambda r: Look(ink=OVERDUE, bold=True) if r.is_late else None,
                numeric=True,
            ),
        ],
    )


def ledger_rows(objects: tuple[MigrationObject, ...]) -> list[Reconciliation]:
    """Mismatches first, the largest difference first within each status."""
    rows = [reconcile(o) for o in objects]
    return sorted(rows, key=lambda r: (RECON_ORDER[r.status], -abs(r.delta or 0), r.object.name))


def _recon_look(row: Reconciliation) -> Look | None:
    if row.status == ReconStatus.MISMATCH:
        return Look(fill=RAG_LOOKS[Rag.RED].fill, bold=True)
    if row.status == ReconStatus.ACCEPTED:
        return Look(fill=RAG_LOOKS[Rag.AMBER].fill)
    if row.status == ReconStatus.PENDING:
        return Look(ink=MUTED_INK)
    return None


def _rows(value: int | None) -> str:
    return NO_VALUE if value is None else f"{value:,}"


def _delta(row: Reconciliation) -> str:
    """'−777 / ±0': the difference, then the tolerance it is held to; short enough for a narrow window."""
    if row.delta is None:
        return NO_VALUE
    return _t("{delta} / ±{tolerance}").format(
        delta=_signed(row.delta), tolerance=f"{row.object.tolerance_rows:,}"
    )


def _delta_tooltip(row: Reconciliation) -> str:
    if row.delta is None:
        return recon_status_label(ReconStatus.PENDING)
    return _t("Target − expected: {delta} rows; within ±{tolerance} counts as reconciled").format(
        delta=_signed(row.delta), tolerance=f"{row.object.tolerance_rows:,}"
    )


def _signed(value: int) -> str:
    return f"{value:+,}".replace("-", "−")  # a true minus: as wide as the plus, and not a hyphen


def accepted_text(row: Reconciliation, zone: tzinfo | None = None) -> str:
    """Who accepted the difference, when, and why (想定差異); '' when none is accepted."""
    if row.status != ReconStatus.ACCEPTED:
        return ""
    if row.object.accepted_at is None:  # accepted before the time was recorded (an import, an older file)
        return _t("Accepted by {who}: {reason}").format(
            who=row.object.accepted_by, reason=row.object.accepted_reason
        )
    return _t("Accepted by {who} at {when}: {reason}").format(
        who=row.object.accepted_by,
        when=clock(row.object.accepted_at, zone),
        reason=row.object.accepted_reason,
    )


def ledger_model(parent=None, zone: list[tzinfo | None] | None = None) -> RowTableModel[Reconciliation]:
    """``zone``, like ``steps_model``'s, is a one-item list the pane keeps current: the launch's time zone."""
    return RowTableModel(
        key=lambda r: r.object.id,
        parent=parent,
        columns=[
            Column(
                lambda: _t("Status"),
                lambda r: recon_status_text(r.status),
                sort=lambda r: RECON_ORDER[r.status] * 10**12 - abs(r.delta or 0),
                look=_recon_look,
                tooltip=lambda r: accepted_text(r, zone[0] if zone else None),
            ),
            Column(lambda: _t("Object"), lambda r: r.object.name),
            Column(lambda: _t("Owner"), lambda r: r.object.owner),
            Column(
                lambda: _t("Source rows"),  # not "Source": that word names where data comes from
                lambda r: _rows(r.object.source_rows),
                sort=lambda r: r.object.source_rows,
                numeric=True,
            ),
            Column(
                lambda: _t("Rejected"),
                lambda r: _rows(r.object.rejected_rows),
                sort=lambda r: r.object.rejected_rows,
                numeric=True,
            ),
            Column(
                lambda: _t("Expected"), lambda r: _rows(r.expected), sort=lambda r: r.expected, numeric=True
            ),
            Column(
                lambda: _t("Target"),
                lambda r: _rows(r.object.target_rows),
                sort=lambda r: -1 if r.object.target_rows is None else r.object.target_rows,
                numeric=True,
            ),
            Column(
                lambda: _t("Delta / tolerance"),
                _delta,
                tooltip=_delta_tooltip,
                sort=lambda r: abs(r.delta or 0),
                look=lambda r: Look(ink=OVERDUE, bold=True) if r.status == ReconStatus.MISMATCH else None,
                numeric=True,
            ),
        ],
    )
