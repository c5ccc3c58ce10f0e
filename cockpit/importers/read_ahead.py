"""Read on a thread of its own while the caller writes what was read, so an import's parse and insert overlap.

Both threads run Python, so they share one GIL; what overlaps is the time SQLite spends stepping an insert,
which it does with the GIL released. The catch: a thread that let the GIL go waits up to the switch interval
(5 ms by default) to get it back from a busy one, and a writer needs it back after every statement. So while
reading ahead the interval is 0.1 ms, and the writer's statements carry 1,000 rows each: it is back within that
after each one. (At 5 ms a 100,000-case import took 0.35 s instead of 0.30 s; at 20 µs, no quicker than at 0.1.)
What is left to share is what the writer does holding the GIL, binding the values: the parse runs about 30 %
slower beside it, which is still a quarter quicker than parsing and then writing.

At most ``MAX_WAITING`` items wait to be taken: a writer slower than the reader (a slow share) holds the
reader back instead of the whole file piling up in memory.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Iterator
from typing import Generic, TypeVar

Item = TypeVar("Item")

SWITCH_INTERVAL_SECONDS = 0.0001
MAX_WAITING = 16  # an import's chunks: 4 MB of file read ahead at most, 0.1 s of parsing or more

_DONE = object()
_interval_lock = threading.Lock()
_interval_users = 0
_interval_before = 0.0


class _Failed:
    __slots__ = ("error",)

    def __init__(self, error: BaseException) -> None:
        self.error = error


class ReadAhead(Generic[Item]):
    """What ``items`` yields, taken from it on another thread from the start, as fast as it comes; an
    exception it raises is raised here. ``close()`` (also at the end, or on an error) stops the reading
    after its current item."""

    def __init__(self, items: Iterator[Item], *, max_waiting: int = MAX_WAITING) -> None:
        self._handoff: queue.Queue[object] = queue.Queue(maxsize=max_waiting)
        self._stop = threading.Event()
        self._items = items
        self._finished = False
        _shorten_switch_interval()
        self._reader = threading.Thread(target=self._produce, name="cockpit-read-ahead", daemon=True)
        self._reader.start()

    def _produce(self) -> None:
        try:
            for item in self._items:
                if not self._hand_over(item):
                    return
        except BaseException as exc:  # handed to the caller, who raises it
            self._hand_over(_Failed(exc))
        else:
            self._hand_over(_DONE)

    def _hand_over(self, item: object) -> bool:
        """Queue ``item`` once there is room; False when the caller stopped reading meanwhile."""
        while not self._stop.is_set():
            try:
                self._handoff.put(item, timeout=0.05)
            except queue.Full:
                continue
            return True
        return False

    def __iter__(self) -> Iterator[Item]:
        return self

    def __next__(self) -> Item:
        taken = self.take(at_most=1)
        if not taken:
            raise StopIteration
        return taken[0]

    def take(self, *, at_most: int = MAX_WAITING) -> list[Item]:
        """The next item, waiting for it, and up to ``at_most`` - 1 more already read; [] once all were."""
        if self._finished:
            return []
        taken: list[Item] = []
        got = self._handoff.get()
        while True:
            if got is _DONE:
                self.close()
                return taken
            if isinstance(got, _Failed):
                self.close()
                raise got.error
            taken.append(got)  # type: ignore[arg-type]  # anything else in the queue is one of ``items``
            if len(taken) >= at_most:
                return taken
            try:
                got = self._handoff.get_nowait()
            except queue.Empty:
                return taken

    def close(self) -> None:
        if self._finished:
            return
        self._finished = True
        self._stop.set()
        self._reader.join()
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
