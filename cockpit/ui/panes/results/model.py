"""The Tests pane's tables: levels with their pass rate, the runs of a level, the latest run's flagged cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from cockpit.domain.status import Rag
from cockpit.domain.tests import (
    LevelSummary,
    TestCase,
    TestLevel,
    TestRun,
    pass_rate,
    summarize_tests,
)
from cockpit.ui.widgets.row_model import Column, FilterProxy, Look, RowRole, RowTableModel
from cockpit.ui.widgets.theme import MUTED_INK, NOT_OK_SYMBOL, OK_SYMBOL, RAG_LOOKS
from cockpit.words.labels import level_label, outcome_label
from cockpit.words.moments import table_moment_text

NEW_FAILURE_SYMBOL = "★"
FLAKY_SYMBOL = "◐"
NO_VALUE = "—"


def _t(text: str) -> str:
    return QCoreApplication.translate("tests", text)


def percent(rate: float | None) -> str:
    return NO_VALUE if rate is None else f"{rate * 100:.1f}%"


def local_time(moment: datetime | None, zone: tzinfo | None) -> str:
    return NO_VALUE if moment is None else table_moment_text(moment, zone)


# -- levels ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LevelRow:
    summary: LevelSummary
    threshold: float | None  # the go/no-go minimum pass rate, when a criterion sets one

    @property
    def level(self) -> TestLevel:
        return self.summary.level

    @property
    def below(self) -> bool:
        rate = self.summary.pass_rate
        return rate is not None and self.threshold is not None and rate < self.threshold


def level_rows(
    runs: tuple[TestRun, ...], cases: tuple[TestCase, ...], thresholds: dict[TestLevel, float]
) -> list[LevelRow]:
    """Every level that has runs or a threshold, in the levels' own order."""
    summaries = summarize_tests(runs, cases)
    return [
        LevelRow(summary=s, threshold=thresholds.get(level))
        for level, s in summaries.items()
        if s.runs or level in thresholds
    ]


def rate_text(row: LevelRow) -> str:
    rate = row.summary.pass_rate
    if rate is None:
        return NO_VALUE
    if row.threshold is None:
        return percent(rate)
    symbol, word = (NOT_OK_SYMBOL, _t("below")) if row.below else (OK_SYMBOL, _t("ok"))
    return f"{symbol} {percent(rate)} {word}"


def _rate_look(row: LevelRow) -> Look | None:
    if row.threshold is None or row.summary.pass_rate is None:
        return None
    look = RAG_LOOKS[Rag.RED if row.below else Rag.GREEN]
    return Look(fill=look.fill, bold=row.below)


def _count_look(count: int) -> Look | None:
    return Look(bold=True) if count else Look(ink=MUTED_INK)


def levels_model(parent=None) -> RowTableModel[LevelRow]:
    return RowTableModel(
        key=lambda r: r.level.value,
        parent=parent,
        columns=[
            Column(
                lambda: _t("Level"),
                lambda r: level_label(r.level),
                sort=lambda r: list(TestLevel).index(r.level),
            ),
            Column(
                lambda: _t("Runs"), lambda r: str(r.summary.runs), sort=lambda r: r.summary.runs, numeric=True
            ),
            Column(
                lambda: _t("Pass rate"),
                rate_text,
                sort=lambda r: -1.0 if r.summary.pass_rate is None else r.summary.pass_rate,
                look=_rate_look,
                tooltip=lambda r: r.summary.latest.name if r.summary.latest else "",
            ),
            Column(
                lambda: _t("Minimum"),
                lambda r: percent(r.threshold),
                sort=lambda r: -1.0 if r.threshold is None else r.threshold,
                numeric=True,
            ),
            Column(
                lambda: _t("Failures"),
                lambda r: str(len(r.summary.failures)),
                sort=lambda r: len(r.summary.failures),
                look=lambda r: _count_look(len(r.summary.failures)),
                numeric=True,
            ),
            Column(
                lambda: _t("New"),
                lambda r: (
                    f"{NEW_FAILURE_SYMBOL} {len(r.summary.new_failures)}" if r.summary.new_failures else "0"
                ),
                sort=lambda r: len(r.summary.new_failures),
                look=lambda r: _count_look(len(r.summary.new_failures)),
                numeric=True,
            ),
            Column(
                lambda: _t("Flaky"),
                lambda r: f"{FLAKY_SYMBOL} {len(r.summary.flaky)}" if r.summary.flaky else "0",
                sort=lambda r: len(r.summary.flaky),
                numeric=True,
            ),
        ],
    )


# -- runs of one level ---------------------------------------------------------------------------------------------


def runs_model(zone: list[tzinfo | None], parent=None) -> RowTableModel[TestRun]:
    """``zone`` is a one-item list the pane keeps current: the launch's zone for the start times."""

    def count(field: str) -> Column[TestRun]:
        return Column(
            header=lambda: {
                "total": _t("Cases"),
                "passed": _t("Passed"),
                "failed": _t("Failed"),
                "errors": _t("Errors"),
                "skipped": _t("Skipped"),
                "flaky": _t("Flaky"),
            }[field],
            display=lambda r: str(getattr(r, field)),
            sort=lambda r: getattr(r, field),
            numeric=True,
        )

    return RowTableModel(
        key=lambda r: r.id,
        parent=parent,
        columns=[
            Column(lambda: _t("Run"), lambda r: r.name, sort=lambda r: r.id, tooltip=lambda r: r.source),
            Column(
                lambda: _t("Started"),
                lambda r: local_time(r.started_at, zone[0]),
                sort=lambda r: r.started_at.timestamp() if r.started_at else 0.0,
            ),
            Column(
                lambda: _t("Pass rate"),
                lambda r: percent(pass_rate(r)),
                sort=lambda r: pass_rate(r) if pass_rate(r) is not None else -1.0,
                numeric=True,
            ),
            *(count(field) for field in ("total", "passed", "failed", "errors", "skipped", "flaky")),
            Column(lambda: _t("Source"), lambda r: r.source),
        ],
    )


# -- the latest run's failures and flaky cases ------------------------------------------------------------------------


class Flag(StrEnum):
    NEW = "new"  # failing now, passed (or did not exist) in the previous run
    FAILING = "failing"  # failed in the previous run too
    FLAKY = "flaky"  # failed, then passed on a rerun


@dataclass(frozen=True, slots=True)
class FlaggedCase:
    case: TestCase
    flag: Flag


def flagged_cases(summary: LevelSummary | None) -> list[FlaggedCase]:
    """New failures first, then the other failures, then flaky cases; each group in file order."""
    if summary is None:
        return []
    new_ids = {c.id for c in summary.new_failures}
    rows = [FlaggedCase(c, Flag.NEW) for c in summary.failures if c.id in new_ids]
    rows += [FlaggedCase(c, Flag.FAILING) for c in summary.failures if c.id not in new_ids]
    rows += [FlaggedCase(c, Flag.FLAKY) for c in summary.flaky if c.id not in {r.case.id for r in rows}]
    return rows


def flag_text(flag: Flag) -> str:
    return {
        Flag.NEW: f"{NEW_FAILURE_SYMBOL} {_t('New failure')}",
        Flag.FAILING: f"{NOT_OK_SYMBOL} {_t('Still failing')}",
        Flag.FLAKY: f"{FLAKY_SYMBOL} {_t('Flaky')}",
    }[flag]


_FLAG_ORDER = {Flag.NEW: 0, Flag.FAILING: 1, Flag.FLAKY: 2}


def _flag_look(row: FlaggedCase) -> Look:
    if row.flag is Flag.FLAKY:
        return Look(fill=RAG_LOOKS[Rag.AMBER].fill)
    return Look(fill=RAG_LOOKS[Rag.RED].fill, bold=row.flag is Flag.NEW)


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def failures_model(parent=None) -> RowTableModel[FlaggedCase]:
    return RowTableModel(
        key=lambda r: r.case.id,
        parent=parent,
        columns=[
            Column(
                lambda: _t("Flag"),
                lambda r: flag_text(r.flag),
                sort=lambda r: _FLAG_ORDER[r.flag],
                look=_flag_look,
            ),
            Column(
                lambda: _t("Test"),
                lambda r: r.case.name,
                tooltip=lambda r: f"{r.case.classname}.{r.case.name}" if r.case.classname else r.case.name,
            ),
            Column(  # the class's own name; its package (namespace, module) is in the tooltip and the detail
                lambda: _t("Class"),
                lambda r: r.case.classname.rpartition(".")[2],
                tooltip=lambda r: r.case.classname,
            ),
            Column(lambda: _t("Outcome"), lambda r: outcome_label(r.case.outcome)),
            Column(
                lambda: _t("Seconds"),
                lambda r: f"{r.case.seconds:.2f}",
                sort=lambda r: r.case.seconds,
                numeric=True,
            ),
            Column(
                lambda: _t("Message"),
                lambda r: first_line(r.case.message),
                tooltip=lambda r: r.case.message,
            ),
        ],
    )


class FailureFilter(FilterProxy):
    """Edit ▸ Find on the Tests pane: the flagged cases whose test, class or message holds the text, any case."""

    def __init__(self, model: RowTableModel[FlaggedCase], parent=None) -> None:
        super().__init__(parent)
        self.setSourceModel(model)
        self.setSortRole(RowRole.SORT)
        self.text = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.text:
            return True
        model = self.sourceModel()
        case = model.data(model.index(source_row, 0), RowRole.ROW).case
        return self.text in f"{case.classname}.{case.name}\n{case.message}".casefold()
