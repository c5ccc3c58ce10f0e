"""Public holidays remembered between runs: the same days as the holidays package, from the file once it has
them, and a file that cannot be used is only a missed shortcut."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cockpit.domain import business_hours, holiday_source
from cockpit.services import public_holiday_cache as cache


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache.forget()
    yield tmp_path / "cache"
    cache.forget()


def test_the_days_are_the_packages_and_are_kept_in_the_users_cache(cache_home: Path) -> None:
    days = cache.remembered_public_holidays("JP", 2026)
    assert days == holiday_source.from_the_package("JP", 2026)
    assert date(2026, 11, 23) in days  # 勤労感謝の日
    held = json.loads((cache_home / "golive-cockpit" / cache.CACHE_NAME).read_text(encoding="utf-8"))
    assert held["days"]["JP/2026"][0] == "2026-01-01"
    assert held["package"] == cache.package_fingerprint()


def test_once_kept_the_package_is_not_asked(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = cache.remembered_public_holidays("JP", 2027)
    cache.forget()  # a new process, as it were

    def refuse(region: str, year: int) -> frozenset[date]:
        raise AssertionError("the package was asked again")

    monkeypatch.setattr(holiday_source, "from_the_package", refuse)
    assert cache.remembered_public_holidays("JP", 2027) == expected


def test_a_damaged_or_foreign_file_is_only_a_missed_shortcut(cache_home: Path) -> None:
    path = cache_home / "golive-cockpit" / cache.CACHE_NAME
    path.parent.mkdir(parents=True)
    for content in ("{not json", json.dumps({"package": "another version", "days": {"JP/2026": []}})):
        path.write_text(content, encoding="utf-8")
        cache.forget()
        assert cache.remembered_public_holidays("JP", 2026) == holiday_source.from_the_package("JP", 2026)
    held = json.loads(path.read_text(encoding="utf-8"))
    assert held["package"] == cache.package_fingerprint() and len(held["days"]["JP/2026"]) > 10
    held["days"]["JP/2026"] = ["2026-13-45"]  # a date no calendar has
    path.write_text(json.dumps(held), encoding="utf-8")
    cache.forget()
    assert cache.remembered_public_holidays("JP", 2026) == holiday_source.from_the_package("JP", 2026)


def test_an_unwritable_cache_folder_changes_nothing(cache_home: Path) -> None:
    cache_home.parent.mkdir(parents=True, exist_ok=True)
    cache_home.write_text("a file where the folder would be", encoding="utf-8")  # mkdir fails, as read-only
    assert cache.remembered_public_holidays("JP", 2026) == holiday_source.from_the_package("JP", 2026)
    assert cache_home.read_text(encoding="utf-8") == "a file where the folder would be"


def test_a_business_hours_clock_asks_the_installed_source(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, int]] = []

    def source(region: str, year: int) -> frozenset[date]:
        asked.append((region, year))
        return frozenset({date(2026, 12, 8)})

    monkeypatch.setattr(holiday_source, "remembering", source)
    business_hours._public_holidays.cache_clear()
    try:
        assert business_hours._public_holidays("JP", 2026) == {date(2026, 12, 8)}
        assert asked == [("JP", 2026)]
    finally:
        business_hours._public_holidays.cache_clear()


def test_a_second_cli_status_does_not_load_the_holidays_package(tmp_path: Path, cache_home: Path) -> None:
    from cockpit.services.demo import write_demo

    launch = write_demo(tmp_path / "demo.golive", size="small", lang="en", actor="tester")
    probe = (
        "import sys\nfrom cockpit.cli import main\ncode = main(sys.argv[1:])\n"
        "print('holidays' in sys.modules, file=sys.stderr)\nsys.exit(code)"
    )
    loaded = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", probe, "status", str(launch)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "XDG_CACHE_HOME": str(cache_home)},
        )
        loaded.append(done.stderr.strip().splitlines()[-1])
    assert loaded == ["True", "False"], loaded  # the first run asked the package; the second, the cache
