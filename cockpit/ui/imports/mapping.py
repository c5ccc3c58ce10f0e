"""The column mapping as the user edits it: one row per source column, a field chosen in a combo box."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from cockpit.domain.sources import TableKind
from cockpit.importers.cell_values import cell_text
from cockpit.importers.columns import FIELDS, ColumnMapping, field_label
from cockpit.importers.tabular import Table
from cockpit.ui.widgets.theme import MUTED_INK

EXAMPLE_ROWS = 20  # rows searched for an example value of a column
# The "not imported" choice's item data. Not None: PySide6 6.12 on Python 3.11 drops a reference to
# None each time None crosses into or out of a QVariant, and enough of those abort the interpreter.
NOT_IMPORTED = ""


def field_choice_text(kind: TableKind, name: str) -> str:
    for spec in FIELDS[kind]:
        if spec.name == name and spec.required:
            return QCoreApplication.translate("imports", "{field} (required)").format(
                field=field_label(kind, name)
            )
    return field_label(kind, name)


def example_value(table: Table, column: int) -> str:
    """The first filled cell of ``column``, so the user sees what the column holds, not just its name."""
    for row in table.rows[:EXAMPLE_ROWS]:
        if column < len(row.cells):
            text = cell_text(row.cells[column])
            if text:
                return text.replace("\n", " ⏎ ")
    return ""


class MappingTable(QTableWidget):
    """Column in the file │ example │ imported as (combo). Choosing a field another column had moves it here."""

    mapping_changed = Signal(object)  # ColumnMapping

    COLUMN, EXAMPLE, FIELD = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("mappingTable")
        self.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Example"), self.tr("Imports as")]
        )
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(self.COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.EXAMPLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.FIELD, QHeaderView.ResizeMode.ResizeToContents)
        self._mapping: ColumnMapping | None = None
        self._combos: list[QComboBox] = []

    @property
    def mapping(self) -> ColumnMapping | None:
        return self._mapping

    def combo(self, column: int) -> QComboBox:
        """The field chooser of source column ``column`` (0-based)."""
        return self._combos[column]

    def field_of(self, column: int) -> str | None:
        """The field the combo of ``column`` shows; None when the column is not imported."""
        return self._combos[column].currentData() or None

    def show_table(self, table: Table, mapping: ColumnMapping) -> None:
        """Rebuild for a new file or kind: one row per header, every combo listing the kind's fields."""
        self._mapping = mapping
        self._combos = []
        self.setRowCount(len(table.headers))
        for column, header in enumerate(table.headers):
            name = QTableWidgetItem(
                header or self.tr("(column {number} has no name)").format(number=column + 1)
            )
            if not header:
                name.setForeground(Qt.GlobalColor.darkGray)
            example = QTableWidgetItem(example_value(table, column))
            example.setForeground(Qt.GlobalColor.darkGray if not example.text() else example.foreground())
            example.setToolTip(example.text())
            self.setItem(column, self.COLUMN, name)
            self.setItem(column, self.EXAMPLE, example)
            combo = QComboBox()
            combo.setObjectName(f"fieldFor{column}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.addItem(self.tr("— not imported —"), NOT_IMPORTED)
            for spec in FIELDS[mapping.kind]:
                combo.addItem(field_choice_text(mapping.kind, spec.name), spec.name)
            combo.currentIndexChanged.connect(lambda _index, c=column: self._chosen(c))
            self._combos.append(combo)
            self.setCellWidget(column, self.FIELD, combo)
        self._sync()
        self.resizeColumnToContents(self.COLUMN)
        self.setColumnWidth(self.COLUMN, min(self.columnWidth(self.COLUMN) + 12, 260))

    def choose(self, column: int, field: str | None) -> None:
        """Programmatic choice (tests, keyboard helpers): the same path as picking in the combo."""
        combo = self._combos[column]
        combo.setCurrentIndex(combo.findData(field or NOT_IMPORTED))

    def _chosen(self, column: int) -> None:
        if self._mapping is None:
            return
        self._mapping = self._mapping.with_field(column, self.field_of(column))
        self._sync()
        self.mapping_changed.emit(self._mapping)

    def _sync(self) -> None:
        """Show the mapping in every combo (a field moved away from another column clears that one)."""
        assert self._mapping is not None
        by_column = self._mapping.by_column
        for column, combo in enumerate(self._combos):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(by_column.get(column, NOT_IMPORTED)))
            combo.blockSignals(False)
            # An ignored column is greyed, so the eye goes to the columns that are imported.
            combo.setStyleSheet("" if column in by_column else f"color: {MUTED_INK};")
