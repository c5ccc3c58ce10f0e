"""Read on a thread of its own while the caller writes what was read, so an import's parse and insert overlap.

Both threads run Python, so they share one GIL; what overlaps is the time SQLite spends stepping an insert,
which it does with the GIL released. The catch: a thread that let the GIL go waits up to the switch interval
(5 ms by default) to get it back from a busy one, and a writer needs it back after every statement. So while
reading ahead the interval is 0.1 ms, and the writer's statements carry 1,000 rows each: it is back within that
after each one. (At 5 ms a 100,000-case import took 0.35 s instead of 0.30 s; at 20 µs, no quicker than at 0.1.)
What is left to share is what the writer does holding the GIL, binding the values: the parse runs about 30 %
slower beside it, which is still a quarter quicker than parsing and then writing.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Generator, Iterator
from typing import TypeVar

Item = TypeVar("Item")

SWITCH_INTERVAL_SECONDS = 0.0001

_DONE = object()
_interval_lock = threading.Lock()
_interval_users = 0
_interval_before = 0.0


class _Failed:
    __slots__ = ("error",)

    def __init__(self, error: BaseException) -> None:
        self.error = error


def read_ahead(items: Iterator[Item]) -> Generator[Item, None, None]:
    """Yield what ``items`` yields, taken from it on another thread as fast as it comes; an exception it
    raises is raised here. Closing this generator early stops the reading after its current item."""
    handoff: queue.SimpleQueue[object] = queue.SimpleQueue()
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if stop.is_set():
                    return
                handoff.put(item)
        except BaseException as exc:  # handed to the caller, who raises it
            handoff.put(_Failed(exc))
        else:
            handoff.put(_DONE)

    reader = threading.Thread(target=produce, name="cockpit-read-ahead", daemon=True)
    _shorten_switch_interval()
    try:
        reader.start()
        while (got := handoff.get()) is not _DONE:
            if isinstance(got, _Failed):
                raise got.error
            yield got  # type: ignore[misc]  # anything else in the queue is one of ``items``
    finally:
        stop.set()
        reader.join()
        _restore_switch_interval()


def _shorten_switch_interval() -> None:
    global _interval_users, _interval_before
    with _interval_lock:
        if _interval_users == 0:
            _interval_before = sys.getswitchinterval()
            sys.setswitchinterval(min(_interval_before, SWITCH_INTERVAL_SECONDS))
        _interval_users += 1


def _restore_switch_interval() -> None:
    global _interval_users
    with _interval_lock:
        _interval_users -= 1
        if _interval_users == 0:
            sys.setswitchinterval(_interval_before)
