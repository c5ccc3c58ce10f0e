"""Launch ▸ Sign-off roster…: who must sign the go/no-go, with their role; the decisions are signed on the
Overview (its Sign off button), not here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain.gate import SignOff
from cockpit.domain.launch import LaunchData, Person
from cockpit.domain.people import find_signer
from cockpit.services.roster import add_signer, remove_signer
from cockpit.ui.roster.manage import ManageDialog
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.widgets.row_model import Column
from cockpit.words.labels import decision_label
from cockpit.words.rows import field_label


class SignerDialog(QDialog):
    """Pick one of the launch's people not on the roster yet; the role they sign as defaults to theirs."""

    def __init__(self, candidates: Sequence[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add to the sign-off roster"))
        self.candidates = tuple(candidates)
        self.person = QComboBox()
        self.person.setObjectName("signerPerson")
        for person in self.candidates:
            self.person.addItem(f"{person.name} ({person.login})", person.login)
        self.person.currentIndexChanged.connect(lambda _index: self._show_role())
        self.role = QLineEdit()
        self.role.setObjectName("signerRole")
        form = QFormLayout()
        form.addRow(field_label("signoffs", "person"), self.person)
        form.addRow(field_label("signoffs", "role"), self.role)
        self.note = QLabel()
        self.note.setWordWrap(True)
        if not self.candidates:
            self.note.setText(
                self.tr("Everyone on the people list is on the roster. Add people first (Launch ▸ People…).")
            )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.candidates))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self._show_role()

    def _show_role(self) -> None:
        index = self.person.currentIndex()
        role = self.candidates[index].role if 0 <= index < len(self.candidates) else ""
        self.role.setPlaceholderText(role or self.tr("Their role in the decision"))

    def values(self) -> dict[str, Any]:
        return {"login": self.person.currentData(), "role": self.role.text().strip() or None}


class RosterDialog(ManageDialog):
    def __init__(self, *, session: LaunchSession, parent: QWidget | None = None) -> None:
        columns: list[Column[SignOff]] = [
            Column(header=lambda: field_label("signoffs", "person"), display=lambda s: s.person),
            Column(header=lambda: field_label("signoffs", "role"), display=lambda s: s.role),
            Column(
                header=lambda: field_label("signoffs", "decision"),
                display=lambda s: decision_label(s.decision),
            ),
        ]
        super().__init__(session=session, columns=columns, stretch_column=1, parent=parent)
        self.setWindowTitle(self.tr("Sign-off roster"))
        self.intro.setText(
            self.tr(
                "Who must sign the go/no-go decision, and as what. Each signs on the Overview. Someone who "
                "has decided stays on the roster."
            )
        )
        self.view.setObjectName("rosterTable")
        self.edit_button.hide()  # a signer is a person and a role: remove and add again

    def rows_of(self, data: LaunchData) -> Sequence[SignOff]:
        return data.signoffs

    def can_edit(self, row: Any) -> bool:
        return False

    def candidates(self) -> list[Person]:
        data = self.session.data
        if data is None:
            return []
        return [p for p in data.people if p.login and find_signer(data.signoffs, p) is None]

    def add(self) -> QDialog:
        form = SignerDialog(self.candidates(), parent=self)
        return self.show_add_form(
            form,
            form.values,
            add_signer,
            text=lambda: self.tr("Add {person} to the sign-off roster").format(
                person=form.person.currentText()
            ),
        )

    def edit(self, row: Any) -> QDialog | None:
        return None

    def removal_question(self, row: Any) -> str:
        return self.tr("Take {person} off the sign-off roster?").format(person=row.person)

    def remove(self, row: Any) -> None:
        signoff: SignOff = row
        self.session.edit(
            remove_signer,
            text=self.tr("Take {person} off the sign-off roster").format(person=signoff.person),
            signoff_id=signoff.id,
            expect_version=signoff.version,
        )
