"""Runbook steps: one service moves a step (start, finish, fail, reopen, reset, retry, skip, unskip) for the
CLI and the window.

The rules are the domain's (``domain.runbook.step_after``); this reads the step and its neighbours,
writes what the rule returns with the version check and its audit row. Undoing a start in the window
is a reset, undoing a finish or a failure a reopen, a retry a reset, a skip an unskip: ordinary moves a
user may also make, under the same rules. An attempt a retry or a skip puts aside goes into
``step_attempts`` in the same transaction; the step's audited update names the attempt it ended.
"""

from __future__ import annotations

from typing import Any

from cockpit.domain.migration import RunbookStep
from cockpit.domain.rollback import check_startable
from cockpit.domain.runbook import StepAction, StepProgress, step_after
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.edits import Edit
from cockpit.services.rules import now, ruling_on, stamp
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import read_rollback_decisions, read_steps, when
from cockpit.store.writer import Writer

_DEPENDENCIES = "SELECT depends_on_id FROM step_deps WHERE step_id = ?"
_DEPENDENTS = "SELECT step_id FROM step_deps WHERE depends_on_id = ?"


def _action(action: StepAction | str) -> StepAction:
    try:
        return StepAction(action)
    except ValueError:
        allowed = ", ".join(a.value for a in StepAction)
        raise BadInput(
            tr("Unknown step action: {action}; use one of: {allowed}.", action=action, allowed=allowed)
        ) from None


def _steps(w: Writer, query: str, step_id: int) -> tuple[RunbookStep, ...]:
    return read_steps(w.conn, [r[0] for r in w.conn.execute(query, [step_id])])


def step_action(
    lf: LaunchFile,
    *,
    actor: str,
    step_id: int,
    action: StepAction | str,
    reason: str = "",
    expect_version: int | None = None,
) -> Edit:
    """Move a step: ``start``, ``finish``, ``fail`` (with ``reason``), ``reopen`` (done/failed → running),
    ``reset`` (running → pending; a retry → failed again), ``retry`` (failed → running, a new attempt),
    ``skip`` (pending/failed → skipped, with ``reason``) or ``unskip`` (skipped → as it was before)."""
    chosen = _action(action)
    with lf.writing(actor) as w:
        row = w.row("runbook_steps", step_id)
        (step,) = read_steps(w.conn, [step_id])
        with ruling_on(w, "runbook_steps", row, expect_version):
            if (
                chosen is StepAction.START
            ):  # a rollback point asks for the decision; a path not taken stays so
                check_startable(step, read_rollback_decisions(w.conn))
            progress = step_after(
                chosen,
                step,
                dependencies=_steps(w, _DEPENDENCIES, step_id),
                dependents=_steps(w, _DEPENDENTS, step_id),
                now=now(),
                reason=reason,
                actor=actor,
            )
        values = _written_values(w, step_id, row, progress)
        written = w.update("runbook_steps", step_id, values, expect_version=expect_version)
        _keep_history(w, step_id, row, progress)
    return Edit(written, w.changes)


def _written_values(
    w: Writer, step_id: int, row: dict[str, Any], progress: StepProgress
) -> dict[str, object]:
    values: dict[str, object] = {
        "status": progress.status.value,
        "actual_start": stamp(progress.actual_start),
        "actual_end": stamp(progress.actual_end),
        "status_reason": progress.status_reason,
        "attempt": progress.attempt,
    }
    if progress.restored is not None:
        # The attempt comes back exactly as it was kept: its times as written then.
        kept = w.conn.execute(
            "SELECT actual_start, actual_end FROM step_attempts WHERE step_id = ? AND attempt = ?",
            [step_id, progress.restored],
        ).fetchone()
        values["actual_start"], values["actual_end"] = kept[0], kept[1]
        return values
    # An unchanged time is kept as written: the rule's copy went through datetime and may read differently.
    for name in ("actual_start", "actual_end"):
        if when(row[name]) == getattr(progress, name):
            values[name] = row[name]
    return values


def _keep_history(w: Writer, step_id: int, row: dict[str, Any], progress: StepProgress) -> None:
    if progress.archived is not None:
        # The failed attempt's times as the row had them, not re-stamped through datetime.
        w.conn.execute(
            "INSERT INTO step_attempts (step_id, attempt, actual_start, actual_end, outcome, reason, "
            "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                step_id,
                progress.archived.attempt,
                row["actual_start"],
                row["actual_end"],
                progress.archived.outcome.value,
                progress.archived.reason,
                w.actor,
                w.at,
            ],
        )
    if progress.restored is not None:
        w.conn.execute(
            "DELETE FROM step_attempts WHERE step_id = ? AND attempt = ?", [step_id, progress.restored]
        )
