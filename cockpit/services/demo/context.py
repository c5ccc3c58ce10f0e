"""What every part of the demo generator shares: the clock, the random stream, the words, the sizes."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

# resources/ is installed as the package cockpit.resources: read through importlib.resources, the words
# are found in an installed wheel as in the checkout.
PHRASES_DIR: Traversable = resources.files("cockpit.resources").joinpath("demo")
LANGUAGES = ("en", "ja")
# Asia/Tokyo has no daylight saving time; a fixed offset avoids needing tzdata on Windows.
JST = timezone(timedelta(hours=9), "JST")


def load_phrases(lang: str) -> dict[str, Any]:
    """The demo's words in one language, from ``resources/demo/<lang>.json``."""
    phrases: dict[str, Any] = json.loads(PHRASES_DIR.joinpath(f"{lang}.json").read_text(encoding="utf-8"))
    return phrases


@dataclass(frozen=True, slots=True)
class Scale:
    checklist: int
    steps: int
    objects: int
    risks: int
    tickets: int
    ticket_days: float  # tickets were opened over this many days before now
    runs_per_level: int | None  # None: the catalog's own run counts and sizes
    cases_per_run: int | None
    extra_people: int


SCALES = {
    "small": Scale(
        checklist=120,
        steps=40,
        objects=30,
        risks=25,
        tickets=60,
        ticket_days=4,
        runs_per_level=None,
        cases_per_run=None,
        extra_people=0,
    ),
    "large": Scale(
        checklist=2_000,
        steps=300,
        objects=500,
        risks=200,
        tickets=5_000,
        ticket_days=14,
        runs_per_level=8,
        cases_per_run=2_500,
        extra_people=28,
    ),
    # Five times the large launch: the benchmark's check that a change costs the same whatever the size.
    "huge": Scale(
        checklist=10_000,
        steps=1_500,
        objects=2_500,
        risks=1_000,
        tickets=25_000,
        ticket_days=14,
        runs_per_level=8,
        cases_per_run=12_500,
        extra_people=140,
    ),
}


def iso(moment: datetime) -> str:
    """How the demo stores a time: UTC, to the second."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def minutes(value: float) -> timedelta:
    return timedelta(seconds=round(value * 60))


@dataclass(slots=True)
class Demo:
    """The state one demo generation threads through its parts."""

    rng: random.Random
    now: datetime
    runbook_start: datetime
    go_live: datetime
    rollback_deadline: datetime
    text: dict[str, Any]
    scale: Scale
    by_role: dict[str, str] = field(default_factory=dict)  # role key -> person's name
    team: list[str] = field(default_factory=list)  # everyone in the people table
    outsiders: list[str] = field(default_factory=list)  # business users who raise tickets

    def variant(self, title: str, copy: int) -> str:
        """The large demo repeats the catalog per site; copy 0 is the catalog itself."""
        if copy == 0:
            return title
        areas = self.text["areas"]
        template: str = self.text["variant_format"]
        return template.format(title=title, area=areas[(copy - 1) % len(areas)])

    def owner(self, roles: tuple[str, ...]) -> str:
        """Mostly the first role's person, sometimes a colleague's."""
        if len(roles) == 1 or self.rng.random() < 0.6:
            return self.by_role[roles[0]]
        return self.by_role[self.rng.choice(roles[1:])]
