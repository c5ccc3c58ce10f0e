"""Launch ▸ People…: the launch's people (name, login, role, contact), added, edited and removed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from cockpit.domain.launch import LaunchData, Person
from cockpit.services.people import add_person, remove_person, update_person
from cockpit.ui.roster.manage import ManageDialog
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.widgets.row_model import Column
from cockpit.words.rows import field_label

# The form's fields: the service's argument, and the people column it is stored in.
FIELDS = (("name", "name"), ("login", "login"), ("role", "role"), ("contact", "email"))


def person_values(person: Person) -> dict[str, str]:
    return {"name": person.name, "login": person.login, "role": person.role, "contact": person.email}


class PersonDialog(QDialog):
    """Add or edit one person; OK needs a name and a login (the service checks the login is free)."""

    def __init__(self, person: Person | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add person") if person is None else self.tr("Edit person"))
        given = person_values(person) if person is not None else {}
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for argument, column in FIELDS:
            field = QLineEdit(given.get(argument, ""))
            field.setObjectName(f"person_{argument}")
            field.textChanged.connect(lambda _text: self._update_ok())
            self.fields[argument] = field
            form.addRow(field_label("people", column), field)
        self.fields["contact"].setPlaceholderText(self.tr("Mail, phone or chat handle"))
        self.fields["login"].setToolTip(self.tr("How they sign in; unique in the launch, whatever its case."))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _update_ok(self) -> None:
        filled = all(self.fields[name].text().strip() for name in ("name", "login"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(filled)

    def values(self) -> dict[str, Any]:
        return {argument: field.text().strip() for argument, field in self.fields.items()}


class PeopleDialog(ManageDialog):
    def __init__(self, *, session: LaunchSession, parent: QWidget | None = None) -> None:
        columns: list[Column[Person]] = [
            Column(header=lambda: field_label("people", "name"), display=lambda p: p.name),
            Column(header=lambda: field_label("people", "login"), display=lambda p: p.login),
            Column(header=lambda: field_label("people", "role"), display=lambda p: p.role),
            Column(header=lambda: field_label("people", "email"), display=lambda p: p.email),
        ]
        super().__init__(session=session, columns=columns, stretch_column=3, parent=parent)
        self.setWindowTitle(self.tr("People"))
        self.intro.setText(
            self.tr(
                "Everyone who owns, runs or signs something in this launch. Owners and assignees are picked "
                "from this list; someone still named somewhere cannot be removed."
            )
        )
        self.view.setObjectName("peopleTable")

    def rows_of(self, data: LaunchData) -> Sequence[Person]:
        return data.people

    def add(self) -> QDialog:
        form = PersonDialog(parent=self)
        return self.show_add_form(
            form,
            form.values,
            add_person,
            text=lambda: self.tr("Add person {name}").format(name=form.values()["name"]),
        )

    def edit(self, row: Any) -> QDialog:
        person: Person = row
        form = PersonDialog(person, parent=self)
        form.accepted.connect(lambda: self.submit_changes(person, form.values()))
        return self.show_form(form)

    def submit_changes(self, person: Person, wanted: dict[str, Any]) -> None:
        before = person_values(person)
        changed: dict[str, Any] = {name: value for name, value in wanted.items() if value != before[name]}
        if not changed:
            return
        self.session.edit(
            update_person,
            text=self.tr("Edit person {name}").format(name=person.name),
            undo_values={name: before[name] for name in changed},
            person_id=person.id,
            expect_version=person.version,
            **changed,
        )

    def removal_question(self, row: Any) -> str:
        return self.tr("Remove {name} from the launch's people?").format(name=row.name)

    def remove(self, row: Any) -> None:
        person: Person = row
        self.session.edit(
            remove_person,
            text=self.tr("Remove person {name}").format(name=person.name),
            person_id=person.id,
            expect_version=person.version,
        )
