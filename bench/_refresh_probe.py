"""One fresh process of the refresh bench: a real window on a launch, edited and changed under it.

    python bench/_refresh_probe.py window LAUNCH [RESULTS_XML]
    python bench/_refresh_probe.py teammate LAUNCH        (the other process: writes what stdin asks)

The window opens LAUNCH with the checklist pane showing, then, alternating the refresh that reads only
what changed ("patched") with the full reload after every write ("full", the baseline: the way before
issue 8, by swapping ``store.refresh.patch_launch`` for ``read_launch`` and handing the panes the launch
as a full load, ``data_loaded(data, None)``, so the visible pane draws it whole):

(a) sets a checklist item's status through the pane's model, as the status cell's editor does on a click,
    and times it until the pane's model shows the new status;
(b) has the teammate process write a status change and times the UI thread's work from the refresh's
    result arriving (``changed``) until the pane's model shows it, the longest gap between the ticks of
    a 2 ms timer meanwhile, and the time from the poll that saw it; then the same with the Overview
    showing (its lights are worked out on its own worker): the longest gap until the lights are shown;
(c) with RESULTS_XML: imports it into the launch from the Tests pane's importer and records the gaps of
    the UI thread while the import runs (until its result reaches the UI thread) and while it is shown,
    and the garbage collections meanwhile (which thread, which generation, how long).

Prints one JSON line.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

EDITS_PER_MODE = 7
CHANGES_PER_MODE = 8
TIMEOUT_S = 120
MODES = ("patched", "full")


def teammate(launch: str) -> int:
    from cockpit.services.edits import set_checklist_status
    from cockpit.store.launchfile import open_launch

    with open_launch(launch) as lf:
        for line in sys.stdin:
            item_id, status = line.split()
            set_checklist_status(
                lf, actor="bob", item_id=int(item_id), status=status, reason="bench", force=True
            )
            print("ok", flush=True)
    return 0


class Ticks:
    """A timer on the UI thread; every gap between two ticks is kept as (start, end)."""

    def __init__(self, interval_ms: int = 2) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[tuple[float, float]] = []
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps.clear()
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._tick()
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((self._last, now))
        self._last = now

    def worst(self, begin: float = 0.0, end: float = float("inf")) -> float:
        """The longest stretch of a gap that lies between ``begin`` and ``end``."""
        return max((min(b, end) - max(a, begin) for a, b in self.gaps if a < end and b > begin), default=0.0)


class FirstPaint:
    """Notes when ``widget`` first starts to paint."""

    def __init__(self, widget) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.at: float | None = None
        outer = self

        class Filter(QObject):
            def eventFilter(self, watched, event) -> bool:
                if event.type() == QEvent.Type.Paint and outer.at is None:
                    outer.at = time.perf_counter()
                return False

        self._filter = Filter()
        if widget is not None:
            widget.installEventFilter(self._filter)


def wait_until(predicate, timeout_s: float = TIMEOUT_S) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    if predicate():
        return
    loop, timer = QEventLoop(), QTimer()
    deadline = time.perf_counter() + timeout_s
    timer.setInterval(1)
    timer.timeout.connect(lambda: (predicate() or time.perf_counter() > deadline) and loop.quit())
    timer.start()
    loop.exec()
    timer.stop()
    if not predicate():
        raise TimeoutError("the window did not get there in time")


def settle(window, ms: int = 100) -> None:
    """Let the writer run dry and the watcher's next poll pass, so one measure does not overlap the next."""
    wait_until(lambda: not window.session.busy)
    started = time.perf_counter()
    wait_until(lambda: time.perf_counter() - started > ms / 1000)


def use(mode: str, session) -> None:
    """``patched``: the refresh as it is; ``full``: a whole read in place of the patch, shown as a full load."""
    import cockpit.store.refresh as refresh
    from cockpit.store.read import read_launch

    _REAL_PATCH.setdefault("patch_launch", refresh.patch_launch)
    if mode == "patched":
        refresh.patch_launch = _REAL_PATCH["patch_launch"]
        session.__dict__.pop("_take", None)
    else:
        refresh.patch_launch = lambda conn, _previous, _changes: read_launch(conn)

        def take_whole(refreshed) -> None:
            session.changed.emit(refreshed.changes)
            session._show(refreshed.snapshot, None)

        session._take = take_whole


class Collections:
    """Garbage collections longer than 2 ms: (generation, ms, thread, start)."""

    def __init__(self) -> None:
        self.seen: list[tuple[int, float, str, float]] = []
        self._started: dict[int, float] = {}

    def __enter__(self):
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *_exc) -> None:
        gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        now, thread = time.perf_counter(), threading.current_thread()
        if phase == "start":
            self._started[thread.ident] = now
        elif (took := now - self._started.pop(thread.ident, now)) > 0.002:
            self.seen.append((info["generation"], took, thread.name, now - took))


_REAL_PATCH: dict = {}


def window_probe(launch: str, results: str | None) -> dict:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from cockpit.domain.checklist import ItemStatus
    from cockpit.domain.tests import TestLevel
    from cockpit.ui.main_window import MainWindow
    from cockpit.ui.panes.checklist.model import Column
    from cockpit.ui.settings import open_settings

    app = QApplication([sys.argv[0]])
    report: dict = {}
    with tempfile.TemporaryDirectory(prefix="cockpit-bench-settings-") as folder:
        window = MainWindow(settings=open_settings(Path(folder) / "settings.ini"))
        window.show()
        started = time.perf_counter()
        session = window.open_file(launch)
        window.show_pane("checklist")
        pane = window.pane("checklist")
        wait_until(
            lambda: session.data is not None and pane.model.item(session.data.checklist[0].id) is not None
        )
        report["open"] = time.perf_counter() - started
        settle(window)
        model = pane.model
        # Items nothing holds back: marking one done that waits on others asks the user first (a dialog).
        fresh = iter(
            [
                i
                for i in session.data.checklist
                if i.status is ItemStatus.NOT_STARTED and not i.depends_on and not i.blocked_reason
            ]
        )
        watch: dict = {}

        def shown() -> None:  # connected after the window's own slot: the pane has been given the data
            item_id, status = watch.get("item", (None, None))
            if item_id is not None and "end" not in watch and model.item(item_id).status.value == status:
                watch["end"] = time.perf_counter()

        session.data_loaded.connect(shown)

        def arrived() -> bool:  # a large checklist shows a full load a few categories a turn: look each poll
            shown()
            return "end" in watch

        session.changed.connect(lambda _c: watch.setdefault("changed", time.perf_counter()))
        session._watch.seen.connect(lambda _s: watch.setdefault("seen", time.perf_counter()))

        # (a) my edit, from the click to the pane
        edits: dict[str, list[float]] = {mode: [] for mode in MODES}
        data_ready: dict[str, list[float]] = {mode: [] for mode in MODES}  # click → the session's ``changed``
        for _ in range(EDITS_PER_MODE):
            for mode in MODES:
                use(mode, session)
                item = next(fresh)
                watch.clear()
                watch["item"] = (item.id, ItemStatus.DONE.value)
                clicked = time.perf_counter()
                model.setData(model.index_of_item(item.id, Column.STATUS), ItemStatus.DONE.value)
                wait_until(arrived)
                edits[mode].append(watch["end"] - clicked)
                data_ready[mode].append(watch["changed"] - clicked)
                settle(window)
        report["edit"] = edits
        report["edit_data_ready"] = data_ready

        # (b) a teammate's change, polled and applied
        other = subprocess.Popen(
            [sys.executable, __file__, "teammate", launch],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        ticks = Ticks()
        changes: dict[str, dict[str, list[float]]] = {
            mode: {"ui_work": [], "worst_gap": [], "poll_to_pane": []} for mode in MODES
        }
        try:
            for _ in range(CHANGES_PER_MODE):
                for mode in MODES:
                    use(mode, session)
                    item = next(fresh)
                    watch.clear()
                    watch["item"] = (item.id, ItemStatus.IN_PROGRESS.value)
                    ticks.start()
                    other.stdin.write(f"{item.id} {ItemStatus.IN_PROGRESS.value}\n")
                    other.stdin.flush()
                    wait_until(arrived)
                    ticks.stop()
                    changes[mode]["ui_work"].append(watch["end"] - watch["changed"])
                    changes[mode]["worst_gap"].append(ticks.worst())
                    changes[mode]["poll_to_pane"].append(watch["end"] - watch["seen"])
                    settle(window, ms=300)
            # The same with the Overview showing: its lights are worked out on its own worker.
            window.show_pane("overview")
            overview = window.pane("overview")
            settle(window, ms=500)
            real_show = overview._show_figures

            def lights_shown(generation, *figures) -> None:
                real_show(generation, *figures)
                if generation == overview._generation and "changed" in watch:
                    watch.setdefault("lights", time.perf_counter())

            overview._show_figures = lights_shown
            lights: dict[str, dict[str, list[float]]] = {
                mode: {"worst_gap": [], "to_lights": []} for mode in MODES
            }
            for _ in range(CHANGES_PER_MODE):
                for mode in MODES:
                    use(mode, session)
                    item = next(fresh)
                    watch.clear()
                    ticks.start()
                    other.stdin.write(f"{item.id} {ItemStatus.IN_PROGRESS.value}\n")
                    other.stdin.flush()
                    wait_until(lambda: "lights" in watch)
                    ticks.stop()
                    lights[mode]["worst_gap"].append(ticks.worst())
                    lights[mode]["to_lights"].append(watch["lights"] - watch["changed"])
                    settle(window, ms=300)
            overview.__dict__.pop("_show_figures", None)
            window.show_pane("checklist")
            settle(window, ms=300)
        finally:
            other.stdin.close()
            other.wait(timeout=60)
        report["teammate"] = changes
        report["overview"] = lights

        # (c) a big import while the user looks at the checklist
        if results is not None:
            use("patched", session)
            importer = window.pane("tests").importer
            done: dict = {}
            importer.finished.connect(lambda _outcome: done.setdefault("finished", time.perf_counter()))
            importer.refused.connect(lambda message: done.setdefault("refused", message))
            watch.clear()
            # While the writer runs Python, every handover of the GIL to the UI thread can wait a switch
            # interval (5 ms): a 10 ms tick, and waiting on the signal rather than polling, keep the probe
            # from adding handovers of its own to what it measures.
            ticks = Ticks(interval_ms=10)
            ended = QEventLoop()
            importer.finished.connect(ended.quit)
            importer.refused.connect(ended.quit)
            painted = FirstPaint(importer.indicator)
            with Collections() as collections:
                ticks.start()
                begun = time.perf_counter()
                importer.start(paths=[Path(results)], level=TestLevel.REGRESSION, run_name="bench import")
                if not done:
                    ended.exec()
                ticks.stop()
            if "refused" in done:
                raise RuntimeError(done["refused"])
            arrived = watch["changed"]
            # The progress strip's first show and paint is one stretch of UI work of its own (it was a
            # progress dialog, a new top-level window, until issue 8); what follows it is the import
            # running beside the UI.
            shown = min(
                (b for a, b in ticks.gaps if painted.at is not None and b > painted.at), default=arrived
            )
            report["import"] = {
                "seconds": done["finished"] - begun,
                "worst_gap_importing": ticks.worst(begun, arrived),
                "progress_shown": shown - begun,
                "worst_gap_after_progress": ticks.worst(shown, arrived),
                "worst_gap_showing": ticks.worst(arrived, done["finished"]),
                # where the longest gaps fell, from the start of the import: to say where to look
                "longest_gaps": sorted(((b - a, a - begun) for a, b in ticks.gaps), reverse=True)[:5],
                "result_at": arrived - begun,
                # the garbage collections while it ran, longest first: (generation, s, thread, from its start)
                "collections": sorted(
                    ((g, took, thread, at - begun) for g, took, thread, at in collections.seen),
                    key=lambda c: -c[1],
                )[:6],
            }
        window.close()
    app.quit()
    return report


def main(argv: list[str]) -> int:
    if argv[0] == "teammate":
        return teammate(argv[1])
    report = window_probe(argv[1], argv[2] if len(argv) > 2 else None)
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
