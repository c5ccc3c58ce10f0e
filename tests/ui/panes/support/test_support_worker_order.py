"""A large queue is put in work order on the pane's worker: the table shows the same order, once it arrives.

Every queue is sorted on the worker here (``ORDER_ON_WORKER_FROM`` 0), on the small demo launch: rows, ticks that
re-sort only when a clock runs out, another order chosen, a ticket added, and the selection kept throughout.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from cockpit.domain.queue_order import QueueOrder, in_work_order
from cockpit.domain.support import Severity, clock_for, policies_by_severity
from cockpit.services.demo import write_demo
from cockpit.ui.panes.support import ordering
from cockpit.ui.panes.support.model import Column, Role

WAIT_MS = 30_000


@pytest.fixture
def demo_launch(tmp_path: Path) -> Path:
    return write_demo(tmp_path / "demo.golive", size="small", lang="en", actor="tester")


@pytest.fixture
def on_worker(monkeypatch) -> None:
    monkeypatch.setattr(ordering, "ORDER_ON_WORKER_FROM", 0)


def expected_ids(data, now, order: QueueOrder = QueueOrder.URGENT_FIRST) -> list[int]:
    policies = policies_by_severity(data.sla_policies)
    return [t.id for t in in_work_order(data.tickets, lambda t: clock_for(t, policies, now=now), order)]


def shown_ids(pane) -> list[int]:
    return [t.id for t in pane.model.rows_in_order()]


def support_pane(qtbot, make_window, path: Path):
    window = make_window(path)
    window.show_pane("support")
    pane = window.pane("support")
    qtbot.waitUntil(lambda: pane.queue_current() and pane.model.rowCount() > 0, timeout=WAIT_MS)
    return window, pane


def test_the_workers_order_is_the_work_order(qtbot, make_window, demo_launch, on_worker):
    window, pane = support_pane(qtbot, make_window, demo_launch)
    data, now = window.session.data, window.session.now()
    assert shown_ids(pane) == expected_ids(data, now)
    top = pane.proxy.index(0, Column.SLA)
    assert top.data().startswith("⚠") and top.data(Role.BREACHED)
    assert "past their SLA" in pane.summary.text()


def test_ticks_move_rows_only_once_a_clock_runs_out_and_keep_the_selection(
    qtbot, make_window, demo_launch, on_worker
):
    window, pane = support_pane(qtbot, make_window, demo_launch)
    data, start = window.session.data, window.session.now()
    resets, layouts = [], []
    pane.model.modelReset.connect(lambda: resets.append(1))
    pane.model.layoutChanged.connect(lambda *args: layouts.append(1))
    running = next(
        pane.proxy.index(row, 0).data(Role.TICKET).id
        for row in range(pane.proxy.rowCount())
        if "due in" in pane.proxy.index(row, Column.SLA).data()
    )
    pane.select_ticket(running)
    pane.tick(start + timedelta(seconds=7))
    assert pane.queue_current() and not layouts  # no clock ran out: nothing asked of the worker

    later = start + timedelta(days=4)
    pane.tick(later)
    qtbot.waitUntil(pane.queue_current, timeout=WAIT_MS)
    assert shown_ids(pane) == expected_ids(data, later)
    assert layouts and not resets
    assert pane.selected_ticket().id == running
    assert pane.model.index(pane.model.row_of(running), Column.SLA).data().startswith("⚠")


def test_another_order_chosen_is_worked_out_on_the_worker(qtbot, make_window, demo_launch, on_worker):
    window, pane = support_pane(qtbot, make_window, demo_launch)
    pane.order.setCurrentIndex(pane.order.findData(QueueOrder.SLA_FIRST.value))
    qtbot.waitUntil(pane.queue_current, timeout=WAIT_MS)
    data, now = window.session.data, pane.model.clock_time()
    assert shown_ids(pane) == expected_ids(data, now, QueueOrder.SLA_FIRST)
    assert pane.model.order == QueueOrder.SLA_FIRST


def test_an_added_ticket_takes_its_place_in_the_workers_queue(qtbot, make_window, demo_launch, on_worker):
    window, pane = support_pane(qtbot, make_window, demo_launch)
    pane.add_ticket()
    dialog = pane.ticket_dialog
    dialog.title.setText("Credit check times out")
    dialog.severity.setCurrentIndex(dialog.severity.findData(Severity.P1.value))
    dialog.accept()
    qtbot.waitUntil(lambda: pane.queue_current() and 61 in pane.visible_ticket_ids(), timeout=WAIT_MS)
    data, now = window.session.data, pane.model.clock_time()
    assert shown_ids(pane) == expected_ids(data, now)
    assert pane.model.index(pane.model.row_of(61), Column.SLA).data().startswith("Response due in 1")


def test_an_answer_overtaken_by_a_newer_one_is_dropped(qtbot, make_window, demo_launch, on_worker):
    window, pane = support_pane(qtbot, make_window, demo_launch)
    data, start = window.session.data, window.session.now()
    later = start + timedelta(days=4)
    pane.order.setCurrentIndex(pane.order.findData(QueueOrder.SLA_FIRST.value))
    pane.tick(later)  # the order asked for above is still on the worker: no second order asked for
    pane.order.setCurrentIndex(pane.order.findData(QueueOrder.URGENT_FIRST.value))  # the latest wins
    qtbot.waitUntil(pane.queue_current, timeout=WAIT_MS)
    assert pane.model.order == QueueOrder.URGENT_FIRST
    assert shown_ids(pane) == expected_ids(data, pane.model.clock_time())
