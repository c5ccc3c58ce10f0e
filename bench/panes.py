"""Each pane's UI-thread time for one changed row (issue 8's (b), pane by pane), on the large demo and on one
five times larger, beside the pane applying the whole launch again: ``bench/_pane_patch.py`` in a fresh
offscreen process per size (best of 3; ``python -m bench._pane_patch --profile PANE`` says where it goes).

Goal: ≤ 50 ms of UI-thread work for one change, whichever pane shows. The Overview works out again only the
lights whose tables changed (a checklist row: that light and one gate criterion, on the UI thread; the SLA
clocks and test cases on its own worker, whose UI gaps ``bench.refresh`` measures); the whole-launch figure is
the same data applied again as a full load (``changes`` None), most rows the same objects.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import Figure

BENCH = "panes"
SCALES = (("large", 1), ("huge", 5))
GOAL_S = 0.050
RUNS = 3
LINE = re.compile(r"^(\w+)\s+full re-apply\s+([\d.]+) ms\s+one changed row\s+([\d.]+) ms$")


def run() -> list[Figure]:
    out: list[Figure] = []
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory(prefix="cockpit-bench-panes-") as folder:
        for size, scale in SCALES:
            args = [sys.executable, "-m", "bench._pane_patch", "--scale", str(scale), "--runs", str(RUNS)]
            done = subprocess.run(
                [*args, "--folder", folder],
                capture_output=True,
                text=True,
                env=env,
                cwd=Path(__file__).parent.parent,
                timeout=900,
                check=False,
            )
            rows = [m.groups() for m in map(LINE.match, done.stdout.splitlines()) if m]
            if not rows:
                raise RuntimeError(
                    f"bench._pane_patch reported nothing (exit {done.returncode}): {done.stderr[-2000:]}"
                )
            for pane, whole, one in rows:
                one_s = float(one) / 1000
                out += [
                    Figure(BENCH, f"{size}: {pane}, the whole launch applied again", float(whole), " ms"),
                    Figure(
                        BENCH,
                        f"{size}: {pane}, one changed row",
                        float(one),
                        " ms",
                        f"≤ {GOAL_S * 1000:.0f} ms",
                        one_s <= GOAL_S,
                    ),
                ]
    return out


if __name__ == "__main__":
    from bench.__main__ import format_table

    print(format_table(run()))
