"""Sources ▸ Manage…: every source of the launch, how its last refresh went, and add / edit / remove / refresh."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cockpit.changes import Changes
from cockpit.errors import CockpitError
from cockpit.secrets import Credentials, Forgotten, keyring_status
from cockpit.services.sources import SourceRemoval, has_credential, list_sources, remove_source
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.sources.edit_dialog import SourceEditDialog
from cockpit.ui.sources.model import ListedSource, SourcesModel
from cockpit.ui.widgets.theme import NOT_OK_SYMBOL, OVERDUE


class Refresher(Protocol):
    """What the dialog asks of the Sources menu (``controller.SourcesController``, which opens the dialog)."""

    @property
    def refreshed(self) -> SignalInstance: ...
    def credentials(self, session: LaunchSession) -> Credentials: ...
    def refresh_all(self, *, show_results: bool = True) -> None: ...
    def refresh_ids(self, source_ids: set[int], *, show_results: bool = True) -> None: ...


class SourcesDialog(QDialog):
    def __init__(
        self, *, session: LaunchSession, controller: Refresher, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.controller = controller
        self.edit_dialog: SourceEditDialog | None = None
        self.loaded = False
        self.setWindowTitle(self.tr("Sources"))
        self.keyring = keyring_status()
        intro = QLabel(
            self.tr(
                "Sources are web addresses that serve test results or a table export. Their credentials "
                "stay on each person's machine; the launch file keeps only the address."
            )
        )
        intro.setWordWrap(True)
        self.keyring_note = QLabel()
        self.keyring_note.setObjectName("keyringNote")
        self.keyring_note.setWordWrap(True)
        if self.keyring.usable:
            self.keyring_note.setText(self.keyring.message)
            self.keyring_note.setProperty("role", "muted")
        else:
            self.keyring_note.setText(NOT_OK_SYMBOL + " " + self.keyring.message)
            self.keyring_note.setStyleSheet(f"color: {OVERDUE};")

        self.model = SourcesModel(self)
        self.view = QTableView()
        self.view.setObjectName("sourcesTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {OVERDUE};")
        self.error.setWordWrap(True)
        self.error.hide()

        self.add_button = QPushButton(self.tr("&Add…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.remove_button = QPushButton(self.tr("Re&move…"))
        self.refresh_button = QPushButton(self.tr("&Refresh selected"))
        self.refresh_all_button = QPushButton(self.tr("Refresh &all"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.refresh_button.clicked.connect(self._refresh_selected)
        self.refresh_all_button.clicked.connect(lambda: controller.refresh_all())
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.refresh_button)
        row.addWidget(self.refresh_all_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(1240, 420)

        session.changed.connect(self._on_changed)
        controller.refreshed.connect(lambda _results: self.reload())
        self._update()
        self.reload()

    # -- the list -------------------------------------------------------------------------------------------------

    def reload(self) -> None:
        credentials = self.controller.credentials(self.session)

        def job(launch_file, _actor: str) -> tuple[ListedSource, ...]:
            return tuple(
                ListedSource(s, has_credential(s, credentials=credentials)) for s in list_sources(launch_file)
            )

        self.session.run(job, on_done=self._listed, on_error=self._failed)

    def _listed(self, rows: tuple[ListedSource, ...]) -> None:
        selected = self.selected()
        zone = self.session.data.launch.timezone if self.session.data is not None else "UTC"
        self.model.set_sources(rows, zone=zone)
        self.view.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), 240))
        if selected is not None:
            for index in range(self.model.rowCount()):
                if self.model.listed(index).source.id == selected.source.id:
                    self.view.selectRow(index)
        self.loaded = True
        self._update()

    def _on_changed(self, changes: Changes) -> None:
        if "sources" in changes.rows:
            self.reload()

    def selected(self) -> ListedSource | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.listed(rows[0].row()) if rows else None

    def _update(self) -> None:
        has_selection = self.selected() is not None
        writable = not self.session.read_only
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and has_selection)
        self.remove_button.setEnabled(writable and has_selection)
        self.refresh_button.setEnabled(writable and has_selection)
        self.refresh_all_button.setEnabled(writable and self.model.rowCount() > 0)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, CockpitError):
            raise exc
        self.error.setText(NOT_OK_SYMBOL + " " + str(exc))
        self.error.show()

    # -- actions --------------------------------------------------------------------------------------------------

    def add(self) -> SourceEditDialog:
        return self._open_editor(None)

    def edit_selected(self) -> SourceEditDialog | None:
        listed = self.selected()
        return self._open_editor(listed) if listed is not None else None

    def _open_editor(self, listed: ListedSource | None) -> SourceEditDialog:
        dialog = SourceEditDialog(
            session=self.session,
            keyring=keyring_status(),
            source=listed.source if listed else None,
            parent=self,
        )
        dialog.finished.connect(dialog.deleteLater)
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def remove_selected(self) -> None:
        listed = self.selected()
        if listed is None:
            return
        source = listed.source
        answer = QMessageBox.question(
            self,
            self.tr("Remove source"),
            self.tr(
                "Remove {name}? What it imported stays; its credential is removed from this machine's keyring "
                "if the keyring can be reached (you are told if not)."
            ).format(name=source.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        credentials = self.controller.credentials(self.session)
        self.error.hide()
        self.session.run(
            lambda launch_file, actor: remove_source(
                launch_file,
                actor=actor,
                source_id=source.id,
                credentials=credentials,
                expect_version=source.version,
            ),
            on_done=self._removed,  # the broadcast change reloads the list
            on_error=self._failed,
        )

    def _removed(self, removal: SourceRemoval) -> None:
        if removal.forgotten is Forgotten.UNREACHABLE:  # a credential left behind: the user must know
            self.error.setText(NOT_OK_SYMBOL + " " + removal.credential_note())
            self.error.show()

    def _refresh_selected(self) -> None:
        listed = self.selected()
        if listed is not None:
            self.controller.refresh_ids({listed.source.id})
