"""The launch's zone: one resolution from the stored name, one fallback (UTC) for a name we cannot use."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from cockpit.domain.launch import Launch, Stage
from cockpit.domain.moments import FALLBACK_ZONE, zone_of


def launch_in(timezone: str) -> Launch:
    return Launch(
        name="ERP", go_live=datetime(2026, 12, 1, tzinfo=UTC), timezone=timezone, stage=Stage.PREPARATION
    )


def test_a_known_name_is_its_zone() -> None:
    assert zone_of("Asia/Tokyo") == ZoneInfo("Asia/Tokyo")
    assert launch_in("Europe/Berlin").zone == ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    "name", ["", None, "Mars/Olympus_Mons", "JST ", "Asia", "../../etc/passwd", "/etc/localtime"]
)
def test_a_name_no_zone_answers_to_falls_back_to_utc(name: str | None) -> None:
    assert zone_of(name) == FALLBACK_ZONE == ZoneInfo("UTC")


def test_a_launch_whose_zone_this_machine_lacks_still_shows_its_times_in_utc() -> None:
    launch = launch_in("Nowhere/Atlantis")
    assert launch.zone == FALLBACK_ZONE
    assert launch.go_live.astimezone(launch.zone).tzname() == "UTC"
