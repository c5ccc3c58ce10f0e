"""A filter's drop-down: a few fixed choices first ("Any owner"), then the names the launch has now."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox


def refill_choices(combo: QComboBox, fixed: Sequence[tuple[str, Any]], names: Sequence[str]) -> None:
    """Show ``fixed`` then ``names`` (each its own data), keeping the user's choice when it is still there.

    Left alone when it already shows them: rebuilding would repaint the filter bar for nothing. The fixed
    choices are compared too, so a launch with no names yet (a new one) still gets them.
    """
    wanted = [*fixed, *((name, name) for name in names)]
    shown = [(combo.itemText(row), combo.itemData(row)) for row in range(combo.count())]
    if shown == wanted:
        return
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in wanted:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)
