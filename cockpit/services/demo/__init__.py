"""The demo launch: a whole service-in caught mid-cutover, written in the launch file's creating transaction.

Everything is placed relative to ``now``, so the demo always looks live: the runbook started about six
hours ago, one step runs late, go-live is a few hours ahead. The same seed and ``now`` give the same
launch; ``lang`` only changes the words (``resources/demo/<lang>.json``), never the numbers.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from cockpit.domain.launch import Stage
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.demo.care import (
    write_kpis,
    write_pauses,
    write_review,
    write_sla_calendars,
    write_ticket_links,
)
from cockpit.services.demo.checklist import write_checklist
from cockpit.services.demo.context import JST, LANGUAGES, SCALES, Demo, load_phrases
from cockpit.services.demo.cutover_catalog import RUNBOOK_STARTED_HOURS_AGO
from cockpit.services.demo.decisions import write_rounds
from cockpit.services.demo.people import write_people, write_signoffs
from cockpit.services.demo.rehearsals import write_rehearsals, write_rollback_decisions
from cockpit.services.demo.results import write_test_runs
from cockpit.services.demo.risks import write_risks
from cockpit.services.demo.runbook import RELEASE_OFFSET, write_objects, write_runbook
from cockpit.services.demo.tickets import write_tickets
from cockpit.services.template_files import load_template
from cockpit.services.templates import apply_template
from cockpit.store.launchfile import create_launch
from cockpit.store.writer import Writer

__all__ = ["DEFAULT_SEED", "write_demo"]

DEFAULT_SEED = 20261201
ROLLBACK_WINDOW = timedelta(hours=2)
DEMO_ZONE = "Asia/Tokyo"


def _runbook_start(now: datetime) -> datetime:
    """About six hours before now, on a five-minute mark like a real plan."""
    start = now - timedelta(hours=RUNBOOK_STARTED_HOURS_AGO)
    return start.replace(minute=start.minute - start.minute % 5, second=0, microsecond=0)


def write_demo(
    path: str | Path,
    *,
    size: Literal["small", "large", "huge"] = "small",
    lang: Literal["en", "ja"] = "en",
    actor: str,
    now: datetime | None = None,
    seed: int = DEFAULT_SEED,
) -> Path:
    """Create the demo launch file at ``path`` (never overwriting one) and return its path.

    ``small`` is the demo a person explores; ``large`` is the reference workload for benchmarks, and
    ``huge`` five times it (the benchmarks' check that one change costs the same at any size).
    """
    if size not in SCALES:
        raise BadInput(tr("Unknown demo size {size}; choose small, large or huge.", size=size))
    if lang not in LANGUAGES:
        raise BadInput(tr("Unknown demo language {lang}; choose en or ja.", lang=lang))
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        raise BadInput(tr("The demo's 'now' needs a time zone, e.g. 2026-12-01T03:00+00:00."))
    now = now.astimezone(UTC)
    text = load_phrases(lang)
    runbook_start = _runbook_start(now)
    go_live = (runbook_start + timedelta(minutes=RELEASE_OFFSET)).astimezone(JST)
    demo = Demo(
        rng=random.Random(seed),
        now=now,
        runbook_start=runbook_start,
        go_live=go_live,
        rollback_deadline=go_live + ROLLBACK_WINDOW,
        text=text,
        scale=SCALES[size],
    )

    defaults = load_template("empty", lang)  # SLA targets and go/no-go criteria, as every new launch has

    def fill(w: Writer) -> None:
        apply_template(w, defaults, go_live=go_live, zone=DEMO_ZONE)
        write_people(w, demo)
        write_checklist(w, demo)
        write_test_runs(w, demo)
        write_runbook(w, demo)
        write_objects(w, demo)
        write_risks(w, demo)
        write_tickets(w, demo)
        write_signoffs(w, demo)
        # No summary: a stage move's summary is the reason given for it, and a step forward needs none.
        w.update(
            "launch",
            1,
            {"stage": Stage.CUTOVER.value, "rollback_deadline": demo.rollback_deadline.isoformat()},
        )
        # What came later to the cockpit, drawing after everything above so its figures stay as they were.
        write_rehearsals(w, demo)
        write_rollback_decisions(w, demo)
        write_kpis(w, demo, lang)
        # Each round freezes the launch as it stands; before the business-hours calendars, whose clocks
        # would make the large demo's evidence take seconds to work out.
        write_rounds(w, demo)
        write_sla_calendars(w, demo)
        write_pauses(w, demo)
        write_ticket_links(w, demo)
        write_review(w, demo)

    name = text["launch_name"] if size == "small" else text["launch_name_large"]
    return create_launch(path, name=name, go_live=go_live, timezone=DEMO_ZONE, actor=actor, fill=fill)
