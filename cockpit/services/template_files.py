"""Launch templates as files: read ``cockpit/templates/*.json`` from the package and check every entry.

``defaults.json`` holds the SLA targets and go/no-go criteria every launch gets; ``standard.json`` the サービスイン
checklist and the runbook skeleton. Each holds structure only (keys, stage, category, offsets from go-live, gate,
dependencies); its words are in ``<name>.<lang>.json`` by key (the defaults have none: criteria are worded when shown), so a translator edits words alone and the two
languages share one structure. The ``empty`` template is the defaults alone. A damaged file is refused with
the file and the problem named (``TemplateBroken``), before any launch file exists.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import time
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, NoReturn, TypeVar

from cockpit.domain.checklist import Category, ItemStage
from cockpit.domain.gate import CriterionKind
from cockpit.domain.kpis import Direction
from cockpit.domain.migration import StepKind
from cockpit.errors import BadInput, CockpitError
from cockpit.i18n import tr

TEMPLATES = ("standard", "empty")
LANGUAGES = ("en", "ja")
SEVERITIES = ("P1", "P2", "P3", "P4")

_E = TypeVar("_E", ItemStage, Category, StepKind, CriterionKind, Direction)

# The parts each template is built from, in order: every template starts with the defaults.
_PARTS = {"standard": ("defaults", "standard"), "empty": ("defaults",)}


class TemplateBroken(CockpitError):
    """A template file inside the package is missing or malformed: the installation is damaged."""


@dataclass(frozen=True, slots=True)
class SlaPlan:
    severity: str
    first_response_minutes: int
    resolution_minutes: int


@dataclass(frozen=True, slots=True)
class CriterionPlan:
    key: str
    kind: CriterionKind
    params: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ItemPlan:
    key: str
    stage: ItemStage
    category: Category
    title: str
    due_days: int | None  # calendar days from go-live's local date, due at the template's due time
    due_hours: int | None  # hours from the go-live moment
    gate: bool
    depends_on: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StepPlan:
    key: str
    kind: StepKind
    title: str
    start_minutes: int  # from the go-live moment
    minutes: int
    depends_on: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KpiPlan:
    key: str
    name: str
    unit: str
    target: float
    direction: Direction
    query: str


@dataclass(frozen=True, slots=True)
class LaunchTemplate:
    name: str
    lang: str
    sla: tuple[SlaPlan, ...]
    criteria: tuple[CriterionPlan, ...]
    items: tuple[ItemPlan, ...] = ()
    steps: tuple[StepPlan, ...] = ()
    due_time: time = time(18, 0)
    rollback_deadline_minutes: int | None = None
    kpis: tuple[KpiPlan, ...] = ()


def template_folder() -> Traversable:
    """The package's own template files (inside an installed wheel too)."""
    return resources.files("cockpit").joinpath("templates")


def load_template(name: str, lang: str, *, folder: Traversable | None = None) -> LaunchTemplate:
    """Read and check one template in one language; refuse an unknown name or language (exit 2)."""
    if name not in TEMPLATES:
        raise BadInput(
            tr(
                "Unknown template {name!r}; choose one of: {choices}.",
                name=name,
                choices=", ".join(TEMPLATES),
            )
        )
    if lang not in LANGUAGES:
        raise BadInput(
            tr(
                "Unknown template language {lang!r}; choose one of: {choices}.",
                lang=lang,
                choices=", ".join(LANGUAGES),
            )
        )
    base = template_folder() if folder is None else folder
    reader = _Reader(base, lang)
    defaults, _ = reader.part("defaults")
    template = LaunchTemplate(
        name=name,
        lang=lang,
        sla=tuple(_sla(reader, row) for row in _list(reader, defaults, "sla_policies")),
        criteria=tuple(_criterion(reader, row) for row in _list(reader, defaults, "gate_criteria")),
    )
    if "standard" in _PARTS[name]:
        structure, words = reader.part("standard")
        items = tuple(_item(reader, row, words) for row in _list(reader, structure, "checklist"))
        steps = tuple(_step(reader, row, words) for row in _list(reader, structure, "runbook"))
        _check_links(reader, "checklist", {i.key: i.depends_on for i in items})
        _check_links(reader, "runbook", {s.key: s.depends_on for s in steps})
        deadline = structure.get("rollback_deadline_minutes")
        template = LaunchTemplate(
            name=name,
            lang=lang,
            sla=template.sla,
            criteria=template.criteria,
            items=items,
            steps=steps,
            due_time=_due_time(reader, structure.get("due_time", "18:00")),
            rollback_deadline_minutes=None if deadline is None else reader.integer(deadline, "rollback"),
            kpis=tuple(
                _kpi(reader, row, words)
                for row in (_list(reader, structure, "kpis") if "kpis" in structure else [])
            ),
        )
    _check_unused_words(reader)
    return template


# -- reading and checking the files ---------------------------------------------------------------------------


class _Reader:
    """Reads a template's files and names the file and the entry in every complaint."""

    def __init__(self, folder: Traversable, lang: str) -> None:
        self.folder, self.lang = folder, lang
        self.file = ""
        self._words: dict[str, dict[str, dict[str, str]]] = {}
        self._used: set[tuple[str, str, str]] = set()

    def part(self, part: str) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
        structure = self._json(f"{part}.json")
        words_file = f"{part}.{self.lang}.json"
        # A part without words of its own (the defaults: criteria are worded from their kind when shown) has none.
        words = self._json(words_file) if self.folder.joinpath(words_file).is_file() else {}
        for section, texts in words.items():
            if not isinstance(texts, dict) or not all(isinstance(t, str) for t in texts.values()):
                self.fail(tr("the section {section!r} must map keys to texts", section=section))
        self._words[words_file] = words
        self.file = f"{part}.json"
        return structure, words

    def _json(self, file_name: str) -> dict[str, Any]:
        self.file = file_name
        try:
            data: Any = json.loads(self.folder.joinpath(file_name).read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.fail(tr("the file is missing"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            self.fail(str(exc))
        if not isinstance(data, dict):
            self.fail(tr("it must hold a JSON object"))
        return data

    def text(self, words: Mapping[str, Mapping[str, str]], section: str, key: str) -> str:
        words_file = f"{self.file.removesuffix('.json')}.{self.lang}.json"
        value = words.get(section, {}).get(key, "").strip()
        if not value:
            self.file = words_file
            self.fail(tr("no text for {section} {key!r}", section=section, key=key))
        self._used.add((words_file, section, key))
        return value

    def integer(self, value: object, what: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(tr("{what} must be a whole number, not {value!r}", what=what, value=value))
        return value

    def fail(self, problem: str) -> NoReturn:
        raise TemplateBroken(
            tr(
                "The launch template file {file} is damaged: {problem}. Nothing was created; "
                "reinstall the cockpit, or use --template empty.",
                file=self.folder.joinpath(self.file),
                problem=problem,
            )
        )

    def unused(self) -> list[str]:
        return [
            f"{file} {section} {key!r}"
            for file, words in self._words.items()
            for section, texts in words.items()
            for key in texts
            if (file, section, key) not in self._used
        ]


def _list(reader: _Reader, data: Mapping[str, Any], field: str) -> list[dict[str, Any]]:
    rows = data.get(field)
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        reader.fail(tr("{field!r} must be a list of objects", field=field))
    keys = [r.get("key") for r in rows if "key" in r]
    doubled = sorted({k for k in keys if keys.count(k) > 1})
    if doubled:
        reader.fail(tr("{field!r} uses these keys twice: {keys}", field=field, keys=", ".join(doubled)))
    return list(rows)


def _choice(reader: _Reader, enum: type[_E], value: Any, row: Mapping[str, Any]) -> _E:
    try:
        return enum(value)
    except ValueError:
        reader.fail(
            tr(
                "{key!r} has {value!r}, which is none of: {choices}",
                key=row.get("key"),
                value=value,
                choices=", ".join(member.value for member in enum),
            )
        )


def _key(reader: _Reader, row: Mapping[str, Any]) -> str:
    key = row.get("key")
    if not isinstance(key, str) or not key:
        reader.fail(tr("an entry has no key: {row}", row=dict(row)))
    return str(key)


def _depends_on(reader: _Reader, row: Mapping[str, Any]) -> tuple[str, ...]:
    deps = row.get("depends_on", [])
    if not isinstance(deps, list) or not all(isinstance(d, str) for d in deps):
        reader.fail(tr("{key!r}: depends_on must be a list of keys", key=row.get("key")))
    return tuple(deps)


def _sla(reader: _Reader, row: Mapping[str, Any]) -> SlaPlan:
    severity = row.get("severity")
    if severity not in SEVERITIES:
        reader.fail(tr("an SLA target has severity {value!r}, not one of P1–P4", value=severity))
    first = reader.integer(row.get("first_response_minutes"), f"{severity} first_response_minutes")
    resolution = reader.integer(row.get("resolution_minutes"), f"{severity} resolution_minutes")
    if not 0 < first <= resolution:
        reader.fail(tr("{severity}: the first response must come before the resolution", severity=severity))
    return SlaPlan(str(severity), first, resolution)


def _criterion(reader: _Reader, row: Mapping[str, Any]) -> CriterionPlan:
    key = _key(reader, row)
    params = row.get("params", {})
    if not isinstance(params, dict):
        reader.fail(tr("{key!r}: params must be an object", key=key))
    kind = _choice(reader, CriterionKind, row.get("kind"), row)
    return CriterionPlan(key, kind, params)


def _item(reader: _Reader, row: Mapping[str, Any], words: Mapping[str, Mapping[str, str]]) -> ItemPlan:
    key = _key(reader, row)
    days, hours = row.get("due_days"), row.get("due_hours")
    if (days is None) == (hours is None):
        reader.fail(tr("{key!r} needs either due_days or due_hours", key=key))
    gate = row.get("gate", False)
    if not isinstance(gate, bool):
        reader.fail(tr("{key!r}: gate must be true or false", key=key))
    return ItemPlan(
        key=key,
        stage=_choice(reader, ItemStage, row.get("stage"), row),
        category=_choice(reader, Category, row.get("category"), row),
        title=reader.text(words, "checklist", key),
        due_days=None if days is None else reader.integer(days, f"{key} due_days"),
        due_hours=None if hours is None else reader.integer(hours, f"{key} due_hours"),
        gate=gate,
        depends_on=_depends_on(reader, row),
    )


def _step(reader: _Reader, row: Mapping[str, Any], words: Mapping[str, Mapping[str, str]]) -> StepPlan:
    key = _key(reader, row)
    minutes = reader.integer(row.get("minutes"), f"{key} minutes")
    if minutes < 0:
        reader.fail(tr("{key!r}: minutes must not be negative", key=key))
    return StepPlan(
        key=key,
        kind=_choice(reader, StepKind, row.get("kind"), row),
        title=reader.text(words, "runbook", key),
        start_minutes=reader.integer(row.get("start_minutes"), f"{key} start_minutes"),
        minutes=minutes,
        depends_on=_depends_on(reader, row),
    )


def _kpi(reader: _Reader, row: Mapping[str, Any], words: Mapping[str, Mapping[str, str]]) -> KpiPlan:
    key = _key(reader, row)
    target = row.get("target")
    if isinstance(target, bool) or not isinstance(target, int | float):
        reader.fail(tr("{key!r}: target must be a number, not {value!r}", key=key, value=target))
    return KpiPlan(
        key=key,
        name=reader.text(words, "kpis", key),
        unit=str(row.get("unit", "")),
        target=float(target),
        direction=_choice(reader, Direction, row.get("direction"), row),
        query=str(row.get("query", "")),
    )


def _due_time(reader: _Reader, text: object) -> time:
    try:
        return time.fromisoformat(str(text))
    except ValueError:
        reader.fail(tr("due_time {value!r} is not a time like 18:00", value=text))


def _check_links(reader: _Reader, section: str, depends_on: Mapping[str, Iterable[str]]) -> None:
    """Every dependency names an entry of the same list, and none leads back to itself."""
    for key, deps in depends_on.items():
        unknown = [d for d in deps if d not in depends_on]
        if unknown:
            reader.fail(
                tr(
                    "{section} {key!r} depends on unknown {unknown}",
                    section=section,
                    key=key,
                    unknown=unknown,
                )
            )
    done: set[str] = set()

    def visit(key: str, path: tuple[str, ...]) -> None:
        if key in path:
            cycle = " → ".join((*path[path.index(key) :], key))
            reader.fail(tr("{section} has a dependency cycle: {cycle}", section=section, cycle=cycle))
        if key not in done:
            for dep in depends_on[key]:
                visit(dep, (*path, key))
            done.add(key)

    for key in depends_on:
        visit(key, ())


def _check_unused_words(reader: _Reader) -> None:
    """A text with no entry is a key spelled differently in the two files: say so instead of losing it."""
    unused = reader.unused()
    if unused:
        reader.file = unused[0].split(" ")[0]
        reader.fail(tr("texts for keys the template does not have: {keys}", keys=", ".join(unused)))
