"""Test runs and results per level (単体 / 結合 / system / 受入 / regression / smoke)."""

from __future__ import annotations

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
