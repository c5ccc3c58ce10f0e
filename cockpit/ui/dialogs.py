"""Window-level dialogs: a new launch file, and About with the versions a bug report needs."""

from __future__ import annotations

import platform
import sqlite3
from datetime import datetime
from importlib import metadata
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import PySide6
from PySide6.QtCore import QDateTime, qVersion
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

import cockpit
from cockpit.i18n import language
from cockpit.ui.widgets import date_time

TEMPLATE_LANGUAGES = (("en", "English"), ("ja", "日本語"))
COMMON_ZONES = ("Asia/Tokyo", "UTC", "Europe/Berlin", "Europe/London", "America/New_York", "Asia/Singapore")


def versions() -> dict[str, str]:
    try:
        package = metadata.version("golive-cockpit")
    except metadata.PackageNotFoundError:
        package = cockpit.__version__
    return {
        "Go-Live Cockpit": package,
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "SQLite": sqlite3.sqlite_version,
        "Python": platform.python_version(),
    }


def show_about(parent: QWidget) -> None:
    rows = "".join(
        f"<tr><td>{name}</td><td><b>{version}</b></td></tr>" for name, version in versions().items()
    )
    text = parent.tr("<p>The launch team's cockpit for go-live day.</p>") + f"<table>{rows}</table>"
    QMessageBox.about(parent, parent.tr("About Go-Live Cockpit"), text)


class NewLaunchDialog(QDialog):
    """Name, go-live time and its time zone, the template and its language; the file name was chosen before."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New launch"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Order system go-live"))
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.addItems(COMMON_ZONES)
        self.go_live = QDateTimeEdit(QDateTime.currentDateTime().addDays(30))
        self.go_live.setCalendarPopup(True)
        self.go_live.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.template = QComboBox()
        self.template.addItem(self.tr("Standard: the whole service-in checklist and a runbook"), "standard")
        self.template.addItem(self.tr("Empty: go/no-go criteria and SLA targets only"), "empty")
        self.language = QComboBox()
        for code, name in TEMPLATE_LANGUAGES:
            self.language.addItem(name, code)  # each language named in itself, whatever the UI language
        self.language.setCurrentIndex(max(0, self.language.findData(language())))
        self.error = QLabel()
        self.error.setStyleSheet("color: #B34700;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Launch name"), self.name)
        form.addRow(self.tr("Go-live"), self.go_live)
        form.addRow(self.tr("Time zone"), self.zone)
        form.addRow(self.tr("Template"), self.template)
        form.addRow(self.tr("Template language"), self.language)
        form.addRow(self.error)
        form.addRow(buttons)

    def go_live_time(self) -> datetime:
        """The chosen wall-clock time, in the chosen zone."""
        wall_clock = date_time.from_qt(self.go_live.dateTime())
        return wall_clock.replace(tzinfo=ZoneInfo(self.zone.currentText().strip()))

    def template_choice(self) -> tuple[str, str]:
        """(template, language) as the services name them."""
        return self.template.currentData(), self.language.currentData()

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(self.tr("Give the launch a name."))
            return
        try:
            ZoneInfo(self.zone.currentText().strip())
        except (ZoneInfoNotFoundError, ValueError):
            self.error.setText(self.tr("Unknown time zone; use an IANA name such as Asia/Tokyo."))
            return
        super().accept()
