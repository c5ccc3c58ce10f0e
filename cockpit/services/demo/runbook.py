"""The cutover runbook caught mid-way, and the reconciliation ledger of the objects it moves."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from cockpit.domain.migration import StepKind, StepStatus
from cockpit.services.demo.context import Demo, iso, minutes
from cockpit.services.demo.cutover_catalog import (
    ACCEPTED_OBJECT,
    BUSINESS_RELEASE_STEP,
    CLEANSED_OBJECTS,
    LATE_STEP,
    MISMATCHED_OBJECTS,
    OBJECTS,
    OVERRUN_STEP,
    PENDING_OBJECTS,
    RUNBOOK,
    RUNNING_STEP,
    STEP_OWNERS,
)
from cockpit.store.writer import Writer

# A finished step ends at most this long after its planned end, so no delay piles up along the chain.
MAX_SLIP_MINUTES = 6


def _planned_offsets() -> dict[str, int]:
    """Minutes from the runbook's start to each step's planned start: as soon as its dependencies end."""
    starts: dict[str, int] = {}
    length = {key: planned for key, _, planned, _ in RUNBOOK}
    for key, _, _, depends in RUNBOOK:
        starts[key] = max((starts[d] + length[d] for d in depends), default=0)
    return starts


PLANNED_START = _planned_offsets()
PLANNED_MINUTES = {key: planned for key, _, planned, _ in RUNBOOK}
RELEASE_OFFSET = PLANNED_START[BUSINESS_RELEASE_STEP] + PLANNED_MINUTES[BUSINESS_RELEASE_STEP]
_INDEX = {key: index for index, (key, _, _, _) in enumerate(RUNBOOK)}


def _waiting_on(keys: set[str]) -> frozenset[str]:
    """The given steps and every step downstream of them."""
    found = set(keys)
    for key, _, _, depends in RUNBOOK:  # listed in dependency order
        if found.intersection(depends):
            found.add(key)
    return frozenset(found)


_BLOCKED_BY_RUNNING = _waiting_on({RUNNING_STEP, LATE_STEP})


def _simulate(demo: Demo) -> dict[str, tuple[StepStatus, datetime | None, datetime | None]]:
    """Actual times of one pass through the runbook up to now: done, two running, the rest pending."""
    now_offset = (demo.now - demo.runbook_start).total_seconds() / 60
    ends: dict[str, datetime] = {}
    result: dict[str, tuple[StepStatus, datetime | None, datetime | None]] = {}
    for key, _, planned, depends in RUNBOOK:
        planned_start = demo.runbook_start + timedelta(minutes=PLANNED_START[key])
        planned_end = planned_start + timedelta(minutes=planned)
        running = key in (LATE_STEP, RUNNING_STEP)
        if not running and (key in _BLOCKED_BY_RUNNING or PLANNED_START[key] + planned > now_offset - 15):
            result[key] = (StepStatus.PENDING, None, None)
            continue
        ready = max((ends[d] for d in depends), default=demo.runbook_start - timedelta(minutes=2))
        if key == LATE_STEP:
            result[key] = (StepStatus.RUNNING, ready + minutes(demo.rng.uniform(1, 3)), None)
        elif key == RUNNING_STEP:
            start = max(planned_start - minutes(demo.rng.uniform(0, 3)), ready)
            result[key] = (StepStatus.RUNNING, start, None)
        else:
            # Teams start a little early when they can, and most steps beat their rehearsed time.
            start = max(planned_start - minutes(demo.rng.uniform(0, 5)), ready)
            if key == OVERRUN_STEP:  # why the late step started late
                end = start + minutes(planned + demo.rng.uniform(20, 30))
            else:
                end = start + minutes(planned * demo.rng.uniform(0.75, 1.08))
                end = max(min(end, planned_end + timedelta(minutes=MAX_SLIP_MINUTES)), start + minutes(1))
            ends[key] = end
            result[key] = (StepStatus.DONE, start, end)
    return result


def write_runbook(w: Writer, demo: Demo) -> None:
    """Large launches run the same runbook for several sites side by side, one wave per site."""
    rows: list[dict[str, Any]] = []
    deps: list[dict[str, Any]] = []
    total = demo.scale.steps
    for wave in range((total + len(RUNBOOK) - 1) // len(RUNBOOK)):
        actual = _simulate(demo)
        for index, (key, kind, planned, depends) in enumerate(RUNBOOK):
            step_id = wave * len(RUNBOOK) + index + 1
            if step_id > total:
                break
            status, start, end = actual[key]
            rows.append(
                {
                    "id": step_id,
                    "seq": step_id,
                    "title": demo.variant(demo.text["runbook"][key], wave),
                    "kind": kind.value,
                    # As the standard template flags it: the step asks for the continue / roll back decision.
                    "rollback_point": int(kind is StepKind.ROLLBACK_POINT),
                    "owner": demo.owner(STEP_OWNERS[kind]),
                    "planned_start": iso(demo.runbook_start + timedelta(minutes=PLANNED_START[key])),
                    "planned_minutes": planned,
                    "status": status.value,
                    "actual_start": iso(start) if start else None,
                    "actual_end": iso(end) if end else None,
                }
            )
            deps += [
                {"step_id": step_id, "depends_on_id": wave * len(RUNBOOK) + _INDEX[d] + 1} for d in depends
            ]
    w.insert_many("runbook_steps", rows, summary="demo: cutover runbook")
    w.insert_many("step_deps", deps, summary="demo: runbook dependencies")


def _object_row(demo: Demo, key: str, base_rows: int, tolerance_share: float, copy: int) -> dict[str, Any]:
    rng = demo.rng
    source = round(base_rows * rng.uniform(0.97, 1.03) if copy == 0 else base_rows * rng.uniform(0.2, 1.2))
    tolerance = round(source * tolerance_share)
    rejected = rng.randint(source // 1000, source // 200) if key in CLEANSED_OBJECTS else 0
    expected = source - rejected
    row = {
        "source_rows": source,
        "rejected_rows": rejected,
        "tolerance_rows": tolerance,
        "target_rows": None,
        "accepted_reason": "",
        "accepted_by": "",
        "accepted_at": None,
        "owner": demo.owner(("migration_lead", "dba", "app_sales", "app_purchasing", "app_accounting")),
    }
    if key in PENDING_OBJECTS:
        return row
    if key in MISMATCHED_OBJECTS:
        row["target_rows"] = expected - tolerance - rng.randint(12, 900)
    elif key == ACCEPTED_OBJECT:
        merged = rng.randint(280, 340)
        row["target_rows"] = expected - merged
        row["accepted_reason"] = demo.text["accepted_reason"].format(count=merged)
        row["accepted_by"] = demo.by_role["business_owner"]
        row["accepted_at"] = iso(
            demo.now - timedelta(minutes=45)
        )  # no draw: the demo's figures stay as they were
    else:
        row["target_rows"] = expected - rng.randint(0, tolerance)
    return row


def write_objects(w: Writer, demo: Demo) -> None:
    rows = []
    for offset in range(demo.scale.objects):
        copy, index = divmod(offset, len(OBJECTS))
        key, base_rows, tolerance_share = OBJECTS[index]
        name = demo.text["objects"][key]
        if copy:
            name = demo.text["object_variant"].format(name=name, n=copy + 1)
        rows.append(
            {"id": offset + 1, "name": name, **_object_row(demo, key, base_rows, tolerance_share, copy)}
        )
    w.insert_many("migration_objects", rows, summary="demo: migration objects")
