"""Memory of the open cockpit (issue 15): the resident size of the window's process plus any process it started
(a chart process drew the charts until issue 15 had them painted natively: there is none now), after
``bench/_paint_probe.py`` has visited every pane and every chart has drawn, on the large demo launch and
on one five times larger. Beside it, the bare Qt window of the same probe. Goals: ≤ 250 MB large, ≤ 400 MB 5×.

Resident sizes are added up as the system monitor shows them (shared library pages count in each process).
``python -m bench.memory`` runs it alone; Linux only (it reads /proc), elsewhere the figures are left out.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench import Figure
from bench.first_paint import probe

BENCH = "memory"
SCALES = (("large", "large", 250.0), ("5×", "huge", 400.0))


def run() -> list[Figure]:
    from cockpit.services.demo import write_demo

    if not Path("/proc/self/status").exists():
        print("bench.memory: no /proc here; memory figures left out", file=sys.stderr)
        return []
    out = [Figure(BENCH, "bare Qt window (floor)", float(probe("bare")["resident_mb_bare"]), " MB")]
    with tempfile.TemporaryDirectory(prefix="cockpit-bench-memory-") as folder:
        for label, size, goal in SCALES:
            launch = write_demo(Path(folder) / f"{size}.golive", size=size, lang="en", actor="bench")
            report = probe("cockpit", launch)
            sizes = report["resident_mb"]
            mb = sum(sizes.values())
            detail = " + ".join(f"{v:.0f}" for v in sizes.values())
            out.append(
                Figure(
                    BENCH,
                    f"{label}: window and its processes, every pane visited ({detail} MB)",
                    mb,
                    " MB",
                    f"≤ {goal:.0f} MB",
                    mb <= goal,
                )
            )
    return out


if __name__ == "__main__":
    from bench.__main__ import format_table

    print(format_table(run()))
