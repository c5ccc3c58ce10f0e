"""Runbook steps: one service moves a step (start, finish, fail, reopen, reset) for the CLI and the window.

The rules are the domain's (``domain.runbook.step_after``); this reads the step and its neighbours,
writes what the rule returns with the version check and its audit row. Undoing a start in the window
is a reset, undoing a finish a reopen: ordinary moves a user may also make, under the same rules.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from cockpit.domain.migration import RunbookStep, StepKind, StepStatus
from cockpit.domain.runbook import StepAction, step_after
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.edits import Edit
from cockpit.services.rules import now, ruling_on, stamp
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import when

_DEPENDENCIES = (
    "SELECT s.* FROM step_deps d JOIN runbook_steps s ON s.id = d.depends_on_id WHERE d.step_id = ?"
)
_DEPENDENTS = "SELECT s.* FROM step_deps d JOIN runbook_steps s ON s.id = d.step_id WHERE d.depends_on_id = ?"


def _step(row: sqlite3.Row | dict[str, Any]) -> RunbookStep:
    return RunbookStep(
        id=row["id"],
        seq=row["seq"],
        title=row["title"],
        kind=StepKind(row["kind"]),
        planned_start=datetime.fromisoformat(row["planned_start"]),
        planned_minutes=row["planned_minutes"],
        status=StepStatus(row["status"]),
        actual_start=when(row["actual_start"]),
        actual_end=when(row["actual_end"]),
        version=row["version"],
    )


def _action(action: StepAction | str) -> StepAction:
    try:
        return StepAction(action)
    except ValueError:
        allowed = ", ".join(a.value for a in StepAction)
        raise BadInput(
            tr("Unknown step action: {action}; use one of: {allowed}.", action=action, allowed=allowed)
        ) from None


def step_action(
    lf: LaunchFile,
    *,
    actor: str,
    step_id: int,
    action: StepAction | str,
    expect_version: int | None = None,
) -> Edit:
    """Move a step: ``start``, ``finish``, ``fail``, ``reopen`` (done/failed → running) or ``reset`` (running → pending)."""
    chosen = _action(action)
    with lf.writing(actor) as w:
        row = w.row("runbook_steps", step_id)
        with ruling_on(w, "runbook_steps", row, expect_version):
            progress = step_after(
                chosen,
                _step(row),
                dependencies=[_step(r) for r in w.conn.execute(_DEPENDENCIES, [step_id])],
                dependents=[_step(r) for r in w.conn.execute(_DEPENDENTS, [step_id])],
                now=now(),
            )
        values = {
            "status": progress.status.value,
            "actual_start": stamp(progress.actual_start),
            "actual_end": stamp(progress.actual_end),
        }
        # An unchanged time is kept as written: the rule's copy went through datetime and may read differently.
        for name in ("actual_start", "actual_end"):
            if when(row[name]) == getattr(progress, name):
                values[name] = row[name]
        written = w.update("runbook_steps", step_id, values, expect_version=expect_version)
    return Edit(written, w.changes)
