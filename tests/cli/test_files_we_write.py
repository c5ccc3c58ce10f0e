"""The files the cockpit writes, when the world around them misbehaves (issue 11), in real processes.

Each test runs ``cockpit`` in a subprocess; where something outside must happen at one exact moment (a sync
tool replacing the launch file mid-write, a full disk), a small prelude in that process arranges it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.cli.conftest import cockpit_env, run_cockpit
from tests.paths import REPO

GO_LIVE = "2026-12-01T09:00+09:00"
NOT_SAVED = 7  # README: not saved (full disk, unwritable folder, launch file replaced meanwhile)


def run_with_prelude(prelude: str, *args: object, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``cockpit ARGS`` in a new process that first runs ``prelude`` (a patch, a umask)."""
    script = (
        textwrap.dedent(prelude)
        + "\nimport sys\nfrom cockpit.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=cockpit_env(),
        cwd=cwd or REPO,
        timeout=180,
    )


def _new(path: Path) -> Path:
    run_cockpit("new", path, "--name", "x", "--go-live", GO_LIVE, "--template", "empty", check=True)
    return path


def _results(path: Path, cases: int) -> Path:
    lines = [f'<testcase classname="suite" name="case {n}" time="0.01"/>' for n in range(cases)]
    path.write_text(
        f'<testsuite name="suite" tests="{cases}">' + "".join(lines) + "</testsuite>", encoding="utf-8"
    )
    return path


# --- an import reported done that is not in the file ------------------------------------------------------

# A sync tool acts while the import's write transaction is open: the moment the first Writer exists.
SYNC_TOOL_MID_WRITE = """
import os, sys
from cockpit.store import writer
real_init = writer.Writer.__init__
acted = []
def init(self, *args, **kwargs):
    real_init(self, *args, **kwargs)
    if not acted:
        acted.append(True)
        os.{how}
writer.Writer.__init__ = init
"""


@pytest.mark.parametrize("how", ["replace", "delete"])
def test_an_import_into_a_file_replaced_or_deleted_meanwhile_is_not_reported_done(tmp_path, how):
    launch = _new(tmp_path / "launch.golive")
    synced = tmp_path / "synced-copy.golive"
    shutil.copy2(launch, synced)
    expected_at_path = synced.read_bytes()
    action = f"replace({str(synced)!r}, {str(launch)!r})" if how == "replace" else f"unlink({str(launch)!r})"
    results = _results(tmp_path / "results.xml", 5000)

    ran = run_with_prelude(
        SYNC_TOOL_MID_WRITE.format(how=action), "import", "junit", launch, results, "--level", "unit"
    )

    assert ran.returncode == NOT_SAVED, ran.stderr
    assert "imported" not in ran.stdout
    assert f"{launch} was replaced or deleted by another program" in ran.stderr
    assert f"nothing was saved at {launch}" in ran.stderr
    if how == "replace":
        assert launch.read_bytes() == expected_at_path  # what the sync tool put there, untouched by us
    else:
        assert not launch.exists()


def test_an_import_into_a_file_left_alone_is_still_done(tmp_path):
    launch = _new(tmp_path / "launch.golive")
    ran = run_cockpit("import", "junit", launch, _results(tmp_path / "r.xml", 10), "--level", "unit")
    assert ran.returncode == 0, ran.stderr
    with sqlite3.connect(launch) as db:
        assert db.execute("SELECT count(*) FROM test_cases").fetchone()[0] == 10


# --- new files honour the umask ----------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize("umask", [0o002, 0o022])
def test_new_files_get_the_mode_the_umask_allows(tmp_path, umask):
    prelude = f"import os\nos.umask({umask:#o})\n"
    launch, demo = tmp_path / "new.golive", tmp_path / "demo.golive"
    commands = [
        ("new", launch, "--name", "x", "--go-live", GO_LIVE, "--template", "empty"),
        ("demo", demo),
        ("export", demo, "--kind", "checklist", "--out", tmp_path / "c.csv"),
        ("export", demo, "--kind", "risks", "--out", tmp_path / "r.xlsx"),
        ("report", demo, "--out", tmp_path / "report.pdf"),
    ]
    for command in commands:
        ran = run_with_prelude(prelude, *command)
        assert ran.returncode == 0, ran.stderr
    expected = 0o666 & ~umask
    for made in (launch, demo, tmp_path / "c.csv", tmp_path / "r.xlsx", tmp_path / "report.pdf"):
        assert stat.S_IMODE(made.stat().st_mode) == expected, made.name


# --- a path starting with "file:" is a file name, not a URI -------------------------------------------------


def test_a_path_starting_with_file_colon_never_writes_to_another_file(tmp_path):
    target = _new(tmp_path / "a.golive")
    before = target.read_bytes()
    add = ("ticket", "add", "file:a.golive", "--title", "Printer down", "--severity", "P2")

    missing = run_with_prelude("", *add, cwd=tmp_path)
    assert missing.returncode == 2, missing.stderr
    assert "file:a.golive does not exist" in missing.stderr

    literal = tmp_path / "file:a.golive"
    shutil.copy2(target, literal)
    written = run_with_prelude("", *add, cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert target.read_bytes() == before  # a.golive was never touched
    with sqlite3.connect(literal) as db:
        assert [r[0] for r in db.execute("SELECT title FROM tickets")] == ["Printer down"]


# --- what a killed new/demo left behind ---------------------------------------------------------------------


def test_the_next_new_removes_abandoned_creating_files_and_says_so(tmp_path):
    source = _new(tmp_path / "source.golive")
    folder = tmp_path / "shared"
    folder.mkdir()
    long_ago = time.time() - 3 * 3600
    abandoned = folder / ".launch.golive.k3j_x9a2.creating"
    abandoned_empty = folder / ".demo.golive.0abc_def.creating"
    recent = folder / ".other.golive.zz99yy88.creating"  # perhaps a slow 'new' on a teammate's machine
    in_use = folder / ".busy.golive.aa11bb22.creating"
    not_ours = folder / ".notes.creating"  # not mkstemp's naming
    for path in (abandoned, recent, in_use):
        shutil.copy2(source, path)
    abandoned_empty.touch()
    not_ours.write_text("mine")
    for path in (abandoned, abandoned_empty, in_use, not_ours):
        os.utime(path, (long_ago, long_ago))

    holder = sqlite3.connect(in_use, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a creation still writing to it
    try:
        ran = run_cockpit("new", folder / "fresh.golive", "--name", "x", "--go-live", GO_LIVE, check=True)
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    left = {p.name for p in folder.iterdir()}
    assert left == {"fresh.golive", recent.name, in_use.name, not_ours.name}
    for name in (abandoned.name, abandoned_empty.name):
        assert (
            f"Removed {name}: an unfinished launch file left by an interrupted 'new' or 'demo'." in ran.stderr
        )
    assert ran.stdout.startswith("Created ")


# --- a full disk ---------------------------------------------------------------------------------------------

FULL_DISK_MESSAGE = "No space left on device. Free some space on that disk, or choose another folder."

# The temporary file that an export or a report is written to is /dev/full: the kernel's own ENOSPC.
TEMPORARY_ON_A_FULL_DISK = """
import os
from pathlib import Path
from cockpit.services import atomic_write
def temporary_beside(path, *, suffix):
    temporary = Path(path).with_name("." + Path(path).name + ".full" + suffix)
    os.symlink("/dev/full", temporary)
    return temporary
atomic_write.temporary_beside = temporary_beside
"""

# SQLite's own "database or disk is full" (SQLITE_FULL), as on a real full disk, while 'new' builds its file.
# 4 pages: full while the schema is written; 100: while the demo's rows are (an empty launch takes 37).
LAUNCH_FILE_ON_A_FULL_DISK = """
from cockpit.store import launchfile
real_connect = launchfile._connect
def connect(path, **kwargs):
    conn = real_connect(path, **kwargs)
    conn.execute("PRAGMA max_page_count = {pages}")
    return conn
launchfile._connect = connect
"""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("out", ["report.pdf", "export.xlsx", "export.csv"])
def test_a_full_disk_for_a_report_or_an_export_is_a_clear_message_and_exit_7(tmp_path, out):
    launch = _new(tmp_path / "launch.golive")
    target = tmp_path / out
    command = ("report", launch) if out.endswith(".pdf") else ("export", launch, "--kind", "checklist")

    ran = run_with_prelude(TEMPORARY_ON_A_FULL_DISK, *command, "--out", target)

    assert ran.returncode == NOT_SAVED, ran.stderr
    assert f"Could not write the {out.split('.')[0]} to {target}: {FULL_DISK_MESSAGE}" in ran.stderr
    assert "Traceback" not in ran.stderr and "Exception ignored" not in ran.stderr
    assert "unexpected failure" not in ran.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["launch.golive"]


@pytest.mark.parametrize(
    ("pages", "command"),
    [(4, ("new", "--name", "x", "--go-live", GO_LIVE)), (100, ("demo",))],
    ids=["new, in the schema", "demo, in its rows"],
)
def test_a_full_disk_for_a_new_launch_is_the_same_message_and_exit_7(tmp_path, pages, command):
    target = tmp_path / "launch.golive"
    prelude = LAUNCH_FILE_ON_A_FULL_DISK.format(pages=pages)
    ran = run_with_prelude(prelude, command[0], target, *command[1:])
    assert ran.returncode == NOT_SAVED, ran.stderr
    assert f"Could not write the launch file to {target}: {FULL_DISK_MESSAGE}" in ran.stderr
    assert "unexpected failure" not in ran.stderr
    assert list(tmp_path.iterdir()) == []
