"""The window outlives PySide6's leaked references to None (a fatal "deallocating None" otherwise)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cockpit.ui.pyside_workarounds import singletons_need_guard

# More leaked references than None has in a fresh interpreter: without the guard this script aborts.
LEAKS = 200_000
SCRIPT = f"""
from PySide6.QtCore import QCoreApplication, QStringListModel, Qt
import cockpit.ui  # the guard comes with the package
from cockpit.ui.app import GettextTranslator

app = QCoreApplication([])
app.installTranslator(GettextTranslator(app))
model = QStringListModel(["a"])
cell = model.index(0)
for _ in range({LEAKS}):
    cell.data(Qt.ItemDataRole.UserRole)  # a role the model does not answer: None, one reference lost
    QCoreApplication.translate("panes", "Overview")  # the null disambiguation reaches Python as None: one more
print(cell.data(Qt.ItemDataRole.UserRole), QCoreApplication.translate("panes", "Overview"))
"""


@pytest.mark.skipif(not singletons_need_guard(), reason="None is immortal on this Python")
def test_a_window_asking_for_empty_cells_and_translations_all_day_does_not_abort():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert "deallocating None" not in done.stderr
    assert done.returncode == 0
    assert done.stdout.strip() == "None Overview"
