"""UI-thread time of one changed row reaching each pane, on the large demo and on one N times larger.

``make bench`` runs it through ``bench/panes.py`` (goal: ≤ 50 ms a pane); alone: ``python -m bench._pane_patch [--scale 5] [--runs 5]``.
Each pane is shown (offscreen), drawn once from the whole launch, and then handed the launch with one of
its rows replaced (every other row the same object, as the session's partial re-read leaves them) and the
``Changes`` naming that row. The time is ``apply_data`` plus the events it queued (layout, repaint): what
the window's UI thread would spend (the overview's lights that read the changed table are in it: after a
checklist change it works out that light and one gate criterion on the UI thread; lights it leaves to its
worker, the SLA clocks and the test cases, would not be). A pane whose ``apply_data`` takes no ``changes`` (the code before the
patch path) is timed the same way, re-applying everything.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import inspect
import os
import pstats
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cockpit.changes import Changes
from cockpit.services.demo import write_demo
from cockpit.services.demo.context import SCALES
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


def demo_file(folder: Path, scale: int) -> Path:
    path = folder / f"large-x{scale}.golive"
    if path.exists():
        return path
    size = "large"
    if scale != 1:
        large = SCALES["large"]
        SCALES[f"x{scale}"] = dataclasses.replace(
            large,
            checklist=large.checklist * scale,
            steps=large.steps * scale,
            objects=large.objects * scale,
            risks=large.risks * scale,
            tickets=large.tickets * scale,
            runs_per_level=large.runs_per_level * scale,
        )
        size = f"x{scale}"
    write_demo(path, size=size, actor="bench", now=NOW)  # type: ignore[arg-type]
    return path


def one_change(data, pane_id: str, turn: int):
    """``data`` with one row of the pane's main table changed, and the ``Changes`` naming it."""
    changes = Changes()

    def swap(field: str, table: str, position: int, **values):
        rows = list(getattr(data, field))
        rows[position] = dataclasses.replace(rows[position], **values)
        changes.add(table, rows[position].id)
        return dataclasses.replace(data, **{field: tuple(rows)})

    middle = lambda rows: len(rows) // 2  # noqa: E731
    if pane_id in ("checklist", "overview"):
        status = ("done", "in_progress")[turn % 2]
        return swap("checklist", "checklist_items", middle(data.checklist), status=status), changes
    if pane_id == "risks":
        risk = data.risks[middle(data.risks)]
        return swap("risks", "risks", middle(data.risks), owner=f"{risk.owner}{turn}"), changes
    if pane_id == "support":
        ticket = data.tickets[middle(data.tickets)]
        return swap("tickets", "tickets", middle(data.tickets), title=f"{ticket.title} {turn}"), changes
    if pane_id == "migration":
        obj = data.objects[middle(data.objects)]
        return swap(
            "objects", "migration_objects", middle(data.objects), target_rows=(obj.target_rows or 0) + 1
        ), changes
    if pane_id in ("results", "tests"):
        run = data.runs[0]
        return swap("runs", "test_runs", 0, name=f"{run.name} {turn}"), changes
    return data, changes


def settle(app, pane) -> None:
    """Let a pane's own worker (the overview's lights) finish, so it does not slow the next measurement."""
    figures = getattr(pane, "_figures", None)
    while figures is not None and figures.busy:
        app.processEvents()
        time.sleep(0.005)


def measure(path: Path, runs: int, profile: str = "", only: str = "") -> dict[str, tuple[float, float]]:
    from PySide6.QtWidgets import QApplication

    from cockpit.ui.panes.registry import PANES
    from cockpit.ui.session.launch_session import LaunchSession

    app = QApplication.instance() or QApplication([])
    from cockpit.ui.session.heap import no_full_collections
    from cockpit.ui.session.heap import settle as settle_heap

    with open_launch(path, read_only=True) as lf, no_full_collections():  # as the session's open does
        data = load_launch(lf)
    session = LaunchSession(path=path, actor="bench", clock=lambda: NOW)
    results: dict[str, tuple[float, float]] = {}
    for pane_class in PANES:
        if only and pane_class.pane_id not in only.split(","):
            continue
        pane = pane_class(session)
        pane.resize(1600, 1000)
        pane.show()
        takes_changes = "changes" in inspect.signature(pane.apply_data).parameters
        pane.apply_data(data, NOW)
        app.processEvents()
        settle_heap()  # as the main window does after a full load
        full, patch = [], []
        current = data
        for turn in range(runs):
            started = time.perf_counter()
            pane.apply_data(current, NOW)
            app.processEvents()
            full.append(time.perf_counter() - started)
            changed, changes = one_change(current, pane.pane_id, turn)
            profiler = cProfile.Profile() if pane.pane_id == profile else None
            if profiler is not None:
                profiler.enable()
            started = time.perf_counter()
            if takes_changes:
                pane.apply_data(changed, NOW, changes)
            else:
                pane.apply_data(changed, NOW)
            app.processEvents()
            patch.append(time.perf_counter() - started)
            settle(app, pane)
            if profiler is not None:
                profiler.disable()
                pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
            current = changed
        results[pane.pane_id] = (min(full), min(patch))
        pane.close()
        pane.deleteLater()
        app.processEvents()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=1, help="times the large demo (1: the large demo)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", default="", help="a pane id: print where one changed row's time goes")
    parser.add_argument("--panes", default="", help="pane ids, comma-separated (default: every pane)")
    parser.add_argument("--folder", type=Path, default=Path("/tmp/cockpit-pane-bench"))
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    path = demo_file(args.folder, args.scale)
    import cockpit

    print(f"code: {Path(cockpit.__file__).parent}; launch: {path.name}", file=sys.stderr)
    for pane_id, (full, patch) in measure(path, args.runs, args.profile, args.panes).items():
        print(f"{pane_id:10s} full re-apply {full * 1000:7.1f} ms   one changed row {patch * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
