"""Working a painted chart's marks out: at once when the data is small, on a worker thread when it is large.

The Support chart's marks walk every ticket (35 ms for 25,000 on a quiet machine, several times that while
the queue is being sorted on its own worker, both wanting the GIL): done on the UI thread, they froze the
pane for up to 0.3 s on first showing a launch five times the large demo. Only the newest answer is shown;
a request overtaken while it waited is skipped, never worked out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from cockpit.ui.charts.plot_paint import PaintedChart
from cockpit.ui.session.heap import no_full_collections
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.session.tasks import TaskRunner


class _Overtaken:
    """What a skipped request answers: a newer one is on its way."""


class MarksWorker(QObject):
    """Hands ``show`` the marks of the newest request; ``chart`` says it is loading meanwhile."""

    def __init__(
        self,
        session: LaunchSession,
        chart: PaintedChart,
        show: Callable[[Any], None],
        *,
        name: str,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._chart, self._show = chart, show
        self._asked = 0
        self._worker = TaskRunner(name=name, parent=self)
        session.closed.connect(self._worker.shutdown)

    def ask(self, work: Callable[[], Any], *, at_once: bool) -> None:
        """Work the marks out with ``work()``: now, on this thread, when ``at_once``; else on the worker."""
        self._asked += 1
        asked = self._asked
        if at_once:
            self._show(work())
            return
        self._chart.expect()

        def marks() -> Any:
            if asked != self._asked:
                return _Overtaken()
            with no_full_collections():  # see ui/session/heap.py: no full collection holding the GIL
                return work()

        self._worker.submit(
            marks, on_done=lambda result: self._hand_on(asked, result), on_error=self._chart.fail
        )

    def _hand_on(self, asked: int, result: Any) -> None:
        if asked == self._asked and not isinstance(result, _Overtaken):
            self._show(result)
