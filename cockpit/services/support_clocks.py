"""How the SLA clocks count: each policy's business-hours calendar, the team's own holidays, and the
responses that stop or restart a ticket's first-response and update clocks.

``set_sla_calendar`` is called by ``cockpit sla calendar``; ``add_team_holiday``/``remove_team_holiday`` by
``cockpit holiday add|remove``; ``record_response`` by ``cockpit ticket respond``. Putting a ticket on hold
and resuming it are status moves (``services/edits.update_ticket``: waiting pauses the clocks).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from cockpit.domain.business_hours import check_calendar, days_text, parse_days, parse_hours
from cockpit.domain.support import OPEN_STATUSES, Severity, TicketStatus
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.edits import Edit, _choice
from cockpit.services.rules import given_time, past_or_now, refusals_as_bad_input, stamp
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import when
from cockpit.store.read_reviews import read_team_holidays

ROUND_THE_CLOCK = "24x7"


def set_sla_calendar(
    lf: LaunchFile,
    *,
    actor: str,
    severity: str,
    days: str | None = None,
    hours: str | None = None,
    public_holidays: str | None = None,
    update_minutes: int | None = None,
    no_update_clock: bool = False,
    expect_version: int | None = None,
) -> Edit:
    """Set how one severity's clocks count: ``days`` "mon-fri" (or "24x7": every minute), ``hours``
    "09:00-18:00", ``public_holidays`` "JP" or "" (none), and the update target in minutes."""
    chosen = _choice(Severity, severity, tr("severity"))
    if (
        days is None
        and hours is None
        and public_holidays is None
        and update_minutes is None
        and not no_update_clock
    ):
        raise BadInput(tr("Nothing to change: give --days, --hours, --holidays, --update or --no-update."))
    if update_minutes is not None and (isinstance(update_minutes, bool) or update_minutes <= 0):
        raise BadInput(
            tr(
                "The update target must be a whole number of minutes above 0, not {minutes!r}.",
                minutes=update_minutes,
            )
        )
    changes: dict[str, Any] = {}
    with refusals_as_bad_input():
        if days is not None:
            changes["working_days"] = (
                None if days.strip().lower() == ROUND_THE_CLOCK else days_text(parse_days(days))
            )
        if hours is not None:
            day_start, day_end = parse_hours(hours)
            changes["working_hours"] = f"{day_start:%H:%M}-{day_end:%H:%M}"
        if public_holidays is not None:
            changes["public_holidays"] = public_holidays.strip().upper()
    if update_minutes is not None:
        changes["update_minutes"] = update_minutes
    elif no_update_clock:
        changes["update_minutes"] = None
    with lf.writing(actor) as w:
        found = w.conn.execute("SELECT id FROM sla_policies WHERE severity = ?", [chosen.value]).fetchone()
        if found is None:
            raise BadInput(
                tr(
                    "This launch has no {severity} target yet: set it first with cockpit sla set FILE "
                    "{severity} --first-response MIN --resolution MIN.",
                    severity=chosen.value,
                )
            )
        current = w.row("sla_policies", found[0])
        merged = {**current, **changes}
        if merged["working_days"] is not None:
            with refusals_as_bad_input():
                day_start, day_end = parse_hours(merged["working_hours"])
                check_calendar(
                    parse_days(merged["working_days"]), day_start, day_end, merged["public_holidays"]
                )
        row = w.update("sla_policies", found[0], changes, expect_version=expect_version)
    return Edit(row, w.changes)


def _day(value: date | str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadInput(
            tr("{value!r} is not a day; write it as YYYY-MM-DD, for example 2026-12-31.", value=value)
        ) from None


def add_team_holiday(lf: LaunchFile, *, actor: str, day: date | str, name: str = "") -> Edit:
    """A day the team does not work (年末年始, a company holiday): business-hours clocks skip it."""
    chosen = _day(day)
    with lf.writing(actor) as w:
        taken = w.conn.execute(
            "SELECT name FROM team_holidays WHERE day = ?", [chosen.isoformat()]
        ).fetchone()
        if taken is not None:
            raise BadInput(
                tr(
                    "{day} is already a team holiday ({name}); remove it first to rename it.",
                    day=chosen.isoformat(),
                    name=taken[0] or "—",
                )
            )
        row = w.insert("team_holidays", {"day": chosen.isoformat(), "name": name.strip()})
    return Edit(row, w.changes)


def team_holidays(lf: LaunchFile) -> tuple[tuple[date, str], ...]:
    """The team's own days off with their names, by day (the window's SLA calendars dialog lists them)."""
    with lf.reading() as conn:
        return tuple((date.fromisoformat(day), name) for _, day, name, _ in read_team_holidays(conn))


def remove_team_holiday(lf: LaunchFile, *, actor: str, day: date | str) -> Edit:
    chosen = _day(day)
    with lf.writing(actor) as w:
        found = w.conn.execute("SELECT id FROM team_holidays WHERE day = ?", [chosen.isoformat()]).fetchone()
        if found is None:
            raise BadInput(
                tr(
                    "{day} is not a team holiday; cockpit holiday list FILE shows them.",
                    day=chosen.isoformat(),
                )
            )
        row = w.delete("team_holidays", found[0])
    return Edit(row, w.changes)


def record_response(
    lf: LaunchFile,
    *,
    actor: str,
    ticket_id: int,
    at: datetime | str | None = None,
    expect_version: int | None = None,
) -> Edit:
    """The team answered the reporter: the first answer stops the first-response clock (a new ticket is
    acknowledged by it), every later one restarts the update clock. ``at``: when, if earlier than now."""
    with lf.writing(actor) as w:
        answered = past_or_now(given_time(w, at, tr("response")), tr("response"))
        current = w.row("tickets", ticket_id)
        if TicketStatus(current["status"]) not in OPEN_STATUSES:
            raise BadInput(
                tr(
                    "Ticket #{id} is {status}: its clocks have stopped. Reopen it first "
                    "(cockpit ticket update FILE {id} --status in_progress).",
                    id=ticket_id,
                    status=current["status"],
                )
            )
        opened = when(current["opened_at"])
        if opened is not None and answered < opened:
            raise BadInput(
                tr(
                    "Ticket #{id} was opened at {opened}; a response cannot come before it ({at}).",
                    id=ticket_id,
                    opened=current["opened_at"],
                    at=stamp(answered),
                )
            )
        changes: dict[str, Any]
        if current["first_response_at"] is None:
            changes = {"first_response_at": stamp(answered)}
            if current["status"] == TicketStatus.NEW.value:
                changes["status"] = TicketStatus.ACKNOWLEDGED.value
        else:
            changes = {"last_update_at": stamp(answered)}
        row = w.update("tickets", ticket_id, changes, expect_version=expect_version)
    return Edit(row, w.changes)
