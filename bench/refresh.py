"""A change reaches the window by re-reading only what it touched (issue 8), against the full reload after
every write, measured in the same run on the large demo launch and on one five times larger (``huge``).

In process, without Qt: the store's full read of the launch, and the refresh after one checklist edit
(``store.refresh.refresh_snapshot``: the audit rows since the last refresh, the rows they name).

In a real window (``bench/_refresh_probe.py``, a fresh offscreen process per size), alternating the patched
refresh with the full reload in its place (a whole read, handed to the panes as a full load: the way
before issue 8):
(a) my checklist status change, from the status cell's edit to the checklist pane's model showing it
    (and, inside it, to the session's data ready, before any pane runs); goal ≤ 100 ms;
(b) a teammate's status change written by another process: the UI thread's work from the refresh's result
    arriving to the pane showing it (goal ≤ 50 ms), the longest gap of the event loop meanwhile (≤ 50 ms);
    and with the Overview showing, whose lights are worked out on its own worker, the longest gap until
    they are shown (≤ 50 ms);
(c) the longest UI-thread gap while a 100,000-case JUnit import runs (the checklist pane showing, the
    import's progress in the status bar), until its result reaches the UI thread (≤ 50 ms); the garbage
    collections meanwhile are printed, with their thread;
(d) the cost of one change on the huge launch over the large one (≤ 1.5×): the writer's CPU for one edit
    written and refreshed (median of 9, after 3 warm-up edits; its wall clock, shown beside it, is mostly
    the COMMIT's wait for the disk, 1–20 ms here depending on what else writes), my edit to the pane on
    the best of the edits, the UI thread's work for a teammate's change on the median of 8.

Each demo file is flushed to disk (``os.sync``) before it is measured, so the first commits do not pay
for writing back the file the demo generator just wrote. UI-thread gaps depend on the machine's load
(the load average is printed with the figures). ``python -m bench.refresh`` runs it alone.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import Figure, best_of
from bench.junit_import import write_results

BENCH = "refresh"
SIZES = ("large", "huge")
PROBE = Path(__file__).with_name("_refresh_probe.py")
RUN_TIMEOUT_S = 900
EDIT_GOAL_S = 0.100
UI_WORK_GOAL_S = 0.050
GAP_GOAL_S = 0.050
SIZE_RATIO_GOAL = 1.5
STORE_EDITS = 9
WARM_UP_EDITS = 3


def store_costs(launch: Path) -> dict[str, float]:
    """The full read; and per checklist status change (median of several, each on another item) the
    refresh after it alone, and the whole change as the writer does it: the write transaction, then
    the refresh."""
    from cockpit.services.edits import set_checklist_status
    from cockpit.store.launchfile import open_launch
    from cockpit.store.refresh import refresh_snapshot
    from cockpit.store.watch import load_snapshot

    with open_launch(launch) as lf:
        full = best_of(3, lambda: load_snapshot(lf))
        snapshot = load_snapshot(lf)
        refreshes, changes, cpu = [], [], []
        # The first writes after the file was generated wait on its pages coming back into the cache and on
        # the disk still flushing it: not the cost of a change, and larger the larger the file. Left out.
        # Forced: a demo item may depend on one still open, and a done over it is refused otherwise.
        for item in snapshot.data.checklist[:-STORE_EDITS][-WARM_UP_EDITS:]:
            status = "done" if item.status.value == "n_a" else "n_a"
            edit = set_checklist_status(
                lf, actor="bench", item_id=item.id, status=status, reason="bench", force=True
            )
            snapshot = refresh_snapshot(lf, snapshot, edit.changes).snapshot
        for item in snapshot.data.checklist[-STORE_EDITS:]:
            status = "done" if item.status.value == "n_a" else "n_a"
            started, started_cpu = time.perf_counter(), time.thread_time()
            edit = set_checklist_status(
                lf, actor="bench", item_id=item.id, status=status, reason="bench", force=True
            )
            written = time.perf_counter()
            refreshed = refresh_snapshot(lf, snapshot, edit.changes)
            changes.append(time.perf_counter() - started)
            cpu.append(time.thread_time() - started_cpu)
            refreshes.append(time.perf_counter() - written)
            snapshot = refreshed.snapshot
    return {
        "full": full,
        "refresh": statistics.median(refreshes),
        "change": statistics.median(changes),
        "best_refresh": min(refreshes),
        "best_change": min(changes),
        # (d) holds the CPU the change costs: its wall-clock time is mostly the COMMIT's wait for the disk
        # (synchronous=FULL), 1-20 ms with whatever else writes, whatever the launch's size.
        "change_cpu": statistics.median(cpu),
    }


def probe(launch: Path, results: Path | None) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    args = [sys.executable, str(PROBE), "window", str(launch), *([str(results)] if results else [])]
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=RUN_TIMEOUT_S, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(
            f"the refresh probe reported nothing (exit {done.returncode}): {done.stderr[-2000:]}"
        )
    return json.loads(lines[-1])


def run() -> list[Figure]:
    from cockpit.services.demo import write_demo

    measured: dict[str, tuple[dict, dict]] = {}
    with tempfile.TemporaryDirectory(prefix="cockpit-bench-") as folder:
        results = Path(folder) / "results.xml"
        write_results(results)
        for size in SIZES:
            started = time.perf_counter()
            launch = write_demo(Path(folder) / f"{size}.golive", size=size, lang="en", actor="bench")
            print(f"refresh: {size} demo written in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            os.sync()
            store = store_costs(launch)
            window = probe(launch, results)
            measured[size] = (store, window)
            imported = window["import"]
            where = ", ".join(f"{gap * 1000:.0f} ms at {at:.2f} s" for gap, at in imported["longest_gaps"])
            print(f"refresh: {size}: longest UI gaps of the import, from its start: {where}", file=sys.stderr)
            collected = ", ".join(
                f"gen {gen} {took * 1000:.0f} ms on {thread} at {at:.2f} s"
                for gen, took, thread, at in imported["collections"]
            )
            print(f"refresh: {size}: its longest garbage collections: {collected or 'none'}", file=sys.stderr)
    print(f"refresh: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", file=sys.stderr)
    return figures(measured)


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _ms(seconds: float) -> float:
    return seconds * 1000


def _pair(size: str, label: str, full: float, patched: float, goal_s: float | None = None) -> list[Figure]:
    """The baseline (the full reload after every write) and the figure now, side by side."""
    goal = {} if goal_s is None else {"goal": f"≤ {goal_s * 1000:.0f} ms", "met": patched <= goal_s}
    return [
        Figure(BENCH, f"{size}: {label}, full reload (baseline)", _ms(full), " ms"),
        Figure(BENCH, f"{size}: {label}, patched", _ms(patched), " ms", **goal),
    ]


def figures(measured: dict[str, tuple[dict, dict]]) -> list[Figure]:
    out: list[Figure] = []
    for size, (store, window) in measured.items():
        edit, ready, mate, lights = (
            window["edit"],
            window["edit_data_ready"],
            window["teammate"],
            window["overview"],
        )
        out += [
            Figure(BENCH, f"{size}: store, full read of the launch (baseline)", _ms(store["full"]), " ms"),
            Figure(BENCH, f"{size}: store, refresh after one edit", _ms(store["refresh"]), " ms"),
            Figure(BENCH, f"{size}: store, one edit written and refreshed", _ms(store["change"]), " ms"),
            *_pair(
                size,
                "(a) my edit, click to pane",
                _median(edit["full"]),
                _median(edit["patched"]),
                EDIT_GOAL_S,
            ),
            *_pair(
                size, "(a) of it, to the session's data", _median(ready["full"]), _median(ready["patched"])
            ),
            *_pair(
                size,
                "(b) teammate's change, UI-thread work",
                _median(mate["full"]["ui_work"]),
                _median(mate["patched"]["ui_work"]),
                UI_WORK_GOAL_S,
            ),
            *_pair(
                size,
                "(b) longest UI gap meanwhile",
                max(mate["full"]["worst_gap"]),
                max(mate["patched"]["worst_gap"]),
                GAP_GOAL_S,
            ),
            *_pair(
                size,
                "(b) poll to pane",
                _median(mate["full"]["poll_to_pane"]),
                _median(mate["patched"]["poll_to_pane"]),
            ),
            *_pair(
                size,
                "(b) Overview showing: longest UI gap to its lights",
                max(lights["full"]["worst_gap"]),
                max(lights["patched"]["worst_gap"]),
                GAP_GOAL_S,
            ),
            *_pair(
                size,
                "(b) Overview showing: change to its lights",
                _median(lights["full"]["to_lights"]),
                _median(lights["patched"]["to_lights"]),
            ),
        ]
        imported = window["import"]
        out += [
            Figure(BENCH, f"{size}: (c) 100,000-case import, start to shown", imported["seconds"], "s"),
            Figure(
                BENCH,
                f"{size}: (c) longest UI gap while it runs",
                _ms(imported["worst_gap_importing"]),
                " ms",
                f"≤ {GAP_GOAL_S * 1000:.0f} ms",
                imported["worst_gap_importing"] <= GAP_GOAL_S,
            ),
            Figure(
                BENCH,
                f"{size}: (c) of it, to its progress shown",
                _ms(imported["progress_shown"]),
                " ms",
            ),
            Figure(
                BENCH,
                f"{size}: (c) longest UI gap showing its result",
                _ms(imported["worst_gap_showing"]),
                " ms",
            ),
        ]
    if set(SIZES) <= measured.keys():
        (large_store, large_window), (huge_store, huge_window) = measured["large"], measured["huge"]

        def window_ratio(key: str, mode: str = "patched") -> float:
            return min(huge_window[key][mode]) / min(large_window[key][mode])

        def work_ratio(mode: str) -> float:  # no disk in it: the median of 8 changes, each 1-3 ms
            return _median(huge_window["teammate"][mode]["ui_work"]) / _median(
                large_window["teammate"][mode]["ui_work"]
            )

        ratio = {
            "full": huge_store["full"] / large_store["full"],
            "change": huge_store["change_cpu"] / large_store["change_cpu"],
            "change_wall": huge_store["best_change"] / large_store["best_change"],
            "refresh": huge_store["best_refresh"] / large_store["best_refresh"],
        }
        goal = f"≤ {SIZE_RATIO_GOAL}×"
        out += [
            Figure(BENCH, "(d) huge/large: store, full read (baseline)", ratio["full"], "×"),
            Figure(
                BENCH,
                "(d) huge/large: store, one edit written and refreshed (CPU)",
                ratio["change"],
                "×",
                goal,
                ratio["change"] <= SIZE_RATIO_GOAL,
            ),
            Figure(
                BENCH, "(d) huge/large: of it, wall clock with the disk's wait", ratio["change_wall"], "×"
            ),
            # What grows is the copy of the patched tuple (about 15 ns a row: 0.1 ms for 10,000 items).
            Figure(BENCH, "(d) huge/large: of it, the refresh alone", ratio["refresh"], "×"),
            Figure(
                BENCH,
                "(d) huge/large: my edit to the pane, full reload (baseline)",
                window_ratio("edit", "full"),
                "×",
            ),
            Figure(
                BENCH,
                "(d) huge/large: my edit to the pane, patched",
                window_ratio("edit"),
                "×",
                goal,
                window_ratio("edit") <= SIZE_RATIO_GOAL,
            ),
            Figure(
                BENCH,
                "(d) huge/large: teammate's change, UI work, full reload (baseline)",
                work_ratio("full"),
                "×",
            ),
            Figure(
                BENCH,
                "(d) huge/large: teammate's change, UI work, patched",
                work_ratio("patched"),
                "×",
                goal,
                work_ratio("patched") <= SIZE_RATIO_GOAL,
            ),
        ]
    return out


if __name__ == "__main__":
    from bench.__main__ import format_table

    print(format_table(run()))
