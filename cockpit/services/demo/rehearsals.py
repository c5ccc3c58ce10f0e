"""Two rehearsals of the runbook before the live cutover, and the decision taken at the rollback point passed.

The rows are those ``services/rehearsals.py`` and ``services/rollback.py`` write, in the shape they write
them: a rehearsal's step times and object counts in tables of their own, the live run untouched.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from cockpit.services.demo.context import Demo, iso, minutes
from cockpit.services.demo.cutover_catalog import CLEANSED_OBJECTS, OBJECTS, RUNBOOK
from cockpit.services.demo.runbook import PLANNED_START
from cockpit.store.writer import Writer

# (days before the live runbook's start, slowest and fastest share of the planned minutes): the first
# rehearsal finds the slow steps, the second runs close to the plan.
REHEARSALS = ((21, 0.95, 1.35), (7, 0.85, 1.12))


def _rehearsed_times(
    demo: Demo, start: datetime, fast: float, slow: float
) -> list[tuple[datetime, datetime]]:
    """Each runbook step's actual start and end in one rehearsal, dependencies first as in a live run."""
    ends: dict[str, datetime] = {}
    times = []
    for key, _, planned, depends in RUNBOOK:
        ready = max((ends[d] for d in depends), default=start)
        begun = max(start + timedelta(minutes=PLANNED_START[key]), ready) + minutes(demo.rng.uniform(0, 3))
        ends[key] = begun + minutes(planned * demo.rng.uniform(fast, slow))
        times.append((begun, ends[key]))
    return times


def write_rehearsals(w: Writer, demo: Demo) -> None:
    """Every site's steps in both rehearsals (a large launch rehearses each wave), and the objects' counts."""
    sources = dict(w.conn.execute("SELECT id, source_rows FROM migration_objects").fetchall())
    step_count = w.conn.execute("SELECT COUNT(*) FROM runbook_steps").fetchone()[0]
    rehearsals, steps, counts = [], [], []
    for number, (days_before, fast, slow) in enumerate(REHEARSALS, start=1):
        started = demo.runbook_start - timedelta(days=days_before)
        last_end = started
        for wave_start in range(0, step_count, len(RUNBOOK)):
            times = _rehearsed_times(demo, started, fast, slow)
            for index, (begun, ended) in enumerate(times[: step_count - wave_start]):
                steps.append(
                    {
                        "rehearsal_id": number,
                        "step_id": wave_start + index + 1,
                        "actual_start": iso(begun),
                        "actual_end": iso(ended),
                    }
                )
                last_end = max(last_end, ended)
        rehearsals.append(
            {
                "id": number,
                "number": number,
                "name": "",  # the viewer's language says "Rehearsal N" / "リハーサルN"
                "started_at": iso(started),
                "closed_at": iso(last_end + timedelta(minutes=20)),
            }
        )
        for object_id, source in sources.items():
            key = OBJECTS[(object_id - 1) % len(OBJECTS)][0]
            # The first rehearsal still rejects what cleansing had not yet fixed.
            share = (0.004 if number == 1 else 0.001) if key in CLEANSED_OBJECTS else 0.0
            rejected = round(source * share)
            counts.append(
                {
                    "rehearsal_id": number,
                    "object_id": object_id,
                    "target_rows": source - rejected,
                    "rejected_rows": rejected,
                }
            )
    w.insert_many("rehearsals", rehearsals, summary="demo: rehearsals")
    w.insert_many("rehearsal_steps", steps, summary="demo: rehearsal step times")
    w.insert_many("rehearsal_counts", counts, summary="demo: rehearsal counts")


def write_rollback_decisions(w: Writer, demo: Demo) -> None:
    """ "Continue" at each rollback point the live run has passed, decided when the step was done."""
    passed = w.conn.execute(
        "SELECT id, actual_end FROM runbook_steps WHERE rollback_point = 1 AND status = 'done' ORDER BY id"
    ).fetchall()
    rows: list[dict[str, Any]] = [
        {
            "step_id": step_id,
            "decision": "continue",
            "reason": demo.text["lifecycle"]["rollback_continue"],
            "decided_by": demo.by_role["launch_lead"],
            "decided_at": decided_at,
        }
        for step_id, decided_at in passed
    ]
    w.insert_many("rollback_decisions", rows, summary="demo: rollback decisions")
