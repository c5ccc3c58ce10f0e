"""The launch team, the business users who raise tickets, and the go/no-go sign-offs."""

from __future__ import annotations

from datetime import timedelta

from cockpit.domain.gate import Decision
from cockpit.services.demo.catalog import ROLES, SIGNED_GO, SIGNOFF_ROLES
from cockpit.services.demo.context import JST, Demo, iso
from cockpit.store.writer import Writer

OUTSIDERS = 40


def _names(demo: Demo, count: int, *, skip: set[str]) -> list[tuple[str, str]]:
    """``count`` distinct (display name, login) pairs, walking family × given names in a fixed order."""
    family, given = demo.text["family_names"], demo.text["given_names"]
    found: list[tuple[str, str]] = []
    index = 0
    while len(found) < count:
        f = family[index % len(family)]
        g = given[(index + index // len(family) * 7) % len(given)]
        name = demo.text["name_format"].format(family=f[0], given=g[0])
        if name not in skip:
            skip.add(name)
            found.append((name, f"{g[1]}.{f[1]}"))
        index += 1
    return found


def write_people(w: Writer, demo: Demo) -> None:
    roles = demo.text["roles"]
    seen: set[str] = set()
    members = list(zip(ROLES, _names(demo, len(ROLES), skip=seen), strict=True))
    extra = _names(demo, demo.scale.extra_people, skip=seen)
    members += [("app_team", pair) for pair in extra]
    domain = demo.text["email_domain"]
    rows = [
        {"name": name, "role": roles[role], "login": login, "email": f"{login}@{domain}"}
        for role, (name, login) in members
    ]
    w.insert_many("people", rows, summary="demo: launch team")
    demo.by_role = {role: name for role, (name, _) in members if role != "app_team"}
    demo.team = [name for _, (name, _) in members]
    demo.outsiders = [name for name, _ in _names(demo, OUTSIDERS, skip=seen)]


def write_signoffs(w: Writer, demo: Demo) -> None:
    """Two leads said go when the cutover started; the business owner and security have not yet."""
    deadline = demo.rollback_deadline.astimezone(JST).strftime("%H:%M")
    rows = []
    for order, role in enumerate(SIGNOFF_ROLES):
        row = {
            "person": demo.by_role[role],
            "role": demo.text["roles"][role],
            "decision": Decision.PENDING.value,
        }
        if role in SIGNED_GO:
            decided = demo.runbook_start - timedelta(
                minutes=40 - 15 * order, seconds=demo.rng.randint(0, 600)
            )
            comment = demo.text["signoff_comments"][role].format(deadline=deadline)
            row.update(decision=Decision.GO.value, decided_at=iso(decided), comment=comment)
        else:
            row.update(decided_at=None, comment="")
        rows.append(row)
    for row in rows:
        w.insert("signoffs", row, summary="demo: sign-off")
