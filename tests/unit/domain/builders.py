"""Small factories for domain objects, so each test states only what it is about."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from cockpit.domain.checklist import Category, ChecklistItem, ItemStage, ItemStatus
from cockpit.domain.launch import Launch, LaunchData, Stage
from cockpit.domain.migration import MigrationObject, RunbookStep, StepAttempt, StepKind, StepStatus
from cockpit.domain.tests import Outcome, TestCase, TestLevel, TestRun

JST = timezone(timedelta(hours=9))
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=JST)


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def item(
    id: int,
    *,
    status: ItemStatus = ItemStatus.NOT_STARTED,
    stage: ItemStage = ItemStage.PREPARATION,
    category: Category = Category.TESTS,
    due: datetime | None = None,
    is_gate: bool = False,
    depends_on: tuple[int, ...] = (),
    title: str = "",
) -> ChecklistItem:
    return ChecklistItem(
        id=id,
        stage=stage,
        category=category,
        title=title or f"Item {id}",
        status=status,
        due=due,
        is_gate=is_gate,
        depends_on=depends_on,
    )


def run(
    id: int, level: TestLevel = TestLevel.UAT, *, passed=0, failed=0, errors=0, skipped=0, flaky=0, name=""
):
    return TestRun(
        id=id,
        level=level,
        name=name or f"{level} run {id}",
        total=passed + failed + errors + skipped,
        passed=passed,
        failed=failed,
        errors=errors,
        skipped=skipped,
        flaky=flaky,
    )


_case_ids = iter(range(1, 1_000_000))


def case(
    run_id: int, name: str, outcome: Outcome = Outcome.PASSED, *, flaky=False, classname="Suite"
) -> TestCase:
    return TestCase(
        id=next(_case_ids), run_id=run_id, classname=classname, name=name, outcome=outcome, flaky=flaky
    )


def step(
    id: int,
    *,
    start_offset: float = 0,
    planned_minutes: int = 30,
    status: StepStatus = StepStatus.PENDING,
    depends_on: tuple[int, ...] = (),
    actual_start: datetime | None = None,
    actual_end: datetime | None = None,
    kind: StepKind = StepKind.MIGRATE,
    seq: int | None = None,
    title: str = "",
    status_reason: str = "",
    attempt: int = 1,
    attempts: tuple[StepAttempt, ...] = (),
) -> RunbookStep:
    """A step planned ``start_offset`` minutes after NOW."""
    return RunbookStep(
        id=id,
        seq=id if seq is None else seq,
        title=title or f"Step {id}",
        kind=kind,
        planned_start=NOW + minutes(start_offset),
        planned_minutes=planned_minutes,
        status=status,
        actual_start=actual_start,
        actual_end=actual_end,
        depends_on=depends_on,
        status_reason=status_reason,
        attempt=attempt,
        attempts=attempts,
    )


def obj(id: int, name: str, source: int, target: int | None, *, rejected=0, tolerance=0, accepted=""):
    return MigrationObject(
        id=id,
        name=name,
        source_rows=source,
        target_rows=target,
        rejected_rows=rejected,
        tolerance_rows=tolerance,
        accepted_reason=accepted,
    )


def launch_data(**parts) -> LaunchData:
    launch = Launch(
        name="Test launch",
        go_live=NOW,
        timezone="Asia/Tokyo",
        stage=Stage.CUTOVER,
        rollback_deadline=parts.pop("rollback_deadline", None),
    )
    return LaunchData(launch=launch, **parts)
