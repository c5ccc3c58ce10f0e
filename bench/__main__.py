"""Run every bench module in this folder (or those named: ``python -m bench cli_start memory``) and print one
table, headed by the machine it ran on; exit 1 when any figure misses its goal.

A bench module is any ``bench/<name>.py`` not starting with ``_``: its ``run() -> list[Figure]`` is called
and its figures join the table (a Figure with a ``goal`` and ``met`` counts toward the exit status)."""

from __future__ import annotations

import importlib
import os
import pkgutil
import platform
import sys
from pathlib import Path

from bench import Figure


def main(names: list[str]) -> int:
    figures: list[Figure] = []
    for module in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if module.name.startswith("_") or (names and module.name not in names):
            continue
        bench = importlib.import_module(f"bench.{module.name}")
        print(f"running bench.{module.name} …", file=sys.stderr, flush=True)
        figures.extend(bench.run())
    print(machine())
    print(format_table(figures))
    return 1 if any(figure.met is False for figure in figures) else 0


def machine() -> str:
    """The machine in one line, for the README's table: CPU, cores, memory, system, Python."""
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {memory_kb / 1024**2:.0f} GB"
    except (OSError, StopIteration, ValueError, IndexError):
        memory = ""
    return (
        f"Machine: {cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def format_table(figures: list[Figure]) -> str:
    rows = [("bench", "measure", "value", "goal", "")]
    for f in figures:
        value = f"{f.value:.3f} s" if f.unit == "s" else f"{f.value:.2f}{f.unit}"
        verdict = "" if f.met is None else ("met" if f.met else "MISSED")
        rows.append((f.bench, f.label, value, f.goal, verdict))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
