"""The launch's own settings: name, go-live, time zone, rollback deadline, risk bands, stage, SLA targets.

``update_launch`` changes any of the launch row's settings and moves its stage, in one write; ``move_stage``
is the same call for a stage move alone; ``set_sla_target`` changes one severity's SLA targets. Each checks
the version the caller saw (``expect_version``) and is audited like every other edit. A stage move is its
own audit row, whose summary is the reason given for it: ``store/read.read_last_stage_move`` reads it back
for the overview.

Times are aware datetimes or ISO 8601 text; a time written without an offset is read in the launch's zone
(the new one, when the same call changes the zone), as a team writes times on go-live day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cockpit.domain.launch import Stage
from cockpit.domain.moments import zone_of
from cockpit.domain.refusal import Refusal
from cockpit.domain.risks import validate_thresholds
from cockpit.domain.stage import stage_move
from cockpit.domain.support import Severity, check_sla_target
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.edits import UNSET, Edit, _choice, _text, _Unset
from cockpit.services.rules import refusals_as_bad_input, ruling_on
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import when
from cockpit.store.writer import Writer


@dataclass(frozen=True, slots=True)
class SlaTarget:
    """New targets for one severity (None keeps that one) and the version of its row the caller saw."""

    first_response_minutes: int | None = None
    resolution_minutes: int | None = None
    expect_version: int | None = None


def checked_zone(name: str) -> str:
    """An IANA zone name this machine knows, as given (stripped); refused otherwise, naming the fix."""
    name = (name or "").strip()
    try:
        if not name:
            raise ValueError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder of tzdata ("Asia")
        raise BadInput(
            tr(
                "Unknown time zone {zone!r}; use an IANA name such as Asia/Tokyo or Europe/Berlin.",
                zone=name,
            )
        ) from None
    return name


def launch_time(value: datetime | str, zone: ZoneInfo, what: str) -> datetime:
    """A time given for the launch: a ``datetime`` or ISO 8601 text; without an offset it is read in ``zone``."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise BadInput(
                tr(
                    "The {what} {value!r} is not an ISO 8601 time; write e.g. 2026-12-01T09:00 (read in the "
                    "launch's time zone) or 2026-12-01T09:00+09:00.",
                    what=what,
                    value=value,
                )
            ) from None
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def _naive(value: datetime | str | None | _Unset) -> bool:
    """Whether ``value`` is a time without an offset (which needs the launch's zone to be read)."""
    if isinstance(value, datetime):
        return value.tzinfo is None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip()).tzinfo is None
        except ValueError:
            return False  # refused as it is read
    return False


def _stored_zone(lf: LaunchFile) -> ZoneInfo:
    with lf.reading() as conn:
        found = conn.execute("SELECT timezone FROM launch WHERE id = 1").fetchone()
    return zone_of(found[0] if found else None)


def check_risk_bands(red_min: int, amber_min: int) -> None:
    """Refuse risk bands that are no whole scores, or leave a zone empty (``domain.risks.validate_thresholds``)."""
    for value, what in ((red_min, tr("red")), (amber_min, tr("amber"))):
        if isinstance(value, bool) or not isinstance(value, int):
            raise Refusal(
                tr(
                    "The {what} risk band's minimum score must be a whole number, not {value!r}.",
                    what=what,
                    value=value,
                )
            )
    try:
        validate_thresholds(red_min, amber_min)
    except ValueError as problem:
        raise Refusal(
            tr(
                "{problem} Choose an amber minimum of 2 or more, below the red one, and a red one of 25 at most.",
                problem=problem,
            )
        ) from None


def _same_moment(stored: str | None, value: datetime | None) -> bool:
    """Whether a stored time is the same instant as ``value`` (its offset aside): no change to write."""
    before = when(stored)
    return before == value if before is not None and value is not None else before is value


def update_launch(
    lf: LaunchFile,
    *,
    actor: str,
    name: str | None = None,
    go_live: datetime | str | None = None,
    timezone: str | None = None,
    rollback_deadline: datetime | str | None | _Unset = UNSET,
    risk_red_min: int | None = None,
    risk_amber_min: int | None = None,
    stage: str | None = None,
    reason: str = "",
    sla: Mapping[str, SlaTarget] | None = None,
    expect_version: int | None = None,
) -> Edit:
    """Change the given settings (``rollback_deadline=None`` clears it), move the stage (a move back or a skip
    needs ``reason``) and set SLA targets per severity, in one write. ``Edit.row`` is the launch row."""
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = _text(name, tr("The launch's name"))
    if timezone is not None:
        changes["timezone"] = checked_zone(timezone)
    target = _choice(Stage, stage, tr("stage")) if stage is not None else None
    if target is None and (reason or "").strip():
        raise BadInput(tr("A reason goes with a stage move: give --stage too, or leave the reason out."))
    targets = {
        _choice(Severity, severity, tr("severity")): wanted for severity, wanted in (sla or {}).items()
    }
    if (
        not changes
        and go_live is None
        and isinstance(rollback_deadline, _Unset)
        and risk_red_min is None
        and risk_amber_min is None
        and target is None
        and not targets
    ):
        raise BadInput(
            tr(
                "Nothing to change: give --name, --go-live, --timezone, --rollback-deadline, --stage, "
                "--risk-red or --risk-amber."
            )
        )
    zone = ZoneInfo(changes["timezone"]) if "timezone" in changes else None
    if zone is None and (_naive(go_live) or _naive(rollback_deadline)):
        zone = _stored_zone(lf)
    moments: dict[str, datetime | None] = {}
    if go_live is not None:
        moments["go_live"] = launch_time(go_live, zone or ZoneInfo("UTC"), tr("go-live"))
    if not isinstance(rollback_deadline, _Unset):
        moments["rollback_deadline"] = (
            None
            if rollback_deadline in (None, "")
            else launch_time(rollback_deadline, zone or ZoneInfo("UTC"), tr("rollback deadline"))
        )
    with lf.writing(actor) as w:
        current = w.row("launch", 1)
        for column, value in moments.items():
            if not _same_moment(current[column], value):
                changes[column] = None if value is None else value.isoformat()
        if risk_red_min is not None or risk_amber_min is not None:
            red = current["risk_red_min"] if risk_red_min is None else risk_red_min
            amber = current["risk_amber_min"] if risk_amber_min is None else risk_amber_min
            with ruling_on(w, "launch", current, expect_version):
                check_risk_bands(red, amber)
            changes.update(risk_red_min=red, risk_amber_min=amber)
        move_reason = ""
        if target is not None:
            with ruling_on(w, "launch", current, expect_version):
                move_reason = stage_move(Stage(current["stage"]), target, reason)
        row = w.update("launch", 1, changes, expect_version=expect_version)
        if target is not None:
            # Its own audit row, whose summary is the reason: what the overview shows beside the move.
            row = w.update("launch", 1, {"stage": target.value}, summary=move_reason)
        for severity, wanted in targets.items():
            _write_sla_target(w, severity, wanted)
    return Edit(row, w.changes)


def move_stage(
    lf: LaunchFile, *, actor: str, stage: str, reason: str = "", expect_version: int | None = None
) -> Edit:
    """Move the launch to ``stage``: one stage forward as it is, back or past a stage with a reason."""
    return update_launch(lf, actor=actor, stage=stage, reason=reason, expect_version=expect_version)


def set_sla_target(
    lf: LaunchFile,
    *,
    actor: str,
    severity: str,
    first_response_minutes: int | None = None,
    resolution_minutes: int | None = None,
    expect_version: int | None = None,
) -> Edit:
    """Change one severity's SLA targets (minutes to the first response, to the resolution)."""
    chosen = _choice(Severity, severity, tr("severity"))
    if first_response_minutes is None and resolution_minutes is None:
        raise BadInput(tr("Nothing to change: give --first-response or --resolution (minutes)."))
    with lf.writing(actor) as w:
        row = _write_sla_target(
            w, chosen, SlaTarget(first_response_minutes, resolution_minutes, expect_version)
        )
    return Edit(row, w.changes)


def _write_sla_target(w: Writer, severity: Severity, wanted: SlaTarget) -> dict[str, Any]:
    found = w.conn.execute("SELECT * FROM sla_policies WHERE severity = ?", [severity.value]).fetchone()
    if found is None:  # every launch is created with all four; a file edited by hand may lack one
        first, resolution = wanted.first_response_minutes, wanted.resolution_minutes
        if first is None or resolution is None:
            raise BadInput(
                tr(
                    "This launch has no {severity} target yet: give both --first-response and --resolution.",
                    severity=severity.value,
                )
            )
        with refusals_as_bad_input():
            check_sla_target(severity, first, resolution)
        values = {
            "severity": severity.value,
            "first_response_minutes": first,
            "resolution_minutes": resolution,
        }
        return w.insert("sla_policies", values)
    current = dict(found)
    first = (
        current["first_response_minutes"]
        if wanted.first_response_minutes is None
        else wanted.first_response_minutes
    )
    resolution = (
        current["resolution_minutes"] if wanted.resolution_minutes is None else wanted.resolution_minutes
    )
    with ruling_on(w, "sla_policies", current, wanted.expect_version):
        check_sla_target(severity, first, resolution)
    return w.update(
        "sla_policies",
        current["id"],
        {"first_response_minutes": first, "resolution_minutes": resolution},
        expect_version=wanted.expect_version,
    )
