"""`cockpit new`: the standard and empty templates in English and Japanese, and choices it refuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cockpit import cli
from cockpit.services import template_files
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from tests.cli.conftest import run_cockpit

GO_LIVE = "2027-02-22T09:00+09:00"


def read(path: Path):
    with open_launch(path, read_only=True) as lf:
        return load_launch(lf)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_new_from_the_standard_template(tmp_path: Path, lang: str):
    path = tmp_path / f"{lang}.golive"
    result = run_cockpit(
        "new", path, "--name", "販売管理システム", "--go-live", GO_LIVE, "--lang", lang, check=True
    )
    assert result.stdout.splitlines() == [
        f"Created {path}.",
        "From the standard template: 61 checklist items (14 gate items), 14 runbook steps, 9 go/no-go criteria.",
    ]
    data = read(path)
    assert (len(data.checklist), len(data.steps), len(data.criteria), len(data.sla_policies)) == (
        61,
        14,
        9,
        4,
    )
    titles = {item.title for item in data.checklist}
    rehearsal = "本番移行リハーサルの実施" if lang == "ja" else "Cutover rehearsal (dress rehearsal) run"
    assert rehearsal in titles
    status = json.loads(run_cockpit("status", path, "--json", check=True).stdout)
    assert (status["checklist"]["total"], status["checklist"]["done"]) == (61, 0)
    assert status["migration"]["rollback_deadline"].startswith("2027-02-22T08:30")


def test_the_language_defaults_to_the_users(tmp_path: Path):
    path = tmp_path / "x.golive"
    run_cockpit("new", path, "--name", "x", "--go-live", GO_LIVE, check=True, COCKPIT_LANG="ja")
    assert "移行判定会議で承認を得る" in {item.title for item in read(path).checklist}


def test_new_from_the_empty_template(tmp_path: Path):
    path = tmp_path / "empty.golive"
    result = run_cockpit("new", path, "--name", "x", "--go-live", GO_LIVE, "--template", "empty", check=True)
    assert "0 checklist items (0 gate items), 0 runbook steps, 9 go/no-go criteria" in result.stdout
    data = read(path)
    assert (len(data.checklist), len(data.steps), len(data.criteria), len(data.sla_policies)) == (0, 0, 9, 4)
    assert data.launch.rollback_deadline is None


@pytest.mark.parametrize(
    ("option", "value", "named"),
    [("--template", "fancy", "choose one of: standard, empty"), ("--lang", "fr", "choose one of: en, ja")],
)
def test_an_unknown_template_or_language_exits_2_and_creates_nothing(tmp_path: Path, option, value, named):
    result = run_cockpit("new", tmp_path / "x.golive", "--name", "x", "--go-live", GO_LIVE, option, value)
    assert result.returncode == 2
    assert named in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_damaged_template_file_is_a_clear_error_and_nothing_is_created(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "templates"
    shutil.copytree(Path(str(template_files.template_folder())), folder)
    (folder / "standard.ja.json").write_text('{"checklist": {}, "runbook": {}}', encoding="utf-8")
    monkeypatch.setattr(template_files, "template_folder", lambda: folder)
    launches = tmp_path / "launches"
    launches.mkdir()
    code = cli.main(["new", str(launches / "x.golive"), "--name", "x", "--go-live", GO_LIVE, "--lang", "ja"])
    assert code == 1
    message = capsys.readouterr().err
    assert "standard.ja.json is damaged: no text for checklist 'stakeholder_agreement'" in message
    assert "Nothing was created" in message
    assert list(launches.iterdir()) == []
