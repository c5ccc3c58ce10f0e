"""The read commands as a script starts them (issue 15): whole processes on the large demo launch, each run
paired in the same loop with the floor, ``python -c "import sqlite3"`` (the interpreter and the one library
every command needs), so a busy machine slows both alike. Goal: every read command ≤ 3× the floor.

``python -m bench.cli_start [RUNS]`` runs it alone; ``python -X importtime -m cockpit status FILE`` and
``python -m cProfile -s cumtime -m cockpit status FILE`` say where a command's time goes.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import Figure, compiled_env

BENCH = "cli_start"
RUNS = 5
GOAL = 3.0
FLOOR = (sys.executable, "-c", "import sqlite3")
# The read commands, as a script types them after ``cockpit``; FILE is the launch.
READ_COMMANDS = (
    ("status", "FILE"),
    ("status", "FILE", "--json"),
    ("checklist", "list", "FILE"),
    ("step", "list", "FILE"),
    ("object", "list", "FILE"),
    ("person", "list", "FILE"),
    ("gate", "list", "FILE"),
    ("kpi", "list", "FILE"),
    ("sla", "list", "FILE"),
    ("launch", "show", "FILE"),
    ("who", "FILE"),
    ("changes", "FILE"),
    ("history", "FILE"),
    ("verify", "FILE"),
)


def wall_seconds(command: tuple[str, ...] | list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - started


def paired(command: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Medians of ``runs`` whole-process runs of ``command`` and of the floor, taken in turn."""
    ours, floor = [], []
    for _ in range(runs):
        floor.append(wall_seconds(FLOOR, env))
        ours.append(wall_seconds(command, env))
    return statistics.median(ours), statistics.median(floor)


def run(
    runs: int = RUNS, *, size: str = "large", commands: tuple[tuple[str, ...], ...] = READ_COMMANDS
) -> list[Figure]:
    from cockpit.services.demo import write_demo

    out: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="cockpit-bench-cli-") as folder:
        launch = write_demo(Path(folder) / f"{size}.golive", size=size, lang="en", actor="bench")
        env = compiled_env(folder)
        floors = []
        for words in commands:
            command = [sys.executable, "-m", "cockpit", *(str(launch) if w == "FILE" else w for w in words)]
            wall_seconds(command, env)  # its bytecode compiled and kept, as on a machine that ran it before
            seconds, floor = paired(command, runs, env)
            floors.append(floor)
            ratio = seconds / floor
            label = f"{' '.join(w for w in words if w != 'FILE')}: {seconds:.3f} s, over the floor"
            out.append(Figure(BENCH, label, ratio, "×", f"≤ {GOAL:g}×", ratio <= GOAL))
    out.insert(0, Figure(BENCH, 'floor: python -c "import sqlite3" (median)', statistics.median(floors), "s"))
    return out


if __name__ == "__main__":
    from bench.__main__ import format_table

    print(format_table(run(int(sys.argv[1]) if len(sys.argv) > 1 else RUNS)))
