"""The go/no-go criteria: add, change thresholds or switch on/off, remove, list.

A criterion is stored as its kind and parameters; its words are worked out when shown
(``words.gate.criterion_label``), so the ``label`` column of a new row stays empty: it only matters in
files from before, and nothing shows it any more.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cockpit.domain.gate_criterion import GateCriterion
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import read_criteria
from cockpit.words.gate import criterion_label

# The writing services, and the checks of a criterion's thresholds, load with the first write: `cockpit gate
# list` only reads.
if TYPE_CHECKING:
    from cockpit.services.edits import Edit


def list_criteria(lf: LaunchFile) -> tuple[GateCriterion, ...]:
    with lf.reading() as conn:
        return read_criteria(conn)


def criterion_row(row: dict[str, Any]) -> dict[str, Any]:
    """A written row as scripts want it: ``params`` as an object, and the label worked out in words."""
    params = json.loads(row["params"]) if isinstance(row.get("params"), str) else row.get("params", {})
    return {
        **row,
        "label": criterion_label(row["kind"], params),
        "params": params,
        "enabled": bool(row["enabled"]),
    }


def add_criterion(
    lf: LaunchFile,
    *,
    actor: str,
    kind: str,
    params: Mapping[str, Any] | None = None,
    enabled: bool = True,
) -> Edit:
    """A new criterion; a kind with thresholds needs them (``domain.criteria.checked_params``)."""
    from cockpit.domain.criteria import checked_params, criterion_kind
    from cockpit.services.edits import Edit
    from cockpit.services.rules import refusals_as_bad_input

    with refusals_as_bad_input():
        chosen = criterion_kind(kind)
        values = checked_params(chosen, params or {})
    row_values = {"kind": chosen.value, "label": "", "params": json.dumps(values), "enabled": int(enabled)}
    with lf.writing(actor) as w:
        row = w.insert("gate_criteria", row_values)
    return Edit(row, w.changes)


def set_criterion(
    lf: LaunchFile,
    *,
    actor: str,
    criterion_id: int,
    params: Mapping[str, Any] | None = None,
    enabled: bool | None = None,
    expect_version: int | None = None,
) -> Edit:
    """Change some thresholds (the others stay) and/or switch the criterion on or off."""
    from cockpit.domain.criteria import checked_params, criterion_kind
    from cockpit.services.edits import Edit
    from cockpit.services.rules import ruling_on

    if not params and enabled is None:
        raise BadInput(tr("Nothing to change: give a parameter (KEY=VALUE), or enable or disable it."))
    with lf.writing(actor) as w:
        current = w.row("gate_criteria", criterion_id)
        changes: dict[str, Any] = {}
        if params:
            with ruling_on(w, "gate_criteria", current, expect_version):
                values = checked_params(
                    criterion_kind(current["kind"]), params, current=json.loads(current["params"])
                )
            changes["params"] = json.dumps(values)
        if enabled is not None:
            changes["enabled"] = int(enabled)
        row = w.update("gate_criteria", criterion_id, changes, expect_version=expect_version)
    return Edit(row, w.changes)


def remove_criterion(
    lf: LaunchFile, *, actor: str, criterion_id: int, expect_version: int | None = None
) -> Edit:
    from cockpit.services.edits import Edit

    with lf.writing(actor) as w:
        old = w.delete("gate_criteria", criterion_id, expect_version=expect_version)
    return Edit(old, w.changes)
