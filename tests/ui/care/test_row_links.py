"""Each side of a ticket link shows the other in the window: a risk marked occurred lists its incidents in the
Risks pane, a ticket says what it is about in the Support pane, and each link selects the other row in its pane."""

from __future__ import annotations

from pathlib import Path

from cockpit.services.edits import update_risk
from cockpit.services.reviews import link_ticket
from cockpit.store.launchfile import open_launch

WAIT = 30_000


def link_shown(label, target: str) -> str:
    return next(words for shown, words in label.links if shown == target)


def test_a_risk_that_occurred_and_its_incident_lead_to_each_other(qtbot, make_window, demo_file: Path):
    window = make_window(demo_file)
    data = window.session.data
    risk, ticket = data.risks[0], next(t for t in data.tickets if t.is_open)
    step = sorted(data.steps, key=lambda s: s.seq)[2]
    risks, support, migration = window.pane("risks"), window.pane("support"), window.pane("migration")

    # Before: the risk has not occurred, so its line says nothing; the ticket is about nothing yet.
    window.show_pane("risks")
    risks.set_filters(open_only=False)
    risks.select_risk(risk.id)
    assert not risks.incidents.isVisibleTo(risks)

    lf = open_launch(demo_file)
    update_risk(lf, actor="bob", risk_id=risk.id, status="occurred")
    window.show_pane("risks")
    qtbot.waitUntil(lambda: risks.incidents.isVisibleTo(risks), timeout=WAIT)
    assert "no ticket names it yet" in risks.incidents.text()
    link_ticket(lf, actor="bob", ticket_id=ticket.id, risk=risk.id)
    link_ticket(lf, actor="bob", ticket_id=ticket.id, step=step.id)
    qtbot.waitUntil(lambda: bool(risks.incidents.links), timeout=WAIT)
    assert risks.incidents.links == [(f"tickets:{ticket.id}", f"#{ticket.id} {ticket.title}")]
    assert risks.incidents.text().startswith("Incidents of this risk:")

    # The incident's link selects the ticket in the Support pane, which says what it is about.
    risks.incidents.linkActivated.emit(f"tickets:{ticket.id}")
    qtbot.waitUntil(lambda: window.current_pane() is support, timeout=WAIT)
    qtbot.waitUntil(lambda: support.selected_ticket() is not None, timeout=WAIT)
    assert support.selected_ticket().id == ticket.id
    assert support.about.isVisibleTo(support) and support.about.text().startswith("About:")
    assert link_shown(support.about, f"risks:{risk.id}") == f"risk #{risk.id} {risk.title}"
    assert link_shown(support.about, f"runbook_steps:{step.id}") == f"runbook step #{step.seq} {step.title}"

    # And back: the step's link selects it on the Migration pane, the risk's on the Risks pane.
    support.about.linkActivated.emit(f"runbook_steps:{step.id}")
    qtbot.waitUntil(lambda: window.current_pane() is migration, timeout=WAIT)
    assert migration.selected_step().id == step.id
    window.show_pane("support")
    support.select_ticket(ticket.id)
    support.about.linkActivated.emit(f"risks:{risk.id}")
    qtbot.waitUntil(lambda: window.current_pane() is risks, timeout=WAIT)
    assert risks.selected_risk().id == risk.id


def test_a_ticket_about_nothing_shows_no_line(qtbot, make_window, demo_file: Path):
    window = make_window(demo_file)
    support = window.pane("support")
    window.show_pane("support")
    support.select_ticket(next(t for t in window.session.data.tickets if t.is_open).id)
    assert not support.about.isVisibleTo(support) and support.about.links == []
