"""The wall's look: dark, high contrast, the Okabe–Ito palette, type sized to read from five metres.

Sizes are pixels at 1920×1080 (a headline figure at least 64 px, every label at least 28 px: read from five
metres) and follow the screen: ×2 at 3840×2160, and smaller on a smaller screen (a 1600×900 projector, a
laptop), so the whole wall still fits on it rather than being cut at its right edge.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont

from cockpit.domain.status import Rag

BACKGROUND = "#000000"
PANEL = "#141414"
INK = "#FFFFFF"
MUTED = "#D0D0D0"  # still 13:1 on black
# Okabe–Ito: bluish green, orange, vermillion; sky blue for what is neutral. Each goes with a symbol.
RAG_INK = {Rag.GREEN: "#009E73", Rag.AMBER: "#E69F00", Rag.RED: "#D55E00"}
NEUTRAL = "#56B4E9"
FLASH = "#F0E442"  # Okabe–Ito yellow: a tile a teammate just changed

BASE_SIZE = (1920, 1080)


@dataclass(frozen=True, slots=True)
class Sizes:
    verdict: int
    figure: int
    figure_least: int  # a long tile figure shrinks to this, never below 64 px at 1080p
    countdown: int
    label: int
    margin: int


SMALLEST_SCALE = 0.5  # below this (a 960×540 window) type would be unreadable from the room anyway


def sizes_for(width: int, height: int) -> Sizes:
    scale = max(SMALLEST_SCALE, min(width / BASE_SIZE[0], height / BASE_SIZE[1]))
    return Sizes(
        verdict=round(120 * scale),
        figure=round(72 * scale),
        figure_least=round(64 * scale),
        countdown=round(76 * scale),
        label=round(30 * scale),
        margin=round(16 * scale),
    )


def pixel_font(base: QFont, pixels: int, *, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


STYLE_SHEET = f"""
QWidget#wall, QWidget#wallPage, QWidget#wall QStackedWidget {{ background: {BACKGROUND}; }}
QWidget#wall QLabel {{ color: {INK}; background: transparent; }}
QWidget#wall QLabel[role="muted"] {{ color: {MUTED}; }}
QFrame#wallTile, QFrame#wallBlock {{ background: {PANEL}; border-radius: 6px; }}
QProgressBar#wallRotation {{ background: {PANEL}; border: none; max-height: 6px; }}
QProgressBar#wallRotation::chunk {{ background: {NEUTRAL}; }}
"""
