"""Hypercare KPIs: add, edit, remove a KPI, and record a value for one (typed in the window or the CLI).

Values imported from a table go through ``services/import_table`` (``TableKind.KPI_VALUES``); values pulled
from a Prometheus server through ``services/kpi_pull``. All of them land in ``kpi_values``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cockpit.domain.kpis import Direction, Kpi, check_kpi_name_free, kpi_named
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.importers.cell_values import CellError, parse_number
from cockpit.services.edits import Edit, _choice
from cockpit.services.rules import in_launch_zone, moment, now, refusals_as_bad_input, ruling_on, stamp
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import read_kpis
from cockpit.store.writer import Writer

TYPED = "typed"  # the source of a value typed by hand (shown as such; a file or a server is named instead)


def _name(value: str | None) -> str:
    text = (value or "").strip()
    if not text:
        raise BadInput(tr("A KPI's name must not be empty; give it a name such as “Uptime”."))
    return text


def number(value: float | str, what: str) -> float:
    """A figure given as a number or as text ("99.95", "99,95", "99.95 %")."""
    try:
        return parse_number(value)
    except CellError:
        raise BadInput(
            tr("{what} must be a number, like 99.9; {value!r} is not.", what=what, value=value)
        ) from None


# The signs a user types for a direction, besides its stored name.
_DIRECTION_SIGNS = {
    ">=": Direction.AT_LEAST,
    "≥": Direction.AT_LEAST,
    "<=": Direction.AT_MOST,
    "≤": Direction.AT_MOST,
}


def direction_of(value: Direction | str) -> Direction:
    text = str(value).strip()
    return _DIRECTION_SIGNS.get(text) or _choice(Direction, text.replace("-", "_").lower(), tr("direction"))


def add_kpi(
    lf: LaunchFile,
    *,
    actor: str,
    name: str,
    target: float | str,
    direction: Direction | str,
    unit: str = "",
    query: str = "",
) -> Edit:
    kpi_name = _name(name)
    values = {
        "name": kpi_name,
        "unit": (unit or "").strip(),
        "target": number(target, tr("The target")),
        "direction": direction_of(direction).value,
        "query": (query or "").strip(),
    }
    with lf.writing(actor) as w:
        with refusals_as_bad_input():
            check_kpi_name_free(kpi_name, None, read_kpis(w.conn))
        row = w.insert("kpis", values)
    return Edit(row, w.changes)


def update_kpi(
    lf: LaunchFile,
    *,
    actor: str,
    kpi_id: int,
    name: str | None = None,
    target: float | str | None = None,
    direction: Direction | str | None = None,
    unit: str | None = None,
    query: str | None = None,
    expect_version: int | None = None,
) -> Edit:
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = _name(name)
    if target is not None:
        changes["target"] = number(target, tr("The target"))
    if direction is not None:
        changes["direction"] = direction_of(direction).value
    if unit is not None:
        changes["unit"] = unit.strip()
    if query is not None:
        changes["query"] = query.strip()
    if not changes:
        raise BadInput(tr("Nothing to change: give a new name, target, direction, unit or query."))
    with lf.writing(actor) as w:
        current = w.row("kpis", kpi_id)
        if "name" in changes:
            with ruling_on(w, "kpis", current, expect_version):
                check_kpi_name_free(changes["name"], kpi_id, read_kpis(w.conn))
        row = w.update("kpis", kpi_id, changes, expect_version=expect_version)
    return Edit(row, w.changes)


def remove_kpi(lf: LaunchFile, *, actor: str, kpi_id: int, expect_version: int | None = None) -> Edit:
    """Remove a KPI and its values (the values say nothing without the target they were measured against)."""
    with lf.writing(actor) as w:
        w.check_version("kpis", w.row("kpis", kpi_id), expect_version, yours={}, action="delete")
        _forget_values(w, kpi_id)  # before the KPI: its ON DELETE CASCADE would take them unaudited
        old = w.delete("kpis", kpi_id, expect_version=expect_version)
    return Edit(old, w.changes)


def _forget_values(w: Writer, kpi_id: int) -> None:
    # One audit row for them all (no row id): a refresh reads the values again whole.
    gone = w.conn.execute("SELECT count(*) FROM kpi_values WHERE kpi_id = ?", [kpi_id]).fetchone()[0]
    if gone:
        w.conn.execute("DELETE FROM kpi_values WHERE kpi_id = ?", [kpi_id])
        w.audit("delete", "kpi_values", None, {"kpi_id": kpi_id, "rows": gone}, None)


def kpi_by_name(w: Writer, name: str) -> Kpi:
    """The KPI a user names (its name, or its id); an unknown one is refused with the names there are."""
    kpis = read_kpis(w.conn)
    found = kpi_named(kpis, name)
    if found is None:
        known = ", ".join(k.name for k in kpis) or tr("none yet; add one with 'cockpit kpi add'")
        raise BadInput(tr("There is no KPI named {name!r}; the KPIs are: {known}.", name=name, known=known))
    return found


def record_kpi_value(
    lf: LaunchFile,
    *,
    actor: str,
    kpi: str | int,
    value: float | str,
    at: datetime | str | None = None,
    source: str = TYPED,
) -> Edit:
    """One value of a KPI, at ``at`` (default: now; a time without a zone is the launch's local time)."""
    figure = number(value, tr("The value"))
    when = moment(at, tr("value"), local=True)
    with lf.writing(actor) as w:
        found = kpi_by_name(w, str(kpi))
        measured = now() if when is None else in_launch_zone(w, when)
        row = w.insert(
            "kpi_values", {"kpi_id": found.id, "at": stamp(measured), "value": figure, "source": source}
        )
    return Edit(row, w.changes)


def remove_kpi_value(lf: LaunchFile, *, actor: str, value_id: int) -> Edit:
    """Take back a value typed by mistake."""
    with lf.writing(actor) as w:
        old = w.delete("kpi_values", value_id)
    return Edit(old, w.changes)
