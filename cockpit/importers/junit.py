"""Test result files of every common dialect, read as a stream: JUnit XML as real tools write it, and
NUnit 2/3, xUnit.net v2, MSTest TRX and TestNG recognised by their root element.

The cases counted are the cases present: header attributes (``tests=``, ``failures=`` …) are never read,
because tools get them wrong. A file is refused as a whole (``BadInput``) or read as a whole.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from xml.parsers import expat

from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.importers.limits import MAX_CASES_PER_RUN, too_many_cases
from cockpit.importers.parsed import (
    CASE_COLUMNS,
    CASE_WIDTH,
    ERROR,
    FAILED,
    FLAKY_INDEX,
    OUTCOME_INDEX,
    PASSED,
    SKIPPED,
    Collector,
    ParsedCase,
    RunFacts,
    as_cases,
    first_line,
)
from cockpit.importers.safe_xml import DEFAULT_MAX_BYTES, check_file, feed_file, guarded_parser
from cockpit.importers.timestamps import parse_seconds, parse_timestamp
from cockpit.importers.xunit_formats import (
    MsTestTrxCollector,
    NUnit2Collector,
    NUnit3Collector,
    TestNgCollector,
    XUnit2Collector,
)

__all__ = [
    "CASE_COLUMNS",
    "CASE_WIDTH",
    "DEFAULT_MAX_BYTES",
    "FLAKY_INDEX",
    "OUTCOME_INDEX",
    "ParsedCase",
    "ParsedResults",
    "ResultStream",
    "RunFacts",
    "read_results",
]

_INFINITY = float("inf")
_OUTCOME_TAGS = {"failure": FAILED, "error": ERROR, "skipped": SKIPPED}
_RANK = {None: 0, SKIPPED: 1, ERROR: 2, FAILED: 3}
_RERUN_TAGS = {"rerunFailure", "rerunError", "flakyFailure", "flakyError"}
_OUTPUT_TAGS = {"system-out", "system-err"}
# Outcome words some tools (googletest, CTest) put on a <testcase> that has no outcome element.
_STATUS_WORDS = {
    "notrun": SKIPPED,
    "skip": SKIPPED,
    "skipped": SKIPPED,
    "disabled": SKIPPED,
    "suppressed": SKIPPED,
    "ignored": SKIPPED,
    "fail": FAILED,
    "failed": FAILED,
    "failure": FAILED,
    "error": ERROR,
    "errored": ERROR,
}


class _CaseDetail:
    """What a <testcase> with child elements gathers; most cases have none and skip this entirely."""

    __slots__ = ("outcome", "message", "texts", "reruns", "output", "target")

    def __init__(self) -> None:
        self.outcome: str | None = None
        self.message = ""
        self.texts: list[str] = []
        self.reruns: list[tuple[str, str, list[str]]] = []  # (tag, message, stack trace pieces)
        self.output: list[str] = []
        self.target: list[str] | None = None  # where the captured text goes


class JUnitCollector(Collector):
    format = "JUnit XML"
    roots = ("testsuites", "testsuite")

    def __init__(self, *, parser: expat.XMLParserType, naive_tz: tzinfo) -> None:
        super().__init__(parser=parser, naive_tz=naive_tz)
        self._outer_suites: list[str] = []
        self._suite = ""
        self._case: dict[str, str] | None = None
        self._detail: _CaseDetail | None = None
        self._capturing = ""
        self._is_root = True

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "testcase":
            self._case = attrs
            self._detail = None
        elif self._case is not None:
            self._case_child(tag, attrs)
        elif tag == "testsuite" or tag == "testsuites":
            if tag == "testsuite":
                self._outer_suites.append(self._suite)
                self._suite = attrs.get("name") or self._suite
            if self._is_root:
                self.name = attrs.get("name", "")
                self._is_root = False
            if "timestamp" in attrs:
                self.saw_start(parse_timestamp(attrs["timestamp"], naive_tz=self.naive_tz))

    def end(self, tag: str) -> None:
        if tag == "testcase":
            attrs = self._case
            self._case = None
            assert attrs is not None  # the element's start set it
            try:
                seconds = float(attrs["time"])
            except (KeyError, ValueError):
                seconds = parse_seconds(attrs.get("time"))
            if not 0.0 <= seconds < _INFINITY:
                seconds = 0.0
            if self._detail is None and "status" not in attrs and "result" not in attrs:
                suite = self._suite
                self.case_values += (
                    suite,
                    attrs.get("classname") or suite,
                    attrs.get("name", ""),
                    PASSED,
                    seconds,
                    "",
                    "",
                    0,
                )
            else:
                self._add_detailed(attrs, seconds)
        elif self._case is not None:
            if tag == self._capturing:
                self._capturing = ""
                detail = self._detail
                assert detail is not None  # a capture starts a detail
                if detail.target is not None:
                    detail.target.append(self.captured())
        elif tag == "testsuite":
            self._suite = self._outer_suites.pop()

    def _case_child(self, tag: str, attrs: dict[str, str]) -> None:
        detail = self._detail
        if detail is None:
            detail = self._detail = _CaseDetail()
        target: list[str] | None = None
        if tag in _OUTCOME_TAGS:
            outcome = _OUTCOME_TAGS[tag]
            if _RANK[outcome] > _RANK[detail.outcome]:
                detail.outcome = outcome
                detail.message = attrs.get("message", "") or detail.message
            elif not detail.message:
                detail.message = attrs.get("message", "")
            target = detail.texts
        elif tag in _RERUN_TAGS:
            detail.reruns.append((tag, attrs.get("message", ""), []))
        elif tag == "stackTrace" and detail.reruns:
            target = detail.reruns[-1][2]
        elif tag in _OUTPUT_TAGS:
            target = detail.output
        if target is not None and not self._capturing:
            self._capturing = tag
            detail.target = target
            self.capture()

    def _add_detailed(self, attrs: dict[str, str], seconds: float) -> None:
        detail = self._detail or _CaseDetail()
        outcome = detail.outcome
        if outcome is None:
            word = (attrs.get("result") or "").lower()
            outcome = _STATUS_WORDS.get(word) or _STATUS_WORDS.get((attrs.get("status") or "").lower())
        message = detail.message
        details = "\n\n".join(text.strip("\n") for text in detail.texts if text.strip())
        flaky = False
        if detail.reruns:
            attempts = [(tag, msg, "".join(trace)) for tag, msg, trace in detail.reruns]
            if outcome is None and any(tag.startswith("flaky") for tag, _, _ in attempts):
                flaky = True
                message = message or attempts[0][1] or first_line(attempts[0][2])
                header = tr("Passed on a rerun after {n} failed attempt(s):", n=len(attempts))
            else:
                outcome = outcome or FAILED
                header = tr("Failed again on {n} rerun(s):", n=len(attempts))
            lines = [details, header] if details else [header]
            for number, (_tag, msg, trace) in enumerate(attempts, start=1):
                lines.append(f"[{number}] {msg}\n{trace.strip()}".rstrip())
            details = "\n\n".join(lines)
        outcome = outcome or PASSED
        if outcome != PASSED and outcome != SKIPPED and detail.output:
            output = "\n".join(text.strip("\n") for text in detail.output if text.strip())
            if output:
                details = f"{details}\n\n--- output ---\n{output}" if details else output
        self.add(
            suite=self._suite,
            classname=attrs.get("classname") or attrs.get("class", ""),
            name=attrs.get("name", ""),
            outcome=outcome,
            seconds=seconds,
            message=(message or first_line(details)) if outcome != PASSED or flaky else message,
            details=details,
            flaky=flaky,
        )


COLLECTORS: tuple[type[Collector], ...] = (
    JUnitCollector,
    NUnit2Collector,
    NUnit3Collector,
    XUnit2Collector,
    MsTestTrxCollector,
    TestNgCollector,
)
_BY_ROOT = {root: collector for collector in COLLECTORS for root in collector.roots}


def supported_formats() -> str:
    return ", ".join(
        f"{collector.format} ({' '.join(f'<{root}>' for root in collector.roots)})"
        for collector in COLLECTORS
    )


@dataclass(frozen=True, slots=True)
class ParsedResults:
    facts: RunFacts
    cases: list[ParsedCase]
    sha256: str  # of the file's bytes, as read


class ResultStream:
    """Iterate the cases of one result file as it is read; ``facts`` and ``sha256`` are set once it ends."""

    def __init__(
        self,
        path: Path,
        *,
        naive_tz: tzinfo,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_cases: int = MAX_CASES_PER_RUN,
        cases_before: int = 0,
        on_bytes: Callable[[int], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.max_cases = max_cases
        self.cases_read = cases_before  # the run's cases in the files read before this one
        self.naive_tz = naive_tz
        self.max_bytes = max_bytes
        self.on_bytes = on_bytes or (lambda _n: None)
        self.facts: RunFacts | None = None
        self.sha256 = ""
        self._digest = hashlib.sha256()
        self._collector: Collector | None = None

    def __iter__(self) -> Iterator[ParsedCase]:
        for batch in self.batches():
            yield from as_cases(batch)

    def batches(self) -> Iterator[list[object]]:
        """The cases' values (``CASE_WIDTH`` a case, end to end) in lists, one per chunk of the file read: the
        cheap way to take them all."""
        check_file(self.path, max_bytes=self.max_bytes)
        for _ in feed_file(self.path, make_parser=self._make_parser, on_chunk=self._read):
            if self._collector is not None and self._collector.case_values:
                batch, self._collector.case_values = self._collector.case_values, []
                yield self._counted(batch)
        collector = self._collector
        if collector is None:  # expat reports a file without elements, so this is only a safety net
            raise BadInput(tr("{path} holds no XML element.", path=self.path))
        collector.finish()
        if collector.case_values:
            batch, collector.case_values = collector.case_values, []
            yield self._counted(batch)
        self.facts = collector.facts()
        self.sha256 = self._digest.hexdigest()

    def _counted(self, batch: list[object]) -> list[object]:
        """Stop reading once the file holds more cases than a run takes (a batch is one chunk's cases)."""
        self.cases_read += len(batch) // CASE_WIDTH
        if self.cases_read > self.max_cases:
            raise too_many_cases(self.path.name, limit=self.max_cases)
        return batch

    def _read(self, chunk: bytes) -> None:
        self._digest.update(chunk)
        self.on_bytes(len(chunk))

    def _make_parser(self, encoding: str | None) -> expat.XMLParserType:
        parser = guarded_parser(encoding=encoding)
        self._collector = None
        self._digest = hashlib.sha256()  # a transcoding second attempt reads the file from the start

        def choose_dialect(tag: str, attrs: dict[str, str]) -> None:
            root = tag.rpartition("}")[2]
            kind = _BY_ROOT.get(root)
            if kind is None:
                raise BadInput(
                    tr(
                        "{path} is not a test result file the cockpit knows: its root element is <{root}>. "
                        "Supported: {formats}.",
                        path=self.path,
                        root=root,
                        formats=supported_formats(),
                    )
                )
            collector = kind(parser=parser, naive_tz=self.naive_tz)
            self._collector = collector
            parser.StartElementHandler = collector.start
            parser.EndElementHandler = collector.end
            collector.start(tag, attrs)

        parser.StartElementHandler = choose_dialect
        return parser


def read_results(
    path: Path,
    *,
    naive_tz: tzinfo,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_cases: int = MAX_CASES_PER_RUN,
    cases_before: int = 0,
    on_bytes: Callable[[int], None] | None = None,
) -> ParsedResults:
    """Read a whole result file, or refuse it with ``BadInput`` (missing, too big, binary, unsafe,
    malformed, unknown format, or without a single test case)."""
    stream = ResultStream(
        path,
        naive_tz=naive_tz,
        max_bytes=max_bytes,
        max_cases=max_cases,
        cases_before=cases_before,
        on_bytes=on_bytes,
    )
    case_values: list[object] = []
    for batch in stream.batches():
        case_values += batch
    cases = as_cases(case_values)
    facts = stream.facts
    assert facts is not None  # set when batches() finished
    if not cases:
        raise BadInput(
            tr(
                "{path} is a {format} file without a single test case: there is nothing to import.",
                path=path,
                format=facts.format,
            )
        )
    return ParsedResults(facts=facts, cases=cases, sha256=stream.sha256)
