"""Large imports stream: a results file is written chunk by chunk as it is read, its reader a few chunks ahead at
most; a table is read again from the file at every pass (checks, plan, writing), keeping only
its bad rows and what re-import matching needs. So ten times the cases, or the rows, take well under twice the
memory. Measured on real processes (their peak resident size, from the OS), not timed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.junit_import import write_results
from tests.cli.conftest import cockpit_env, run_cockpit

PEAK_RSS_OF_AN_IMPORT = """
import resource, sys
from cockpit.cli import main
from cockpit.services import import_results
import_results.READ_FIRST_UP_TO_BYTES = 0  # written while read whatever the size (from 12 MB it is anyway)
code = main(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
sys.exit(code)
"""


def _peak_kilobytes(tmp_path: Path, cases: int) -> int:
    launch, results = tmp_path / f"l{cases}.golive", tmp_path / f"r{cases}.xml"
    write_results(results, cases=cases)
    run_cockpit("new", launch, "--name", "m", "--go-live", "2026-12-01T09:00+09:00", "--template", "empty",
                check=True)  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS_OF_AN_IMPORT, "import", "junit", str(launch), str(results),
         "--level", "system"],
        capture_output=True, text=True, env=cockpit_env(), timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"{cases:,} cases" in done.stdout
    return int(done.stdout.strip().splitlines()[-1])


PEAK_RSS_OF_A_TABLE_IMPORT = """
import resource, sys
from cockpit.cli import main
from cockpit.importers import row_stream
from cockpit.services import table_writes
row_stream.KEEP_ROWS = 0  # read again at every pass whatever the size (from 20,000 rows it is anyway)
table_writes.STAGE_FROM_ROWS = 0  # and staged
code = main(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
sys.exit(code)
"""


def _tickets_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Title,Severity,Kind,Opened\n")
        for n in range(rows):
            out.write(
                f"printer {n} on floor {n % 9} jams,P{n % 4 + 1},incident,2026-12-0{n % 9 + 1} 09:{n % 60:02}\n"
            )


def _table_peak_kilobytes(tmp_path: Path, rows: int) -> int:
    launch, table = tmp_path / f"t{rows}.golive", tmp_path / f"t{rows}.csv"
    _tickets_csv(table, rows)
    run_cockpit("new", launch, "--name", "m", "--go-live", "2026-12-01T09:00+09:00", "--template", "empty",
                check=True)  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS_OF_A_TABLE_IMPORT, "import", "table", str(launch), "--kind", "tickets",
         str(table)],
        capture_output=True, text=True, env=cockpit_env(), timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"{rows:,}" in done.stdout or str(rows) in done.stdout, done.stdout
    return int(done.stdout.strip().splitlines()[-1])


@pytest.mark.xdist_group("concurrency")
def test_ten_times_the_table_rows_take_less_than_twice_the_memory(tmp_path: Path) -> None:
    small = _table_peak_kilobytes(tmp_path, 6_000)
    large = _table_peak_kilobytes(tmp_path, 60_000)
    assert large < 2 * small, (small, large)


@pytest.mark.xdist_group("concurrency")
def test_ten_times_the_cases_take_less_than_twice_the_memory(tmp_path: Path) -> None:
    small = _peak_kilobytes(tmp_path, 30_000)
    large = _peak_kilobytes(tmp_path, 300_000)
    assert large < 2 * small, (small, large)
