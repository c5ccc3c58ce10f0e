"""Reference workloads (``make bench`` → ``python -m bench``): each module has ``run() -> list[Figure]``."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Figure:
    """One line of the bench table: a timing in seconds, or a ratio with the goal it is held to."""

    bench: str
    label: str
    value: float
    unit: str  # "s" or "×"
    goal: str = ""
    met: bool | None = None


def best_of(repeats: int, work: Callable[[], object], *, before: Callable[[], object] | None = None) -> float:
    """The fastest of ``repeats`` timed calls of ``work``; ``before`` prepares each call, untimed."""
    best = float("inf")
    for _ in range(repeats):
        if before is not None:
            before()
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def compiled_env(folder: str | Path) -> dict[str, str]:
    """The environment for a timed child process that starts as on a user's machine: with its modules' bytecode
    compiled once and kept (under ``folder``, not in the checkout), even where PYTHONDONTWRITEBYTECODE is set (a
    CI runner, a sandbox), which would otherwise make every start compile the cockpit's sources again."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
    return env
