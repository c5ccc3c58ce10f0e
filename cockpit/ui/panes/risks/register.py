"""The risk register's table: each column as wide as its words, the title taking the rest of the width.

Beside the heat map on a laptop screen (1280 px) nine short columns leave the title little room. Then the
two columns whose words vary in length (owner, inherent → residual) narrow and wrap, and every row takes
two lines, so titles stay readable, in Japanese too, and Status and Contingency stay in view without a
horizontal scroll bar. With room to spare (1600 px, a wall screen) every column and row is one line.

Widths come from the font's metrics of the texts the model shows, measured in Python once per refresh
(200 risks: a few milliseconds), never from Qt's size hints, which call ``data()`` per cell and role. Rows
have one fixed height, so a refresh never measures rows either. A column the user drags keeps its width
for the session.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from cockpit.ui.panes.risks.model import Column, RiskTableModel
from cockpit.ui.widgets.column_fit import cell_width, heading_width

NARROW_OWNER_CHARS = 10  # about "James / Morgan" on two lines
NARROW_CHANGE_SAMPLE = "25 ✖ → 25 ✖"  # a reassessed rating; "not reassessed" wraps below it
ROW_PADDING = 8  # pixels above and below two lines of text together


class RegisterTable(QTableView):
    def __init__(self, proxy: QSortFilterProxyModel, model: RiskTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self._model = model
        self._fitting = False
        self._user_sized: set[int] = set()
        self._one_line: dict[int, int] = {}  # column → width showing its widest text on one line
        self._narrow: dict[int, int] = {}  # column → width when room is short (wrapping columns narrower)
        self._title_need = 0  # the widest title, on one line
        self.setModel(proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)  # only ever on the two-line rows of a narrow register
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._row_height = rows.defaultSectionSize()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._section_resized)
        header.sortIndicatorChanged.connect(lambda *_: self.measure())

    # -- measuring ------------------------------------------------------------------------------------------------

    def measure(self) -> None:
        """Measure what the rows show now (after each refresh of the model), then fit the columns."""
        header = self.horizontalHeader()

        def heading(column: int, *, narrow: bool) -> int:
            return heading_width(header, self._model.header_text(column, narrow=narrow), column)

        for column in Column:
            bold = column in (Column.TITLE, Column.CONTINGENCY)  # a red risk without a plan is bold
            widest = cell_width(self, set(self._model.texts(column)), bold=bold)
            if column == Column.TITLE:
                self._title_need = widest
                continue
            self._one_line[column] = max(widest, heading(column, narrow=False))
            narrow = max(widest, heading(column, narrow=True))
            if column == Column.OWNER:
                cap = cell_width(self, ["x" * NARROW_OWNER_CHARS])
                narrow = min(narrow, max(cap, heading(column, narrow=True)))
            elif column == Column.CHANGE:
                narrow = min(
                    narrow, max(cell_width(self, [NARROW_CHANGE_SAMPLE]), heading(column, narrow=True))
                )
            self._narrow[column] = narrow
        self.fit()

    def fit(self) -> None:
        """One line a row when every title fits beside the other columns at full width; else two, narrowed."""
        if not self._one_line:
            return
        room = self.viewport().width()
        roomy = room - sum(self._one_line.values()) >= self._title_need
        widths = self._one_line if roomy else self._narrow
        self._fitting = True
        try:
            self._model.set_narrow(not roomy)
            for column, width in widths.items():
                if column not in self._user_sized and self.columnWidth(column) != width:
                    self.setColumnWidth(column, width)
            two_lines = max(self._row_height, 2 * self.fontMetrics().lineSpacing() + ROW_PADDING)
            height = self._row_height if roomy else two_lines
            if self.verticalHeader().defaultSectionSize() != height:
                self.verticalHeader().setDefaultSectionSize(height)
        finally:
            self._fitting = False

    def lines_per_row(self) -> int:
        return 1 if self.verticalHeader().defaultSectionSize() == self._row_height else 2

    def forget_user_widths(self) -> None:
        """Widths follow the words again (a restored header brings the sort order, not old screens' widths)."""
        self._user_sized.clear()
        self.fit()

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting and column != Column.TITLE:
            self._user_sized.add(column)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()
