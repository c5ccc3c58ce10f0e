"""A long worker job steps aside while the UI thread is busy, and only then (ui/session/ui_pulse.py)."""

from __future__ import annotations

import threading
import time

from cockpit.ui.session.ui_pulse import LATE_S, UiPulse


def _worker_steps_aside(pulse: UiPulse, order: list[str], started: threading.Event) -> threading.Thread:
    def job() -> None:
        started.wait()
        pulse.step_aside()
        order.append("worker")

    thread = threading.Thread(target=job, daemon=True)
    thread.start()
    return thread


def test_a_worker_waits_while_the_ui_thread_is_busy_and_goes_on_after(qtbot) -> None:
    pulse = UiPulse()
    pulse.start()
    qtbot.wait(3 * LATE_S * 1000)  # the loop turns: the pulse beats
    order: list[str] = []
    started = threading.Event()
    worker = _worker_steps_aside(pulse, order, started)
    time.sleep(2 * LATE_S)  # the UI thread busy with work of its own (no beat meanwhile) …
    started.set()  # … when the worker comes to a chunk's end
    time.sleep(2 * LATE_S)
    order.append("ui thread")
    qtbot.waitUntil(lambda: order == ["ui thread", "worker"], timeout=10_000)
    pulse.stop()
    worker.join(timeout=10)


def test_nobody_waits_once_the_pulse_is_released_or_never_held(qtbot) -> None:
    for held in (True, False):
        pulse = UiPulse()
        if held:
            pulse.start()
            qtbot.wait(3 * LATE_S * 1000)
            pulse.release()  # the window closes: its last jobs end at full speed
        order: list[str] = []
        started = threading.Event()
        worker = _worker_steps_aside(pulse, order, started)
        started.set()
        worker.join(timeout=10)  # the UI thread stands still here, and the worker goes on anyway
        order.append("ui thread")
        assert order == ["worker", "ui thread"]
