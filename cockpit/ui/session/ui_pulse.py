"""Long worker jobs step aside while the UI thread is busy, so they never hold it up on the GIL.

A worker thread and the UI thread share one GIL. The UI thread lets go of it on every call into Qt and takes
it back on every call into Python (a model's ``data()``, a paint), and each time a worker holding it may keep
it for up to the switch interval: with the Support queue's 25,000 SLA clocks worked out on its worker (~0.6 s),
a pane shown meanwhile stood still for 100–270 ms at five times the large demo, while the UI thread itself
used a fraction of that (bench/first_paint.py, (d)).

So the UI thread beats from when a job that asks for it is submitted until its result is back (``start``, ``stop``); the job calls ``step_aside``
between chunks of its work, which sleeps (GIL released) for as long as the beat is late: a late beat means the
UI thread has work of its own. The job only slows while the UI thread is busy, and never stops for long.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer

BEAT_MS = 10
LATE_S = 0.025  # a beat this late: the UI thread is busy (or waiting for the GIL)
NAP_S = 0.002
LONGEST_STEP_ASIDE_S = 0.2  # the job goes on after this even if the UI thread is still busy
STOPPED_S = 0.5  # no beat for this long: the event loop is not turning (closing), waiting would not help


class UiPulse(QObject):
    """A timer on the UI thread that beats while some worker job holds it; workers read the last beat."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._beat = time.monotonic()
        self._holders = 0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(BEAT_MS)
        self._timer.timeout.connect(self._on_beat)

    def _on_beat(self) -> None:
        self._beat = time.monotonic()

    def start(self) -> None:
        """On the UI thread: beat until as many ``stop`` calls came."""
        self._holders += 1
        if self._holders == 1:
            self._beat = time.monotonic()
            self._timer.start()

    def stop(self) -> None:
        self._holders = max(0, self._holders - 1)
        if self._holders == 0:
            self._timer.stop()

    def release(self) -> None:
        """No more beats: the jobs still running go on at full speed (the window is closing)."""
        self._holders = 0
        self._timer.stop()

    def step_aside(self) -> None:
        """On a worker: wait (the GIL released) while the UI thread is late with its beat."""
        given_up_at = time.monotonic() + LONGEST_STEP_ASIDE_S
        while self._holders:
            now = time.monotonic()
            late = now - self._beat
            if late <= LATE_S or late > STOPPED_S or now > given_up_at:
                return
            time.sleep(NAP_S)
