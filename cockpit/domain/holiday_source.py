"""Where a business-hours clock learns a region's public holidays.

By default from the ``holidays`` package, which costs a CLI command about 0.15 s each time (it loads every
country's module to answer for Japan, then works the year out). A front end that may keep files puts a
remembering source here (``cockpit.services.public_holiday_cache``); the domain itself never touches a file.
This module imports nothing at run time: every CLI command sets the source before it knows whether a clock
will ask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

remembering: Callable[[str, int], frozenset[date]] | None = None


def from_the_package(region: str, year: int) -> frozenset[date]:
    """The region's public holidays of ``year``, worked out by the ``holidays`` package."""
    import holidays

    return frozenset(holidays.country_holidays(region, years=year).keys())
