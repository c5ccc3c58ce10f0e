"""The page's own words drawn without measuring them first: the report's costliest step, made cheap.

matplotlib's ``Text`` lays every string out twice when it is drawn: once to measure it (for its
alignment), once to draw it. A page's text is nearly all left-aligned single lines hung from their top,
whose baseline is the font's ascent below that top whatever the line says, as long as no glyph rises
above the ascent. For those lines :class:`PageText` skips the measuring; anything else (right-aligned,
several lines, mathtext, a character that might rise higher) is drawn by ``Text`` itself.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from matplotlib import colors
from matplotlib.backend_bases import RendererBase
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.text import Text

# Marks the report prints beside words (symbols for lights, overdue, blocked, gate) that stay below the
# ascent of IPAexGothic, as measured; the ascent of wide (CJK) characters and of ASCII never exceeds it.
_LOW_MARKS = frozenset("○△×●◆■□▲▼►◀→←↑↓✓✔✗⚠★☆…—–―·•※「」『』（）【】、。・ー～％＃：；｜")


# The renderers that measure text unhinted, as the font file says (PDF, PostScript, SVG): there a line's
# ascent is the font's. A raster renderer hints, and may round a line's ascent above the font's.
_UNHINTED_RENDERERS = frozenset({"RendererPDFPSBase", "RendererSVG"})


def _measures_unhinted(renderer: RendererBase) -> bool:
    drawing = getattr(renderer, "_renderer", renderer)  # the PDF's MixedModeRenderer draws through another
    return any(kind.__name__ in _UNHINTED_RENDERERS for kind in type(drawing).__mro__)


@cache
def _stays_below_ascent(ch: str) -> bool:
    return ch.isascii() or ch in _LOW_MARKS or unicodedata.east_asian_width(ch) in "WF"


@cache
def _ascent_per_point(families: tuple[str, ...]) -> float:
    """The first font's typographic ascent as a share of its size, as ``Text`` reads it."""
    font = get_font(fontManager._find_fonts_by_props(FontProperties(family=list(families))))
    head, os2, hhea = font.get_sfnt_table("head"), font.get_sfnt_table("OS/2"), font.get_sfnt_table("hhea")
    if head is None:
        return 0.0
    if os2 is not None:
        return float(os2["sTypoAscender"]) / head["unitsPerEm"]
    return float(hhea["ascent"]) / head["unitsPerEm"] if hhea is not None else 0.0


class PageText(Text):
    """A ``Text`` that draws a plain left-aligned line hung from its top without measuring it."""

    def _is_plain(self) -> bool:
        text = self.get_text()
        return (
            self.get_horizontalalignment() == "left"
            and self.get_verticalalignment() == "top"
            and self.get_rotation() == 0
            and not self.get_usetex()
            and not self.get_path_effects()
            and self.get_bbox_patch() is None
            and "\n" not in text
            and "$" not in text  # mathtext: Text parses it
            and all(_stays_below_ascent(ch) for ch in text)
        )

    def draw(self, renderer: RendererBase) -> None:
        if not self.get_visible() or not self.get_text():
            return
        if not self._is_plain() or not _measures_unhinted(renderer):
            super().draw(renderer)
            return
        prop = self.get_fontproperties()
        # As Text reads it: the PDF and PostScript renderers may know the ascent (of their core fonts),
        # every renderer falls back to the font file's own.
        font_metrics = getattr(renderer, "_get_font_height_metrics", None)
        ascent_pt = font_metrics(prop)[0] if font_metrics is not None else None
        if ascent_pt is None:
            ascent_pt = _ascent_per_point(tuple(prop.get_family())) * prop.get_size_in_points()
        figure = self.get_figure(root=True)
        assert figure is not None  # drawn as part of its page
        dpi = figure.dpi
        x, y = self.get_transform().transform(self.get_unitless_position())
        y -= ascent_pt * dpi / 72  # the baseline, one ascent below the top
        if renderer.flipy():
            y = renderer.get_canvas_width_height()[1] - y
        renderer.open_group("text", self.get_gid())
        gc = renderer.new_gc()
        gc.set_foreground(colors.to_rgba(self.get_color()), isRGBA=True)
        alpha = self.get_alpha()
        if alpha is not None:
            gc.set_alpha(alpha)
        gc.set_url(self.get_url())
        gc.set_antialiased(self.get_antialiased())
        gc.set_snap(self.get_snap())
        if self.get_clip_on():  # as Artist clips what it draws
            if self.get_clip_box() is not None:
                gc.set_clip_rectangle(self.get_clip_box())
            gc.set_clip_path(self.get_clip_path())  # type: ignore[arg-type]  # the stub: it is a TransformedPath
        else:
            gc.set_clip_rectangle(None)
            gc.set_clip_path(None)
        renderer.draw_text(gc, x, y, self.get_text(), prop, 0, ismath=False, mtext=self)
        gc.restore()
        renderer.close_group("text")
        self.stale = False
