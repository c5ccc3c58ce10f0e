"""Same seed and clock, same launch; --lang changes the words, never the numbers."""

from __future__ import annotations

import re
import sqlite3
import string
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cockpit.domain.launch import LaunchData
from cockpit.errors import BadInput
from cockpit.services.demo import write_demo
from cockpit.services.demo.catalog import CHECKLIST, RISKS
from cockpit.services.demo.context import load_phrases
from cockpit.services.demo.cutover_catalog import OBJECTS, RUNBOOK
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch

from .conftest import NOW

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
TABLES = (
    "launch",
    "people",
    "checklist_items",
    "checklist_deps",
    "test_runs",
    "test_cases",
    "runbook_steps",
    "step_deps",
    "migration_objects",
    "risks",
    "tickets",
    "signoffs",
)
# Set by the writer from the wall clock, not by the generator.
CLOCK_COLUMNS = {"updated_at"}
NUMBERS = {
    "checklist_items": ("id", "stage", "category", "status", "due", "is_gate"),
    "runbook_steps": (
        "id",
        "kind",
        "planned_start",
        "planned_minutes",
        "status",
        "actual_start",
        "actual_end",
    ),
    "migration_objects": ("id", "source_rows", "target_rows", "rejected_rows", "tolerance_rows"),
    "risks": ("id", "likelihood", "impact", "residual_likelihood", "residual_impact", "status"),
    "tickets": ("id", "kind", "severity", "status", "opened_at", "first_response_at", "resolved_at"),
    "test_cases": ("id", "run_id", "classname", "outcome", "seconds", "flaky"),
    "signoffs": ("id", "decision", "decided_at"),
}


def _dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dump = {}
        for table in TABLES:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in CLOCK_COLUMNS]
            dump[table] = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid").fetchall()
        return dump
    finally:
        conn.close()


def _columns(path: Path, table: str, columns: tuple[str, ...]) -> list[tuple]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").fetchall()
    finally:
        conn.close()


def _texts(d: LaunchData) -> list[str]:
    return [
        d.launch.name,
        *(p.name for p in d.people),
        *(p.role for p in d.people),
        *(i.title for i in d.checklist),
        *(i.blocked_reason for i in d.checklist if i.blocked_reason),
        *(r.name for r in d.runs),
        *(c.message for c in d.cases if c.message),
        *(s.title for s in d.steps),
        *(o.name for o in d.objects),
        *(o.accepted_reason for o in d.objects if o.accepted_reason),
        *(r.title for r in d.risks),
        *(r.mitigation for r in d.risks),
        *(r.contingency for r in d.risks if r.contingency),
        *(r.category for r in d.risks),
        *(t.title for t in d.tickets),
        *(t.description for t in d.tickets),
        *(s.role for s in d.signoffs),
        *(s.comment for s in d.signoffs if s.comment),
    ]


def test_japanese_demo_speaks_japanese_and_english_demo_does_not(
    small_en: LaunchData, small_ja: LaunchData
) -> None:
    assert small_ja.launch.name == "販売管理システム サービスイン"
    ja_texts, en_texts = _texts(small_ja), _texts(small_en)
    assert len(ja_texts) == len(en_texts) > 500
    not_japanese = [t for t in ja_texts if not CJK.search(t) and t != "PMO"]
    assert not_japanese == []
    assert [t for t in en_texts if CJK.search(t)] == []
    assert any(o.name == "顧客マスタ" for o in small_ja.objects)
    assert any(o.name == "CUSTOMER" for o in small_en.objects)


def test_both_languages_tell_the_same_launch(small_en_path: Path, small_ja_path: Path) -> None:
    for table, columns in NUMBERS.items():
        assert _columns(small_en_path, table, columns) == _columns(small_ja_path, table, columns), table
    en, ja = _dump(small_en_path), _dump(small_ja_path)
    assert {t: len(rows) for t, rows in en.items()} == {t: len(rows) for t, rows in ja.items()}
    assert en["launch"] != ja["launch"]  # only the words differ


def test_same_seed_and_now_give_identical_content(tmp_path: Path, small_en_path: Path) -> None:
    again = write_demo(tmp_path / "again.golive", actor="demo-tester", now=NOW)
    assert _dump(again) == _dump(small_en_path)
    other_seed = write_demo(tmp_path / "other.golive", actor="demo-tester", now=NOW, seed=7)
    assert _dump(other_seed)["tickets"] != _dump(small_en_path)["tickets"]


def test_default_now_places_the_launch_around_the_real_clock(tmp_path: Path) -> None:
    before = datetime.now(UTC)
    path = write_demo(tmp_path / "today.golive", actor="demo-tester")
    with open_launch(path) as launch_file:
        data = load_launch(launch_file)
    assert before + timedelta(hours=2) < data.launch.go_live < datetime.now(UTC) + timedelta(hours=6)
    assert any(s.status.value == "running" for s in data.steps)


def test_demo_refuses_bad_input_and_never_overwrites(tmp_path: Path, small_en_path: Path) -> None:
    original = small_en_path.read_bytes()
    with pytest.raises(BadInput):
        write_demo(small_en_path, actor="demo-tester", now=NOW)
    assert small_en_path.read_bytes() == original
    with pytest.raises(BadInput):
        write_demo(tmp_path / "naive.golive", actor="demo-tester", now=datetime(2026, 12, 1, 9, 0))
    with pytest.raises(BadInput):
        write_demo(tmp_path / "fr.golive", actor="demo-tester", lang="fr")  # type: ignore[arg-type]
    with pytest.raises(BadInput):
        write_demo(tmp_path / "giant.golive", actor="demo-tester", size="giant")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def _same_shape(en: object, ja: object, where: str) -> None:
    assert type(en) is type(ja), where
    if isinstance(en, dict):
        assert en.keys() == ja.keys(), where
        for key in en:
            _same_shape(en[key], ja[key], f"{where}.{key}")
    elif isinstance(en, list):
        assert len(en) == len(ja), where
        for i, (a, b) in enumerate(zip(en, ja, strict=True)):
            _same_shape(a, b, f"{where}[{i}]")
    else:
        assert _placeholders(en) == _placeholders(ja), where


def test_phrase_tables_match_each_other_and_the_catalog() -> None:
    en, ja = load_phrases("en"), load_phrases("ja")
    _same_shape(en, ja, "phrases")  # equal shapes keep both languages on one random stream
    keys = {key for keys in CHECKLIST.values() for key in keys}
    assert len(keys) == 120 and set(en["checklist"]) == keys
    assert set(en["runbook"]) == {key for key, *_ in RUNBOOK}
    assert set(en["objects"]) == {key for key, *_ in OBJECTS}
    assert set(en["risks"]) == {key for key, *_ in RISKS}
