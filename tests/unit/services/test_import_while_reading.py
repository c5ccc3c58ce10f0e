"""import_results inserts the cases while a thread reads the files (issue 15): the same rows as reading first and
writing after, nothing visible when a refusal comes late, a run found too big staged instead."""

from __future__ import annotations

import re
import shutil
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from cockpit.domain.tests import TestLevel
from cockpit.errors import BadInput
from cockpit.importers import read_ahead as read_ahead_module
from cockpit.importers.read_ahead import read_ahead
from cockpit.importers.safe_xml import CHUNK_BYTES
from cockpit.services import import_results as service
from cockpit.store.launchfile import open_launch
from tests.paths import FIXTURES as FIXTURES_ROOT

FIXTURES = FIXTURES_ROOT / "junit"
_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00")


def write_results(path: Path, *, cases: int, cut_short: bool = False) -> Path:
    """A JUnit file several read chunks long: passing, failing and skipped cases in a few suites."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="nightly">\n']
    for index in range(cases):
        if index % 500 == 0:
            if index:
                parts.append("  </testsuite>\n")
            parts.append(f'  <testsuite name="suite{index // 500}" timestamp="2026-11-30T10:15:00">\n')
        head = (
            f'    <testcase classname="c.Test{index // 500}" name="請求 {index}" time="0.{index % 1000:03d}"'
        )
        if index % 97 == 5:
            parts.append(f'{head}><failure message="boom {index}">trace {index}</failure></testcase>\n')
        elif index % 89 == 3:
            parts.append(f'{head}><skipped message="later"/></testcase>\n')
        else:
            parts.append(f"{head}/>\n")
    parts.append("  </testsuite>\n</testsuites>\n")
    text = "".join(parts)
    path.write_text(text[: len(text) - 40] if cut_short else text, encoding="utf-8")
    return path


def run_import(launch_path: Path, *paths: Path):
    with open_launch(launch_path) as lf:
        return service.import_results(
            lf, paths=list(paths), level=TestLevel.REGRESSION, run_name=None, actor="sato"
        )


def written(launch_path: Path) -> dict[str, list[str]]:
    """The rows an import leaves, moments of writing masked (two imports never share one)."""
    conn = sqlite3.connect(launch_path)
    try:
        return {
            table: [_MOMENT.sub("…", repr(row)) for row in conn.execute(f"SELECT * FROM {table} ORDER BY id")]
            for table in ("test_runs", "test_cases", "audit")
        }
    finally:
        conn.close()


def without_audit_chain(rows: dict[str, list[str]]) -> dict[str, list[str]]:
    # Each audit row's hash covers its moment, so only what precedes the hashes is compared.
    return {**rows, "audit": [row.rsplit(", '", 2)[0] for row in rows["audit"]]}


@pytest.fixture
def big_results(tmp_path: Path) -> Path:
    path = write_results(tmp_path / "nightly.xml", cases=12_000)
    assert path.stat().st_size > 3 * CHUNK_BYTES  # several chunks, so inserts happen while it is read
    return path


def test_the_rows_are_those_of_reading_first_and_writing_after(
    launch_path: Path, tmp_path: Path, big_results: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parse_first = tmp_path / "parse-first.golive"
    shutil.copy(launch_path, parse_first)
    while_reading = run_import(launch_path, big_results, FIXTURES / "gradle.xml")
    with monkeypatch.context() as patch:
        patch.setattr(service, "_imports_staged", lambda _launch_file: True)  # the path that reads first
        read_first = run_import(parse_first, big_results, FIXTURES / "gradle.xml")
    assert replace(while_reading, changes=None) == replace(read_first, changes=None)
    assert while_reading.changes.rows == read_first.changes.rows
    assert (while_reading.cases, while_reading.failed, while_reading.skipped) == (12_004, 125, 134)
    assert without_audit_chain(written(launch_path)) == without_audit_chain(written(parse_first))


def test_a_file_found_malformed_at_its_end_leaves_nothing(launch_path: Path, tmp_path: Path) -> None:
    before = written(launch_path)
    cut = write_results(tmp_path / "cut.xml", cases=12_000, cut_short=True)
    with pytest.raises(BadInput, match="not well-formed XML"):
        run_import(launch_path, cut)
    assert written(launch_path) == before


def test_a_reimport_is_refused_once_read_and_leaves_nothing(launch_path: Path, big_results: Path) -> None:
    first = run_import(launch_path, big_results)
    before = written(launch_path)
    with pytest.raises(BadInput, match=f"already imported as run #{first.run_id}"):
        run_import(launch_path, big_results)
    assert written(launch_path) == before


def test_a_run_found_too_big_for_one_transaction_is_staged_with_the_same_rows(
    launch_path: Path, tmp_path: Path, big_results: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_one = tmp_path / "in-one.golive"
    shutil.copy(launch_path, in_one)
    expected = run_import(in_one, big_results)
    monkeypatch.setattr(service, "STAGE_FROM_ROWS", 5_000)
    staged = run_import(launch_path, big_results)
    assert (staged.run_id, staged.cases, staged.failed, staged.skipped) == (
        expected.run_id,
        expected.cases,
        expected.failed,
        expected.skipped,
    )
    assert written(launch_path)["test_cases"] == written(in_one)["test_cases"]
    conn = sqlite3.connect(launch_path)
    try:
        assert conn.execute("SELECT COUNT(*) FROM import_staging").fetchone() == (0,)
    finally:
        conn.close()


def test_the_switch_interval_is_given_back_after_an_import_and_after_a_refusal(
    launch_path: Path, tmp_path: Path, big_results: Path
) -> None:
    before = sys.getswitchinterval()
    run_import(launch_path, big_results)
    assert sys.getswitchinterval() == before
    with pytest.raises(BadInput):
        run_import(launch_path, write_results(tmp_path / "cut.xml", cases=100, cut_short=True))
    assert sys.getswitchinterval() == before


def test_read_ahead_yields_in_order_and_raises_what_the_reader_raised() -> None:
    def numbers():
        yield from range(5)
        raise BadInput("the fifth chunk is unreadable")

    seen = []
    with pytest.raises(BadInput, match="fifth chunk"):
        for number in read_ahead(numbers()):
            seen.append(number)
    assert seen == [0, 1, 2, 3, 4]


def test_read_ahead_closed_early_stops_its_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    produced = []

    def endless():
        count = 0
        while True:
            produced.append(count)
            yield count
            count += 1

    reading = read_ahead(endless())
    assert next(reading) == 0
    reading.close()  # joins the reader, which stops at its next item
    stopped_at = len(produced)
    assert produced == list(range(stopped_at))
    assert read_ahead_module._interval_users == 0
