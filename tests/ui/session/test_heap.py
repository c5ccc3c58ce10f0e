"""The garbage-collection policy of the window's worker jobs (``ui/session/heap.py``), with the real collector."""

from __future__ import annotations

import gc
import threading

import pytest

from cockpit.ui.session import heap


@pytest.fixture(autouse=True)
def thawed():
    """Each test leaves nothing frozen behind it, and the thresholds as it found them."""
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_no_full_collection_inside_a_job_and_the_thresholds_come_back_after_overlapping_jobs():
    before = gc.get_threshold()
    first_in, second_done = threading.Event(), threading.Event()
    seen: list[tuple[int, int, int]] = []

    def second_job() -> None:
        first_in.wait()
        with heap.no_full_collections():
            seen.append(gc.get_threshold())
        second_done.set()

    worker = threading.Thread(target=second_job)
    worker.start()
    with heap.no_full_collections():
        seen.append(gc.get_threshold())
        first_in.set()
        second_done.wait(10)  # the other job starts and ends inside this one
        seen.append(gc.get_threshold())
    worker.join()
    assert all(t == (before[0], before[1], heap.NEVER) for t in seen)
    assert gc.get_threshold() == before


def test_a_job_that_built_many_objects_freezes_what_it_left_alive_and_a_small_one_does_not():
    gc.unfreeze()
    with heap.no_full_collections():
        small = [[i] for i in range(100)]
    assert gc.get_freeze_count() == 0
    with heap.no_full_collections():
        built = [[i] for i in range(200_000)]  # ~285 young collections
    assert gc.get_freeze_count() >= len(built)
    assert small and built


def test_a_pane_showing_a_full_load_freezes_what_it_built_however_little():
    gc.unfreeze()
    with heap.no_full_collections(then_settle=True):  # as MainWindow._refresh_if_stale on a full load
        rows = [[i] for i in range(100)]
    assert gc.get_freeze_count() >= len(rows)


def test_settling_lets_go_of_the_source_lines_read_while_modules_were_imported():
    import linecache

    linecache.getlines(heap.__file__)  # as PySide6's import hook reads each module imported after it
    assert heap.__file__ in linecache.cache
    heap.settle()
    assert heap.__file__ not in linecache.cache
