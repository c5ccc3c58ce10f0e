"""SLA clocks in business hours, against values worked out by hand.

The calendar: Monday to Friday, 09:00–18:00 Asia/Tokyo, Japanese public holidays. November 2026:
Fri 20 (working), Sat 21 and Sun 22 (weekend), Mon 23 勤労感謝の日 (Labor Thanksgiving Day, a public
holiday), Tue 24 and Wed 25 (working).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from cockpit.domain.business_hours import (
    BusinessCalendar,
    Pause,
    counted,
    days_text,
    due_after,
    parse_days,
    parse_hours,
)
from cockpit.domain.refusal import Refusal
from cockpit.domain.support import Severity, SlaPolicy, Ticket, TicketStatus, sla_clock

TOKYO = ZoneInfo("Asia/Tokyo")
OFFICE = BusinessCalendar(zone="Asia/Tokyo")
# P2 in business hours: first response 120 min, an update every 240 min, resolution 960 min (two days).
P2 = SlaPolicy(Severity.P2, 120, 960, calendar=OFFICE, update_minutes=240)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=TOKYO)


def minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


OPENED = at(20, 17)  # Friday 17:00
RESPONDED = at(24, 9, 30)  # Tuesday 09:30
HOLD = Pause(at(24, 11), at(24, 14))  # waiting on the reporter Tuesday 11:00–14:00


def test_a_weekend_and_a_public_holiday_do_not_count():
    # Fri 17:00–18:00 = 60 min; Sat, Sun, Mon (holiday) nothing; Tue 09:00–10:00 = 60 min → 120 at Tue 10:00.
    assert due_after(OPENED, minutes(120), OFFICE) == at(24, 10)
    assert counted(OPENED, at(24, 9, 30), OFFICE) == minutes(60 + 30)


def test_the_team_s_own_day_off_does_not_count_either():
    closed_tuesday = BusinessCalendar(zone="Asia/Tokyo", team_holidays=frozenset({date(2026, 11, 24)}))
    # Fri 60 min, then Wednesday 09:00 + 60 min.
    assert due_after(OPENED, minutes(120), closed_tuesday) == at(25, 10)


def test_the_three_clocks_across_a_weekend_a_holiday_and_a_pause():
    ticket = Ticket(
        1,
        "Login fails",
        Severity.P2,
        OPENED,
        status=TicketStatus.IN_PROGRESS,
        first_response_at=RESPONDED,
        pauses=(HOLD,),
    )
    clock = sla_clock(ticket, P2, now=at(25, 10))  # Wednesday 10:00
    # First response: Fri 60 + Tue 09:00–09:30 30 = 90 of 120 → met, 30 to spare; due Tue 10:00.
    assert clock.first_response_met and not clock.first_response_breached
    assert clock.first_response_remaining == minutes(30)
    assert clock.first_response_due == at(24, 10)
    # Resolution: Fri 60 + Tue 09:00–11:00 120 + (pause 11:00–14:00) + Tue 14:00–18:00 240 + Wed 09:00–10:00 60
    # = 480 of 960 → 480 left: Wed 10:00 + 8 h = Wed 18:00.
    assert clock.resolution_remaining == minutes(480)
    assert clock.resolution_due == at(25, 18)
    assert not clock.resolution_breached
    # Update, from the response Tue 09:30: 09:30–11:00 90 + 14:00–18:00 240 + Wed 09:00–10:00 60 = 390 of 240
    # → 150 past due; the 240th minute fell on Tue 14:00 + (240 − 90) = 16:30.
    assert clock.update_remaining == minutes(-150)
    assert clock.update_due == at(24, 16, 30)
    assert clock.update_breached and clock.breached
    assert not clock.paused


def test_an_update_restarts_the_update_clock():
    ticket = Ticket(
        1,
        "Login fails",
        Severity.P2,
        OPENED,
        status=TicketStatus.IN_PROGRESS,
        first_response_at=RESPONDED,
        last_update_at=at(24, 16),
        pauses=(HOLD,),
    )
    clock = sla_clock(ticket, P2, now=at(25, 10))
    # Tue 16:00–18:00 120 + Wed 09:00–10:00 60 = 180 of 240 → 60 left, due Wed 11:00.
    assert clock.update_remaining == minutes(60)
    assert clock.update_due == at(25, 11)
    assert not clock.breached


def test_a_ticket_waiting_on_its_reporter_holds_its_clocks():
    waiting = Ticket(
        1,
        "Login fails",
        Severity.P2,
        OPENED,
        status=TicketStatus.WAITING,
        first_response_at=RESPONDED,
        pauses=(Pause(at(24, 11)),),
    )
    noon = sla_clock(waiting, P2, now=at(24, 12))
    evening = sla_clock(waiting, P2, now=at(24, 17))
    # Resolution counted: Fri 60 + Tue 09:00–11:00 120 = 180 → 780 left, at noon and still at 17:00.
    assert noon.paused and evening.paused
    assert noon.resolution_remaining == evening.resolution_remaining == minutes(780)
    # Were it to resume at noon: Tue 12:00–18:00 360, then Wed 09:00 + 420 = Wed 16:00.
    assert noon.resolution_due == at(25, 16)
    assert noon.next_due is None  # nothing runs out while it waits


def test_24x7_counts_every_minute_less_the_pause():
    p1 = SlaPolicy(Severity.P1, 15, 240)  # no calendar: round the clock
    ticket = Ticket(
        2,
        "Orders stop",
        Severity.P1,
        at(21, 10),  # Saturday 10:00
        status=TicketStatus.IN_PROGRESS,
        first_response_at=at(21, 10, 10),
        pauses=(Pause(at(21, 10, 30), at(21, 11, 30)),),
    )
    clock = sla_clock(ticket, p1, now=at(21, 12))
    # 10:00–12:00 is 120 min, less the 60-min pause = 60 of 240 → 180 left, due 12:00 + 3 h = 15:00.
    assert clock.resolution_remaining == minutes(180)
    assert clock.resolution_due == at(21, 15)
    assert clock.first_response_remaining == minutes(5)
    assert clock.update_due is None  # no update target for P1


def test_days_and_hours_read_back_as_written():
    assert parse_days("mon-fri") == frozenset(range(5))
    assert parse_days("sat-mon") == frozenset({5, 6, 0})
    assert days_text(parse_days("mon,tue,wed,fri")) == "mon-wed,fri"
    assert parse_hours("09:00-18:00") == (time(9), time(18))
    with pytest.raises(Refusal, match="mon-fri"):
        parse_days("weekdays")
    with pytest.raises(Refusal, match="HH:MM-HH:MM"):
        parse_hours("9 to 6")


def test_a_ticket_waiting_without_a_pause_on_record_waits_since_its_last_change():
    # A table import or an older file: status waiting, no pause row. Opened Tue 09:00, last changed 10:00.
    imported = Ticket(
        3,
        "Report slow",
        Severity.P2,
        at(24, 9),
        status=TicketStatus.WAITING,
        first_response_at=at(24, 9, 30),
        updated_at=at(24, 10),
    )
    clock = sla_clock(imported, P2, now=at(25, 12))
    # Tue 09:00–10:00 counted, then held: 960 − 60 = 900 left.
    assert clock.paused and clock.resolution_remaining == minutes(900)


def test_without_a_calendar_every_minute_counts_with_or_without_pauses():
    # Wall-clock time: Fri 17:00 to Tue 09:30 is 88.5 hours; a pause is left out of it, an open one holds it.
    assert counted(OPENED, RESPONDED, None) == RESPONDED - OPENED
    assert counted(OPENED, RESPONDED, None, iter(())) == RESPONDED - OPENED  # any iterable of pauses
    assert counted(RESPONDED, OPENED, None) == timedelta(0)
    assert due_after(OPENED, minutes(120), None) == at(20, 19)
    assert counted(at(24, 10), at(24, 15), None, [HOLD]) == minutes(120)
    assert due_after(at(24, 10), minutes(120), None, [HOLD]) == at(24, 15)
    assert due_after(at(24, 10), minutes(120), None, [Pause(at(24, 11))]) is None
