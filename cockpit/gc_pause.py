"""The cycle collector paused while one report, or one import, is read, built and written (issue 15).

A report's process holds the whole launch (125,000 test cases and 25,000 tickets at five times the large
demo) while it creates tens of thousands of matplotlib objects; each of Python's full collections walks
all of them, and finds next to nothing to free: the pages live until they are written. Paused, the huge
report takes about 0.7 s less CPU (0.2 s the large one) for about 1 % more memory at its peak. An import's
cases are 100,000 tuples holding no cycles: the passes over them and the modules it loads cost 0.015 s of a
0.45 s command that ends soon after. Reference counting still frees what either drops.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """No automatic cycle collection within; as it was on leaving (a caller that paused it keeps it paused)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
