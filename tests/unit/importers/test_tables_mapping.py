"""Header mapping: English and Japanese synonyms, ticket-system exports, edits."""

from __future__ import annotations

import pytest

from cockpit.domain.sources import TableKind
from cockpit.importers.columns import ColumnMapping, find_field, mapping_from, suggest_mapping
from cockpit.importers.tabular import read_table
from tests.unit.importers.test_tables_reading import FIXTURES


def test_servicenow_incident_list_maps_without_hand_work() -> None:
    headers = read_table(FIXTURES / "servicenow_incidents.csv").headers
    mapping = suggest_mapping("tickets", headers)
    assert mapping.as_dict() == {
        "Number": "external_key",
        "Opened": "opened_at",
        "Short description": "title",
        "Caller": "reporter",
        "Priority": "severity",  # not "Severity": ServiceNow's SLAs run on Priority
        "State": "status",
        "Category": "kind",
        "Assigned to": "assignee",
        "Resolved": "resolved_at",
        "Description": "description",
    }
    assert "Severity" in mapping.unmapped_headers and mapping.missing_required == ()


def test_servicenow_csv_with_field_names_maps_too() -> None:
    headers = ["number", "short_description", "priority", "incident_state", "assigned_to", "opened_at",
               "resolved_at", "caller_id", "sys_created_on"]  # fmt: skip
    mapping = suggest_mapping("tickets", headers).as_dict()
    assert mapping["short_description"] == "title"
    assert mapping["priority"] == "severity"
    assert mapping["incident_state"] == "status"
    assert mapping["assigned_to"] == "assignee"
    assert mapping["opened_at"] == "opened_at"
    assert mapping["resolved_at"] == "resolved_at"


def test_jira_all_fields_export_with_repeated_headers() -> None:
    headers = read_table(FIXTURES / "jira_all_fields.csv").headers
    assert headers.count("Labels") == 3 and headers.count("Watchers") == 2
    mapping = suggest_mapping("tickets", headers)
    assert mapping.as_dict() == {
        "Summary": "title",
        "Issue key": "external_key",
        "Issue Type": "kind",
        "Status": "status",
        "Priority": "severity",
        "Assignee": "assignee",
        "Reporter": "reporter",
        "Created": "opened_at",
        "Resolved": "resolved_at",
        "Description": "description",
    }
    assert mapping.unmapped_headers.count("Labels") == 3


@pytest.mark.parametrize(
    ("kind", "headers", "expected"),
    [
        ("checklist", ["チェック項目", "フェーズ", "分類", "ステータス", "担当者", "期限"],
         ["title", "stage", "category", "status", "owner", "due"]),
        ("risks", ["件名", "発生可能性", "影響度", "対策", "コンティンジェンシー", "担当者", "重要度"],
         ["title", "likelihood", "impact", "mitigation", "contingency", "owner", None]),
        ("tickets", ["タイトル", "優先度", "状態", "担当者", "起票日時"],
         ["title", "severity", "status", "assignee", "opened_at"]),
        ("steps", ["順序", "作業名", "予定開始", "所要時間（分）", "状態"],
         ["seq", "title", "planned_start", "planned_minutes", "status"]),
        ("objects", ["テーブル名", "移行元件数", "移行先件数", "エラー件数", "許容差"],
         ["name", "source_rows", "target_rows", "rejected_rows", "tolerance_rows"]),
    ],
)  # fmt: skip
def test_japanese_headers(kind: str, headers: list[str], expected: list[str | None]) -> None:
    mapping = suggest_mapping(kind, headers)
    assert [mapping.field_of(i) for i in range(len(headers))] == expected


def test_headers_compare_without_case_spaces_or_punctuation() -> None:
    mapping = suggest_mapping("objects", ["  SOURCE_ROWS ", "Target-Rows", "name:", "Tolerance (rows)"])
    assert mapping.as_dict() == {
        "  SOURCE_ROWS ": "source_rows",
        "Target-Rows": "target_rows",
        "name:": "name",
        "Tolerance (rows)": "tolerance_rows",
    }


def test_a_field_is_filled_from_one_column_only() -> None:
    mapping = suggest_mapping("tickets", ["Title", "Summary", "Severity", "重要度"])
    assert mapping.as_dict() == {"Title": "title", "Severity": "severity"}


def test_edits_move_a_field_and_can_ignore_a_column() -> None:
    mapping = suggest_mapping("risks", ["Risk", "Probability", "Impact", "Notes"])
    assert mapping.missing_required == ()
    edited = mapping.with_header("Notes", "mitigation").with_field(0, None)
    assert edited.as_dict() == {"Probability": "likelihood", "Impact": "impact", "Notes": "mitigation"}
    assert edited.missing_required == ("title",)
    moved = edited.with_header("Notes", "title")  # title now from Notes; mitigation freed
    assert moved.as_dict()["Notes"] == "title" and "mitigation" not in moved.by_field
    with pytest.raises(KeyError):
        mapping.with_field(3, "no_such_field")
    with pytest.raises(ValueError, match="no column"):
        mapping.with_header("Nope", "title")


def test_mapping_from_the_dialog() -> None:
    mapping = mapping_from(TableKind.OBJECTS, ["A", "B", "C"], {0: "name", 2: "source_rows"})
    assert isinstance(mapping, ColumnMapping)
    assert mapping.as_dict() == {"A": "name", "C": "source_rows"}
    assert mapping.describe() == (("A", "Name"), ("C", "Source rows"))


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ("opened_at", "opened_at"),  # the internal name
        ("Opened", "opened_at"),  # the label the mapping shows
        ("opened", "opened_at"),
        ("起票日時", "opened_at"),  # a header word, Japanese
        ("first response", "first_response_at"),
        ("重要度", "severity"),
        ("Key", "external_key"),
    ],
)
def test_a_field_is_found_by_name_label_or_header_word(given: str, field: str) -> None:
    assert find_field("tickets", given) == field


def test_an_unknown_field_lists_the_valid_ones() -> None:
    with pytest.raises(KeyError) as unknown:
        find_field("tickets", "whenever")
    message = unknown.value.args[0]
    assert message.startswith("A tickets table has no field 'whenever'; its fields are: external_key (Key), ")
    assert "opened_at (Opened)" in message


def test_exports_id_and_depends_on_columns_are_mapped_for_steps_and_checklist() -> None:
    steps = suggest_mapping("steps", ("ID", "No.", "Title", "Depends on"))
    assert steps.as_dict() == {"ID": "row_key", "No.": "seq", "Title": "title", "Depends on": "depends_on"}
    checklist = suggest_mapping("checklist", ("項番", "チェック項目", "前提条件"))
    assert checklist.as_dict() == {"項番": "row_key", "チェック項目": "title", "前提条件": "depends_on"}
    # Risks have no dependencies; their ID is our export's, which a re-import finds the row by.
    assert suggest_mapping("risks", ("ID", "Depends on")).as_dict() == {"ID": "row_key"}
