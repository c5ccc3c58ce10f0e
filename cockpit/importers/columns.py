"""Which column holds which field: header synonyms in English and Japanese, and the editable mapping.

Headers are compared after NFKC, case folding and removing spaces and punctuation, so "Assigned to",
"assigned_to" and "ASSIGNED-TO" are one header, and full-width "所要時間（分）" equals "所要時間(分)".
A field's own label in any language we ship (our export's header, in its viewer's language) names it
before any synonym does.
Synonyms are listed best first: when several columns could fill a field (a ServiceNow export has both
"Priority" and "Severity"), the one matching the earlier synonym wins and the others stay unmapped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cockpit.domain.sources import TableKind
from cockpit.i18n import N_, in_every_language, tr


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str  # the store column it fills
    label: str  # N_() marked; tr(label) is the export header and the mapping dialog's name
    synonyms: tuple[str, ...] = ()
    required: bool = False


def _f(
    name: str, label: str, synonyms: str, *, required: bool = False, first: tuple[str, ...] = ()
) -> FieldSpec:
    """``synonyms``: separated by "|", best first. ``first``: synonyms that beat the field's own name."""
    listed = tuple(s for s in synonyms.split("|") if s)
    return FieldSpec(name=name, label=label, synonyms=(*first, name, label, *listed), required=required)


# Fields that say how the file's rows refer to each other and to the launch's rows; they fill no store
# column of the row itself.
# The row's own ID in the file, which "Depends on" cells name; in our export, the launch row's id.
ROW_KEY = "row_key"
ROW_VERSION = "row_version"  # our export's Version column: the row's version when it was exported
DEPENDS_ON = "depends_on"
LINK_FIELDS = frozenset({ROW_KEY, ROW_VERSION, DEPENDS_ON})
_VERSION_SYNONYMS = "row version|バージョン|版"
_DEPENDS_SYNONYMS = (
    "depends|dependency|dependencies|depends on id|depends on ids|predecessor|predecessors|prerequisite|"
    "prerequisites|requires|blocked by|前提|前提条件|前提作業|前提項目|前提タスク|前提手順|依存|"
    "依存関係|依存先|先行|先行作業|先行タスク|先行手順|先行項目"
)


FIELDS: dict[TableKind, tuple[FieldSpec, ...]] = {
    TableKind.CHECKLIST: (
        # A checklist has no numbers of its own: the file's ID or No. column is what its rows call each other.
        _f(ROW_KEY, N_("ID"), "item id|ref|reference|no|no.|number|#|番号|項番|管理番号|識別子|チェック番号"),
        _f(
            "title",
            N_("Title"),
            "item|task|summary|name|件名|タイトル|項目|チェック項目|作業項目|作業内容|内容",
            required=True,
        ),
        _f("stage", N_("Stage"), "phase|段階|フェーズ|工程|時期"),
        _f("category", N_("Category"), "area|group|カテゴリ|カテゴリー|分類|区分|領域", required=True),
        _f("status", N_("Status"), "state|状態|ステータス|進捗|状況"),
        _f("owner", N_("Owner"), "担当者|担当|責任者|オーナー|responsible|assignee|assigned to"),
        _f("due", N_("Due"), "due date|deadline|due by|期限|期日|締切|完了予定日|予定日"),
        _f("blocked_reason", N_("Blocked reason"), "reason|blocker|理由|ブロック理由|保留理由|課題"),
        _f("evidence", N_("Evidence"), "proof|link|url|証跡|エビデンス|根拠|成果物"),
        _f("is_gate", N_("Gate"), "go/no-go|gate item|判定項目|判定対象|判定条件|ゲート|必須"),
        _f(DEPENDS_ON, N_("Depends on"), _DEPENDS_SYNONYMS),
        _f(ROW_VERSION, N_("Version"), _VERSION_SYNONYMS),
    ),
    TableKind.RISKS: (
        _f(ROW_KEY, N_("ID"), "risk id|リスクID|リスク番号|管理番号"),
        _f(
            "title",
            N_("Title"),
            "risk|summary|description|name|リスク|件名|タイトル|リスク内容|リスク名|事象",
            required=True,
        ),
        _f(
            "likelihood",
            N_("Likelihood"),
            "probability|発生可能性|発生確率|可能性|確率|発生頻度",
            required=True,
        ),
        _f("impact", N_("Impact"), "severity|consequence|影響度|影響|重大度", required=True),
        _f(
            "residual_likelihood", N_("Residual likelihood"), "残存発生可能性|対策後発生可能性|残留発生可能性"
        ),
        _f("residual_impact", N_("Residual impact"), "残存影響度|対策後影響度|残留影響度"),
        _f("status", N_("Status"), "state|状態|ステータス|状況"),
        _f("category", N_("Category"), "area|type|カテゴリ|カテゴリー|分類|区分"),
        _f("mitigation", N_("Mitigation"), "mitigation plan|response|action|対策|軽減策|予防策|対応策"),
        _f(
            "contingency",
            N_("Contingency"),
            "contingency plan|fallback|緊急対応計画|コンティンジェンシー|コンティンジェンシープラン|発生時対応|緊急時対応",
        ),
        _f("owner", N_("Owner"), "担当者|担当|責任者|オーナー|responsible|assignee|assigned to"),
        _f(ROW_VERSION, N_("Version"), _VERSION_SYNONYMS),
    ),
    TableKind.TICKETS: (
        _f(
            "external_key",
            N_("Key"),
            "number|issue key|ticket|ticket number|incident|チケット番号|管理番号|番号|課題キー|キー",
        ),
        _f(
            "title",
            N_("Title"),
            "short description|summary|subject|件名|タイトル|概要|要約|問い合わせ内容",
            required=True,
        ),
        _f("severity", N_("Severity"), "重要度|優先度|緊急度|深刻度", required=True, first=("priority",)),
        _f(
            "kind", N_("Kind"), "type|issue type|ticket type|種別|種類|区分|category|カテゴリ|カテゴリー|分類"
        ),
        _f("status", N_("Status"), "state|incident state|状態|ステータス|対応状況|状況"),
        _f(
            "reporter",
            N_("Reporter"),
            "caller|opened by|requester|requested by|created by|報告者|起票者|依頼者|問い合わせ者|申請者",
        ),
        _f("assignee", N_("Assignee"), "assigned to|owner|担当者|担当|対応者"),
        _f("description", N_("Description"), "details|詳細|説明|内容"),
        _f("escalation_level", N_("Escalation level"), "escalation|エスカレーション|エスカレーションレベル"),
        _f(
            "opened_at",
            N_("Opened"),
            "opened|created|created at|date opened|reported|起票日時|発生日時|受付日時|登録日時|作成日時|作成日",
        ),
        _f(
            "first_response_at",
            N_("First response"),
            "responded|first responded|一次回答日時|初回応答日時|初回回答日時",
        ),
        _f("resolved_at", N_("Resolved"), "resolution date|resolved at|closed|解決日時|完了日時|解決日"),
        # Our export's ID: a ticket system's own numbers ("Issue id", "sys_id") are other words.
        _f(ROW_KEY, N_("ID"), ""),
        _f(ROW_VERSION, N_("Version"), _VERSION_SYNONYMS),
    ),
    TableKind.STEPS: (
        _f(ROW_KEY, N_("ID"), "step id|task id|ref|reference|識別子|手順ID|作業ID"),
        _f("seq", N_("No."), "seq|step|number|#|order|no|順序|順番|手順番号|番号|項番|ステップ"),
        _f(
            "title",
            N_("Title"),
            "task|activity|summary|name|作業|作業名|作業内容|手順|件名|タイトル|内容",
            required=True,
        ),
        _f("kind", N_("Kind"), "type|step type|種別|種類|区分"),
        _f("owner", N_("Owner"), "担当者|担当|責任者|オーナー|responsible|assignee|assigned to|作業者"),
        _f(
            "planned_start",
            N_("Planned start"),
            "start|start time|scheduled start|予定開始|開始予定|予定開始日時|開始予定日時|開始時刻",
            required=True,
        ),
        _f(
            "planned_minutes",
            N_("Planned minutes"),
            "duration|minutes|duration min|所要時間(分)|所要時間|予定時間|作業時間|所要分",
            required=True,
        ),
        _f("status", N_("Status"), "state|状態|ステータス|状況"),
        _f("actual_start", N_("Actual start"), "started|実績開始|開始実績|実開始"),
        _f("actual_end", N_("Actual end"), "finished|ended|実績終了|終了実績|実終了"),
        _f(DEPENDS_ON, N_("Depends on"), _DEPENDS_SYNONYMS),
        _f(ROW_VERSION, N_("Version"), _VERSION_SYNONYMS),
    ),
    TableKind.OBJECTS: (
        _f(ROW_KEY, N_("ID"), "object id"),
        _f(
            "name",
            N_("Name"),
            "object|table|table name|file|entity|移行対象|テーブル名|テーブル|対象|ファイル名|オブジェクト",
            required=True,
        ),
        _f(
            "source_rows",
            N_("Source rows"),
            "source|source count|rows in source|移行元件数|移行元|抽出件数|元件数",
            required=True,
        ),
        _f(
            "target_rows",
            N_("Target rows"),
            "target|target count|loaded|rows loaded|移行先件数|移行先|投入件数|ロード件数|先件数",
        ),
        _f(
            "rejected_rows",
            N_("Rejected rows"),
            "rejected|rejects|errors|除外件数|エラー件数|リジェクト件数|除外",
        ),
        _f("tolerance_rows", N_("Tolerance rows"), "tolerance|許容差|許容件数|許容範囲"),
        _f("accepted_reason", N_("Accepted difference"), "accepted reason|想定差異|想定差異理由|差異理由"),
        _f("accepted_by", N_("Accepted by"), "承認者|差異承認者"),
        _f("owner", N_("Owner"), "担当者|担当|責任者|オーナー|responsible|assignee|assigned to"),
        _f(ROW_VERSION, N_("Version"), _VERSION_SYNONYMS),
    ),
    TableKind.KPI_VALUES: (
        _f(
            "at",
            N_("Time"),
            "timestamp|date|datetime|measured at|measured|when|日時|時刻|日付|計測日時|測定日時",
            required=True,
        ),
        _f("kpi", N_("KPI"), "metric|indicator|kpi name|指標|指標名|kpi名|項目", required=True),
        _f("value", N_("Value"), "measurement|actual|reading|値|実績|実績値|計測値|測定値", required=True),
    ),
}


def normalize_header(text: str) -> str:
    """Fold a header to the letters and digits that identify it."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def field_spec(kind: TableKind, name: str) -> FieldSpec:
    for spec in FIELDS[kind]:
        if spec.name == name:
            return spec
    raise KeyError(name)


def field_label(kind: TableKind, name: str) -> str:
    return tr(field_spec(kind, name).label)


def find_field(kind: TableKind | str, text: str) -> str:
    """The field ``text`` names: its internal name (``opened_at``), its label as the mapping shows it
    ("Opened", in English or the user's language) or one of its header words (起票日時); a word two
    fields share names the one listed first. Raises ``KeyError`` with the valid names when none fits."""
    kind = TableKind(kind)
    wanted = normalize_header(text)
    for spec in FIELDS[kind]:  # the exact name first: "status" is never another field's synonym
        if text.strip() == spec.name:
            return spec.name
    for spec in FIELDS[kind]:
        if wanted in {normalize_header(text) for text in in_every_language(spec.label)}:
            return spec.name
    found = _synonym_ranks(kind).get(wanted) if wanted else None
    if found is not None:
        return found[1]
    raise KeyError(
        tr(
            "A {kind} table has no field {field!r}; its fields are: {fields}.",
            kind=kind.value,
            field=text.strip(),
            fields=", ".join(f"{s.name} ({tr(s.label)})" for s in FIELDS[kind]),
        )
    )


def _synonym_ranks(kind: TableKind) -> dict[str, tuple[int, str]]:
    """normalized header → (rank, field); a synonym shared by two fields keeps the field listed first.
    Labels come first: a Japanese export's header is its field's, whatever synonym another field has."""
    ranks: dict[str, tuple[int, str]] = {}
    for spec in FIELDS[kind]:
        label = normalize_header(spec.label)  # in any language, as good as the English label is
        label_rank = next(i for i, s in enumerate(spec.synonyms) if normalize_header(s) == label)
        for text in in_every_language(spec.label):
            ranks.setdefault(normalize_header(text), (label_rank, spec.name))
    for spec in FIELDS[kind]:
        for rank, synonym in enumerate(spec.synonyms):
            key = normalize_header(synonym)
            if key and key not in ranks:
                ranks[key] = (rank, spec.name)
    return ranks


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which source column (by index) fills which field; every other column is ignored."""

    kind: TableKind
    headers: tuple[str, ...]
    assignments: tuple[tuple[int, str], ...]  # (column index, field name), ordered by column

    @property
    def by_column(self) -> dict[int, str]:
        return dict(self.assignments)

    @property
    def by_field(self) -> dict[str, int]:
        return {name: index for index, name in self.assignments}

    def field_of(self, column: int) -> str | None:
        return self.by_column.get(column)

    def column_of(self, field: str) -> int | None:
        return self.by_field.get(field)

    @property
    def missing_required(self) -> tuple[str, ...]:
        mapped = self.by_field
        return tuple(s.name for s in FIELDS[self.kind] if s.required and s.name not in mapped)

    @property
    def unmapped_headers(self) -> tuple[str, ...]:
        mapped = self.by_column
        return tuple(h for i, h in enumerate(self.headers) if i not in mapped and h)

    def with_field(self, column: int, field: str | None) -> ColumnMapping:
        """An edited copy: ``column`` now fills ``field`` (or nothing); a field fills from one column only."""
        if not 0 <= column < len(self.headers):
            raise ValueError(tr("There is no column {column} in this table.", column=column + 1))
        if field is not None:
            field_spec(self.kind, field)  # refuses a field this kind does not have
        kept = {i: f for i, f in self.assignments if i != column and f != field}
        if field is not None:
            kept[column] = field
        return ColumnMapping(self.kind, self.headers, tuple(sorted(kept.items())))

    def with_header(self, header: str, field: str | None) -> ColumnMapping:
        """Edit by header text (first column whose normalized header matches)."""
        wanted = normalize_header(header)
        for index, text in enumerate(self.headers):
            if normalize_header(text) == wanted:
                return self.with_field(index, field)
        raise ValueError(
            tr(
                "There is no column {header!r}; the columns are: {headers}.",
                header=header,
                headers=", ".join(h for h in self.headers if h),
            )
        )

    def describe(self) -> tuple[tuple[str, str], ...]:
        """(source header, field label) for each mapped column, for the CLI and the mapping dialog."""
        return tuple((self.headers[i], field_label(self.kind, f)) for i, f in self.assignments)

    def as_dict(self) -> dict[str, str]:
        return {self.headers[i]: f for i, f in self.assignments}


def suggest_mapping(kind: TableKind | str, headers: Iterable[str]) -> ColumnMapping:
    """Map every header a synonym recognises; for a field claimed twice, the better synonym, then the
    leftmost column (Jira repeats headers such as "Labels": the first one is the one it fills first)."""
    kind = TableKind(kind)
    headers = tuple(headers)
    ranks = _synonym_ranks(kind)
    best: dict[str, tuple[int, int]] = {}  # field → (rank, column)
    for column, header in enumerate(headers):
        found = ranks.get(normalize_header(header))
        if found is None:
            continue
        rank, name = found
        if name not in best or (rank, column) < best[name]:
            best[name] = (rank, column)
    assignments = sorted((column, name) for name, (_, column) in best.items())
    return ColumnMapping(kind, headers, tuple(assignments))


def mapping_from(kind: TableKind | str, headers: Iterable[str], fields: Mapping[int, str]) -> ColumnMapping:
    """A mapping given column by column (the dialog's result), checked against the kind's fields."""
    mapping = ColumnMapping(TableKind(kind), tuple(headers), ())
    for column, name in sorted(fields.items()):
        mapping = mapping.with_field(column, name)
    return mapping
