"""Putting the support queue in work order: at once for a small queue, on the pane's worker for a large one.

Sorting works out every ticket's SLA clock (``work_order.py``, ~60 µs a ticket): 0.3 s for 5,000 tickets froze
the window when the Support pane first showed a large launch. A queue of ``ORDER_ON_WORKER_FROM`` tickets or
more is sorted on a worker thread; only the newest answer is handed on (an older one was worked out from
older tickets, an older time or another order).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject

from cockpit.domain.queue_order import QueueOrder
from cockpit.domain.support import SlaPolicy, Ticket, policies_by_severity
from cockpit.ui.panes.support.work_order import WorkOrder, work_order
from cockpit.ui.session.heap import no_full_collections
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.session.tasks import TaskRunner
from cockpit.ui.session.ui_pulse import UiPulse

# Below this many tickets the queue is sorted at once on the UI thread (under ~30 ms), so a small launch
# shows its queue with the data; from it on, on the worker.
ORDER_ON_WORKER_FROM = 500


class QueueOrdering(QObject):
    def __init__(self, session: LaunchSession, take: Callable[[WorkOrder], None], parent: QObject) -> None:
        super().__init__(parent)
        self.on_worker_from = ORDER_ON_WORKER_FROM
        self._take = take
        self._asked = 0  # the latest work order asked for
        self._shown = 0  # the work order handed on last
        self._pulse = UiPulse(self)  # the worker steps aside while the UI thread is busy (ui_pulse.py)
        self._worker = TaskRunner(name="cockpit-support", parent=self)
        session.closed.connect(self._pulse.release)  # before the join: the last job ends at full speed
        session.closed.connect(self._worker.shutdown)

    def on_worker(self, tickets: tuple[Ticket, ...]) -> bool:
        return len(tickets) >= self.on_worker_from

    @property
    def current(self) -> bool:
        """Whether the latest work order asked for was handed on (none is being worked out)."""
        return self._shown == self._asked

    def ask(
        self,
        tickets: tuple[Ticket, ...],
        policies: tuple[SlaPolicy, ...],
        *,
        now: datetime,
        order: QueueOrder,
    ) -> None:
        self._asked += 1
        asked, by_severity = self._asked, policies_by_severity(policies)
        if not self.on_worker(tickets):
            self._hand_on(asked, work_order(tickets, by_severity, now=now, order=order))
            return

        def ordered() -> WorkOrder:
            with no_full_collections():  # see ui/session/heap.py: no full collection holding the GIL
                return work_order(tickets, by_severity, now=now, order=order, pause=self._pulse.step_aside)

        def failed(error: BaseException) -> None:
            self._pulse.stop()
            raise error  # a bug: Qt's (or pytest-qt's) hook reports it, as for any job without on_error

        def done(result: WorkOrder) -> None:
            self._pulse.stop()
            self._hand_on(asked, result)

        self._pulse.start()
        self._worker.submit(ordered, on_done=done, on_error=failed)

    def _hand_on(self, asked: int, ordered: WorkOrder) -> None:
        if asked != self._asked:
            return  # a newer order is on its way
        self._shown = asked
        self._take(ordered)
