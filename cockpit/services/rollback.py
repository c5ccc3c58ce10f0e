"""The rollback decision at a rollback point: continue or roll back, who, when and why (domain/rollback.py)."""

from __future__ import annotations

from cockpit.domain.rollback import RollbackChoice, check_decidable
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.edits import Edit, _choice
from cockpit.services.rules import now, refusals_as_bad_input, stamp
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import read_rollback_decisions, read_steps


def decide_rollback(
    lf: LaunchFile, *, actor: str, step_id: int, decision: RollbackChoice | str, reason: str
) -> Edit:
    """Record the decision at ``step_id``, which marks that step done then; refused unless it is a rollback
    point reached and not started, and not yet decided."""
    chosen = _choice(RollbackChoice, str(decision), tr("rollback decision"))
    reason = (reason or "").strip()
    if not reason:
        raise BadInput(tr("A rollback decision needs a reason the team can read later (--reason T)."))
    with lf.writing(actor) as w:
        w.row("runbook_steps", step_id)  # NotFound names the step
        (step,) = read_steps(w.conn, [step_id])
        dependencies = read_steps(w.conn, step.depends_on)
        with refusals_as_bad_input():
            check_decidable(step, dependencies, read_rollback_decisions(w.conn))
        decided_at = stamp(now())
        row = w.insert(
            "rollback_decisions",
            {
                "step_id": step_id,
                "decision": chosen.value,
                "reason": reason,
                "decided_by": actor,
                "decided_at": decided_at,
            },
        )
        # The decision is the rollback point's work: the step is done then, and the path chosen may start.
        w.update(
            "runbook_steps", step_id, {"status": "done", "actual_start": decided_at, "actual_end": decided_at}
        )
    return Edit(row, w.changes)
