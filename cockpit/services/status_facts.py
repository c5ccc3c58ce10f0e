"""The parts of the status document other commands print too (``kpi list --json``, ``launch show --json``),
in a module of their own: those commands need not load every rule the whole status works out."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cockpit.domain.kpis import KpiReading
    from cockpit.domain.launch import LaunchData


def stage_move_facts(data: LaunchData) -> dict[str, Any] | None:
    """The launch's last stage move (from, to, by, at, reason); None while it never moved."""
    move = data.launch.last_stage_move
    if move is None:
        return None
    return {
        "from": move.previous.value,
        "to": move.stage.value,
        "by": move.by,
        "at": move.at.astimezone(data.launch.zone).isoformat(timespec="seconds"),
        "reason": move.reason,
    }


def kpi_facts(reading: KpiReading, zone: tzinfo) -> dict[str, Any]:
    """One KPI as ``status --json`` and ``kpi list --json`` give it: target, direction, latest value, met
    (None while it has no value)."""
    kpi, latest = reading.kpi, reading.latest
    return {
        "id": kpi.id,
        "name": kpi.name,
        "unit": kpi.unit,
        "target": kpi.target,
        "direction": kpi.direction.value,
        "query": kpi.query,
        "latest": latest.value if latest else None,
        "latest_at": latest.at.astimezone(zone).isoformat(timespec="seconds") if latest else None,
        "met": reading.met,
        "version": kpi.version,
    }
