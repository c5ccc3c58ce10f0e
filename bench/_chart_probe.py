"""One window on one launch, the Migration pane showing: how soon a teammate's step move shows in the runbook
chart, beside the step table in the same window (the floor: the refresh itself), and the CPU the window uses
while nobody writes. Prints one JSON line. ``bench/charts.py`` runs it per size.

A teammate's process writes each move (``step start`` / ``step finish`` of the next startable step) and says
when its transaction committed; the window notes when the step table's model and the chart have it, and
when the chart's rows have painted since.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TEAMMATE = """
import sys, time
from cockpit.domain.migration import StepStatus
from cockpit.services.runbook import step_action
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
path = sys.argv[1]
for line in sys.stdin:
    with open_launch(path) as lf:
        steps = load_launch(lf).steps
        done = {s.id for s in steps if s.status in (StepStatus.DONE, StepStatus.SKIPPED)}
        running = next((s for s in steps if s.status == StepStatus.RUNNING), None)
        if running is not None:
            step, action = running, "finish"
        else:
            step = next(s for s in steps if s.status == StepStatus.PENDING and set(s.depends_on) <= done)
            action = "start"
        step_action(lf, actor="bob", step_id=step.id, action=action)
    print(step.id, action, time.time(), flush=True)
"""


def wait_until(app, predicate, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.002)


def one_move(app, pane, teammate: subprocess.Popen, painted: list[float]) -> tuple[float, float]:
    """The teammate moves a step: how long until the step table, and the chart's rows painted, show it."""
    assert teammate.stdin is not None and teammate.stdout is not None
    rebuilds = pane.timeline.rebuilds
    teammate.stdin.write("go\n")
    teammate.stdin.flush()
    step_id, action, committed = teammate.stdout.readline().split()
    wanted = "running" if action == "start" else "done"
    at = float(committed)

    def table_has_it() -> bool:
        row = pane.steps.row_of_key(int(step_id))
        return row >= 0 and pane.steps.rows[row].step.status.value == wanted

    wait_until(app, table_has_it)
    table = time.time() - at
    wait_until(app, lambda: pane.timeline.rebuilds > rebuilds)
    drawn_at = time.time()
    wait_until(app, lambda: bool(painted) and painted[-1] >= drawn_at)
    chart = painted[-1] - at
    wait_until(app, lambda: time.time() - at > 1.5)  # a teammate a second and a half later
    return table, chart


def main(launch: str, moves: int, idle_s: float) -> int:
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from cockpit.ui.main_window import MainWindow
    from cockpit.ui.settings import open_settings

    app = QApplication([sys.argv[0]])
    folder = tempfile.mkdtemp(prefix="cockpit-bench-settings-")
    window = MainWindow(settings=open_settings(Path(folder) / "settings.ini"))
    window.resize(1600, 1000)
    window.show()
    window.open_file(Path(launch))
    wait_until(app, lambda: window.session is not None and window.session.data is not None)
    window.show_pane("migration")
    pane = window.pane("migration")
    wait_until(app, lambda: bool(pane.timeline.texts))

    painted: list[float] = []

    class PaintSpy(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(time.time())
            return False

    spy = PaintSpy()
    pane.timeline.rows.installEventFilter(spy)
    teammate = subprocess.Popen(
        [sys.executable, "-c", TEAMMATE, launch], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert teammate.stdin is not None and teammate.stdout is not None
    table_s: list[float] = []
    chart_s: list[float] = []
    for _ in range(moves):
        table, chart = one_move(app, pane, teammate, painted)
        table_s.append(table)
        chart_s.append(chart)
    teammate.stdin.close()
    teammate.wait()

    # Nobody writes: the window's own CPU (every thread), the file watcher and the clock included; the event
    # loop runs by itself (polling it from here would be the probe's own CPU).
    cpu, wall = time.process_time(), time.monotonic()
    loop = QEventLoop()
    QTimer.singleShot(int(idle_s * 1000), loop.quit)
    loop.exec()
    idle = (time.process_time() - cpu) / (time.monotonic() - wall)
    rebuilds = pane.timeline.rebuilds
    minute = window.session.now().replace(second=0, microsecond=0)
    pane.tick(minute)  # the minute turns: the forecast is worked out again, the chart only if it changed
    print(
        json.dumps(
            {
                "steps": len(pane.forecast.steps),
                "table_s": table_s,
                "chart_s": chart_s,
                "idle_cpu": idle,
                "rebuilt_on_the_minute": pane.timeline.rebuilds - rebuilds,
            }
        )
    )
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3])))
