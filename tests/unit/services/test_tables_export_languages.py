"""An export speaks its viewer's language (headers and the domain's values) and imports back in any language.

The Japanese catalog is written by the translators; these tests stand in a catalog of their own, with
words chosen to collide with synonyms of other fields and values ("完了" is also a synonym of a resolved
ticket), so the round trip holds whatever the translators choose.
"""

from __future__ import annotations

import csv
import gettext
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cockpit import i18n
from cockpit.importers.columns import find_field
from cockpit.importers.vocabulary import TICKET_STATUS, parse_word
from cockpit.services.export_table import export_table
from cockpit.services.import_table import import_table, preview_table
from cockpit.store.read import load_launch
from tests.unit.importers.test_tables_reading import FIXTURES

TZ = "Asia/Tokyo"
JAPANESE = {
    # headers
    "Title": "件名", "Stage": "段階", "Category": "カテゴリ", "Status": "状態", "Owner": "担当者", "Due": "期限",
    "Blocked reason": "ブロック理由", "Evidence": "証跡", "Gate": "判定項目", "Depends on": "前提",
    "Version": "版", "Severity": "重要度", "Kind": "種別", "Reporter": "報告者", "Assignee": "対応者",
    "Description": "内容", "Escalation level": "エスカレーション", "Opened": "起票日時",
    "First response": "初回回答日時", "Resolved": "解決日時", "No.": "番号", "Planned start": "開始予定",
    "Planned minutes": "所要時間(分)", "Actual start": "実績開始", "Actual end": "実績終了", "Name": "移行対象",
    "Source rows": "移行元件数", "Target rows": "移行先件数", "Rejected rows": "除外件数",
    "Tolerance rows": "許容件数", "Accepted difference": "想定差異", "Accepted by": "承認者",
    "Likelihood": "発生可能性", "Impact": "影響度", "Residual likelihood": "残存発生可能性",
    "Residual impact": "残存影響度", "Mitigation": "対策", "Contingency": "緊急時対応計画",
    # values
    "Not started": "未着手", "In progress": "対応中", "Done": "完了", "Blocked": "保留", "N/A": "対象外",
    "Preparation": "準備", "Go-live": "サービスイン当日", "Follow-up": "サービスイン後",
    "New": "新規", "Acknowledged": "受付済み", "Waiting": "回答待ち", "Closed": "完了",  # a resolved ticket's synonym
    "Incident": "障害", "Inquiry": "問い合わせ", "Request": "依頼", "Feedback": "ご意見",
    "Backup": "バックアップ", "Migrate": "データ移行", "Verify": "検証", "Switch": "切替",
    "Pending": "未実施", "Running": "実施中", "Failed": "失敗", "Skipped": "スキップ",
    "Open": "未対応", "Mitigated": "対策済み", "Occurred": "顕在化",
    "yes": "はい", "no": "いいえ",
}  # fmt: skip
KINDS = ("checklist", "tickets", "risks", "steps", "objects")


class StandInCatalog(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return JAPANESE.get(message, message)


@pytest.fixture
def languages(monkeypatch) -> Iterator[None]:
    """A Japanese catalog of the test's own; the language switched back afterwards."""
    monkeypatch.setattr(i18n, "_catalogs", {"ja": StandInCatalog()})
    monkeypatch.setattr(i18n, "_translation", i18n._translation)
    monkeypatch.setattr(i18n, "_language", i18n._language)
    yield


@pytest.fixture
def filled(launch_file):
    for name, kind in (
        ("checklist_ja_utf8_bom.csv", "checklist"),
        ("risks_multiline.csv", "risks"),
        ("servicenow_incidents.csv", "tickets"),
        ("runbook_ja.tsv", "steps"),
        ("objects_ja.csv", "objects"),
    ):
        import_table(
            launch_file, preview_table(FIXTURES / name, kind=kind, tz=TZ), actor="sato", accept_partial=False
        )
    return launch_file


def headers_of(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return next(csv.reader(f))


def test_a_japanese_viewer_exports_japanese_headers_and_values(filled, languages, tmp_path) -> None:
    i18n.set_language("ja")
    path = export_table(filled, kind="checklist", path=tmp_path / "checklist.csv").path
    assert headers_of(path)[:6] == ["ID", "件名", "段階", "カテゴリ", "状態", "担当者"]
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {row["段階"] for row in rows} <= {"準備", "サービスイン当日", "サービスイン後"}
    assert {row["判定項目"] for row in rows} <= {"はい", "いいえ"}

    i18n.set_language("en")
    english = export_table(filled, kind="checklist", path=tmp_path / "checklist-en.csv").path
    assert headers_of(english)[:6] == ["ID", "Title", "Stage", "Category", "Status", "Owner"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_in_japanese_imports_back_unchanged_in_either_language(
    filled, languages, tmp_path, suffix
) -> None:
    before = load_launch(filled)
    i18n.set_language("ja")
    exports = {
        kind: export_table(filled, kind=kind, path=tmp_path / f"{kind}{suffix}").path for kind in KINDS
    }
    if suffix == ".xlsx":
        header = [c.value for c in load_workbook(exports["tickets"]).worksheets[0][1]]
        assert header[:5] == ["ID", "件名", "重要度", "種別", "状態"]

    for reader in ("en", "ja"):
        i18n.set_language(reader)
        for kind, path in exports.items():
            preview = preview_table(path, kind=kind, tz=TZ, launch_file=filled)
            assert preview.bad == (), (reader, kind, preview.bad)
            outcome = import_table(filled, preview, actor="ito", accept_partial=False)
            rows = len(getattr(before, "checklist" if kind == "checklist" else kind))
            assert outcome.counts == f"0 added, 0 updated, {rows} unchanged", (reader, kind)
    assert load_launch(filled) == before


def test_a_closed_ticket_said_in_japanese_stays_closed(filled, languages, tmp_path) -> None:
    """'完了' is our Japanese word for a closed ticket and, among other tools' words, one for a resolved one:
    our own word wins, whatever language reads it back."""
    i18n.set_language("en")
    assert parse_word("完了", TICKET_STATUS).value == "closed"
    assert parse_word("解決済み", TICKET_STATUS).value == "resolved"


def test_a_field_is_found_by_its_label_in_any_language(languages) -> None:
    i18n.set_language("en")
    assert find_field("tickets", "対応者") == "assignee"
    assert find_field("steps", "開始予定") == "planned_start"
