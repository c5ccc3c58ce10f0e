"""The Sources window shows a URL whose credential migration 0007 removed as such, and says what to do."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from tests.ui.sources.test_sources_ui import register
from tests.unit.services.sources.conftest import fake_ci  # noqa: F401 (fixtures used by name)


def test_a_url_whose_credential_was_removed_is_marked_and_explained(qtbot, make_window, small_launch):
    register(small_launch, name="CI", url="https://ci.example.com/junit.xml", secret=None)
    register(small_launch, name="Other", url="https://ci.example.com/other.xml", secret=None)
    conn = sqlite3.connect(small_launch)
    with conn:  # what the upgrade leaves of a URL stored with ?token=… before such URLs were refused
        conn.execute(
            "UPDATE sources SET url = 'https://ci.example.com/junit.xml?token=•••' WHERE name = 'CI'"
        )
    conn.close()
    window = make_window(small_launch)
    manage = window.sources.manage()
    qtbot.waitUntil(lambda: manage.model.rowCount() == 2, timeout=30_000)
    model = manage.model
    rows = {model.index(r, model.NAME).data(): r for r in range(2)}
    masked = model.index(rows["CI"], model.URL)
    assert "?token=•••" in masked.data()
    tip = masked.data(Qt.ItemDataRole.ToolTipRole)
    assert "removed from the launch file" in tip and "Enter the URL again" in tip
    assert masked.data(Qt.ItemDataRole.ForegroundRole) is not None
    plain = model.index(rows["Other"], model.URL)
    assert plain.data() == "https://ci.example.com/other.xml"
    assert plain.data(Qt.ItemDataRole.ToolTipRole) == "https://ci.example.com/other.xml"
