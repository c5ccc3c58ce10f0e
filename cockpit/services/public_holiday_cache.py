"""Public holidays remembered between runs, so a command that counts business hours skips the ``holidays``
package (about 0.15 s of a CLI start: its every country loaded, then the year worked out).

One JSON file in the user's cache folder holds the days per region and year, under the fingerprint of the
installed package (its path, size and modification time): an upgraded package, which may know a new holiday,
starts the file afresh. The file is only ever a shortcut: one that cannot be read or written (a read-only home,
a full disk, a damaged file) is ignored and the package answers.
"""

from __future__ import annotations

import contextlib
import os
from datetime import date
from pathlib import Path

from cockpit.domain import holiday_source

CACHE_NAME = "public-holidays.json"

_days: dict[str, list[str]] | None = None  # "JP/2026" -> ISO dates, as the file holds them
_fingerprint: str | None = None


def install() -> None:
    """Make the business-hours clocks of this process ask this cache first."""
    holiday_source.remembering = remembered_public_holidays


def cache_file() -> Path:
    import platformdirs

    return platformdirs.user_cache_path("golive-cockpit") / CACHE_NAME


def package_fingerprint() -> str:
    from importlib.util import find_spec  # finds the package without running it

    spec = find_spec("holidays")
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    try:
        stat = origin.stat() if origin is not None else None
    except OSError:  # a frozen app's package lives inside its archive: nothing to key the file by
        stat = None
    return f"{origin}|{stat.st_size}|{stat.st_mtime_ns}" if stat is not None else ""


def remembered_public_holidays(region: str, year: int) -> frozenset[date]:
    global _days, _fingerprint
    if _days is None:
        _fingerprint = package_fingerprint()
        _days = _read(cache_file(), _fingerprint)
    key = f"{region}/{year}"
    known = _days.get(key)
    if known is not None:
        try:
            return frozenset(date.fromisoformat(day) for day in known)
        except ValueError:  # a damaged file: the package answers, and the entry is written again
            pass
    found = holiday_source.from_the_package(region, year)
    _days[key] = sorted(day.isoformat() for day in found)
    _write(cache_file(), _fingerprint or "", _days)
    return found


def forget() -> None:
    """Read the file again on the next question (tests; a process that changed its cache folder)."""
    global _days, _fingerprint
    _days = _fingerprint = None


def _read(path: Path, fingerprint: str) -> dict[str, list[str]]:
    import json  # only once a clock asks: most commands never do

    try:
        held = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(held, dict) or held.get("package") != fingerprint or not fingerprint:
        return {}
    days = held.get("days")
    if not isinstance(days, dict):
        return {}
    return {
        key: value
        for key, value in days.items()
        if isinstance(value, list) and all(isinstance(day, str) for day in value)
    }


def _write(path: Path, fingerprint: str, days: dict[str, list[str]]) -> None:
    import json

    if not fingerprint:
        return
    spare = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        spare.write_text(json.dumps({"package": fingerprint, "days": days}), encoding="utf-8")
        os.replace(spare, path)  # whole or not at all, whichever process writes last
    except OSError:  # a read-only home or a full disk: the next run asks the package again
        with contextlib.suppress(OSError):
            spare.unlink(missing_ok=True)
