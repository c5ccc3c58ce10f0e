"""How services apply the domain's rules: the clock they read, the times they write, the refusals they report.

The domain reads no clock and knows no front end; a service passes it ``now()`` and turns its ``Refusal``
into ``BadInput`` (exit 2 in the CLI, the message bar in the window).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from cockpit.domain.refusal import Refusal
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.store.writer import Writer


def now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime | None) -> str | None:
    """A time as the launch file keeps it (ISO 8601, milliseconds, with its offset)."""
    return None if moment is None else moment.isoformat(timespec="milliseconds")


def moment(value: datetime | str | None, what: str, *, local: bool = False) -> datetime | None:
    """A time given by a caller (ISO text or a datetime); it must carry its time zone, unless ``local``:
    then a time without one is kept as it is, for ``in_launch_zone`` to read in the launch's zone."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise BadInput(tr("{value!r} is not an ISO 8601 time.", value=value)) from None
    if value.tzinfo is None and not local:
        raise BadInput(tr("The {what} time needs a time zone, e.g. 2026-12-01T09:00+09:00.", what=what))
    return value


def in_launch_zone(w: Writer, value: datetime) -> datetime:
    """A time written without an offset, as the launch team means it: in the launch's own time zone."""
    return value if value.tzinfo is not None else value.replace(tzinfo=w.zone())


@contextmanager
def refusals_as_bad_input() -> Iterator[None]:
    try:
        yield
    except Refusal as refusal:
        raise BadInput(str(refusal)) from None


@contextmanager
def ruling_on(
    w: Writer, table: str, row: dict[str, Any], expect_version: int | None, *, action: str = "update"
) -> Iterator[None]:
    """Apply a rule to ``row`` as it is in the file; its refusal becomes ``BadInput``.

    Unless the row moved since the version the user acted on: then what changed is the news (the conflict
    shows who did what, and the user decides), not a rule judged on a row they have not seen.
    """
    try:
        yield
    except Refusal as refusal:
        w.check_version(table, row, expect_version, yours={}, action=action)
        raise BadInput(str(refusal)) from None


# -- times given for what already happened: a response, a status change, a meeting ----------------------


def given_time(w: Writer, value: datetime | str | None, what: str) -> datetime | None:
    """A time the caller gave (None: none), read in the launch's zone when written without an offset."""
    given = moment(value, what, local=True)
    return None if given is None else in_launch_zone(w, given)


def past_or_now(value: datetime | None, what: str) -> datetime:
    """``value``, or now when none is given; what is recorded as done cannot have happened in the future."""
    current = now()
    if value is None:
        return current
    if value > current:
        raise BadInput(
            tr(
                "The {what} time {at} is in the future; give when it happened, or leave it out for now.",
                what=what,
                at=value.isoformat(timespec="minutes"),
            )
        )
    return value
