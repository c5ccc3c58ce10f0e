"""Read a whole launch into domain values in one short read transaction.

Each table has its own reader, ``read_<table>(conn, ids=None)``: the whole table, or only the rows with
these ids, in the same order. The refresh after a change (``store/refresh.py``) reads through the same
functions, so a patched launch cannot drift from a fully read one.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from cockpit.store.launchfile import LaunchFile

# Each reader imports the domain it builds when it runs: a command that lists people does not load the
# whole domain (its module bodies are most of a read command's start).
if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from cockpit.domain.business_hours import Pause
    from cockpit.domain.checklist import ChecklistItem
    from cockpit.domain.gate import SignOff
    from cockpit.domain.gate_criterion import GateCriterion
    from cockpit.domain.kpis import Kpi, KpiValue
    from cockpit.domain.launch import Launch, LaunchData, Person, StageMove
    from cockpit.domain.migration import (
        MigrationObject,
        RunbookStep,
        StepAttempt,
    )
    from cockpit.domain.rehearsals import Rehearsal, RehearsalCount, RehearsalStep
    from cockpit.domain.risks import Risk, RiskThresholds
    from cockpit.domain.rollback import RollbackDecision
    from cockpit.domain.support import SlaPolicy, Ticket
    from cockpit.domain.tests import TestCase, TestLevel, TestRun

# Cases are loaded for the newest runs of each level only: what the panes and rules compare.
RECENT_RUNS_PER_LEVEL = 2

Ids = Collection[int] | None  # None: every row


def when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def moment(value: str) -> datetime:
    """A time the schema requires (NOT NULL)."""
    return datetime.fromisoformat(value)


def _meta(row: sqlite3.Row) -> dict[str, Any]:
    return {"version": row["version"], "updated_by": row["updated_by"], "updated_at": when(row["updated_at"])}


def _rows(
    conn: sqlite3.Connection, table: str, ids: Ids, *, order: str = "id", key: str = "id"
) -> sqlite3.Cursor:
    """``SELECT * FROM table [WHERE key IN ids] ORDER BY order``; the ids travel as one JSON parameter,
    so any number of them fits in one statement."""
    where, values = _not_staged(conn, table)
    if ids is not None:
        where.append(f"{key} IN (SELECT value FROM json_each(?))")
        values.append(json.dumps(sorted(ids)))
    condition = f" WHERE {' AND '.join(where)}" if where else ""
    return conn.execute(f"SELECT * FROM {table}{condition} ORDER BY {order}", values)


def staged_ranges(conn: sqlite3.Connection, table: str) -> list[tuple[int, int]]:
    """The id ranges of ``table`` that readers leave out while an import writes them (``store.staging``;
    nearly always none). Here, so that a read does not load the staging's writing machinery."""
    return [
        (row[0], row[1])
        for row in conn.execute("SELECT first_id, last_id FROM import_staging WHERE table_name = ?", [table])
    ]


def _not_staged(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[object]]:
    """Conditions leaving out the rows a large import is still writing (``store.staging``): nearly always none."""
    where: list[str] = []
    values: list[object] = []
    for first_id, last_id in staged_ranges(conn, table):
        where.append("id NOT BETWEEN ? AND ?")
        values.extend((first_id, last_id))
    return where, values


def _deps(conn: sqlite3.Connection, table: str, key: str, ids: Ids) -> dict[int, tuple[int, ...]]:
    deps: dict[int, list[int]] = defaultdict(list)
    for row in _rows(conn, table, ids, order="depends_on_id", key=key):
        deps[row[key]].append(row["depends_on_id"])
    return {k: tuple(v) for k, v in deps.items()}


def load_launch(launch_file: LaunchFile, *, notable_cases_only: bool = False) -> LaunchData:
    """The whole launch; ``notable_cases_only``: see ``read_notable_cases`` (for summaries, not case lists)."""
    with launch_file.reading() as conn:
        return read_launch(conn, notable_cases_only=notable_cases_only)


def read_launch(conn: sqlite3.Connection, *, notable_cases_only: bool = False) -> LaunchData:
    from cockpit.domain.launch import LaunchData
    from cockpit.store.read_reviews import read_actions, read_lessons, read_reviews, read_ticket_links
    from cockpit.store.read_rounds import read_rounds

    launch, thresholds = read_launch_row(conn)
    runs = read_runs(conn)
    return LaunchData(
        launch=launch,
        people=read_people(conn),
        checklist=read_checklist(conn),
        runs=runs,
        cases=(read_notable_cases if notable_cases_only else read_recent_cases)(conn, runs),
        steps=read_steps(conn),
        objects=read_objects(conn),
        risks=read_risks(conn),
        risk_thresholds=thresholds,
        tickets=read_tickets(conn),
        sla_policies=read_sla_policies(conn),
        criteria=read_criteria(conn),
        signoffs=read_signoffs(conn),
        rehearsals=read_rehearsals(conn),
        rollback_decisions=read_rollback_decisions(conn),
        kpis=read_kpis(conn),
        kpi_values=read_kpi_values(conn),
        rounds=read_rounds(conn),
        reviews=read_reviews(conn),
        actions=read_actions(conn),
        lessons=read_lessons(conn),
        ticket_links=read_ticket_links(conn),
    )


def read_launch_zone(conn: sqlite3.Connection) -> ZoneInfo:
    """``read_launch_row(conn)[0].zone`` alone: a list that shows times in the launch's zone needs no more of
    the launch (nor the domain modules its row is built from)."""
    from cockpit.domain.moments import zone_of

    return zone_of(conn.execute("SELECT timezone FROM launch WHERE id = 1").fetchone()[0])


def read_launch_row(conn: sqlite3.Connection) -> tuple[Launch, RiskThresholds]:
    from cockpit.domain.launch import Launch, Stage
    from cockpit.domain.risks import RiskThresholds

    row = conn.execute("SELECT * FROM launch WHERE id = 1").fetchone()
    launch = Launch(
        name=row["name"],
        go_live=moment(row["go_live"]),
        timezone=row["timezone"],
        stage=Stage(row["stage"]),
        rollback_deadline=when(row["rollback_deadline"]),
        last_stage_move=read_last_stage_move(conn),
        **_meta(row),
    )
    return launch, RiskThresholds(red_min=row["risk_red_min"], amber_min=row["risk_amber_min"])


# The launch row's audit rows are few (settings and stage moves), and the index on (table, row) finds them.
_LAST_STAGE_MOVE_SQL = """
SELECT at, actor, old, new, summary FROM audit
WHERE table_name = 'launch' AND row_id = 1 AND action = 'update' AND json_extract(new, '$.stage') IS NOT NULL
ORDER BY id DESC LIMIT 1
"""


def read_last_stage_move(conn: sqlite3.Connection) -> StageMove | None:
    """The launch's latest stage move, from the audit trail: the stage move's audit row keeps the reason
    given for it as its summary (``services/launch_settings.py``)."""
    from cockpit.domain.launch import Stage, StageMove

    row = conn.execute(_LAST_STAGE_MOVE_SQL).fetchone()
    if row is None:
        return None
    old, new = json.loads(row["old"] or "{}"), json.loads(row["new"])
    return StageMove(
        stage=Stage(new["stage"]),
        previous=Stage(old.get("stage", new["stage"])),
        by=row["actor"],
        at=moment(row["at"]),
        reason=row["summary"],
    )


def read_people(conn: sqlite3.Connection, ids: Ids = None) -> tuple[Person, ...]:
    from cockpit.domain.launch import Person

    return tuple(
        Person(
            id=r["id"],
            name=r["name"],
            role=r["role"],
            login=r["login"],
            email=r["email"],
            version=r["version"],
        )
        for r in _rows(conn, "people", ids)
    )


def read_objects(conn: sqlite3.Connection, ids: Ids = None) -> tuple[MigrationObject, ...]:
    from cockpit.domain.migration import MigrationObject

    return tuple(
        MigrationObject(
            id=r["id"],
            name=r["name"],
            source_rows=r["source_rows"],
            target_rows=r["target_rows"],
            rejected_rows=r["rejected_rows"],
            tolerance_rows=r["tolerance_rows"],
            accepted_reason=r["accepted_reason"],
            accepted_by=r["accepted_by"],
            accepted_at=when(r["accepted_at"]),
            owner=r["owner"],
            **_meta(r),
        )
        for r in _rows(conn, "migration_objects", ids)
    )


def read_risks(conn: sqlite3.Connection, ids: Ids = None) -> tuple[Risk, ...]:
    from cockpit.domain.risks import Risk, RiskStatus

    return tuple(
        Risk(
            id=r["id"],
            title=r["title"],
            likelihood=r["likelihood"],
            impact=r["impact"],
            status=RiskStatus(r["status"]),
            residual_likelihood=r["residual_likelihood"],
            residual_impact=r["residual_impact"],
            category=r["category"],
            mitigation=r["mitigation"],
            contingency=r["contingency"],
            owner=r["owner"],
            **_meta(r),
        )
        for r in _rows(conn, "risks", ids)
    )


def read_pauses(conn: sqlite3.Connection, ids: Ids = None) -> dict[int, tuple[Pause, ...]]:
    """The waits of the tickets ``ids`` (every ticket: None), by ticket id, oldest first."""
    from cockpit.domain.business_hours import Pause

    pauses: dict[int, list[Pause]] = defaultdict(list)
    for r in _rows(conn, "ticket_pauses", ids, order="ticket_id, started_at, id", key="ticket_id"):
        pauses[r["ticket_id"]].append(Pause(moment(r["started_at"]), when(r["ended_at"])))
    return {k: tuple(v) for k, v in pauses.items()}


def read_tickets(conn: sqlite3.Connection, ids: Ids = None) -> tuple[Ticket, ...]:
    from cockpit.domain.support import Severity, Ticket, TicketKind, TicketStatus

    pauses = read_pauses(conn, ids)
    return tuple(
        Ticket(
            id=r["id"],
            title=r["title"],
            severity=Severity(r["severity"]),
            opened_at=moment(r["opened_at"]),
            kind=TicketKind(r["kind"]),
            status=TicketStatus(r["status"]),
            reporter=r["reporter"],
            assignee=r["assignee"],
            description=r["description"],
            escalation_level=r["escalation_level"],
            first_response_at=when(r["first_response_at"]),
            resolved_at=when(r["resolved_at"]),
            last_update_at=when(r["last_update_at"]),
            pauses=pauses.get(r["id"], ()),
            **_meta(r),
        )
        for r in _rows(conn, "tickets", ids)
    )


def read_sla_policies(conn: sqlite3.Connection) -> tuple[SlaPolicy, ...]:
    """Each severity's targets with its calendar, which counts in the launch's zone and leaves out the
    team's holidays: a change to either reads the policies again (``store/refresh.py``)."""
    from cockpit.domain.business_hours import BusinessCalendar, parse_days, parse_hours
    from cockpit.domain.support import Severity, SlaPolicy
    from cockpit.store.read_reviews import read_team_holidays

    zone_row = conn.execute("SELECT timezone FROM launch WHERE id = 1").fetchone()
    zone = zone_row[0] if zone_row else "UTC"
    days_off = frozenset(date.fromisoformat(day) for _, day, _, _ in read_team_holidays(conn))
    policies = []
    for r in _rows(conn, "sla_policies", None, order="severity"):
        calendar = None
        if r["working_days"] is not None:
            day_start, day_end = parse_hours(r["working_hours"])
            calendar = BusinessCalendar(
                zone=zone,
                working_days=parse_days(r["working_days"]),
                day_start=day_start,
                day_end=day_end,
                public_holidays=r["public_holidays"],
                team_holidays=days_off,
            )
        policies.append(
            SlaPolicy(
                Severity(r["severity"]),
                r["first_response_minutes"],
                r["resolution_minutes"],
                version=r["version"],
                calendar=calendar,
                update_minutes=r["update_minutes"],
            )
        )
    return tuple(policies)


def read_criteria(conn: sqlite3.Connection, ids: Ids = None) -> tuple[GateCriterion, ...]:
    from cockpit.domain.gate_criterion import CriterionKind, GateCriterion

    return tuple(
        GateCriterion(
            id=r["id"],
            kind=CriterionKind(r["kind"]),
            label=r["label"],
            params=json.loads(r["params"]),
            enabled=bool(r["enabled"]),
            version=r["version"],
        )
        for r in _rows(conn, "gate_criteria", ids)
    )


def read_signoffs(conn: sqlite3.Connection, ids: Ids = None) -> tuple[SignOff, ...]:
    from cockpit.domain.gate import Decision, SignOff

    return tuple(
        SignOff(
            id=r["id"],
            person=r["person"],
            role=r["role"],
            decision=Decision(r["decision"]),
            decided_at=when(r["decided_at"]),
            comment=r["comment"],
            **_meta(r),
        )
        for r in _rows(conn, "signoffs", ids)
    )


def read_checklist(conn: sqlite3.Connection, ids: Ids = None) -> tuple[ChecklistItem, ...]:
    from cockpit.domain.checklist import Category, ChecklistItem, ItemStage, ItemStatus

    deps = _deps(conn, "checklist_deps", "item_id", ids)
    return tuple(
        ChecklistItem(
            id=r["id"],
            stage=ItemStage(r["stage"]),
            category=Category(r["category"]),
            title=r["title"],
            status=ItemStatus(r["status"]),
            owner=r["owner"],
            due=when(r["due"]),
            blocked_reason=r["blocked_reason"],
            evidence=r["evidence"],
            is_gate=bool(r["is_gate"]),
            depends_on=deps.get(r["id"], ()),
            **_meta(r),
        )
        for r in _rows(conn, "checklist_items", ids)
    )


def read_checklist_rows(conn: sqlite3.Connection) -> tuple[list[sqlite3.Row], dict[int, tuple[int, ...]]]:
    """The checklist's rows as stored, and each item's dependencies: for a list that only prints them
    (``cockpit checklist list``), which building 2,000 ``ChecklistItem`` would slow by a tenth."""
    return _rows(conn, "checklist_items", None).fetchall(), _deps(conn, "checklist_deps", "item_id", None)


def read_attempts(conn: sqlite3.Connection, ids: Ids = None) -> dict[int, tuple[StepAttempt, ...]]:
    """The earlier attempts of the steps ``ids`` (every step: None), by step id, oldest first."""
    from cockpit.domain.migration import AttemptOutcome, StepAttempt

    attempts: dict[int, list[StepAttempt]] = defaultdict(list)
    for r in _rows(conn, "step_attempts", ids, order="step_id, attempt", key="step_id"):
        attempts[r["step_id"]].append(
            StepAttempt(
                attempt=r["attempt"],
                actual_start=when(r["actual_start"]),
                actual_end=when(r["actual_end"]),
                outcome=AttemptOutcome(r["outcome"]),
                reason=r["reason"],
                recorded_by=r["recorded_by"],
                recorded_at=when(r["recorded_at"]),
            )
        )
    return {k: tuple(v) for k, v in attempts.items()}


def read_steps(conn: sqlite3.Connection, ids: Ids = None) -> tuple[RunbookStep, ...]:
    from cockpit.domain.migration import RunbookStep, StepKind, StepStatus

    deps = _deps(conn, "step_deps", "step_id", ids)
    attempts = read_attempts(conn, ids)
    return tuple(
        RunbookStep(
            id=r["id"],
            seq=r["seq"],
            title=r["title"],
            kind=StepKind(r["kind"]),
            planned_start=moment(r["planned_start"]),
            planned_minutes=r["planned_minutes"],
            status=StepStatus(r["status"]),
            owner=r["owner"],
            actual_start=when(r["actual_start"]),
            actual_end=when(r["actual_end"]),
            depends_on=deps.get(r["id"], ()),
            status_reason=r["status_reason"],
            attempt=r["attempt"],
            attempts=attempts.get(r["id"], ()),
            **_meta(r),
            rollback_point=bool(r["rollback_point"]),
            rollback_path=bool(r["rollback_path"]),
        )
        for r in _rows(conn, "runbook_steps", ids, order="seq, id")
    )


_RUNS_SQL = """
SELECT * FROM test_runs
WHERE id NOT IN (SELECT first_id FROM import_staging WHERE table_name = 'test_runs')
ORDER BY id
"""


def read_runs(conn: sqlite3.Connection) -> tuple[TestRun, ...]:
    from cockpit.domain.tests import TestLevel, TestRun

    # The counts are on each run's row (``store.run_counts``): the cases themselves stay on disk.
    return tuple(
        TestRun(
            id=r["id"],
            level=TestLevel(r["level"]),
            name=r["name"],
            started_at=when(r["started_at"]),
            source=r["source"],
            total=r["total"],
            passed=r["passed"],
            failed=r["failed"],
            errors=r["errors"],
            skipped=r["skipped"],
            flaky=r["flaky"],
            **_meta(r),
        )
        for r in conn.execute(_RUNS_SQL)
    )


def recent_run_ids(runs: tuple[TestRun, ...]) -> list[int]:
    """The runs whose cases are loaded: the newest ``RECENT_RUNS_PER_LEVEL`` of each level."""
    by_level: dict[TestLevel, list[int]] = defaultdict(list)
    for run in runs:
        by_level[run.level].append(run.id)
    return [rid for ids in by_level.values() for rid in ids[-RECENT_RUNS_PER_LEVEL:]]


def read_recent_cases(conn: sqlite3.Connection, runs: tuple[TestRun, ...]) -> tuple[TestCase, ...]:
    return read_cases(conn, recent_run_ids(runs))


def read_notable_cases(conn: sqlite3.Connection, runs: tuple[TestRun, ...]) -> tuple[TestCase, ...]:
    """Of the recent runs' cases, those a summary can tell apart from a plain pass: every case not passed or
    flaky, and the first case of each run.

    ``summarize_tests`` answers the same from these as from every recent case (the counts come with the runs):
    failures and flaky cases are all here; a failure is new when the previous run passed it or lacked it, and
    a passed case left out reads as lacked; the first case tells a loaded run from one not loaded. The status
    of a launch with 25,000 recent cases builds a few hundred instead of all of them.
    """
    wanted = recent_run_ids(runs)
    first_cases = f"SELECT MIN(id) FROM test_cases WHERE run_id IN ({_marks(wanted)}) GROUP BY run_id"
    notable = f"(outcome != 'passed' OR flaky != 0 OR id IN ({first_cases}))"
    return read_cases(conn, wanted, where=notable, where_values=wanted)


def _marks(values: Collection[object]) -> str:
    return ",".join("?" * len(values))


def read_cases(
    conn: sqlite3.Connection,
    wanted: Collection[int],
    *,
    where: str = "1",
    where_values: Collection[object] = (),
) -> tuple[TestCase, ...]:
    """The cases of the runs ``wanted`` (and matching ``where``), in id order."""
    from cockpit.domain.tests import Outcome, TestCase

    if not wanted:
        return ()
    wanted = list(wanted)
    marks = _marks(wanted)
    return tuple(
        TestCase(
            id=r["id"],
            run_id=r["run_id"],
            classname=r["classname"],
            name=r["name"],
            outcome=Outcome(r["outcome"]),
            seconds=r["seconds"],
            suite=r["suite"],
            message=r["message"],
            details=r["details"],
            flaky=bool(r["flaky"]),
        )
        for r in conn.execute(
            f"SELECT * FROM test_cases WHERE run_id IN ({marks}) AND {where} ORDER BY id",
            [*wanted, *where_values],
        )
    )


def read_rehearsals(conn: sqlite3.Connection) -> tuple[Rehearsal, ...]:
    """Every rehearsal, by number, with its steps' times and its objects' counts."""
    from cockpit.domain.rehearsals import Rehearsal, RehearsalCount, RehearsalStep

    steps: dict[int, list[RehearsalStep]] = defaultdict(list)
    for r in conn.execute("SELECT * FROM rehearsal_steps ORDER BY rehearsal_id, step_id"):
        steps[r["rehearsal_id"]].append(
            RehearsalStep(
                step_id=r["step_id"],
                actual_start=moment(r["actual_start"]),
                actual_end=when(r["actual_end"]),
                version=r["version"],
            )
        )
    counts: dict[int, list[RehearsalCount]] = defaultdict(list)
    for r in conn.execute("SELECT * FROM rehearsal_counts ORDER BY rehearsal_id, object_id"):
        counts[r["rehearsal_id"]].append(
            RehearsalCount(
                object_id=r["object_id"],
                target_rows=r["target_rows"],
                rejected_rows=r["rejected_rows"],
                version=r["version"],
            )
        )
    return tuple(
        Rehearsal(
            id=r["id"],
            number=r["number"],
            name=r["name"],
            started_at=moment(r["started_at"]),
            closed_at=when(r["closed_at"]),
            steps=tuple(steps.get(r["id"], ())),
            counts=tuple(counts.get(r["id"], ())),
            **_meta(r),
        )
        for r in conn.execute("SELECT * FROM rehearsals ORDER BY number")
    )


def read_rollback_decisions(conn: sqlite3.Connection) -> tuple[RollbackDecision, ...]:
    from cockpit.domain.rollback import RollbackChoice, RollbackDecision

    return tuple(
        RollbackDecision(
            id=r["id"],
            step_id=r["step_id"],
            decision=RollbackChoice(r["decision"]),
            reason=r["reason"],
            decided_by=r["decided_by"],
            decided_at=moment(r["decided_at"]),
            version=r["version"],
        )
        for r in conn.execute("SELECT * FROM rollback_decisions ORDER BY id")
    )


def read_kpis(conn: sqlite3.Connection, ids: Ids = None) -> tuple[Kpi, ...]:
    from cockpit.domain.kpis import Direction, Kpi

    return tuple(
        Kpi(
            id=r["id"],
            name=r["name"],
            unit=r["unit"],
            target=r["target"],
            direction=Direction(r["direction"]),
            query=r["query"],
            version=r["version"],
        )
        for r in _rows(conn, "kpis", ids)
    )


def read_kpi_values(conn: sqlite3.Connection, ids: Ids = None) -> tuple[KpiValue, ...]:
    from cockpit.domain.kpis import KpiValue

    return tuple(
        KpiValue(id=r["id"], kpi_id=r["kpi_id"], at=moment(r["at"]), value=r["value"], source=r["source"])
        for r in _rows(conn, "kpi_values", ids)
    )
