"""Importing tables into a real launch file: rows read back, bad rows refused, nothing half-written."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import Workbook

from cockpit.domain.checklist import Category, ItemStage, ItemStatus
from cockpit.domain.migration import ReconStatus, StepKind, StepStatus, reconcile
from cockpit.domain.risks import RiskStatus
from cockpit.domain.support import Severity, TicketKind, TicketStatus
from cockpit.errors import BadInput
from cockpit.importers.columns import suggest_mapping
from cockpit.services.import_table import import_table, preview_table
from cockpit.store.read import load_launch
from tests.unit.importers.test_tables_reading import FIXTURES

JST = timezone(timedelta(hours=9))
TZ = "Asia/Tokyo"


def _audit_imports(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT actor, table_name, new, summary FROM audit WHERE action = 'import' ORDER BY id"
        ).fetchall()


def test_servicenow_incidents_read_back_through_the_store(launch_file, launch_path: Path) -> None:
    preview = preview_table(FIXTURES / "servicenow_incidents.csv", kind="tickets", tz=TZ)
    assert preview.bad == () and len(preview.good) == 5
    outcome = import_table(launch_file, preview, actor="sato", accept_partial=False)
    assert outcome.imported == 5 and outcome.table_name == "tickets"
    assert "tickets" in outcome.changes.rows

    tickets = load_launch(launch_file).tickets
    assert [t.title for t in tickets][0] == "[INC0010001] Cannot log in to the order entry screen"
    assert [t.severity for t in tickets] == [Severity.P1, Severity.P4, Severity.P2, Severity.P3, Severity.P4]
    assert [t.status for t in tickets] == [
        TicketStatus.IN_PROGRESS, TicketStatus.NEW, TicketStatus.WAITING, TicketStatus.RESOLVED,
        TicketStatus.CLOSED,
    ]  # fmt: skip
    assert tickets[1].kind is TicketKind.INQUIRY and tickets[2].kind is TicketKind.INCIDENT
    first = tickets[0]
    assert first.opened_at == datetime(2026, 12, 1, 9, 12, 44, tzinfo=JST)  # naive → the launch's zone
    assert first.assignee == "Taro Suzuki" and first.reporter == "Hanako Sato"
    assert (
        first.description
        == 'Users in Osaka see "invalid session" after login.\nStarted right after the switch.'
    )
    assert tickets[3].resolved_at == datetime(2026, 12, 1, 11, 15, 30, tzinfo=JST)
    assert all(t.updated_by == "sato" and t.version == 1 for t in tickets)
    assert _audit_imports(launch_path) == [
        ("sato", "tickets", '{"rows": 5}', "Imported 5 rows from servicenow_incidents.csv")
    ]


def test_jira_export_read_back(launch_file) -> None:
    preview = preview_table(FIXTURES / "jira_all_fields.csv", kind="tickets", tz=TZ)
    import_table(launch_file, preview, actor="ito", accept_partial=False)
    tickets = load_launch(launch_file).tickets
    assert [t.title.split("]")[0] + "]" for t in tickets] == [f"[GOLIVE-10{i}]" for i in range(1, 6)]
    assert [t.severity.value for t in tickets] == ["P1", "P4", "P3", "P2", "P4"]
    assert [t.kind.value for t in tickets] == ["incident", "inquiry", "request", "incident", "feedback"]
    assert [t.status.value for t in tickets] == ["in_progress", "new", "waiting", "resolved", "closed"]
    assert tickets[0].opened_at == datetime(2026, 12, 1, 9, 15, tzinfo=JST)
    assert tickets[3].resolved_at == datetime(2026, 12, 1, 12, 30, tzinfo=JST)
    assert tickets[0].description.startswith("Steps:\n1. Create order")


@pytest.mark.parametrize("name", ["checklist_ja_sjis.csv", "checklist_ja_utf8_bom.csv"])
def test_japanese_checklist(launch_file, name: str) -> None:
    preview = preview_table(FIXTURES / name, kind="checklist", tz=TZ)
    import_table(launch_file, preview, actor="髙橋", accept_partial=False)
    items = load_launch(launch_file).checklist
    assert len(items) == 7
    first, blocked = items[0], items[3]
    assert first.title == "結合テスト完了報告の承認" and first.owner == "髙橋 一郎"
    assert (first.stage, first.category, first.status, first.is_gate) == (
        ItemStage.PREPARATION, Category.TESTS, ItemStatus.DONE, True,
    )  # fmt: skip
    assert first.due == datetime(2026, 11, 20, 23, 59, tzinfo=JST)  # a due date means "by the end of"
    assert blocked.status is ItemStatus.BLOCKED and blocked.blocked_reason == "ベンダー契約の締結待ち"
    assert items[4].stage is ItemStage.GO_LIVE and items[4].due == datetime(2026, 12, 1, 9, 0, tzinfo=JST)
    assert items[5].status is ItemStatus.N_A and items[5].due is None
    assert items[6].stage is ItemStage.FOLLOW_UP and items[6].category is Category.REVIEWS


def test_risks_from_xlsx_made_in_the_test(launch_file, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["No.", "リスク内容", "発生可能性", "影響度", "対策", "緊急対応計画", "担当者", "状態"])
    sheet.append([1, "移行データ欠損", 3, 5, "件数照合", "旧システムへ切り戻し", "佐藤", "オープン"])
    sheet.append([2, "研修不足", "高", "中", "追加研修", None, "鈴木", "対策済"])
    sheet.append([3, "回線障害", 2.0, 4.0, "冗長回線", "モバイル回線", "田中", None])
    path = tmp_path / "risks.xlsx"
    workbook.save(path)

    preview = preview_table(path, kind="risks", tz=TZ)
    assert preview.bad == ()
    import_table(launch_file, preview, actor="sato", accept_partial=False)
    risks = load_launch(launch_file).risks
    assert [(r.title, r.likelihood, r.impact, r.status) for r in risks] == [
        ("移行データ欠損", 3, 5, RiskStatus.OPEN),
        ("研修不足", 4, 3, RiskStatus.MITIGATED),
        ("回線障害", 2, 4, RiskStatus.OPEN),
    ]
    assert risks[0].contingency == "旧システムへ切り戻し" and risks[0].mitigation == "件数照合"


def test_bad_rows_reported_with_lines_and_nothing_written(launch_file, launch_path: Path) -> None:
    preview = preview_table(FIXTURES / "risks_bad_rows.csv", kind="risks", tz=TZ)
    assert [g.line for g in preview.good] == [2, 6, 10]  # line 6 spans two lines (multi-line cells)
    assert [(b.line, b.reason) for b in preview.bad] == [
        (3, "Title: missing"),
        (4, "Likelihood: 7 is out of the 1–5 range"),
        (5, "Impact: 'huge' is not a rating from 1 to 5"),
        (9, "Status: '検討中' is not understood (use one of: open, mitigated, closed, occurred)"),
    ]
    before = launch_path.read_bytes()
    with pytest.raises(BadInput, match="4 rows have problems; nothing was written"):
        import_table(launch_file, preview, actor="sato", accept_partial=False)
    assert launch_path.read_bytes() == before


def test_accepting_partial_imports_only_the_good_rows(launch_file, launch_path: Path) -> None:
    preview = preview_table(FIXTURES / "risks_bad_rows.csv", kind="risks", tz=TZ)
    outcome = import_table(launch_file, preview, actor="sato", accept_partial=True)
    assert (outcome.imported, outcome.left_out) == (3, 4)
    risks = load_launch(launch_file).risks
    assert [r.title for r in risks] == [
        "移行データの文字化け",
        "利用者の習熟不足\n（特に倉庫部門）",
        "認証基盤の障害",
    ]
    assert (
        _audit_imports(launch_path)[0][3] == "Imported 3 rows from risks_bad_rows.csv (4 bad rows left out)"
    )


def test_objects_and_runbook_steps(launch_file) -> None:
    for name, kind in (("objects_ja.csv", "objects"), ("runbook_ja.tsv", "steps")):
        preview = preview_table(FIXTURES / name, kind=kind, tz=TZ)
        assert preview.bad == ()
        import_table(launch_file, preview, actor="sato", accept_partial=False)
    data = load_launch(launch_file)
    assert [(o.name, o.source_rows, o.target_rows, o.rejected_rows) for o in data.objects] == [
        ("顧客マスタ", 12345, 12340, 5, ), ("受注明細", 1204567, 1204500, 60), ("商品マスタ", 890, None, 0),
    ]  # fmt: skip
    assert [reconcile(o).status for o in data.objects] == [
        ReconStatus.RECONCILED, ReconStatus.MISMATCH, ReconStatus.PENDING,
    ]  # fmt: skip
    steps = data.steps
    assert [(s.seq, s.kind, s.planned_minutes) for s in steps] == [
        (1, StepKind.BACKUP, 60), (2, StepKind.MIGRATE, 90), (3, StepKind.VERIFY, 45),
        (4, StepKind.ROLLBACK_POINT, 15), (5, StepKind.SWITCH, 30),
    ]  # fmt: skip
    assert steps[0].planned_start == datetime(2026, 11, 30, 22, 0, tzinfo=JST)
    assert [s.status for s in steps[:3]] == [StepStatus.DONE, StepStatus.RUNNING, StepStatus.PENDING]


def test_steps_without_numbers_go_after_the_last_step(launch_file, tmp_path: Path) -> None:
    path = tmp_path / "more.csv"
    path.write_text(
        "Title,Planned start,Duration\nWarm caches,2026-12-01 02:00,20\nOpen doors,2026-12-01 02:20,5\n"
    )
    for again in (False, True):  # the same file twice is refused unless asked for ``again``
        preview = preview_table(path, kind="steps", tz=TZ)
        import_table(launch_file, preview, actor="a", accept_partial=False, again=again)
    assert [(s.seq, s.title) for s in load_launch(launch_file).steps] == [
        (1, "Warm caches"), (2, "Open doors"), (3, "Warm caches"), (4, "Open doors"),
    ]  # fmt: skip


def test_an_edited_mapping_is_used(launch_file, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("What,Who,Level\nDisk full on DB,ito,Sev2\n", encoding="utf-8")
    suggested = preview_table(path, kind="tickets", tz=TZ)
    assert suggested.missing_required == ("Title", "Severity")
    with pytest.raises(BadInput, match="no column holds Title, Severity"):
        import_table(launch_file, suggested, actor="a", accept_partial=True)
    mapping = suggest_mapping("tickets", suggested.table.headers)
    mapping = (
        mapping.with_header("What", "title").with_header("Who", "assignee").with_header("Level", "severity")
    )
    preview = preview_table(path, kind="tickets", tz=TZ, mapping=mapping)
    import_table(launch_file, preview, actor="a", accept_partial=False)
    (ticket,) = load_launch(launch_file).tickets
    assert (ticket.title, ticket.assignee, ticket.severity) == ("Disk full on DB", "ito", Severity.P2)


def test_checks_across_fields(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "Title,Category,Status,Blocked reason\nA,テスト,blocked,\nB,Nonsense,done,\n,テスト,保留,理由\n",
        encoding="utf-8",
    )
    preview = preview_table(path, kind="checklist", tz=TZ)
    assert [(b.line, b.reasons) for b in preview.bad] == [
        (2, ("Blocked reason: a blocked item needs the reason it is blocked",)),
        (3, ("Category: 'Nonsense' is not understood (use one of: tests, data_migration, training, "
             "operations_readiness, risk_management, decision_approval, production_migration, announcements, "
             "initial_operations, monitoring, support, reviews, security, compliance)",)),
        (4, ("Title: missing",)),
    ]  # fmt: skip
    tickets = tmp_path / "tk.csv"
    tickets.write_text(
        "Title,Priority,Opened,Resolved\nX,P1,2026-12-01 10:00,2026-12-01 09:00\n", encoding="utf-8"
    )
    (bad,) = preview_table(tickets, kind="tickets", tz=TZ).bad
    assert bad.reason == "Resolved: earlier than the time the ticket was opened"
    objects = tmp_path / "o.csv"
    objects.write_text("Name,Source rows,Rejected rows\nT,10,11\n", encoding="utf-8")
    (bad,) = preview_table(objects, kind="objects", tz=TZ).bad
    assert bad.reason == "Rejected rows: more rejected rows (11) than source rows (10)"


def test_an_empty_table_writes_nothing(launch_file, launch_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("Title,Likelihood,Impact\n", encoding="utf-8")
    before = launch_path.read_bytes()
    with pytest.raises(BadInput, match="no row to import"):
        import_table(launch_file, preview_table(path, kind="risks", tz=TZ), actor="a", accept_partial=True)
    assert launch_path.read_bytes() == before
