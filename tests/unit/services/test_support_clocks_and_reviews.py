"""The services of the support clocks and the reviews: what they write, what they refuse (nothing written),
and that a refresh after them equals a full read."""

from __future__ import annotations

import pytest

from cockpit.errors import BadInput, NotFound
from cockpit.services.edits import add_ticket, update_ticket
from cockpit.services.reviews import add_action, add_review, finish_action, link_ticket
from cockpit.services.support_clocks import (
    add_team_holiday,
    record_response,
    remove_team_holiday,
    set_sla_calendar,
)
from cockpit.store.read import load_launch, read_launch
from cockpit.store.refresh import patch_launch

OPENED = "2026-11-20T17:00+09:00"


def test_a_calendar_is_set_and_24x7_puts_it_back(launch_file):
    set_sla_calendar(
        launch_file, actor="a", severity="P2", days="mon-fri", hours="9:00-18:00", update_minutes=240
    )
    policy = {p.severity: p for p in load_launch(launch_file).sla_policies}["P2"]
    assert policy.calendar is not None and policy.calendar.working_days == frozenset(range(5))
    assert policy.update_minutes == 240
    set_sla_calendar(launch_file, actor="a", severity="P2", days="24x7", no_update_clock=True)
    policy = {p.severity: p for p in load_launch(launch_file).sla_policies}["P2"]
    assert (policy.calendar, policy.update_minutes) == (None, None)


def test_a_team_holiday_joins_every_calendar_and_is_refused_twice(launch_file):
    set_sla_calendar(launch_file, actor="a", severity="P3", days="mon-fri")
    add_team_holiday(launch_file, actor="a", day="2026-12-31", name="年末")
    calendar = {p.severity: p for p in load_launch(launch_file).sla_policies}["P3"].calendar
    assert calendar is not None and calendar.is_day_off(__import__("datetime").date(2026, 12, 31))
    with pytest.raises(BadInput, match="already a team holiday"):
        add_team_holiday(launch_file, actor="a", day="2026-12-31")
    with pytest.raises(BadInput, match="YYYY-MM-DD"):
        add_team_holiday(launch_file, actor="a", day="31/12/2026")
    remove_team_holiday(launch_file, actor="a", day="2026-12-31")
    with pytest.raises(BadInput, match="not a team holiday"):
        remove_team_holiday(launch_file, actor="a", day="2026-12-31")


def test_a_response_is_refused_before_the_ticket_opened_or_once_it_is_resolved(launch_file):
    ticket = add_ticket(launch_file, actor="a", title="X", severity="P2", opened_at=OPENED).row["id"]
    with pytest.raises(BadInput, match="cannot come before"):
        record_response(launch_file, actor="a", ticket_id=ticket, at="2026-11-20T16:00+09:00")
    record_response(launch_file, actor="a", ticket_id=ticket, at="2026-11-20T17:30+09:00")
    record_response(launch_file, actor="a", ticket_id=ticket, at="2026-11-20T17:45+09:00")
    (written,) = load_launch(launch_file).tickets
    assert written.status == "acknowledged"
    assert (written.first_response_at.minute, written.last_update_at.minute) == (30, 45)
    update_ticket(launch_file, actor="a", ticket_id=ticket, status="resolved")
    with pytest.raises(BadInput, match="Reopen it first"):
        record_response(launch_file, actor="a", ticket_id=ticket)


def test_a_hold_is_patched_in_as_a_full_read_gives_it(launch_file):
    ticket = add_ticket(launch_file, actor="a", title="X", severity="P2", opened_at=OPENED).row["id"]
    before = load_launch(launch_file)
    edit = update_ticket(
        launch_file, actor="a", ticket_id=ticket, status="waiting", at="2026-11-24T10:00+09:00"
    )
    with launch_file.reading() as conn:
        assert patch_launch(conn, before, edit.changes) == read_launch(conn)
    (held,) = load_launch(launch_file).tickets
    assert held.paused and held.pauses[0].end is None
    update_ticket(launch_file, actor="a", ticket_id=ticket, status="in_progress", at="2026-11-24T11:00+09:00")
    (resumed,) = load_launch(launch_file).tickets
    assert not resumed.paused and resumed.pauses[0].end.isoformat() == "2026-11-24T11:00:00+09:00"


def test_links_name_one_existing_thing_once(launch_file):
    ticket = add_ticket(launch_file, actor="a", title="X", severity="P2").row["id"]
    with pytest.raises(BadInput, match="Name one thing"):
        link_ticket(launch_file, actor="a", ticket_id=ticket)
    with pytest.raises(NotFound):
        link_ticket(launch_file, actor="a", ticket_id=ticket, step=999)
    with pytest.raises(BadInput, match="No test named"):
        link_ticket(launch_file, actor="a", ticket_id=ticket, test="test_login")
    assert load_launch(launch_file).ticket_links == ()


def test_reviews_and_actions_refuse_what_did_not_happen(launch_file):
    with pytest.raises(BadInput, match="in the future"):
        add_review(launch_file, actor="a", held_at="2999-01-01T09:00+09:00")
    with pytest.raises(BadInput, match="must end after it starts"):
        add_review(launch_file, actor="a", held_at="2026-11-24T18:00+09:00", since="2026-11-25T09:00+09:00")
    assert load_launch(launch_file).reviews == ()
    action = add_action(launch_file, actor="a", title="Fix it", due="2026-11-27T18:00").row["id"]
    finish_action(launch_file, actor="a", action_id=action)
    with pytest.raises(BadInput, match="already done"):
        finish_action(launch_file, actor="a", action_id=action)
