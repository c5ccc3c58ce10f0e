"""Result formats beyond JUnit, read natively: NUnit 2 and 3, xUnit.net (v1 and v2), MSTest TRX, TestNG.

Each collector maps its tool's own outcome words onto passed / failed / error / skipped and counts the
test elements present (never the summary attributes).
"""

from __future__ import annotations

import re
from datetime import tzinfo
from typing import ClassVar
from xml.parsers import expat

from cockpit.importers.parsed import ERROR, FAILED, PASSED, SKIPPED, Collector, split_full_name
from cockpit.importers.timestamps import combine_date_time, parse_seconds, parse_timestamp

_TRX_DURATION = re.compile(r"^(?:(?P<days>\d+)\.)?(?P<h>\d+):(?P<m>\d+):(?P<s>\d+(?:\.\d+)?)$")


class _CaseCollector(Collector):
    """Collects the attributes of the current case element and the texts of chosen child elements."""

    text_fields: ClassVar[dict[str, str]] = {}  # child element → field name

    def __init__(self, *, parser: expat.XMLParserType, naive_tz: tzinfo) -> None:
        super().__init__(parser=parser, naive_tz=naive_tz)
        self._case: dict[str, str] | None = None
        self._texts: dict[str, list[str]] = {}
        self._capturing = ""
        self._field = ""

    def begin_case(self, attrs: dict[str, str]) -> None:
        self._case = attrs
        self._texts = {}

    def child_start(self, tag: str) -> None:
        field = self.text_fields.get(tag)
        if field and not self._capturing:
            self._capturing, self._field = tag, field
            self.capture()

    def child_end(self, tag: str) -> None:
        if tag == self._capturing:
            self._capturing = ""
            self._texts.setdefault(self._field, []).append(self.captured())

    def text(self, field: str) -> str:
        return "\n".join(piece.strip() for piece in self._texts.get(field, ()) if piece.strip())

    def first_text(self, field: str) -> str:
        pieces = [piece.strip() for piece in self._texts.get(field, ()) if piece.strip()]
        return pieces[0] if pieces else ""

    def details_with_output(self, outcome: str, *, trace: str, output: str) -> str:
        if outcome in (PASSED, SKIPPED) or not output:
            return trace
        return f"{trace}\n\n--- output ---\n{output}" if trace else output


class NUnit2Collector(_CaseCollector):
    format = "NUnit 2"
    roots = ("test-results",)
    text_fields: ClassVar[dict[str, str]] = {"message": "message", "stack-trace": "trace"}
    _RESULTS: ClassVar[dict[str, str]] = {
        "success": PASSED,
        "failure": FAILED,
        "error": ERROR,
        "notrunnable": ERROR,
        "cancelled": ERROR,
        "ignored": SKIPPED,
        "skipped": SKIPPED,
        "inconclusive": SKIPPED,
    }

    def __init__(self, *, parser: expat.XMLParserType, naive_tz: tzinfo) -> None:
        super().__init__(parser=parser, naive_tz=naive_tz)
        self._suites: list[str] = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "test-case":
            self.begin_case(attrs)
        elif self._case is not None:
            self.child_start(tag)
        elif tag == "test-suite":
            fixture = attrs.get("type") in ("TestFixture", "ParameterizedFixture", "GenericFixture")
            outer = self._suites[-1] if self._suites else ""
            self._suites.append(attrs.get("name", "") if fixture or not outer else outer)
        elif tag == "test-results":
            self.name = attrs.get("name", "").replace("\\", "/").rpartition("/")[2]
            self.saw_start(combine_date_time(attrs.get("date"), attrs.get("time"), naive_tz=self.naive_tz))

    def end(self, tag: str) -> None:
        if tag == "test-case":
            attrs, self._case = self._case, None
            assert attrs is not None  # the element's start set it
            result = (attrs.get("result") or "").lower()
            outcome = self._RESULTS.get(result)
            if outcome is None:
                if attrs.get("executed", "True").lower() == "false":
                    outcome = SKIPPED
                else:
                    outcome = PASSED if attrs.get("success", "True").lower() == "true" else FAILED
            classname, name = split_full_name(attrs.get("name", ""))
            self.add(
                suite=self._suites[-1] if self._suites else "",
                classname=classname,
                name=name,
                outcome=outcome,
                seconds=parse_seconds(attrs.get("time")),
                message=self.first_text("message"),
                details=self.text("trace"),
            )
        elif self._case is not None:
            self.child_end(tag)
        elif tag == "test-suite":
            self._suites.pop()


class NUnit3Collector(_CaseCollector):
    format = "NUnit 3"
    roots = ("test-run",)
    text_fields: ClassVar[dict[str, str]] = {"message": "message", "stack-trace": "trace", "output": "output"}

    def __init__(self, *, parser: expat.XMLParserType, naive_tz: tzinfo) -> None:
        super().__init__(parser=parser, naive_tz=naive_tz)
        self._suites: list[str] = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "test-case":
            self.begin_case(attrs)
        elif self._case is not None:
            self.child_start(tag)
        elif tag == "test-suite":
            outer = self._suites[-1] if self._suites else ""
            fixture = attrs.get("type") in ("TestFixture", "ParameterizedFixture", "GenericFixture")
            self._suites.append(
                (attrs.get("fullname") or attrs.get("name", "")) if fixture or not outer else outer
            )
        elif tag == "test-run":
            self.name = attrs.get("name", "")
            self.saw_start(parse_timestamp(attrs.get("start-time"), naive_tz=self.naive_tz))

    def end(self, tag: str) -> None:
        if tag == "test-case":
            attrs, self._case = self._case, None
            assert attrs is not None  # the element's start set it
            result = attrs.get("result", "")
            if result == "Failed":
                errorish = attrs.get("label") in ("Error", "Invalid", "Cancelled")
                outcome = ERROR if errorish else FAILED
            elif result in ("Skipped", "Inconclusive"):
                outcome = SKIPPED
            else:  # Passed, and Warning: the test ran to the end with a warning
                outcome = PASSED
            full_class, full_method = split_full_name(attrs.get("fullname", ""))
            trace = self.text("trace")
            self.add(
                suite=self._suites[-1] if self._suites else "",
                classname=attrs.get("classname") or full_class,
                name=attrs.get("name") or full_method,
                outcome=outcome,
                seconds=parse_seconds(attrs.get("duration")),
                message=self.first_text("message"),
                details=self.details_with_output(outcome, trace=trace, output=self.text("output")),
            )
        elif self._case is not None:
            self.child_end(tag)
        elif tag == "test-suite":
            self._suites.pop()


class XUnit2Collector(_CaseCollector):
    format = "xUnit.net"
    roots = ("assemblies", "assembly")
    text_fields: ClassVar[dict[str, str]] = {
        "message": "message",
        "stack-trace": "trace",
        "reason": "reason",
        "output": "output",
    }
    _RESULTS: ClassVar[dict[str, str]] = {"Pass": PASSED, "Fail": FAILED, "Skip": SKIPPED, "NotRun": SKIPPED}

    def __init__(self, *, parser: expat.XMLParserType, naive_tz: tzinfo) -> None:
        super().__init__(parser=parser, naive_tz=naive_tz)
        self._suite = ""

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "test":
            self.begin_case(attrs)
        elif self._case is not None:
            self.child_start(tag)
        elif tag in ("collection", "class"):
            self._suite = attrs.get("name", "")
        elif tag == "assembly":
            self.name = self.name or attrs.get("name", "").replace("\\", "/").rpartition("/")[2]
            self.saw_start(
                combine_date_time(attrs.get("run-date"), attrs.get("run-time"), naive_tz=self.naive_tz)
            )
        elif tag == "assemblies":
            self.saw_start(parse_timestamp(attrs.get("timestamp"), naive_tz=self.naive_tz))

    def end(self, tag: str) -> None:
        if tag == "test":
            attrs, self._case = self._case, None
            assert attrs is not None  # the element's start set it
            outcome = self._RESULTS.get(attrs.get("result", ""), FAILED)
            classname = attrs.get("type", "")
            name = attrs.get("name", "")
            if classname and name.startswith(classname + "."):
                name = name[len(classname) + 1 :]
            elif not classname:
                classname, name = split_full_name(name)
            message = self.first_text("reason") if outcome == SKIPPED else self.first_text("message")
            self.add(
                suite=self._suite,
                classname=classname,
                name=name,
                outcome=outcome,
                seconds=parse_seconds(attrs.get("time")),
                message=message,
                details=self.details_with_output(
                    outcome, trace=self.text("trace"), output=self.text("output")
                ),
            )
        elif self._case is not None:
            self.child_end(tag)


class MsTestTrxCollector(_CaseCollector):
    """Results come before the test definitions that name their classes, so cases are built at the end."""

    format = "MSTest TRX"
    roots = ("TestRun",)
    text_fields: ClassVar[dict[str, str]] = {
        "Message": "message",
        "StackTrace": "trace",
        "StdOut": "output",
        "StdErr": "output",
    }
    _RESULTS: ClassVar[dict[str, str]] = {
        "Passed": PASSED,
        "PassedButRunAborted": PASSED,
        "Completed": PASSED,
        "Warning": PASSED,
        "Failed": FAILED,
        "Error": ERROR,
        "Timeout": ERROR,
        "Aborted": ERROR,
    }

    def __init__(self, *, parser: expat.XMLParserType, naive_tz: tzinfo) -> None:
        super().__init__(parser=parser, naive_tz=naive_tz)
        self._open: list[tuple[dict[str, str], dict[str, list[str]], list[bool]]] = []
        self._results: list[tuple[dict[str, str], str, str, str]] = []
        self._definitions: dict[str, tuple[str, str]] = {}  # test id → (class, storage)
        self._test_id = ""
        self._storage = ""

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        tag = tag.rpartition("}")[2]
        if tag == "UnitTestResult":
            if self._open:
                self._open[-1][2][0] = True  # a data-driven parent: its rows are the cases
            self.begin_case(attrs)
            self._open.append((attrs, self._texts, [False]))
        elif self._case is not None and tag != "InnerResults":
            self.child_start(tag)
        elif tag == "UnitTest":
            self._test_id = attrs.get("id", "")
            self._storage = attrs.get("storage", "").replace("\\", "/").rpartition("/")[2]
        elif tag == "TestMethod":
            class_name = attrs.get("className", "").split(",", 1)[0].strip()
            self._definitions[self._test_id] = (class_name, self._storage)
        elif tag == "Times":
            self.saw_start(parse_timestamp(attrs.get("start"), naive_tz=self.naive_tz))
        elif tag == "TestRun":
            self.name = attrs.get("name", "")

    def end(self, tag: str) -> None:
        tag = tag.rpartition("}")[2]
        if tag == "UnitTestResult":
            attrs, texts, has_rows = self._open.pop()
            self._texts = texts
            if not has_rows[0]:
                self._results.append(
                    (attrs, self.first_text("message"), self.text("trace"), self.text("output"))
                )
            self._case, self._texts = (self._open[-1][0], self._open[-1][1]) if self._open else (None, {})
        elif self._case is not None:
            self.child_end(tag)

    def finish(self) -> None:
        for attrs, message, trace, output in self._results:
            outcome = self._RESULTS.get(attrs.get("outcome", ""), SKIPPED)
            class_name, storage = self._definitions.get(attrs.get("testId", ""), ("", ""))
            self.add(
                suite=storage,
                classname=class_name,
                name=attrs.get("testName", ""),
                outcome=outcome,
                seconds=_trx_seconds(attrs.get("duration", "")),
                message=message,
                details=self.details_with_output(outcome, trace=trace, output=output),
            )


def _trx_seconds(text: str) -> float:
    found = _TRX_DURATION.match(text.strip())
    if not found:
        return parse_seconds(text)
    days = int(found["days"] or 0)
    return ((days * 24 + int(found["h"])) * 60 + int(found["m"])) * 60 + float(found["s"])


class TestNgCollector(_CaseCollector):
    """Configuration methods (``is-config``) are not tests; a retried attempt that later passes is flaky."""

    __test__ = False  # not a pytest class
    format = "TestNG"
    roots = ("testng-results",)
    text_fields: ClassVar[dict[str, str]] = {
        "message": "message",
        "full-stacktrace": "trace",
        "value": "param",
        "line": "output",
    }
    _RESULTS: ClassVar[dict[str, str]] = {"PASS": PASSED, "FAIL": FAILED, "SKIP": SKIPPED}

    def __init__(self, *, parser: expat.XMLParserType, naive_tz: tzinfo) -> None:
        super().__init__(parser=parser, naive_tz=naive_tz)
        self._suite = ""
        self._class = ""
        self._retried: set[tuple[str, str]] = set()

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "test-method":
            if attrs.get("is-config") != "true":  # setup and teardown methods are not tests
                self.begin_case(attrs)
        elif self._case is not None:
            self.child_start(tag)
        elif tag == "class":
            self._class = attrs.get("name", "")
        elif tag == "test":
            self._suite = attrs.get("name", "")
        elif tag == "suite":
            self.name = self.name or attrs.get("name", "")
            self.saw_start(parse_timestamp(attrs.get("started-at"), naive_tz=self.naive_tz))

    def end(self, tag: str) -> None:
        if tag == "test-method":
            if self._case is None:
                return
            attrs, self._case = self._case, None
            params = [piece.strip() for piece in self._texts.get("param", ())]
            name = attrs.get("name", "") + (f"({', '.join(params)})" if params else "")
            key = (self._class, name)
            if attrs.get("retried") == "true":
                self._retried.add(key)  # an attempt TestNG ran again: the last attempt is the case
                return
            outcome = self._RESULTS.get(attrs.get("status", ""), SKIPPED)
            self.add(
                suite=self._suite,
                classname=self._class,
                name=name,
                outcome=outcome,
                seconds=parse_seconds(attrs.get("duration-ms")) / 1000,
                message=self.first_text("message"),
                details=self.details_with_output(
                    outcome, trace=self.text("trace"), output=self.text("output")
                ),
                flaky=outcome == PASSED and key in self._retried,
            )
        elif self._case is not None:
            self.child_end(tag)
