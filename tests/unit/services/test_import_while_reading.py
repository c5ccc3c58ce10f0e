"""import_results inserts the cases while a thread reads the files (issue 15), each chunk in its own short
transaction out of sight: the same rows as reading first and writing after, a teammate's save getting in
between two chunks, nothing visible and nothing left when a refusal comes late."""

from __future__ import annotations

import contextlib
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
from cockpit.importers.junit import CASE_COLUMNS, ResultStream
from cockpit.importers.read_ahead import ReadAhead
from cockpit.importers.safe_xml import CHUNK_BYTES
from cockpit.services import import_results as service
from cockpit.store.launchfile import LaunchFile, open_launch
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
def big_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # A file over the read-first size, without writing 12 MB: the threshold comes down to 1 MB instead.
    monkeypatch.setattr(service, "READ_FIRST_UP_TO_BYTES", 1 << 20)
    path = write_results(tmp_path / "nightly.xml", cases=16_000)
    assert path.stat().st_size > service.READ_FIRST_UP_TO_BYTES  # written while it is read
    assert path.stat().st_size > 4 * CHUNK_BYTES  # several chunks, so inserts happen while it is read
    return path


def left_behind(launch_path: Path) -> tuple[int, int]:
    """Rows of any kind that no reader shows: staging marks, and cases of no run."""
    conn = sqlite3.connect(launch_path)
    try:
        return conn.execute(
            "SELECT (SELECT COUNT(*) FROM import_staging), "
            "(SELECT COUNT(*) FROM test_cases WHERE run_id NOT IN (SELECT id FROM test_runs))"
        ).fetchone()
    finally:
        conn.close()


def test_the_rows_are_those_of_reading_first_and_writing_after(
    launch_path: Path, tmp_path: Path, big_results: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_first_path = tmp_path / "read-first.golive"
    shutil.copy(launch_path, read_first_path)
    while_reading = run_import(launch_path, big_results, FIXTURES / "gradle.xml")
    with monkeypatch.context() as patch:
        patch.setattr(service, "READ_FIRST_UP_TO_BYTES", 1 << 30)  # the path that reads first
        read_first = run_import(read_first_path, big_results, FIXTURES / "gradle.xml")
    assert replace(while_reading, changes=None) == replace(read_first, changes=None)
    assert while_reading.changes.rows == read_first.changes.rows
    assert (while_reading.cases, while_reading.failed, while_reading.skipped) == (16_004, 166, 179)
    assert without_audit_chain(written(launch_path)) == without_audit_chain(written(read_first_path))
    conn = sqlite3.connect(launch_path)
    try:
        stored = conn.execute(f"SELECT {', '.join(CASE_COLUMNS)} FROM test_cases ORDER BY id").fetchall()
    finally:
        conn.close()
    with open_launch(read_first_path, read_only=True) as lf:
        zone = service._launch_zone(lf)
    parsed = [
        tuple(case)
        for path in (big_results, FIXTURES / "gradle.xml")
        for case in ResultStream(path, naive_tz=zone)
    ]
    assert len(stored) == 16_004
    assert stored == parsed
    assert left_behind(launch_path) == (0, 0)


def test_each_chunk_is_its_own_transaction_and_a_teammate_saves_in_between(
    launch_path: Path, big_results: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writing = LaunchFile.writing
    transactions = []
    teammate_saves = []

    @contextlib.contextmanager
    def noted_writing(self: LaunchFile, actor: str):
        with writing(self, actor) as writer:
            yield writer
        transactions.append(actor)
        if len(transactions) == 2:  # the run's row and a first chunk are written: a teammate's turn
            mate = sqlite3.connect(launch_path, timeout=0)  # no waiting: the lock must be free now
            try:
                mate.execute("BEGIN IMMEDIATE")
                mate.execute("UPDATE launch SET name = 'renamed mid-import' WHERE id = 1")
                mate.execute("COMMIT")
                teammate_saves.append(mate.execute("SELECT COUNT(*) FROM test_runs").fetchone())
            finally:
                mate.close()

    monkeypatch.setattr(LaunchFile, "writing", noted_writing)
    outcome = run_import(launch_path, big_results)
    assert teammate_saves == [(1,)]  # the staged run's row was there, out of sight
    assert len(transactions) >= 3  # at least two chunks and the last one that shows the run
    assert outcome.cases == 16_000
    conn = sqlite3.connect(launch_path)
    try:
        assert conn.execute("SELECT name FROM launch").fetchone() == ("renamed mid-import",)
    finally:
        conn.close()
    assert left_behind(launch_path) == (0, 0)


def test_a_file_found_malformed_at_its_end_leaves_nothing(launch_path: Path, tmp_path: Path) -> None:
    before = written(launch_path)
    cut = write_results(tmp_path / "cut.xml", cases=16_000, cut_short=True)
    with pytest.raises(BadInput, match="not well-formed XML"):
        run_import(launch_path, cut)
    assert written(launch_path) == before
    assert left_behind(launch_path) == (0, 0)


def test_a_reimport_is_refused_once_read_and_leaves_nothing(launch_path: Path, big_results: Path) -> None:
    first = run_import(launch_path, big_results)
    before = written(launch_path)
    with pytest.raises(BadInput, match=f"already imported as run #{first.run_id}"):
        run_import(launch_path, big_results)
    assert written(launch_path) == before
    assert left_behind(launch_path) == (0, 0)


def test_the_switch_interval_is_given_back_after_an_import_and_after_a_refusal(
    launch_path: Path, tmp_path: Path, big_results: Path
) -> None:
    before = sys.getswitchinterval()
    run_import(launch_path, big_results)
    assert sys.getswitchinterval() == before
    with pytest.raises(BadInput):
        run_import(launch_path, write_results(tmp_path / "cut.xml", cases=16_000, cut_short=True))
    assert sys.getswitchinterval() == before


def test_read_ahead_yields_in_order_and_raises_what_the_reader_raised() -> None:
    def numbers():
        yield from range(5)
        raise BadInput("the fifth chunk is unreadable")

    seen = []
    with pytest.raises(BadInput, match="fifth chunk"):
        for number in ReadAhead(numbers()):
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

    reading = ReadAhead(endless())
    assert next(reading) == 0
    reading.close()  # joins the reader, which stops at its next item
    stopped_at = len(produced)
    assert produced == list(range(stopped_at))
    assert read_ahead_module._interval_users == 0


def test_read_ahead_reads_only_a_few_items_ahead_of_a_slow_taker() -> None:
    produced = []

    def counting():
        for count in range(100):
            produced.append(count)
            yield count

    reading = ReadAhead(counting(), max_waiting=3)
    try:
        assert reading.take(at_most=2) == [0, 1]
        taken = reading.take(at_most=100)  # whatever was read meanwhile, at least the next one
        assert taken[0] == 2
        assert len(produced) <= 2 + len(taken) + 3 + 1  # the queue's room, and the item in the reader's hand
    finally:
        reading.close()
