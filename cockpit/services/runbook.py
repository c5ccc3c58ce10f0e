"""Runbook step actions for the window: start, finish, and putting a step back as it was (undo).

``step_action`` is one service with three actions so the window's undo stack, which replays an edit's own
service with the old values, can undo a start or a finish: the undo values name ``action="reset"``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from cockpit.domain.migration import StepStatus
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.edits import Edit, finish_step, start_step
from cockpit.store.launchfile import LaunchFile

StepAction = Literal["start", "finish", "reset"]


def _stamp(value: datetime | str | None, what: str) -> str | None:
    if value is None or value == "":
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        raise BadInput(tr("The {what} time needs a time zone.", what=what))
    return moment.isoformat(timespec="milliseconds")


def reset_step(
    lf: LaunchFile,
    *,
    actor: str,
    step_id: int,
    status: StepStatus | str,
    actual_start: datetime | str | None,
    actual_end: datetime | str | None,
    expect_version: int | None = None,
) -> Edit:
    """Put a step's status and actual times back to the given values (the undo of a start or a finish)."""
    try:
        status = StepStatus(status)
    except ValueError:
        raise BadInput(tr("Unknown step status: {status}", status=status)) from None
    values = {
        "status": status.value,
        "actual_start": _stamp(actual_start, tr("start")),
        "actual_end": _stamp(actual_end, tr("end")),
    }
    if values["actual_end"] is not None and values["actual_start"] is None:
        raise BadInput(tr("A step cannot have ended without having started."))
    with lf.writing(actor) as w:
        row = w.update("runbook_steps", step_id, values, expect_version=expect_version)
    return Edit(row, w.changes)


def step_action(
    lf: LaunchFile,
    *,
    actor: str,
    step_id: int,
    action: StepAction,
    failed: bool = False,
    status: StepStatus | str | None = None,
    actual_start: datetime | str | None = None,
    actual_end: datetime | str | None = None,
    expect_version: int | None = None,
) -> Edit:
    """Start or finish a step (the rules of ``start_step``/``finish_step``), or reset it to ``status`` and times."""
    if action == "start":
        return start_step(lf, actor=actor, step_id=step_id, expect_version=expect_version)
    if action == "finish":
        return finish_step(lf, actor=actor, step_id=step_id, failed=failed, expect_version=expect_version)
    if action == "reset":
        if status is None:
            raise BadInput(tr("Resetting a step needs the status to go back to."))
        return reset_step(
            lf,
            actor=actor,
            step_id=step_id,
            status=status,
            actual_start=actual_start,
            actual_end=actual_end,
            expect_version=expect_version,
        )
    raise BadInput(tr("Unknown step action: {action}", action=action))
