"""The window's look: a calm, dense palette and RAG lights that never rely on colour alone.

Colours follow Okabe & Ito (distinguishable with every common colour-vision deficiency), the same
palette the charts use; every light also carries a symbol and a word.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from cockpit.domain.status import Rag

INK = "#222222"
MUTED_INK = "#5b6168"
SURFACE = "#f6f7f9"
PANEL = "#ffffff"
LINE = "#d5d9de"
ACCENT = "#0072B2"  # Okabe-Ito blue: selection, links, focus
OVERDUE = "#B34700"  # a darker vermillion, readable as text on white


@dataclass(frozen=True, slots=True)
class RagLook:
    colour: str  # the strong colour: a tile's edge, a light
    fill: str  # a pale fill that black text stays readable on
    symbol: str


RAG_LOOKS = {
    Rag.GREEN: RagLook(colour="#009E73", fill="#D4EFE6", symbol="✔"),
    Rag.AMBER: RagLook(colour="#E69F00", fill="#FBEBC7", symbol="▲"),
    Rag.RED: RagLook(colour="#D55E00", fill="#F7D9C4", symbol="✖"),
}


OK_SYMBOL = "✔"
NOT_OK_SYMBOL = "✖"
# Every symbol is in the bundled IPAexGothic, so none turns into a box on a machine without emoji fonts.
OVERDUE_SYMBOL = "⚠"
BLOCKED_SYMBOL = "⊘"
WAITING_SYMBOL = "◷"  # waits for unfinished dependencies
GATE_SYMBOL = "◆"

STYLE_SHEET = f"""
QMainWindow, QStackedWidget > QWidget {{ background: {SURFACE}; }}
QListWidget#navigation {{
    background: {PANEL}; border: none; border-right: 1px solid {LINE}; padding-top: 6px;
}}
QListWidget#navigation::item {{ padding: 7px 12px; }}
QListWidget#navigation::item:selected {{ background: {ACCENT}; color: white; }}
QFrame#messageBar {{ background: #FBEBC7; border-bottom: 1px solid #E69F00; }}
QFrame#messageBar[kind="error"] {{ background: #F7D9C4; border-bottom: 1px solid #D55E00; }}
QLabel#readOnlyBadge {{
    background: {MUTED_INK}; color: white; border-radius: 3px; padding: 1px 6px;
}}
QFrame#tile {{ background: {PANEL}; border: 1px solid {LINE}; border-radius: 4px; }}
QLabel[role="heading"] {{ font-weight: 600; color: {INK}; }}
QLabel[role="muted"] {{ color: {MUTED_INK}; }}
"""


def apply_theme(app: QApplication) -> None:
    """Fusion with a light palette: the same calm look on every platform and on the wall screen."""
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(SURFACE))
    palette.setColor(QPalette.ColorRole.Base, QColor(PANEL))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f0f2f5"))
    palette.setColor(QPalette.ColorRole.Text, QColor(INK))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    app.setPalette(palette)
    app.setStyleSheet(STYLE_SHEET)


def scaled_font(base: QFont, factor: float, *, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(1.0, base.pointSizeF() * factor))
    font.setBold(bold)
    return font
