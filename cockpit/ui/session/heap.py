"""Keeping Python's cyclic garbage collector off the UI thread's back while the writer builds a launch.

The collector runs on whichever thread allocates, holding the GIL: a full (generation 2) collection
traverses every container object of the process — the launch's rows, the panes' models, Qt's wrappers —
and took 50–80 ms in the window on the large demo, a frozen UI thread in the middle of an import. It
falls due when the objects that survived young collections since the last full one reach a quarter of
the old generation, which building 100,000 test cases (an import, the refresh after it) or a whole
launch (the open) always does.

The policy, on the writer and the Overview's worker (bench/refresh.py, (b) and (c), measures it):

- during every job of theirs, no full collection (``no_full_collections``): young collections go on as
  usual, each a few hundred objects, so short-lived cycles are still collected as they come;
- after a job that built many objects (``BUILT_MANY`` or more young collections happened during it:
  about 70,000 container objects), ``settle``: the young generations are collected (``gc.collect(1)``,
  a few milliseconds: only what was allocated since the last young collection), then ``gc.freeze()``
  moves everything alive to the permanent generation, which no later collection traverses. The next
  full collections look only at what came after, which costs milliseconds, not tens of them;
- the same on the UI thread while a pane catches up with the launch (``MainWindow._refresh_if_stale``: the
  open, a reload, a pane's first show): a full collection falling inside a pane's first show cost 30–40 ms
  at five times the large demo. A pane showing a full load always settles after it: on the large demo the
  open builds fewer than ``BUILT_MANY`` young collections' worth, nothing was ever frozen, and a full
  collection of the launch's 117,000 objects fell inside the Tests pane's first paint (38–50 ms).

What freezing costs: a garbage cycle that had already reached the old generation at that moment is
never collected (the young ones are collected first, so only those older than the last young
collections). An import and the refresh after it leave none (``gc.collect()`` after them finds 0
unreachable objects); reference counting frees frozen objects that are not in a cycle as usual (the
previous launch's rows go when the window drops them). Jobs on two threads may overlap: the thresholds
are set aside by the first job to start and put back by the last to end.
"""

from __future__ import annotations

import gc
import linecache
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Young collections during one job past which its objects are frozen afterwards (~700 objects each).
BUILT_MANY = 100
NEVER = 1 << 30  # a generation-2 threshold no job reaches


def young_collections() -> int:
    return int(gc.get_stats()[0]["collections"])


_lock = threading.Lock()
_jobs = 0  # jobs inside ``no_full_collections`` now, on any thread
_thresholds = gc.get_threshold()  # as they were before the first of them


@contextmanager
def no_full_collections(*, then_settle: bool = False) -> Iterator[None]:
    """No full collection while the body runs; young ones as usual. Then ``settle`` if it built many objects
    (or ``then_settle``: a pane showing a full load, whose objects live as long as that load)."""
    global _jobs, _thresholds
    started = young_collections()
    with _lock:
        if _jobs == 0:
            _thresholds = gc.get_threshold()
            gc.set_threshold(_thresholds[0], _thresholds[1], NEVER)
        _jobs += 1
    try:
        yield
    finally:
        with _lock:
            _jobs -= 1
            if _jobs == 0:
                gc.set_threshold(*_thresholds)
        if then_settle or young_collections() - started >= BUILT_MANY:
            settle()


def settle() -> None:
    """Collect the young generations, then freeze what is alive: later collections skip it.

    Also empties ``linecache``: PySide6's import hook (``shibokensupport.feature``) reads the source of every
    module imported after it to see whether it uses PySide, and the lines stay cached (9 MB in the window
    once the panes have drawn a launch). Nothing reads them; a traceback reads its lines again."""
    linecache.clearcache()
    gc.collect(1)
    gc.freeze()
