"""A table import large enough to be staged, in one process, with a teammate's save arriving between two batches
(on a connection of its own): an unrelated save is kept and the staged rows shown; a save that changes what the
import does (a ticket added with a key the file has) makes it plan again and write in one transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cockpit.services import table_writes
from cockpit.services.import_table import import_table, preview_table
from cockpit.store import staging
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch

ROWS = 40


@pytest.fixture
def tickets_csv(tmp_path: Path) -> Path:
    path = tmp_path / "tickets.csv"
    lines = ["Key,Title,Severity,Kind", *(f"OPS-{n},printer {n} jams,P3,incident" for n in range(ROWS))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def staged_in_small_batches(monkeypatch):
    monkeypatch.setattr(table_writes, "STAGE_FROM_ROWS", 0)
    monkeypatch.setattr(staging, "BATCH_SECONDS", 0)
    monkeypatch.setattr(staging, "ROWS_PER_STEP", 10)
    monkeypatch.setattr(staging, "PAUSE_SECONDS", 0)


def _teammate_adds_between_batches(monkeypatch, launch_path: Path, title: str) -> list[str]:
    """After the first batch is committed, a teammate adds a ticket the way the CLI does."""
    done: list[str] = []
    real_sleep = staging.time.sleep

    def sleep(seconds: float) -> None:
        staged = sqlite3.connect(launch_path).execute("SELECT count(*) FROM import_staging").fetchone()[0]
        if not done and staged:
            with open_launch(launch_path) as teammate, teammate.writing("mate") as w:
                w.insert("tickets", {"title": title, "severity": "P1", "kind": "incident",
                                     "opened_at": "2030-03-01T00:00:00+00:00"})  # fmt: skip
            done.append(title)
        real_sleep(seconds)

    monkeypatch.setattr(staging.time, "sleep", sleep)
    return done


def test_an_unrelated_save_between_batches_is_kept_and_the_staged_rows_shown(
    launch_file, launch_path: Path, tickets_csv: Path, staged_in_small_batches, monkeypatch
) -> None:
    done = _teammate_adds_between_batches(monkeypatch, launch_path, "login fails")
    preview = preview_table(tickets_csv, kind="tickets", tz="Asia/Tokyo", launch_file=launch_file)
    outcome = import_table(launch_file, preview, actor="sato", accept_partial=False)
    assert done and outcome.imported == ROWS
    titles = [ticket.title for ticket in load_launch(launch_file).tickets]
    assert len(titles) == ROWS + 1
    assert titles[-1] == "login fails"  # the staged ids were handed out before the teammate's save


def test_a_save_that_changes_the_plan_makes_the_import_plan_again_in_one_transaction(
    launch_file, launch_path: Path, tickets_csv: Path, staged_in_small_batches, monkeypatch
) -> None:
    done = _teammate_adds_between_batches(monkeypatch, launch_path, "[OPS-7] printer 7 jams")
    preview = preview_table(tickets_csv, kind="tickets", tz="Asia/Tokyo", launch_file=launch_file)
    outcome = import_table(launch_file, preview, actor="sato", accept_partial=False)
    assert done
    titles = [ticket.title for ticket in load_launch(launch_file).tickets]
    assert len([title for title in titles if "printer 7 jams" in title]) == 1  # matched, not added twice
    assert len(titles) == ROWS
    assert outcome.imported == ROWS - 1
    assert sqlite3.connect(launch_path).execute("SELECT count(*) FROM import_staging").fetchone() == (0,)
