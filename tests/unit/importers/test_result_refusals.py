"""Refused result files: each refusal is quick, says why, and leaves the launch file byte for byte unchanged."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from cockpit.domain.tests import TestLevel
from cockpit.errors import BadInput
from cockpit.services.import_results import import_results
from cockpit.store.launchfile import open_launch
from tests.paths import FIXTURES as FIXTURES_ROOT

FIXTURES = FIXTURES_ROOT / "junit"
REAL_FIXTURE = FIXTURES / "real" / "jest-junit-large-4239-cases.xml"

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<testsuite name="&lol9;"><testcase classname="a" name="&lol9;"/></testsuite>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE testsuite [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<testsuite name="x"><testcase classname="a" name="&secret;"/></testsuite>
"""


def refuse(launch_path: Path, results: Path, **kwargs) -> str:
    before = launch_path.read_bytes()
    with open_launch(launch_path) as lf, pytest.raises(BadInput) as refused:
        import_results(lf, paths=[results], level=TestLevel.UNIT, run_name=None, actor="tester", **kwargs)
    assert launch_path.read_bytes() == before
    return str(refused.value)


def test_billion_laughs_is_refused(launch_path: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(BILLION_LAUGHS)
    message = refuse(launch_path, bomb)
    assert "refused for safety" in message and "<!DOCTYPE" in message


def test_an_external_entity_is_refused(launch_path: Path, tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.xml"
    sneaky.write_text(EXTERNAL_ENTITY)
    assert "refused for safety" in refuse(launch_path, sneaky)


def test_a_1_gb_file_is_refused_by_the_size_cap(launch_path: Path, tmp_path: Path) -> None:
    huge = tmp_path / "huge.xml"
    with huge.open("wb") as f:
        f.truncate(1024**3)  # sparse: a gigabyte on paper, nothing on disk
    message = refuse(launch_path, huge)
    assert "1,024 MB" in message and "512 MB" in message


def test_the_size_cap_can_be_lowered(launch_path: Path) -> None:
    message = refuse(launch_path, FIXTURES / "gradle.xml", max_bytes=1000)
    assert "more than the 1.0 KB a result file may have" in message


def test_a_binary_file_is_refused(launch_path: Path, tmp_path: Path) -> None:
    png = tmp_path / "screenshot.xml"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000))
    assert "binary file" in refuse(launch_path, png)


def test_text_that_is_not_xml_is_refused(launch_path: Path, tmp_path: Path) -> None:
    log = tmp_path / "results.xml"
    log.write_text("PASS src/cart.test.ts\nTests: 3 passed\n")
    assert "is not XML: it starts with “PASS src/cart.test.ts”" in refuse(launch_path, log)


def test_an_empty_file_is_refused(launch_path: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    assert "is empty" in refuse(launch_path, empty)


def test_a_truncated_file_is_refused_with_its_line_and_column(launch_path: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.xml"
    data = REAL_FIXTURE.read_bytes()[: len(REAL_FIXTURE.read_bytes()) // 2]
    cut.write_bytes(data)
    message = refuse(launch_path, cut)
    # expat points at the start of the element the cut left open; it counts CR, LF and CR LF as line ends.
    lines = re.split(rb"\r\n|\r|\n", data[: data.rfind(b"<")])
    assert f"at line {len(lines)}, column {len(lines[-1]) + 1}." in message
    assert "cut off" in message and "Nothing was imported" in message


def test_malformed_xml_is_refused_with_its_line_and_column(launch_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text('<testsuite name="x">\n  <testcase name="a" classname="b">\n</testsuite>\n')
    message = refuse(launch_path, bad)
    assert "mismatched tag at line 3, column 3" in message


def test_an_unknown_root_names_what_was_found_and_what_is_supported(
    launch_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "pom.xml"
    other.write_text(
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion></project>'
    )
    message = refuse(launch_path, other)
    assert "its root element is <project>" in message
    for supported in (
        "<testsuites>",
        "<testsuite>",
        "<test-results>",
        "<test-run>",
        "<assemblies>",
        "<TestRun>",
    ):
        assert supported in message
    assert "<testng-results>" in message


def test_a_result_file_without_cases_is_refused(launch_path: Path, tmp_path: Path) -> None:
    nothing = tmp_path / "nothing.xml"
    nothing.write_text('<testsuites><testsuite name="pytest" tests="3"></testsuite></testsuites>')
    assert "without a single test case" in refuse(launch_path, nothing)


def test_a_missing_file_is_refused(launch_path: Path, tmp_path: Path) -> None:
    assert "does not exist" in refuse(launch_path, tmp_path / "nope.xml")


def test_one_bad_file_among_several_writes_nothing(launch_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text('<testsuite name="x"><testcase name="a"></testsuite>')
    before = launch_path.read_bytes()
    with open_launch(launch_path) as lf, pytest.raises(BadInput):
        import_results(
            lf, paths=[FIXTURES / "gradle.xml", bad], level=TestLevel.UNIT, run_name=None, actor="tester"
        )
    assert launch_path.read_bytes() == before
