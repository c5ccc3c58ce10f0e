"""`cockpit export --lang`: the file speaks that language, and `cockpit import table` reads it back unchanged."""

from __future__ import annotations

import csv
from pathlib import Path

from cockpit import i18n
from tests.conftest import GO_LIVE
from tests.launches import new_launch
from tests.unit.importers.test_tables_reading import FIXTURES
from tests.unit.services.test_tables_export_languages import StandInCatalog


def test_an_export_with_lang_ja_imports_back_unchanged(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(i18n, "_catalogs", {"ja": StandInCatalog()})  # the translators' catalog stands in
    monkeypatch.setattr(i18n, "_translation", i18n._translation)
    monkeypatch.setattr(i18n, "_language", i18n._language)
    launch = tmp_path / "launch.golive"
    new_launch(launch, name="販売管理", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="sato")
    cli.ok("import", "table", launch, "--kind", "checklist", FIXTURES / "checklist_ja_utf8_bom.csv")

    out = tmp_path / "checklist.csv"
    cli.ok("export", launch, "--kind", "checklist", "--out", out, "--lang", "ja")
    with out.open(encoding="utf-8-sig", newline="") as f:
        assert next(csv.reader(f))[:3] == ["ID", "件名", "段階"]

    again = cli.ok("import", "table", launch, "--kind", "checklist", out)  # COCKPIT_LANG=en reads it
    assert "0 added, 0 updated, 7 unchanged" in again.out
