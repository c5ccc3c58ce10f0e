"""Measuring and wrapping text for the page: widths come from the real font, so nothing runs off a cell.

Japanese lines break between any two wide characters, other text between words; a word longer than the
line is cut where it must. A cell with more lines than it may show ends in "…".
"""

from __future__ import annotations

import unicodedata

from matplotlib.backends.backend_agg import get_hinting_flag
from matplotlib.font_manager import FontProperties, fontManager, get_font

from cockpit.charts import style

ELLIPSIS = "…"
LINE_SPACING = 1.26  # line height as a multiple of the font size


def line_height(size: float) -> float:
    """Inches from one line to the next at ``size`` points."""
    return size * LINE_SPACING / 72


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


# Japanese line breaking (禁則処理), simply: these never start a line, and these never end one.
NO_LINE_START = frozenset(
    "、。，．,.）)」』】〕］]｝}〉》・：；:;！!？?ーっゃゅょァィゥェォッャュョヮヵヶぁぃぅぇぉ々…"
)
NO_LINE_END = frozenset("（(「『【〔［[｛{〈《")


def tokens(text: str) -> list[str]:
    """Pieces a line may break between: runs of spaces, words, and each wide character on its own.

    A closing mark sticks to the piece before it and an opening one to the piece after it.
    """
    out: list[str] = []
    glue = False  # the last piece ends with an opening mark: the next character joins it
    for ch in text:
        if out and (glue or (ch in NO_LINE_START and not out[-1].isspace())):
            out[-1] += ch
        elif _is_wide(ch):
            out.append(ch)
        elif out and not _is_wide(out[-1][-1]) and out[-1][-1].isspace() == ch.isspace():
            out[-1] += ch
        else:
            out.append(ch)
        glue = ch in NO_LINE_END
    return out


class Measure:
    """Widths in inches of text at a size in points, in the report's fonts (IPAexGothic, then DejaVu Sans)."""

    def __init__(self) -> None:
        style.register_font()
        self._widths: dict[tuple[str, float], float] = {}
        # The font files of the report's families, in fallback order: found once, not once per string.
        self._files = fontManager._find_fonts_by_props(FontProperties(family=style.FONT_FAMILIES))

    def width(self, text: str, size: float) -> float:
        key = (text, size)
        known = self._widths.get(key)
        if known is None:
            known = self._measure(text, size) if text else 0.0
            self._widths[key] = known
        return known

    def _measure(self, text: str, size: float) -> float:
        """What matplotlib's Agg renderer measures at 72 dpi (a pixel is a point), without its font lookup."""
        font = get_font(self._files)
        font.clear()
        font.set_size(size, 72)
        font.set_text(text, 0.0, flags=get_hinting_flag())
        width_subpixels, _ = font.get_width_height()
        return width_subpixels / 64 / 72

    def fit(self, text: str, width: float, size: float) -> str:
        """``text`` on one line of ``width`` inches, cut short with "…" when it is longer."""
        if self.width(text, size) <= width:
            return text
        return self._cut(text, width, size)

    def _cut(self, text: str, width: float, size: float) -> str:
        """The longest start of ``text`` that fits ``width`` with "…" after it."""
        low, high = 0, len(text)
        while low < high:  # the longest prefix that still fits with the ellipsis
            mid = (low + high + 1) // 2
            if self.width(text[:mid].rstrip() + ELLIPSIS, size) <= width:
                low = mid
            else:
                high = mid - 1
        return text[:low].rstrip() + ELLIPSIS

    def wrap(self, text: str, width: float, size: float, *, max_lines: int = 0) -> list[str]:
        """``text`` broken into lines no wider than ``width``; at most ``max_lines`` when given (0: any)."""
        lines: list[str] = []
        for paragraph in text.splitlines() or [""]:
            lines += self._wrap_paragraph(paragraph, width, size)
        if max_lines and len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = self._cut(lines[-1] + " ", width, size)  # always marked: the rest is hidden
        return lines

    def _wrap_paragraph(self, text: str, width: float, size: float) -> list[str]:
        lines: list[str] = []
        line, line_width = "", 0.0
        for token in tokens(text):
            if token.isspace() and not line:
                continue  # no line starts with spaces
            token_width = self.width(token, size)
            if line and line_width + token_width > width:
                lines.append(line.rstrip())
                line, line_width = "", 0.0
                if token.isspace():
                    continue
            if token_width > width:  # a word longer than a whole line: cut it where it must
                pieces = self._hard_break(token, width, size)
                lines += pieces[:-1]
                token = pieces[-1]
                token_width = self.width(token, size)
            line, line_width = line + token, line_width + token_width
        lines.append(line.rstrip())
        return lines

    def _hard_break(self, word: str, width: float, size: float) -> list[str]:
        """``word`` cut into pieces that each fill a line, every piece at least one character.

        Each piece is the longest start of what is left that fits, found by halving (a longer start is
        never narrower): measuring every longer start in turn made a long stack trace cost seconds.
        """
        pieces = []
        while word:
            low, high = 1, len(word)  # the first character goes on the line even when it alone is wider
            while low < high:
                mid = (low + high + 1) // 2
                if self.width(word[:mid], size) <= width:
                    low = mid
                else:
                    high = mid - 1
            pieces.append(word[:low])
            word = word[low:]
        return pieces
