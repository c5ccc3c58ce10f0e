"""A change to one ticket reaches the queue as that ticket only: removed and inserted where the SLA order puts
it (so the filter decides afresh), every other row stays, the selection follows; added and removed tickets
insert and remove their rows. Never a reset."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from cockpit.domain.queue_order import in_work_order
from cockpit.domain.support import Severity, Ticket, TicketStatus, clock_for, policies_by_severity
from cockpit.services.demo import write_demo
from tests.ui.model_spy import ModelSpy, plus_row, with_row, without_row


@pytest.fixture
def demo_launch(tmp_path: Path) -> Path:
    return write_demo(tmp_path / "demo.golive", size="small", lang="en", actor="tester")


def support_pane(make_window, path: Path):
    window = make_window(path)
    window.show_pane("support")
    return window.session.data, window.session.now(), window.pane("support")


def queue_ids(pane) -> list[int]:
    return [t.id for t in pane.model.rows_in_order()]


def expected_queue(data, now) -> list[int]:
    policies = policies_by_severity(data.sla_policies)
    return [t.id for t in in_work_order(data.tickets, lambda t: clock_for(t, policies, now=now))]


def test_a_changed_ticket_moves_to_its_place_in_the_queue_and_keeps_the_selection(
    make_window, demo_launch, qtmodeltester
):
    data, now, pane = support_pane(make_window, demo_launch)
    pane.set_filters(open_only=False)
    low = next(t for t in data.tickets if t.is_open and t.severity == Severity.P4)
    pane.select_ticket(low.id)
    spy = ModelSpy(pane.model)
    changed, changes = with_row(data, "tickets", "tickets", low.id, severity=Severity.P1)
    pane.apply_data(changed, now, changes)
    assert "reset" not in spy.kinds() and "layout" not in spy.kinds()
    assert [e[0] for e in spy.events] == ["removed", "inserted"]
    assert all(e[1] == e[2] for e in spy.events)  # one row each
    assert queue_ids(pane) == expected_queue(changed, now)
    assert pane.selected_ticket().id == low.id and pane.selected_ticket().severity == Severity.P1
    qtmodeltester.check(pane.model)


def test_a_resolved_ticket_leaves_the_open_only_list(make_window, demo_launch):
    data, now, pane = support_pane(make_window, demo_launch)
    ticket = next(t for t in data.tickets if t.is_open)
    assert ticket.id in pane.visible_ticket_ids()
    resolved, changes = with_row(
        data, "tickets", "tickets", ticket.id, status=TicketStatus.RESOLVED, resolved_at=now
    )
    pane.apply_data(resolved, now, changes)
    assert ticket.id not in pane.visible_ticket_ids()
    assert queue_ids(pane) == expected_queue(resolved, now)


def test_added_and_removed_tickets_insert_and_remove_rows(make_window, demo_launch, qtmodeltester):
    data, now, pane = support_pane(make_window, demo_launch)
    spy = ModelSpy(pane.model)
    new = Ticket(
        id=999, title="Cannot print invoices", severity=Severity.P2, opened_at=now - timedelta(minutes=5)
    )
    added, changes = plus_row(data, "tickets", "tickets", new)
    pane.apply_data(added, now, changes)
    row = pane.model.row_of(999)
    assert spy.events == [("inserted", row, row, None)]
    assert queue_ids(pane) == expected_queue(added, now)
    assert 999 in pane.visible_ticket_ids()
    spy.events.clear()
    removed, changes = without_row(added, "tickets", "tickets", 999)
    pane.apply_data(removed, now, changes)
    assert spy.events == [("removed", row, row, None)]
    assert queue_ids(pane) == expected_queue(removed, now)
    qtmodeltester.check(pane.model)
