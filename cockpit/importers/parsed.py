"""What every result-file dialect produces: cases as plain tuples in column order (cheap by the hundred
thousand, and written to SQLite as they are) and run facts."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import ClassVar
from xml.parsers import expat

from cockpit.domain.tests import Outcome

# Plain str values: they bind to SQLite without the adapter lookup an enum member costs.
PASSED: str = Outcome.PASSED.value
FAILED: str = Outcome.FAILED.value
ERROR: str = Outcome.ERROR.value
SKIPPED: str = Outcome.SKIPPED.value

# A failure's stack trace and a failed case's output are kept up to this many characters each:
# enough to diagnose, and 100,000 failing cases cannot swell the shared launch file by gigabytes.
MAX_TEXT_CHARS = 32_000


# One case: (suite, classname, name, outcome, seconds, message, details, flaky), the test_cases columns in
# CASE_COLUMNS order. A tuple, not a dict: building 100,000 of them costs a fifth as much, and the writer binds
# them without picking values out one by one. ``outcome`` is an Outcome value; ``flaky`` is 1 when the case
# failed, then passed on a rerun (an int: SQLite binds it without an adapter lookup).
ParsedCase = tuple[str, str, str, str, float, str, str, int]
CASE_COLUMNS = ("suite", "classname", "name", "outcome", "seconds", "message", "details", "flaky")
OUTCOME_INDEX = CASE_COLUMNS.index("outcome")
FLAKY_INDEX = CASE_COLUMNS.index("flaky")
# Cases as they are read lie end to end in one flat list, CASE_WIDTH values each: written as they are
# (``Writer.insert_values``), counted by slices (``values[OUTCOME_INDEX::CASE_WIDTH]``), and no tuple per case
# is kept; ``as_cases`` gives the tuples back.
CASE_WIDTH = len(CASE_COLUMNS)


def as_cases(case_values: list[object]) -> list[ParsedCase]:
    """The ``ParsedCase`` tuples of flat case values."""
    return list(zip(*[iter(case_values)] * CASE_WIDTH, strict=True))


@dataclass(frozen=True, slots=True)
class RunFacts:
    """What a result file says about its run, besides the cases."""

    format: str  # e.g. "JUnit XML", "NUnit 3"
    name: str = ""
    started_at: datetime | None = None


def clip(text: str) -> str:
    if len(text) <= MAX_TEXT_CHARS:
        return text
    return text[:MAX_TEXT_CHARS] + f"\n… [{len(text) - MAX_TEXT_CHARS:,} more characters not kept]"


def first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0].strip()


def split_full_name(full_name: str) -> tuple[str, str]:
    """``Ns.Class.Method(1, "a.b")`` → (``Ns.Class``, ``Method(1, "a.b")``): the dot before the arguments."""
    head_end = full_name.find("(")
    head = full_name if head_end < 0 else full_name[:head_end]
    cut = head.rfind(".")
    if cut < 0:
        return "", full_name
    return full_name[:cut], full_name[cut + 1 :]


class Collector(ABC):
    """Receives one dialect's expat events and appends each case's ``ParsedCase`` values to ``case_values``.

    ``start``/``end`` are installed as the parser's handlers directly, so they run once per element:
    keep their common path short. Text is collected only between ``capture()`` and ``captured()``.
    """

    format: ClassVar[str] = ""
    roots: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *, parser: expat.XMLParserType, naive_tz: tzinfo) -> None:
        self.parser = parser
        self.naive_tz = naive_tz
        self.case_values: list[object] = []  # CASE_WIDTH values a case
        self.name = ""
        self.started_at: datetime | None = None
        self._chunks: list[str] = []

    @abstractmethod
    def start(self, tag: str, attrs: dict[str, str]) -> None: ...

    @abstractmethod
    def end(self, tag: str) -> None: ...

    def finish(self) -> None:  # noqa: B027 - most dialects have nothing left to do
        """Called once the whole file is read: dialects that resolve references at the end do it here."""

    def facts(self) -> RunFacts:
        return RunFacts(format=self.format, name=self.name, started_at=self.started_at)

    def capture(self) -> None:
        self._chunks = []
        self.parser.CharacterDataHandler = self._chunks.append

    def captured(self) -> str:
        self.parser.CharacterDataHandler = None
        return "".join(self._chunks)

    def saw_start(self, moment: datetime | None) -> None:
        if moment is not None and (self.started_at is None or moment < self.started_at):
            self.started_at = moment

    def add(
        self,
        *,
        suite: str,
        classname: str,
        name: str,
        outcome: str,
        seconds: float,
        message: str = "",
        details: str = "",
        flaky: bool = False,
    ) -> None:
        self.case_values += (
            suite,
            classname or suite,
            name,
            outcome,
            seconds,
            first_line(message)[:1000] if message else "",
            clip(details),
            1 if flaky else 0,
        )
