"""The launch templates: every entry valid in both languages, dates in a sensible order, and what they write."""

from __future__ import annotations

import json
import shutil
import tomllib
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cockpit.domain.checklist import Category, ItemStage
from cockpit.domain.migration import StepKind
from cockpit.errors import BadInput
from cockpit.services.template_files import TemplateBroken, load_template, template_folder
from cockpit.services.templates import create_from_template, item_due, step_start
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from tests.paths import REPO

GO_LIVE = datetime.fromisoformat("2027-02-22T09:00:00+09:00")
ZONE = "Asia/Tokyo"


@pytest.fixture(scope="module", params=["en", "ja"])
def standard(request):
    return load_template("standard", request.param)


def words(file_name: str) -> dict:
    return json.loads(template_folder().joinpath(file_name).read_text(encoding="utf-8"))


def test_both_languages_have_the_same_keys_and_every_text_filled():
    en, ja = words("standard.en.json"), words("standard.ja.json")
    assert en.keys() == ja.keys()
    for section in en:
        assert en[section].keys() == ja[section].keys(), section
        assert all(text.strip() for text in (*en[section].values(), *ja[section].values()))


def test_the_two_languages_are_written_in_their_own_words(standard):
    titles = {item.key: item.title for item in standard.items}
    if standard.lang == "ja":
        assert titles["migration_rehearsal"] == "本番移行リハーサルの実施"
        assert titles["go_no_go_meeting"] == "移行判定会議で承認を得る"
        assert titles["announce_internal"].startswith("社内利用者への切替案内")
    else:
        assert titles["migration_rehearsal"] == "Cutover rehearsal (dress rehearsal) run"
        assert all(t.isascii() for t in titles.values())


def test_the_standard_checklist_covers_every_stage_and_category(standard):
    assert 40 <= len(standard.items) <= 65
    assert {item.stage for item in standard.items} == set(ItemStage)
    assert {item.category for item in standard.items} == set(Category)
    assert {step.kind for step in standard.steps} == set(StepKind)


def test_every_dependency_names_an_earlier_or_same_time_entry(standard):
    due = {i.key: item_due(i, standard, go_live=GO_LIVE, zone=ZONE) for i in standard.items}
    for item in standard.items:
        for key in item.depends_on:
            assert due[key] <= due[item.key], (item.key, key)
    starts = {s.key: step_start(s, go_live=GO_LIVE, zone=ZONE) for s in standard.steps}
    minutes = {s.key: s.minutes for s in standard.steps}
    for step in standard.steps:
        for key in step.depends_on:
            assert starts[key] + timedelta(minutes=minutes[key]) <= starts[step.key], (step.key, key)


def test_dates_fall_in_their_stage_relative_to_go_live(standard):
    for item in standard.items:
        due = item_due(item, standard, go_live=GO_LIVE, zone=ZONE)
        if item.stage is ItemStage.PREPARATION:
            assert due < GO_LIVE - timedelta(days=1), item.key
        elif item.stage is ItemStage.GO_LIVE:
            assert GO_LIVE - timedelta(days=1) < due <= GO_LIVE + timedelta(days=7), item.key
        else:
            assert due > GO_LIVE + timedelta(days=7), item.key
    # The cutover: the whole runbook before the business opens, the rollback point before the switch.
    starts = {s.key: step_start(s, go_live=GO_LIVE, zone=ZONE) for s in standard.steps}
    end = max(starts[s.key] + timedelta(minutes=s.minutes) for s in standard.steps)
    assert (
        starts["full_backup"] < starts["migrate_masters"] < starts["reconcile_counts"] < starts["switch_over"]
    )
    assert starts["rollback_point"] < starts["switch_over"]
    deadline = GO_LIVE + timedelta(minutes=standard.rollback_deadline_minutes)
    assert starts["rollback_point"] < end < deadline < GO_LIVE  # the plan leaves slack before the deadline


def test_gate_items_are_preparation_items_the_go_no_go_meeting_waits_for(standard):
    items = {item.key: item for item in standard.items}
    gates = [item for item in standard.items if item.gate]
    assert len(gates) >= 10
    assert all(item.stage is ItemStage.PREPARATION for item in gates)

    def before(key: str) -> set[str]:
        return {dep for d in items[key].depends_on for dep in (d, *before(d))}

    assert {"uat", "migration_rehearsal", "migration_verification", "contingency_plan"} <= before(
        "go_no_go_meeting"
    )
    assert "go_no_go_meeting" in before("run_migration")
    assert "data_conversion" in before("migration_rehearsal")


def test_a_day_offset_is_due_at_six_in_the_evening_local_time_across_a_clock_change():
    plan = load_template("standard", "en")
    go_live = datetime(2027, 4, 5, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # summer time since March 28th
    by_key = {item.key: item for item in plan.items}
    rehearsal = item_due(by_key["migration_rehearsal"], plan, go_live=go_live, zone="Europe/Berlin")
    assert rehearsal.isoformat() == "2027-03-22T18:00:00+01:00"  # fourteen days before, still winter time
    final_backup = item_due(by_key["final_backup"], plan, go_live=go_live, zone="Europe/Berlin")
    assert final_backup == go_live - timedelta(hours=11)


def test_the_empty_template_is_the_defaults_alone():
    plan = load_template("empty", "ja")
    assert (plan.items, plan.steps, plan.rollback_deadline_minutes) == ((), (), None)
    assert [s.severity for s in plan.sla] == ["P1", "P2", "P3", "P4"]
    assert [c.kind.value for c in plan.criteria][:2] == ["gate_items_done", "pass_rate"]


@pytest.mark.parametrize(
    ("name", "lang", "named"), [("fancy", "en", "standard, empty"), ("empty", "fr", "en, ja")]
)
def test_an_unknown_template_or_language_is_refused_naming_the_choices(name, lang, named):
    with pytest.raises(BadInput, match=named):
        load_template(name, lang)


def test_a_new_standard_launch_holds_the_template(tmp_path: Path):
    created = create_from_template(
        tmp_path / "new.golive", name="x", go_live=GO_LIVE, timezone=ZONE, actor="alice", lang="ja"
    )
    assert (created.items, created.gate_items, created.steps, created.criteria) == (61, 14, 14, 9)
    with open_launch(created.path, read_only=True) as lf:
        data = load_launch(lf)
    assert len(data.checklist) == 61 and len(data.steps) == 14 and len(data.sla_policies) == 4
    rehearsal = next(i for i in data.checklist if i.title == "本番移行リハーサルの実施")
    assert (
        rehearsal.is_gate
        and rehearsal.due.astimezone(ZoneInfo(ZONE)).isoformat() == "2027-02-08T18:00:00+09:00"
    )
    conversion = next(i for i in data.checklist if i.title.startswith("データ変換ルール"))
    test_migration = next(i for i in data.checklist if i.title.startswith("移行テスト"))
    assert conversion.id in test_migration.depends_on
    assert all(i.status.value == "not_started" and i.owner == "" for i in data.checklist)
    assert data.launch.rollback_deadline == GO_LIVE - timedelta(minutes=30)
    assert [s.status.value for s in data.steps] == ["pending"] * 14
    assert data.steps[-1].planned_start == GO_LIVE - timedelta(minutes=90)


# -- a damaged template file --------------------------------------------------------------------------------------


def damaged(tmp_path: Path, file_name: str, change) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(Path(str(template_folder())), folder)
    path = folder / file_name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def _set(where: list, index: int, field: str, value) -> None:
    where[index][field] = value


BREAKAGES = {
    "unknown stage": ("standard.json", lambda d: _set(d["checklist"], 0, "stage", "later"), "later"),
    "unknown category": ("standard.json", lambda d: _set(d["checklist"], 0, "category", "fun"), "fun"),
    "unknown step kind": ("standard.json", lambda d: _set(d["runbook"], 0, "kind", "pray"), "pray"),
    "unknown dependency": (
        "standard.json",
        lambda d: _set(d["checklist"], 1, "depends_on", ["nothing_like_it"]),
        "nothing_like_it",
    ),
    "cycle": (
        "standard.json",
        lambda d: _set(d["checklist"], 0, "depends_on", ["migration_plan"]),
        "cycle: stakeholder_agreement → migration_plan → stakeholder_agreement",
    ),
    "no due": ("standard.json", lambda d: d["checklist"][0].pop("due_days"), "due_days or due_hours"),
    "missing text": ("standard.ja.json", lambda d: d["checklist"].pop("uat"), "no text for checklist 'uat'"),
    "text for no entry": (
        "standard.en.json",
        lambda d: d["runbook"].update(pray="Pray"),
        "keys the template does not have",
    ),
    "bad criterion": ("defaults.json", lambda d: _set(d["gate_criteria"], 0, "kind", "vibes"), "vibes"),
}


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_a_damaged_template_file_is_refused_naming_the_file_and_the_problem(tmp_path: Path, breakage: str):
    file_name, change, problem = BREAKAGES[breakage]
    folder = damaged(tmp_path, file_name, change)
    with pytest.raises(TemplateBroken) as refused:
        load_template("standard", "ja" if ".ja." in file_name else "en", folder=folder)
    assert problem in str(refused.value)
    assert "is damaged" in str(refused.value) and "Nothing was created" in str(refused.value)


def test_a_template_file_that_is_not_json_is_refused(tmp_path: Path):
    folder = damaged(tmp_path, "standard.json", lambda d: None)
    (folder / "standard.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(TemplateBroken, match="standard.json is damaged"):
        load_template("standard", "en", folder=folder)


def test_every_template_file_is_package_data_so_an_installed_wheel_has_it():
    package_data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["cockpit"]
    folder = REPO / "cockpit" / "templates"
    shipped = {p for pattern in package_data for p in (REPO / "cockpit").glob(pattern)}
    assert set(folder.iterdir()) <= shipped
    assert {p.name for p in folder.iterdir()} == {
        "defaults.json",
        *(f"standard{lang}.json" for lang in ("", ".en", ".ja")),
    }
