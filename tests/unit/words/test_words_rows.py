"""A row in the users' words: its kind and id, its fields' labels in the dialogs' order, its values."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from cockpit.domain.checklist import ItemStatus
from cockpit.store.writer import VERSIONED
from cockpit.words.rows import (
    FIELD_LABELS,
    ROW_NOUNS,
    field_label,
    field_order,
    row_kind,
    row_name,
    row_noun,
    value_text,
)

TOKYO = ZoneInfo("Asia/Tokyo")


def test_every_row_that_can_conflict_has_a_noun() -> None:
    assert set(ROW_NOUNS) >= VERSIONED


def test_a_row_is_named_by_kind_id_and_its_own_name_never_by_its_table() -> None:
    assert row_noun("tickets", 5) == "ticket #5"
    assert row_name("risks", {"id": 3, "title": "Key user absent"}) == "risk #3 “Key user absent”"
    assert row_name("signoffs", {"id": 2, "person": "Bob"}) == "sign-off #2 “Bob”"
    assert row_name("gate_criteria", {"id": 1}) == "go/no-go criterion #1"
    assert row_kind("some_new_table") == "some new table"


def test_labels_are_non_empty_and_distinct_within_a_table() -> None:
    for table, labels in FIELD_LABELS.items():
        words = [field_label(table, column) for column in labels]
        assert all(words), table
        assert len(set(words)) == len(words), table
    assert field_label("risks", "likelihood") == "Likelihood (発生可能性)"
    assert field_label("risks", "no_such_column") == "No such column"


def test_fields_come_in_the_dialog_order_unknown_ones_after_as_given() -> None:
    assert field_order("risks", ["status", "zz", "title", "aa", "status"]) == ["title", "status", "zz", "aa"]


def test_values_read_as_the_panes_show_them() -> None:
    assert value_text("risks", "likelihood", 4, TOKYO) == "4 Likely"
    assert value_text("risks", "residual_impact", None, TOKYO) == "Not reassessed (as inherent)"
    assert value_text("checklist_items", "status", ItemStatus.BLOCKED, TOKYO) == "Blocked"
    assert value_text("checklist_items", "status", "in_progress", TOKYO) == "In progress"
    assert value_text("tickets", "severity", "P2", TOKYO) == "P2 High"
    assert value_text("signoffs", "decision", "no_go", TOKYO) == "No-go"
    assert value_text("checklist_items", "depends_on", [3, 5], TOKYO) == "#3, #5"
    assert value_text("tickets", "escalation_level", 0, TOKYO) == "Not escalated"
    moment = datetime(2026, 12, 2, 10, 6, tzinfo=UTC).isoformat()
    assert value_text("tickets", "opened_at", moment, TOKYO) == "Wed 2 Dec 2026 19:06 JST"
    assert value_text("tickets", "resolved_at", None, TOKYO) == "none"
    assert value_text("tickets", "title", "", TOKYO) == "—"


def test_a_value_the_words_do_not_know_is_shown_as_stored() -> None:
    """A file written by a newer cockpit may hold a status this one has no word for: show it, never fail."""
    assert value_text("checklist_items", "status", "on_hold", TOKYO) == "on_hold"
    assert value_text("risks", "impact", 9, TOKYO) == "9"
