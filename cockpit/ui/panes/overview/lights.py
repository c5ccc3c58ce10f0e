"""The Overview's lights kept between changes: each worked out again only when the tables it reads moved.

Qt-free. The domain words every figure (``domain.status.pane_status``, ``gate_status``,
``domain.gate.evaluate_gate``) and knows nothing of tables; this module maps each light and each gate
criterion to the tables of the launch file it reads, and keeps the last answers. After a change only the
lights whose tables the ``Changes`` name are worked out again; the gate keeps the criteria whose tables did
not move and combines the sign-offs afresh. Everything is worked out again on a full load (``changes``
None), after a change to the launch row (settings every light reads: time zone, thresholds, deadlines),
and when ``now`` is in another minute than the last answers (overdue items, SLA clocks and the runbook's
forecast move with the time), so the lights are never older than they were before they were kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from cockpit.changes import Changes
from cockpit.domain.gate import CriterionKind, CriterionResult, GateResult, evaluate_gate
from cockpit.domain.launch import LaunchData
from cockpit.domain.status import Pane, PaneStatus, gate_status, pane_status

# The tables each pane's light reads (its rule in domain/status.py), besides the launch row.
LIGHT_TABLES: dict[Pane, frozenset[str]] = {
    Pane.CHECKLIST: frozenset({"checklist_items", "checklist_deps"}),
    Pane.TESTS: frozenset({"test_runs", "test_cases", "gate_criteria"}),  # minimums from the criteria
    Pane.MIGRATION: frozenset({"runbook_steps", "step_deps", "migration_objects"}),
    Pane.RISKS: frozenset({"risks"}),
    Pane.SUPPORT: frozenset({"tickets", "sla_policies"}),
}

# The tables each kind of gate criterion reads (domain/gate.py), besides its own row and the launch row.
CRITERION_TABLES: dict[CriterionKind, frozenset[str]] = {
    CriterionKind.GATE_ITEMS_DONE: frozenset({"checklist_items"}),
    CriterionKind.PASS_RATE: frozenset({"test_runs"}),
    CriterionKind.NO_OPEN_TICKETS: frozenset({"tickets"}),
    CriterionKind.MIGRATION_RECONCILED: frozenset({"migration_objects"}),
    CriterionKind.BACKUP_DONE: frozenset({"runbook_steps"}),
    CriterionKind.RED_RISKS_COVERED: frozenset({"risks"}),
}

# The gate's own rows: the criteria (a changed one is worked out again, ``evaluate_gate(reuse=)``) and the
# sign-offs, combined afresh every time.
GATE_TABLES = frozenset({"gate_criteria", "signoffs", "round_conditions", "decision_rounds"}).union(
    *CRITERION_TABLES.values()
)


@dataclass(frozen=True, slots=True)
class Plan:
    """What a change requires: the lights to work out again, whether the gate is, and the criteria results
    it may keep (by criterion id; None: none)."""

    panes: frozenset[Pane]
    gate: bool
    reuse: Mapping[int, CriterionResult] | None = None

    @property
    def everything(self) -> bool:
        return self.panes == ALL_LIGHTS and self.gate and self.reuse is None

    def __bool__(self) -> bool:
        return bool(self.panes) or self.gate


ALL_LIGHTS = frozenset(LIGHT_TABLES)
EVERYTHING = Plan(ALL_LIGHTS, True)


def _minute(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0)


def work_out(plan: Plan, data: LaunchData, now: datetime) -> tuple[dict[Pane, PaneStatus], GateResult | None]:
    """The figures ``plan`` names, from ``data`` as of ``now``: pure, so a worker may run it."""
    statuses = {pane: pane_status(pane, data, now=now) for pane in plan.panes}
    if not plan.gate:
        return statuses, None
    gate = evaluate_gate(data, now=now, reuse=plan.reuse)
    statuses[Pane.GATE] = gate_status(gate, rounds=data.rounds, now=now)
    return statuses, gate


class Lights:
    """The last light of every pane and the last gate result, and what the changes since leave stale."""

    def __init__(self) -> None:
        self.statuses: dict[Pane, PaneStatus] = {}
        self.gate: GateResult | None = None
        self._minute: datetime | None = None
        self._moved: set[str] | None = None  # tables moved since the answers kept; None: any

    def plan(self, changes: Changes | None, now: datetime) -> Plan:
        """Note ``changes`` and say which figures they, and every change not yet worked in, leave stale."""
        if changes is None or "launch" in changes.rows:
            self._moved = None
        elif self._moved is not None:
            self._moved |= changes.rows.keys()
        moved = self._moved
        if moved is None or self.gate is None or self._minute != _minute(now):
            return EVERYTHING
        panes = frozenset(pane for pane, tables in LIGHT_TABLES.items() if tables & moved)
        if not GATE_TABLES & moved:
            return Plan(panes, gate=False)
        reuse = {
            result.criterion.id: result
            for result in self.gate.criteria
            if not CRITERION_TABLES[result.criterion.kind] & moved
        }
        return Plan(panes, gate=True, reuse=reuse)

    def keep(
        self, plan: Plan, now: datetime, statuses: dict[Pane, PaneStatus], gate: GateResult | None
    ) -> None:
        """Take the figures ``plan`` asked for, as of ``now``: the answer to the latest plan only (the
        changes noted so far are all in it)."""
        self.statuses.update(statuses)
        if gate is not None:
            self.gate = gate
        if plan.everything:
            self._minute = _minute(now)
        self._moved = set()
