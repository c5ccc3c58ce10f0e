"""The risk and ticket services: title and residual on risks; escalation and the SLA clocks on tickets."""

from __future__ import annotations

import pytest

from cockpit.errors import BadInput
from cockpit.services.edits import add_risk, add_ticket, update_risk, update_ticket
from cockpit.store.read import load_launch


def test_a_risk_added_with_its_residual_rating_and_status(launch_file):
    edit = add_risk(
        launch_file,
        actor="alice",
        title="Printer drivers",
        likelihood=4,
        impact=4,
        status="occurred",
        residual_likelihood=2,
        residual_impact=3,
    )
    (risk,) = load_launch(launch_file).risks
    assert risk.id == edit.row["id"]
    assert (risk.status, risk.residual_likelihood, risk.residual_impact) == ("occurred", 2, 3)


def test_a_residual_rating_outside_the_scale_is_refused(launch_file):
    with pytest.raises(BadInput, match="Residual likelihood"):
        add_risk(launch_file, actor="alice", title="X", likelihood=1, impact=1, residual_likelihood=6)
    assert load_launch(launch_file).risks == ()


def test_update_risk_renames_and_clears_the_residual_rating(launch_file):
    risk_id = add_risk(
        launch_file, actor="a", title="Old", likelihood=3, impact=3, residual_likelihood=1, residual_impact=2
    ).row["id"]
    update_risk(
        launch_file, actor="bob", risk_id=risk_id, title=" New ", clear_residual=True, expect_version=1
    )
    (risk,) = load_launch(launch_file).risks
    assert (risk.title, risk.residual_likelihood, risk.residual_impact) == ("New", None, None)
    assert (risk.version, risk.updated_by) == (2, "bob")


def test_clearing_and_setting_the_residual_together_is_refused(launch_file):
    risk_id = add_risk(launch_file, actor="a", title="R", likelihood=3, impact=3).row["id"]
    with pytest.raises(BadInput):
        update_risk(launch_file, actor="a", risk_id=risk_id, residual_likelihood=2, clear_residual=True)
    with pytest.raises(BadInput):
        update_risk(launch_file, actor="a", risk_id=risk_id, title="   ")
    assert load_launch(launch_file).risks[0].version == 1


def test_a_ticket_is_escalated_and_de_escalated_one_level_at_a_time(launch_file):
    ticket_id = add_ticket(launch_file, actor="a", title="Down", severity="P1").row["id"]
    update_ticket(launch_file, actor="a", ticket_id=ticket_id, escalate=True)
    update_ticket(launch_file, actor="a", ticket_id=ticket_id, escalate=True)
    assert load_launch(launch_file).tickets[0].escalation_level == 2
    update_ticket(launch_file, actor="a", ticket_id=ticket_id, de_escalate=True, expect_version=3)
    assert load_launch(launch_file).tickets[0].escalation_level == 1
    with pytest.raises(BadInput):
        update_ticket(launch_file, actor="a", ticket_id=ticket_id, escalate=True, de_escalate=True)
    update_ticket(launch_file, actor="a", ticket_id=ticket_id, de_escalate=True)
    with pytest.raises(BadInput, match="not escalated"):
        update_ticket(launch_file, actor="a", ticket_id=ticket_id, de_escalate=True)
    assert load_launch(launch_file).tickets[0].escalation_level == 0


def test_a_status_change_stamps_the_sla_clocks(launch_file):
    ticket_id = add_ticket(launch_file, actor="a", title="Down", severity="P1").row["id"]
    answered = update_ticket(launch_file, actor="a", ticket_id=ticket_id, status="acknowledged").row
    assert answered["first_response_at"] and answered["resolved_at"] is None
    resolved = update_ticket(launch_file, actor="a", ticket_id=ticket_id, status="resolved").row
    assert resolved["first_response_at"] == answered["first_response_at"] and resolved["resolved_at"]
    reopened = update_ticket(launch_file, actor="a", ticket_id=ticket_id, status="in_progress").row
    assert reopened["resolved_at"] is None and reopened["first_response_at"] == answered["first_response_at"]
