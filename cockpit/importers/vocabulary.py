"""The words other tools and teams use for our statuses, severities, stages and kinds.

Keys are compared folded (``cell_values.folded``: width, case, spaces and punctuation ignored), so
"In Progress", "in_progress" and "IN-PROGRESS" are one word.

Our own word for a value (``cockpit.words.labels``), in any language we ship, is read before the
synonyms: an export made in Japanese says each value as the Japanese window does, and a synonym of
another value must not take it over.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from cockpit.domain.checklist import Category, ItemStage, ItemStatus
from cockpit.domain.migration import StepKind, StepStatus
from cockpit.domain.risks import RiskStatus
from cockpit.domain.support import Severity, TicketKind, TicketStatus
from cockpit.i18n import in_every_language, tr
from cockpit.importers.cell_values import CellError, cell_text, folded
from cockpit.words import labels


def _words(table: dict[StrEnum, str]) -> dict[str, StrEnum]:
    """``table``: member → its synonyms separated by "|"; each member is also known by its own value."""
    words: dict[str, StrEnum] = {}
    for member, synonyms in table.items():
        for word in (member.value, *synonyms.split("|")):
            words.setdefault(folded(word), member)
    return words


CHECKLIST_STATUS = _words(
    {
        ItemStatus.NOT_STARTED: "not started|to do|todo|open|new|pending|未着手|未対応|未実施|未完了|未",
        ItemStatus.IN_PROGRESS: "in progress|ongoing|wip|started|doing|対応中|作業中|進行中|実施中|着手|着手済",
        ItemStatus.DONE: "done|complete|completed|finished|closed|resolved|ok|完了|済|済み|対応済|実施済|完",
        ItemStatus.BLOCKED: "blocked|on hold|stuck|保留|ブロック|停滞|中断|課題あり",
        ItemStatus.N_A: "n/a|na|not applicable|skipped|対象外|該当なし|不要|-|ー",
    }
)

STAGE = _words(
    {
        ItemStage.PREPARATION: "prep|before|pre go-live|準備|事前準備|事前|移行前|サービスイン前|稼働前|本番前",
        ItemStage.GO_LIVE: "go-live|golive|cutover|launch|本番|当日|サービスイン|サービスイン当日|本番稼働|稼働|本番移行|移行当日|切替",
        ItemStage.FOLLOW_UP: "follow-up|after|hypercare|post go-live|事後|フォロー|フォローアップ|サービスイン後|稼働後|本番後|移行後|初期運用",
    }
)

CATEGORY = _words(
    {
        Category.TESTS: "test|testing|テスト|試験",
        Category.DATA_MIGRATION: "data migration|migration|データ移行|移行",
        Category.TRAINING: "training|education|教育・トレーニング|教育|トレーニング|研修",
        Category.OPERATIONS_READINESS: "operations readiness|operations|運用体制|運用|体制",
        Category.RISK_MANAGEMENT: "risk management|risk|リスク管理|リスク",
        Category.DECISION_APPROVAL: "decision approval|approval|go/no-go|開始判定・承認|開始判定|承認|移行判定|判定",
        Category.PRODUCTION_MIGRATION: "production migration|cutover|本番移行|本番切替",
        Category.ANNOUNCEMENTS: "announcements|announcement|communication|告知|周知|広報",
        Category.INITIAL_OPERATIONS: "initial operations|hypercare|初期運用|初期対応",
        Category.MONITORING: "monitoring|監視",
        Category.SUPPORT: "support|help desk|helpdesk|サポート|ヘルプデスク|問い合わせ対応",
        Category.REVIEWS: "reviews|review|レビュー|振り返り",
        Category.SECURITY: "security|セキュリティ|セキュリティー",
        Category.COMPLIANCE: "compliance|コンプライアンス|法令遵守",
    }
)

RISK_STATUS = _words(
    {
        RiskStatus.OPEN: "new|active|identified|未対応|オープン|対応中|監視中|未着手",
        RiskStatus.MITIGATED: "mitigated|controlled|reduced|対策済|対策済み|軽減済|軽減済み|低減済",
        RiskStatus.CLOSED: "closed|retired|resolved|done|クローズ|完了|終了|解消",
        RiskStatus.OCCURRED: "occurred|realised|realized|issue|triggered|発生|発生済|顕在化|顕在化済",
    }
)

TICKET_STATUS = _words(
    {
        TicketStatus.NEW: "open|to do|todo|reopened|backlog|submitted|新規|未着手|未対応|受付|オープン|再オープン",
        TicketStatus.ACKNOWLEDGED: "acknowledged|assigned|triaged|accepted|waiting for support|受付済|受付済み|確認中|割当済|一次回答済",
        TicketStatus.IN_PROGRESS: "in progress|work in progress|wip|in review|investigating|active|対応中|調査中|作業中|処理中|進行中",
        TicketStatus.WAITING: "on hold|pending|waiting|waiting for customer|awaiting|awaiting user info|保留|回答待ち|待機|顧客確認待ち|確認待ち",
        TicketStatus.RESOLVED: "resolved|done|fixed|solved|completed|解決|解決済|解決済み|完了|対応済|対応完了",
        TicketStatus.CLOSED: "closed|canceled|cancelled|won't do|rejected|duplicate|クローズ|終了|取消|取り消し|キャンセル|却下|完了済",
    }
)

TICKET_KIND = _words(
    {
        TicketKind.INCIDENT: "bug|defect|problem|outage|failure|障害|不具合|インシデント|事故",
        TicketKind.INQUIRY: "question|inquiry / help|help|enquiry|how to|問い合わせ|問合せ|質問|照会",
        TicketKind.REQUEST: "service request|task|story|change|change request|依頼|要望|申請|作業依頼|変更",
        TicketKind.FEEDBACK: "improvement|suggestion|comment|ご意見|意見|フィードバック|改善要望|改善",
    }
)

STEP_KIND = _words(
    {
        StepKind.BACKUP: "backup|バックアップ|退避",
        StepKind.MIGRATE: "migrate|migration|load|transfer|移行|データ移行|投入|ロード",
        StepKind.VERIFY: "verify|check|validate|verification|検証|確認|照合|チェック",
        StepKind.SWITCH: "switch|switchover|cutover|dns|切替|切り替え|切替え|切換",
        StepKind.ROLLBACK_POINT: "rollback point|rollback|decision point|ロールバックポイント|切り戻しポイント|切戻し判断|切り戻し判定|切戻しポイント",
        StepKind.OTHER: "other|misc|その他|",
    }
)

STEP_STATUS = _words(
    {
        StepStatus.PENDING: "not started|to do|planned|waiting|未実施|未着手|待機|予定",
        StepStatus.RUNNING: "running|in progress|started|実施中|作業中|実行中|進行中",
        StepStatus.DONE: "done|complete|completed|finished|ok|完了|済|実施済|終了",
        StepStatus.FAILED: "failed|error|ng|失敗|異常|エラー|異常終了",
        StepStatus.SKIPPED: "skipped|n/a|not applicable|スキップ|省略|対象外|不要",
    }
)

_SEVERITY_WORDS = {
    folded(word): severity
    for severity, synonyms in (
        (
            Severity.P1,
            "critical|highest|blocker|urgent|emergency|sev1|s1|緊急|最高|致命的|致命|最重要|特急|至急|重大",
        ),
        (Severity.P2, "high|major|sev2|s2|高|高い|大|重要"),
        (Severity.P3, "medium|moderate|normal|sev3|s3|中|普通|通常"),
        (Severity.P4, "low|lowest|minor|trivial|planning|sev4|s4|低|低い|小|軽微|最低|計画"),
    )
    for word in synonyms.split("|")
}
_PRIORITY_NUMBER = re.compile(r"^\s*p?(\d)(?:\s*[-–—:.)）]\s*\S.*|\s*)$", re.IGNORECASE | re.DOTALL)


def parse_severity(value: object) -> Severity:
    """P1–P4 from ``P2``, ``1 - Critical`` (ServiceNow), ``Highest`` (Jira), ``緊急``, ``高`` …;
    ServiceNow's "5 - Planning" is the lowest we have, P4."""
    text = unicodedata.normalize("NFKC", cell_text(value))
    number = _PRIORITY_NUMBER.match(text)
    if number and 1 <= int(number[1]) <= 5:
        return Severity(f"P{min(int(number[1]), 4)}")
    found = _SEVERITY_WORDS.get(folded(text))
    if found is None:
        raise CellError(
            tr(
                "severity {value!r} is not understood (use P1–P4, Critical/High/Medium/Low or 緊急/高/中/低)",
                value=text,
            )
        )
    return found


# Our word for each value, by enum: what an export writes in the viewer's language.
_LABELS: dict[type[StrEnum], dict[str, str]] = {
    ItemStatus: labels.ITEM_STATUSES,
    ItemStage: labels.ITEM_STAGES,
    Category: labels.CATEGORIES,
    RiskStatus: labels.RISK_STATUSES,
    TicketStatus: labels.TICKET_STATUSES,
    TicketKind: labels.TICKET_KINDS,
    StepKind: labels.STEP_KINDS,
    StepStatus: labels.STEP_STATUSES,
}


def _labelled(enum: type[StrEnum], key: str) -> StrEnum | None:
    """The member whose label, in any language we ship, folds to ``key``. Looked up on each call: the
    catalogs are read once and cached by ``i18n``, and a table of a few thousand rows costs milliseconds."""
    for value, label in _LABELS.get(enum, {}).items():
        if any(folded(text) == key for text in in_every_language(label)):
            return enum(value)
    return None


def parse_word(value: object, words: dict[str, StrEnum]) -> StrEnum:
    """A vocabulary word (our label in any language first, then the synonyms), or a reason naming the
    values that would be understood."""
    text = cell_text(value)
    enum = type(next(iter(words.values())))
    found = _labelled(enum, folded(text)) or words.get(folded(text))
    if found is None:
        allowed = ", ".join(dict.fromkeys(member.value for member in words.values()))
        raise CellError(
            tr(
                "{value!r} is not understood (use one of: {allowed})",
                value=text,
                allowed=allowed,
            )
        )
    return found


ESCALATION_WORDS = {"normal": 0, "moderate": 1, "high": 2, "overdue": 3, "通常": 0, "注意": 1, "高": 2}
