"""How a background refresh shows itself: a quiet indicator in the status bar, and a list of results."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cockpit.changes import Changes
from cockpit.domain.status import Rag
from cockpit.ui.widgets.theme import NOT_OK_SYMBOL, OK_SYMBOL, RAG_LOOKS, WAITING_SYMBOL
from cockpit.words.labels import refresh_status_label

IMPORTED, NOT_MODIFIED, UNCHANGED, FAILED, SKIPPED = (
    "imported",
    "not_modified",
    "unchanged",
    "failed",
    "skipped",
)


@dataclass(frozen=True, slots=True)
class SourceResult:
    """How one source's refresh ended; ``changes`` is what it wrote (the import and the source's status)."""

    source_id: int
    name: str
    outcome: str  # one of the constants above
    message: str
    changes: Changes = field(default_factory=Changes)

    @property
    def ok(self) -> bool:
        return self.outcome in (IMPORTED, NOT_MODIFIED, UNCHANGED)


def outcome_text(outcome: str) -> str:
    """How a refresh ended in a symbol and words: a source's refresh status, or skipped (not its turn)."""
    if outcome == SKIPPED:
        return WAITING_SYMBOL + " " + QCoreApplication.translate("sources", "Skipped")
    if outcome in (IMPORTED, NOT_MODIFIED, UNCHANGED):
        return f"{OK_SYMBOL} {refresh_status_label(outcome)}"
    return f"{NOT_OK_SYMBOL} {refresh_status_label(FAILED)}"


class RefreshIndicator(QWidget):
    """ "Refreshing Orders CI (2 of 3)…" and a bar; hidden when nothing is being refreshed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refreshIndicator")
        self.text = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(140)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.bar)
        self.hide()

    def show_step(self, text: str, percent: int | None) -> None:
        self.text.setText(text)
        if percent is None:
            self.bar.setRange(0, 0)  # a server that does not say the size: a busy bar
        else:
            self.bar.setRange(0, 100)
            self.bar.setValue(percent)
        self.show()

    def finish(self) -> None:
        self.hide()


class RefreshResultsDialog(QDialog):
    """Each source of the last refresh with how it ended; not modal, the user keeps working."""

    def __init__(self, results: tuple[SourceResult, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sources refreshed"))
        self.setModal(False)
        self.results = results
        count = {
            outcome: sum(1 for r in results if r.outcome == outcome)
            for outcome in (IMPORTED, FAILED, SKIPPED)
        }
        summary = QLabel(
            self.tr("{n} sources: {imported} imported, {failed} failed, {skipped} skipped.").format(
                n=len(results), imported=count[IMPORTED], failed=count[FAILED], skipped=count[SKIPPED]
            )
            if results
            else self.tr("This launch has no sources to refresh. Add one in Sources ▸ Manage…")
        )
        summary.setWordWrap(True)
        self.table = QTableWidget(len(results), 3)
        self.table.setObjectName("refreshResults")
        self.table.setHorizontalHeaderLabels([self.tr("Source"), self.tr("Result"), self.tr("Details")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        red = QColor(RAG_LOOKS[Rag.RED].colour)
        for row, result in enumerate(results):
            cells = (QTableWidgetItem(result.name), QTableWidgetItem(outcome_text(result.outcome)))
            for column, item in enumerate((*cells, QTableWidgetItem(result.message))):
                item.setToolTip(result.message)
                if result.outcome == FAILED and column == 1:
                    item.setForeground(red)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 320)
