"""The support pane on the demo launch: SLA work order, live countdowns, filters, add/triage/escalate/resolve, undo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cockpit.domain.queue_order import QueueOrder, in_work_order
from cockpit.domain.support import Severity, clock_for, policies_by_severity, summarize_support
from cockpit.services.demo import write_demo
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.ui.panes.support.model import Column, Role
from cockpit.words.labels import severity_label


@pytest.fixture
def demo_launch(tmp_path: Path) -> Path:
    return write_demo(tmp_path / "demo.golive", size="small", lang="en", actor="tester")


def file_tickets(path: Path) -> dict:
    with open_launch(path, read_only=True) as lf:
        return {t.id: t for t in load_launch(lf).tickets}


def support_pane(make_window, path: Path):
    window = make_window(path)
    window.show_pane("support")
    return window, window.pane("support")


def sla_cell(pane, ticket_id: int):
    return pane.model.index(pane.model.row_of(ticket_id), Column.SLA)


def work_order(data, now, order: QueueOrder = QueueOrder.URGENT_FIRST) -> list:
    policies = policies_by_severity(data.sla_policies)
    return in_work_order(data.tickets, lambda t: clock_for(t, policies, now=now), order)


def test_models_pass_the_model_tester(qtmodeltester, make_window, demo_launch):
    _, pane = support_pane(make_window, demo_launch)
    qtmodeltester.check(pane.model)
    pane.set_filters(severity="P3")
    qtmodeltester.check(pane.proxy)


def test_the_queue_puts_open_p1_and_p2_first_breached_on_top(make_window, demo_launch):
    window, pane = support_pane(make_window, demo_launch)
    data = window.session.data
    now = window.session.now()
    expected = [t.id for t in work_order(data, now) if t.is_open]
    assert pane.visible_ticket_ids() == expected
    breached = [pane.proxy.index(row, 0).data(Role.BREACHED) for row in range(pane.proxy.rowCount())]
    assert breached[0] and True in breached and False in breached
    # Within each block (open P1/P2, then the other open tickets) every breached ticket sits above the rest.
    severity = {t.id: t.severity for t in data.tickets}
    urgent = [severity[i] in (Severity.P1, Severity.P2) for i in expected]
    for block in (True, False):
        flags = [b for b, u in zip(breached, urgent, strict=True) if u is block]
        assert flags == sorted(flags, reverse=True)
    top = pane.proxy.index(0, Column.SLA)
    assert top.data().startswith("⚠") and "overdue" in top.data()
    assert top.data(Qt.ItemDataRole.FontRole).bold()
    assert "past their SLA" in pane.summary.text()


def test_severity_is_shown_by_colour_and_label(make_window, demo_launch):
    _, pane = support_pane(make_window, demo_launch)
    p1 = pane.model.index(pane.model.row_of(59), Column.SEVERITY)  # the demo's open P1
    p4 = pane.model.index(pane.model.row_of(20), Column.SEVERITY)
    assert p1.data() == "P1 Critical" and p4.data() == "P4 Low"
    assert p1.data(Qt.ItemDataRole.BackgroundRole) != p4.data(Qt.ItemDataRole.BackgroundRole)
    assert [severity_label(s) for s in Severity] == ["P1 Critical", "P2 High", "P3 Medium", "P4 Low"]


def test_tick_moves_only_the_countdown_column_without_a_reset(make_window, demo_launch):
    window, pane = support_pane(make_window, demo_launch)
    now = window.session.now()
    resets, changed, layouts = [], [], []
    pane.model.modelReset.connect(lambda: resets.append(1))
    pane.model.dataChanged.connect(
        lambda top, bottom, roles=(): changed.append((top.column(), bottom.column()))
    )
    pane.model.layoutChanged.connect(lambda *args: layouts.append(1))
    # A round-the-clock (P1/P2) clock that runs: a business-hours one stands still outside working hours, and a
    # ticket waiting on its reporter holds its clocks.
    running = next(
        ticket.id
        for ticket in (pane.proxy.index(row, 0).data(Role.TICKET) for row in range(pane.proxy.rowCount()))
        if ticket.is_open
        and ticket.severity in ("P1", "P2")
        and not (pane.model.clock(ticket.id).paused or pane.model.clock(ticket.id).breached)
    )
    before = sla_cell(pane, running).data()
    pane.tick(now + timedelta(seconds=61))  # over a minute: the countdown shows minutes at least
    after = sla_cell(pane, running).data()
    assert after != before and " in " in after and after.split(" in ")[0] == before.split(" in ")[0]
    assert changed and all(columns == (Column.SLA, Column.SLA) for columns in changed)
    assert not resets

    # A month later every open clock has run out (the demo's P4 resolution is 72 business hours, over a
    # year end's holidays too): rows move (a layout change), still no reset, selection kept.
    pane.select_ticket(running)
    pane.tick(now + timedelta(days=30))
    assert not resets and layouts
    assert pane.selected_ticket().id == running
    assert sla_cell(pane, running).data().startswith("⚠")
    # Every clock but those of tickets waiting on their reporter (paused: issue 14) has run out.
    for row in range(pane.proxy.rowCount()):
        ticket = pane.proxy.index(row, 0).data(Role.TICKET)
        assert pane.proxy.index(row, 0).data(Role.BREACHED) or pane.model.clock(ticket.id).paused


def test_as_time_passes_the_queue_and_breach_count_follow_the_sla_rules(make_window, demo_launch):
    """The queue is sorted again only when a clock runs out; at every moment it is still the work order."""
    window, pane = support_pane(make_window, demo_launch)
    data, start = window.session.data, window.session.now()
    moved = []
    pane.model.layoutChanged.connect(lambda *args: moved.append(1))
    seen_counts = set()
    for minutes in (0, 1, 7, 30, 61, 185, 600, 1440, 3 * 1440, 6 * 1440):
        now = start + timedelta(minutes=minutes, seconds=1)
        pane.tick(now)
        expected = work_order(data, now)
        assert [t.id for t in pane.model.rows_in_order()] == [t.id for t in expected]
        breached = summarize_support(data.tickets, data.sla_policies, now=now).breached
        assert pane.model.breached_count() == breached
        seen_counts.add(breached)
    assert len(seen_counts) > 1 and moved  # clocks did run out on the way, and the rows moved with them
    on_the_minute = (start + timedelta(days=6, minutes=1)).replace(second=0, microsecond=0)
    pane.tick(on_the_minute)  # the summary line follows once a minute
    breached = summarize_support(data.tickets, data.sla_policies, now=on_the_minute).breached
    assert pane.summary.text().endswith(f"⚠ {breached} past their SLA")


def test_filters_show_the_right_tickets(make_window, demo_launch):
    _, pane = support_pane(make_window, demo_launch)
    tickets = file_tickets(demo_launch)
    open_ids = {t.id for t in tickets.values() if t.is_open}
    assert set(pane.visible_ticket_ids()) == open_ids
    pane.set_filters(severity="P2")
    assert set(pane.visible_ticket_ids()) == {i for i in open_ids if tickets[i].severity == "P2"}
    pane.set_filters(severity=None, assignee="")
    assert set(pane.visible_ticket_ids()) == {i for i in open_ids if not tickets[i].assignee}
    pane.set_filters(assignee="James Morgan", open_only=False)
    assert set(pane.visible_ticket_ids()) == {t.id for t in tickets.values() if t.assignee == "James Morgan"}
    pane.set_filters(assignee=None, text="password reset")
    assert pane.visible_ticket_ids() == [49]


def test_adding_a_ticket_starts_its_clocks(qtbot, make_window, demo_launch):
    _, pane = support_pane(make_window, demo_launch)
    pane.add_ticket()
    dialog = pane.ticket_dialog
    dialog.accept()
    assert dialog.isVisible() and "title" in dialog.error.text()
    dialog.title.setText("Credit check times out")
    dialog.severity.setCurrentIndex(dialog.severity.findData("P1"))
    dialog.assignee.setCurrentText("Oliver Reid")
    dialog.accept()
    qtbot.waitUntil(lambda: 61 in file_tickets(demo_launch), timeout=30_000)
    added = file_tickets(demo_launch)[61]
    assert (added.title, added.severity, added.assignee, added.status) == (
        "Credit check times out",
        "P1",
        "Oliver Reid",
        "new",
    )
    assert added.first_response_at is None and added.resolved_at is None
    qtbot.waitUntil(lambda: 61 in pane.visible_ticket_ids(), timeout=30_000)
    assert (
        sla_cell(pane, 61).data().startswith("Response due in 1")
    )  # a P1 must be answered within 15 minutes


def test_acknowledge_escalate_and_resolve_stop_the_clocks_and_undo(qtbot, make_window, demo_launch):
    window, pane = support_pane(make_window, demo_launch)
    pane.select_ticket(52)  # a new P3 incident, nobody has answered yet
    assert pane.acknowledge_button.isEnabled()
    pane.acknowledge_button.click()
    qtbot.waitUntil(lambda: file_tickets(demo_launch)[52].status == "acknowledged", timeout=30_000)
    assert file_tickets(demo_launch)[52].first_response_at is not None
    qtbot.waitUntil(lambda: pane.model.ticket(52).status == "acknowledged", timeout=30_000)
    assert sla_cell(pane, 52).data().startswith("Resolve in")

    pane.select_ticket(52)
    pane.escalate_button.click()
    qtbot.waitUntil(lambda: file_tickets(demo_launch)[52].escalation_level == 1, timeout=30_000)
    qtbot.waitUntil(lambda: pane.model.ticket(52).escalation_level == 1, timeout=30_000)
    assert pane.model.index(pane.model.row_of(52), Column.ESCALATION).data() == "Level 1"
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: file_tickets(demo_launch)[52].escalation_level == 0, timeout=30_000)
    qtbot.waitUntil(lambda: pane.model.ticket(52).escalation_level == 0, timeout=30_000)

    pane.select_ticket(52)
    pane.resolve_button.click()
    qtbot.waitUntil(lambda: file_tickets(demo_launch)[52].status == "resolved", timeout=30_000)
    assert file_tickets(demo_launch)[52].resolved_at is not None
    qtbot.waitUntil(lambda: 52 not in pane.visible_ticket_ids(), timeout=30_000)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: file_tickets(demo_launch)[52].status == "acknowledged", timeout=30_000)
    assert file_tickets(demo_launch)[52].resolved_at is None
    qtbot.waitUntil(lambda: 52 in pane.visible_ticket_ids(), timeout=30_000)


def test_triage_changes_severity_and_assignee(qtbot, make_window, demo_launch):
    window, pane = support_pane(make_window, demo_launch)
    pane.select_ticket(20)
    pane.triage_selected()
    dialog = pane.triage_dialog
    dialog.severity.setCurrentIndex(dialog.severity.findData("P2"))
    dialog.assignee.setCurrentText("Lucas Harper")
    assert dialog.changes() == {"severity": "P2", "assignee": "Lucas Harper"}
    dialog.accept()
    qtbot.waitUntil(lambda: file_tickets(demo_launch)[20].severity == "P2", timeout=30_000)
    assert file_tickets(demo_launch)[20].assignee == "Lucas Harper"
    assert file_tickets(demo_launch)[20].status == "new"
    qtbot.waitUntil(window.undo_action.isEnabled, timeout=30_000)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: file_tickets(demo_launch)[20].severity == "P4", timeout=30_000)
    assert file_tickets(demo_launch)[20].assignee == ""


def test_the_chart_of_open_tickets_is_drawn(qtbot, make_window, demo_launch):
    _, pane = support_pane(make_window, demo_launch)
    qtbot.waitUntil(lambda: bool(pane.chart.texts), timeout=30_000)  # painted as soon as the data is in
    titles = list(pane.chart.texts)
    assert any("Open tickets over time" in title for title in titles)
    assert any(title.startswith("Open now: ") for title in titles)


def test_a_large_launchs_chart_is_worked_out_on_its_worker_and_then_shown(
    qtbot, monkeypatch, make_window, demo_launch
):
    from cockpit.ui.panes.support import view

    monkeypatch.setattr(view, "CHART_ON_WORKER_FROM", 1)  # every launch is "large"
    window = make_window(demo_launch)
    pane = window.pane("support")
    with qtbot.waitSignal(pane.chart.figure_ready, timeout=30_000):
        window.show_pane("support")
        assert pane.chart.loading or pane.chart.texts  # asked for; the probes wait while it is loading
    assert not pane.chart.loading and not pane.chart.error
    assert any(text.startswith("Open now: ") for text in pane.chart.texts)


def test_read_only_window_offers_no_actions(make_window, demo_launch):
    window = make_window(demo_launch, read_only=True)
    window.show_pane("support")
    pane = window.pane("support")
    pane.select_ticket(52)
    assert not pane.add_button.isEnabled()
    assert not any(
        b.isEnabled()
        for b in (pane.acknowledge_button, pane.triage_button, pane.escalate_button, pane.resolve_button)
    )


def test_a_new_launch_with_nobody_on_it_still_offers_any_assignee_and_unassigned(make_window, launch_path):
    window, pane = support_pane(make_window, launch_path)  # `cockpit new`: no people, no tickets
    offered = [pane.assignee_filter.itemText(row) for row in range(pane.assignee_filter.count())]
    assert offered == ["Any assignee", "Unassigned"]
    assert pane.assignee_filter.currentText() == "Any assignee"


def test_the_order_is_a_visible_choice_and_p1_p2_come_before_an_overdue_p4(qtbot, make_window, demo_launch):
    # The demo's tickets are placed back from now while their clocks count business hours, so whether one of
    # its P3/P4 is past its SLA depends on the time of day: this one is, at any hour (ten days unanswered).
    from cockpit.services.edits import add_ticket

    with open_launch(demo_launch) as lf:
        add_ticket(
            lf,
            actor="tester",
            title="Old printer question",
            severity="P4",
            opened_at=datetime.now(UTC) - timedelta(days=10),
        )
    window, pane = support_pane(make_window, demo_launch)
    data, now = window.session.data, window.session.now()
    assert pane.order.currentText() == "Order: open P1/P2 first"
    queue = pane.visible_ticket_ids()
    by_id = {t.id: t for t in data.tickets}
    urgent = [i for i in queue if by_id[i].severity in (Severity.P1, Severity.P2)]
    assert queue[: len(urgent)] == urgent  # every open P1 and P2 before any other open ticket
    breached_p3_p4 = [
        i for i in queue if by_id[i].severity in (Severity.P3, Severity.P4) and pane.model.clock(i).breached
    ]
    assert breached_p3_p4 and queue.index(breached_p3_p4[0]) > queue.index(urgent[-1])
    count = pane.model.breached_count()
    assert count == summarize_support(data.tickets, data.sla_policies, now=now).breached

    pane.order.setCurrentIndex(pane.order.findData(QueueOrder.SLA_FIRST.value))
    assert pane.order.currentText() == "Order: past SLA first"
    assert pane.visible_ticket_ids() == [
        t.id for t in work_order(data, now, QueueOrder.SLA_FIRST) if t.is_open
    ]
    assert pane.model.breached_count() == count
