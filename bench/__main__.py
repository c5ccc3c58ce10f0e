"""Run every bench module in this folder and print one table."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

from bench import Figure


def main() -> int:
    figures: list[Figure] = []
    for module in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        bench = importlib.import_module(f"bench.{module.name}")
        print(f"running bench.{module.name} …", file=sys.stderr, flush=True)
        figures.extend(bench.run())
    print(format_table(figures))
    return 1 if any(figure.met is False for figure in figures) else 0


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
    sys.exit(main())
