"""Adding or changing a source, with its credential: to the keyring, or for this session only.

The secret typed here goes through ``cockpit.services.sources`` to ``Credentials``; the launch file
keeps the URL and a keyring reference. On a machine without a usable keyring the dialog says so
before the user types anything, and offers to keep the credential in memory until the cockpit closes.
"""

from __future__ import annotations

from typing import TypedDict

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain.sources import AuthKind, Source, SourceKind, TableKind
from cockpit.domain.tests import TestLevel
from cockpit.errors import CockpitError
from cockpit.secrets import Credentials, KeyringStatus, NoUsableKeyring
from cockpit.services.sources import SourceEdit, add_source, update_source
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.widgets.theme import NOT_OK_SYMBOL, OVERDUE
from cockpit.words.labels import level_label, table_kind_label

DEFAULT_POLL_MINUTES = 15


class _SourceFields(TypedDict):
    """What the form sets, given alike to ``add_source`` and ``update_source``."""

    name: str
    url: str
    level: str | None
    table_kind: str | None
    auth: str
    username: str
    secret: str | None


class SourceEditDialog(QDialog):
    """``source=None`` adds one. OK writes on the session's writer; a refusal stays in the dialog."""

    def __init__(
        self,
        *,
        session: LaunchSession,
        keyring: KeyringStatus,
        source: Source | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.source = source
        self.keyring = keyring
        self.edit: SourceEdit | None = None
        self._saving = False
        self.setWindowTitle(
            self.tr("Add a source") if source is None else self.tr("Source {name}").format(name=source.name)
        )

        self.name = QLineEdit(source.name if source else "")
        self.url = QLineEdit(source.url if source else "")
        self.url.setPlaceholderText("https://ci.example.com/job/orders/lastBuild/junit.xml")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Test results (JUnit, NUnit, TRX …)"), SourceKind.RESULTS.value)
        self.kind.addItem(self.tr("A table (CSV or Excel)"), SourceKind.TABLE.value)
        self.kind.addItem(self.tr("Prometheus: the KPIs' queries"), SourceKind.PROMETHEUS.value)
        self.level = QComboBox()
        for level in TestLevel:
            self.level.addItem(level_label(level), level.value)
        self.table_kind = QComboBox()
        for each in TableKind:
            self.table_kind.addItem(table_kind_label(each), each.value)
        if source is not None:
            self.kind.setCurrentIndex(self.kind.findData(source.kind.value))
            self.kind.setEnabled(False)  # another kind is another source: the service keeps it fixed
            if source.level:
                self.level.setCurrentIndex(self.level.findData(source.level))
            if source.table_kind:
                self.table_kind.setCurrentIndex(self.table_kind.findData(source.table_kind.value))
        self.kind.currentIndexChanged.connect(self._update)

        self.polled = QCheckBox(self.tr("Refresh automatically every"))
        self.poll_minutes = QSpinBox()
        self.poll_minutes.setRange(1, 24 * 60)
        self.poll_minutes.setSuffix(self.tr(" min"))
        self.poll_minutes.setValue(
            source.poll_minutes if source and source.poll_minutes else DEFAULT_POLL_MINUTES
        )
        self.polled.setChecked(bool(source and source.poll_minutes))
        self.polled.toggled.connect(self._update)
        poll_row = QHBoxLayout()
        poll_row.addWidget(self.polled)
        poll_row.addWidget(self.poll_minutes)
        poll_row.addStretch(1)

        self.auth = QComboBox()
        self.auth.addItem(self.tr("None"), AuthKind.NONE.value)
        self.auth.addItem(self.tr("Token"), AuthKind.TOKEN.value)
        self.auth.addItem(self.tr("User name and password"), AuthKind.BASIC.value)
        if source is not None:
            self.auth.setCurrentIndex(self.auth.findData(source.auth.value))
        self.auth.currentIndexChanged.connect(self._update)
        self.username = QLineEdit(source.username if source else "")
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setObjectName("secret")
        if source is not None and source.keyring_ref:
            self.secret.setPlaceholderText(self.tr("Leave empty to keep the stored credential"))

        self.keyring_note = QLabel()
        self.keyring_note.setObjectName("keyringNote")
        self.keyring_note.setWordWrap(True)
        self.session_only = QCheckBox(
            self.tr("Use the credential for this session only (forgotten when the cockpit closes)")
        )
        self.session_only.setObjectName("sessionOnly")
        self._show_keyring(keyring)

        self.error = QLabel()
        self.error.setObjectName("sourceError")
        self.error.setStyleSheet(f"color: {OVERDUE};")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.form = QFormLayout()
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("URL"), self.url)
        self.form.addRow(self.tr("Serves"), self.kind)
        self.form.addRow(self.tr("Test level"), self.level)
        self.form.addRow(self.tr("Imports as"), self.table_kind)
        self.form.addRow(self.tr("Polling"), poll_row)
        self.form.addRow(self.tr("Sign-in"), self.auth)
        self.form.addRow(self.tr("User name"), self.username)
        self.form.addRow(self.tr("Token or password"), self.secret)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.session_only)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._update()

    # -- state ----------------------------------------------------------------------------------------------------

    def _show_keyring(self, status: KeyringStatus) -> None:
        self.keyring = status
        if status.usable:
            self.keyring_note.setText(status.message)
            self.keyring_note.setProperty("role", "muted")
            self.keyring_note.setStyleSheet("")
        else:
            self.keyring_note.setText(
                NOT_OK_SYMBOL
                + " "
                + status.message
                + " "
                + self.tr("Without it, the credential cannot be kept between sessions.")
            )
            self.keyring_note.setStyleSheet(f"color: {OVERDUE};")

    def _selected_auth(self) -> AuthKind:
        return AuthKind(self.auth.currentData())

    def _update(self) -> None:
        results = self.kind.currentData() == SourceKind.RESULTS.value
        table = self.kind.currentData() == SourceKind.TABLE.value
        self.form.setRowVisible(self.level, results)
        self.form.setRowVisible(self.table_kind, table)
        self.poll_minutes.setEnabled(self.polled.isChecked())
        auth = self._selected_auth()
        self.form.setRowVisible(self.username, auth is AuthKind.BASIC)
        self.form.setRowVisible(self.secret, auth is not AuthKind.NONE)
        self.secret.setPlaceholderText(
            self.tr("Leave empty to keep the stored credential")
            if self.source is not None and self.source.keyring_ref and auth is self.source.auth
            else ""
        )
        needs_credential = auth is not AuthKind.NONE
        self.keyring_note.setVisible(needs_credential)
        self.session_only.setVisible(needs_credential and not self.keyring.usable)
        self.ok_button.setEnabled(not self._saving)

    def show_error(self, message: str) -> None:
        self.error.setText(NOT_OK_SYMBOL + " " + message)
        self.error.show()

    # -- saving ---------------------------------------------------------------------------------------------------

    def accept(self) -> None:
        """Write the source on the writer; the dialog closes only once it is in the file."""
        if self._saving:
            return
        auth = self._selected_auth()
        secret = self.secret.text() or None
        if (
            auth is not AuthKind.NONE
            and secret
            and not self.keyring.usable
            and not self.session_only.isChecked()
        ):
            self.show_error(
                self.tr(
                    "There is no usable keyring: tick “use for this session only” to use the credential now."
                )
            )
            return
        credentials = Credentials(
            session=self.session.session_credentials,
            session_only=not self.keyring.usable and self.session_only.isChecked(),
        )
        results = self.kind.currentData() == SourceKind.RESULTS.value
        table = self.kind.currentData() == SourceKind.TABLE.value
        values = _SourceFields(
            name=self.name.text(),
            url=self.url.text(),
            level=self.level.currentData() if results else None,
            table_kind=self.table_kind.currentData() if table else None,
            auth=auth.value,
            username=self.username.text(),
            secret=secret if auth is not AuthKind.NONE else None,
        )
        source = self.source
        if source is None:
            poll = self.poll_minutes.value() if self.polled.isChecked() else None

            def job(launch_file, actor: str) -> SourceEdit:
                return add_source(
                    launch_file,
                    actor=actor,
                    credentials=credentials,
                    kind=self.kind.currentData(),
                    poll_minutes=poll,
                    **values,
                )
        else:
            poll = self.poll_minutes.value() if self.polled.isChecked() else 0

            def job(launch_file, actor: str) -> SourceEdit:
                return update_source(
                    launch_file,
                    actor=actor,
                    source_id=source.id,
                    credentials=credentials,
                    poll_minutes=poll,
                    expect_version=source.version,
                    **values,
                )

        self._saving = True
        self.error.hide()
        self._update()
        self.session.run(job, on_done=self._saved, on_error=self._failed)

    def _saved(self, edit: SourceEdit) -> None:
        self._saving = False
        self.edit = edit
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, CockpitError):
            raise exc
        self._saving = False
        self._update()
        if isinstance(exc, NoUsableKeyring):
            # The keyring went away since the dialog opened: offer the session-only choice now.
            self._show_keyring(KeyringStatus(False, self.keyring.backend_name, str(exc)))
            self._update()
        self.show_error(str(exc))

    def reject(self) -> None:
        if not self._saving:
            super().reject()
