"""Test runs and results per level (単体 / 結合 / system / 受入 / regression / smoke)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class TestLevel(StrEnum):
    __test__ = False  # not a pytest class

    UNIT = "unit"
    INTEGRATION = "integration"
    SYSTEM = "system"
    UAT = "uat"
    REGRESSION = "regression"
    SMOKE = "smoke"


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class TestRun:
    __test__ = False

    id: int
    level: TestLevel
    name: str
    started_at: datetime | None = None
    source: str = ""  # file name or URL it came from
    # Counted from the run's cases when the run is loaded; the header of a result file is not trusted.
    total: int = 0
    passed: int = 0
    failed: int = 0
    errors: int = 0
    skipped: int = 0
    flaky: int = 0
    version: int = 1
    updated_by: str = ""
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TestCase:
    """One executed test case. ``flaky``: it failed, then passed on a rerun within the same run."""

    __test__ = False

    id: int
    run_id: int
    classname: str
    name: str
    outcome: Outcome
    seconds: float = 0.0
    suite: str = ""
    message: str = ""
    details: str = ""
    flaky: bool = False

    @property
    def key(self) -> tuple[str, str]:
        """Identity of a test across runs."""
        return (self.classname, self.name)


FAILING_OUTCOMES = frozenset({Outcome.FAILED, Outcome.ERROR})


def pass_rate(run: TestRun) -> float | None:
    """Passed (flaky included) over executed cases; None when nothing was executed."""
    executed = run.total - run.skipped
    return run.passed / executed if executed > 0 else None


@dataclass(frozen=True, slots=True)
class LevelSummary:
    level: TestLevel
    runs: int
    latest: TestRun | None
    previous: TestRun | None
    pass_rate: float | None
    flaky: tuple[TestCase, ...]
    new_failures: tuple[TestCase, ...]
    failures: tuple[TestCase, ...]


def run_history(runs: Iterable[TestRun], *, level: TestLevel) -> tuple[TestRun, ...]:
    """The runs of one level, oldest first (a later id is a later run)."""
    return tuple(sorted((r for r in runs if r.level == level), key=lambda r: r.id))


def summarize_tests(runs: Sequence[TestRun], cases: Sequence[TestCase]) -> dict[TestLevel, LevelSummary]:
    """For every level: its latest run, pass rate, failures, new failures and flaky cases.

    ``cases`` needs only the cases of the two most recent runs of each level.

    The last answer is kept with the very objects it was worked out from: the window's launch keeps its
    ``runs`` and ``cases`` tuples as they are through every change that does not touch them, so after a
    checklist or ticket change the Overview's lights and the Tests pane ask again with the same tuples and
    get it back at once (every recent case is visited otherwise: ~0.1 s for 125,000 cases).
    """
    last = _last_summary
    if last is not None and last[0] is runs and last[1] is cases:
        return dict(last[2])
    cases_by_run: dict[int, list[TestCase]] = {}
    for case in sorted(cases, key=lambda c: c.id):
        cases_by_run.setdefault(case.run_id, []).append(case)
    summaries = {
        level: _summarize_level(level, run_history(runs, level=level), cases_by_run) for level in TestLevel
    }
    if isinstance(runs, tuple) and isinstance(cases, tuple):  # immutable: the same object, the same answer
        _remember_summary((runs, cases, summaries))
    return dict(summaries)


# (runs, cases, answer) of the last call on tuples; replaced whole (one assignment), so threads may share it.
_last_summary: tuple[tuple[TestRun, ...], tuple[TestCase, ...], dict[TestLevel, LevelSummary]] | None = None


def _remember_summary(
    entry: tuple[tuple[TestRun, ...], tuple[TestCase, ...], dict[TestLevel, LevelSummary]],
) -> None:
    global _last_summary
    _last_summary = entry


def _summarize_level(
    level: TestLevel, history: tuple[TestRun, ...], cases_by_run: Mapping[int, list[TestCase]]
) -> LevelSummary:
    latest = history[-1] if history else None
    previous = history[-2] if len(history) >= 2 else None
    latest_cases = cases_by_run.get(latest.id, []) if latest else []
    failures = tuple(c for c in latest_cases if c.outcome in FAILING_OUTCOMES)
    return LevelSummary(
        level=level,
        runs=len(history),
        latest=latest,
        previous=previous,
        pass_rate=pass_rate(latest) if latest else None,
        flaky=tuple(c for c in latest_cases if c.flaky),
        new_failures=_new_failures(failures, previous, cases_by_run),
        failures=failures,
    )


def _new_failures(
    failures: tuple[TestCase, ...], previous: TestRun | None, cases_by_run: Mapping[int, list[TestCase]]
) -> tuple[TestCase, ...]:
    if previous is None:
        return ()
    previous_cases = cases_by_run.get(previous.id, [])
    if not previous_cases and previous.total > 0:
        # The previous run's cases were not loaded: without them every failure would look new.
        return ()
    # A test is known by its key; a file may hold one key several times (parametrised cases under one name).
    # A failure is new when no case of its key failed, erred or was skipped in the previous run: decided by
    # those cases alone, so the same answer comes from every recent case and from the notable ones `status`
    # reads (a "last outcome wins" rule made the large demo's report say 411 where `status` said 5).
    not_passed_before = {c.key for c in previous_cases if c.outcome != Outcome.PASSED}
    return tuple(f for f in failures if f.key not in not_passed_before)
