"""Writing a report's pages without working out the same text twice (issue 15: the report's costliest step).

matplotlib looks up the font files of a font's properties each time it measures or draws a string (reading
a dozen settings per family), shapes every string it draws into a PDF anew (also a string it drew on the
previous page), loads each glyph's outline although the PDF only records the glyph's number, and measures a
chart's labels once for the layout and again for the page. While :func:`remembered_text` is open:

- the font files of a set of font properties are looked up once (the settings do not change while pages are
  written: the caller holds them in ``rc_context``);
- a string shaped for the PDF at a size in a font is shaped once, its glyphs' outlines not loaded;
- a string measured by one page's PDF or SVG renderer is known to the next (they measure it the same way);
- for the SVG pages (glyphs drawn as outlines), a string's shaping and a glyph's outline are worked out once.

The pages say the same, drawn in the same places (``tests/unit/report/test_report_writing_shortcuts.py``).
These are matplotlib's private functions, so the swaps are made only on the matplotlib versions they were
compared against (:data:`TESTED_MATPLOTLIB`): on any other the pages are written the plain way, slower and
the same.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib
import matplotlib.text
from matplotlib.backends import backend_pdf, backend_svg
from matplotlib.font_manager import FontProperties, fontManager
from matplotlib.textpath import TextToPath

try:  # private, and not in every matplotlib the cockpit runs on
    import matplotlib._text_helpers
    from matplotlib.ft2font import FT2Font, LayoutItem, LoadFlags
except ImportError:
    INTERNALS_FOUND = False
else:
    INTERNALS_FOUND = True

# The matplotlib versions (major.minor) whose internals the swaps below were compared against.
TESTED_MATPLOTLIB = ("3.11",)


def shortcuts_apply() -> bool:
    """Whether this matplotlib is one the swaps were tested on (else the pages are written the plain way)."""
    return INTERNALS_FOUND and ".".join(matplotlib.__version__.split(".")[:2]) in TESTED_MATPLOTLIB


Metrics = tuple[float, float, float]
# Renderers that measure a string by the font file alone, the same on every page.
_VECTOR_RENDERERS = (backend_pdf.RendererPdf, backend_svg.RendererSVG)


def _prop_key(prop: Any) -> Hashable:
    # A copy: FontProperties is mutable and hashes its state at the time.
    return prop.copy() if isinstance(prop, FontProperties) else prop


class _TextMemory:
    def __init__(self) -> None:
        self.fonts_found: dict[Hashable, Any] = {}
        self.shapes: dict[Hashable, tuple[FT2Font, list[LayoutItem]]] = {}
        self.metrics: dict[Hashable, Metrics] = {}
        self.outlines: dict[Hashable, tuple[FT2Font, Any]] = {}
        self.drawing_size: float | None = None  # the size of the string the PDF renderer is drawing, if any

    def find_fonts(self, original: Callable[..., Any]) -> Callable[..., Any]:
        def find(prop: Any, *args: Any, **kwargs: Any) -> Any:
            key = (_prop_key(prop), args, tuple(sorted(kwargs.items())))
            found = self.fonts_found.get(key)
            if found is None:
                found = self.fonts_found[key] = original(prop, *args, **kwargs)
            return found

        return find

    def draw_text(self, original: Callable[..., None]) -> Callable[..., None]:
        def draw_text(
            renderer: Any, gc: Any, x: float, y: float, s: str, prop: Any, *args: Any, **kw: Any
        ) -> None:
            # The renderer sets its font to this size just before it shapes the string.
            self.drawing_size = prop.get_size_in_points()
            try:
                original(renderer, gc, x, y, s, prop, *args, **kw)
            finally:
                self.drawing_size = None

        return draw_text

    def layout(self, original: Callable[..., Iterator[LayoutItem]]) -> Callable[..., Iterator[LayoutItem]]:
        def layout(
            string: str,
            font: FT2Font,
            *,
            features: tuple[str] | None = None,
            language: str | tuple[tuple[str, int, int], ...] | None = None,
        ) -> Iterator[LayoutItem]:
            if self.drawing_size is None:  # not the PDF's own drawing: its caller may need the glyphs loaded
                return original(string, font, features=features, language=language)
            key = (id(font), self.drawing_size, string, features, language)
            known = self.shapes.get(key)
            if known is None:
                # The font is kept with its shapes, so its id stays its own.
                items = list(font._layout(string, LoadFlags.NO_HINTING, features=features, language=language))
                known = self.shapes[key] = (font, items)
            return iter(known[1])

        return layout

    def glyphs_as_paths(self, original: Callable[..., Any]) -> Callable[..., Any]:
        """``TextToPath.get_glyphs_with_font`` (the SVG pages' glyphs as outlines), remembering each string's
        shaping and each glyph's outline: both at the one size ``TextToPath`` sets its fonts to."""

        def get_glyphs_with_font(
            text_to_path: Any,
            font: FT2Font,
            s: str,
            glyph_map: dict[Any, Any] | None = None,
            return_new_glyphs_only: bool = False,
            *,
            features: tuple[str] | None = None,
            language: str | tuple[tuple[str, int, int], ...] | None = None,
        ) -> Any:
            if glyph_map is None:
                glyph_map = {}
            glyph_map_new = {} if return_new_glyphs_only else glyph_map
            key = (id(font), text_to_path.FONT_SCALE, s, features, language)
            known = self.shapes.get(key)
            if known is None:
                items = list(font._layout(s, LoadFlags.NO_HINTING, features=features, language=language))
                known = self.shapes[key] = (font, items)
            glyphs = []
            for item in known[1]:
                glyph_repr = text_to_path._get_glyph_repr(item.ft_object, item.glyph_index)
                glyphs.append((glyph_repr, item.x, item.y, 1.0))
                if glyph_repr not in glyph_map:
                    glyph_map_new[glyph_repr] = self._outline(item, text_to_path.FONT_SCALE)
            return glyphs, glyph_map_new, []

        return get_glyphs_with_font

    def _outline(self, item: LayoutItem, size: float) -> Any:
        key = (id(item.ft_object), size, item.glyph_index)
        known = self.outlines.get(key)
        if known is None:
            item.ft_object.load_glyph(item.glyph_index, flags=LoadFlags.NO_HINTING)
            known = self.outlines[key] = (item.ft_object, item.ft_object.get_path())
        return known[1]

    def text_metrics(self, original: Callable[..., Metrics]) -> Callable[..., Metrics]:
        def metrics(renderer: Any, text: str, fontprop: FontProperties, ismath: Any, dpi: float) -> Metrics:
            drawing = type(getattr(renderer, "_renderer", renderer))
            if drawing not in _VECTOR_RENDERERS:  # a raster renderer's measures depend on its own state
                return original(renderer, text, fontprop, ismath, dpi)
            key = (drawing, text, fontprop.copy(), ismath, dpi)
            known = self.metrics.get(key)
            if known is None:
                known = self.metrics[key] = original(renderer, text, fontprop, ismath, dpi)
            return known

        return metrics


_active: list[bool] = []


@contextmanager
def replaced(owner: object, name: str, make: Callable[[Any], Any]) -> Iterator[None]:
    """``owner.name`` is ``make(the original)`` within; the original again on leaving."""
    own = name in vars(owner)  # an object's method lives on its class: put back by removing ours
    original = getattr(owner, name)
    setattr(owner, name, make(original))
    try:
        yield
    finally:
        if own:
            setattr(owner, name, original)
        else:
            delattr(owner, name)


@contextmanager
def remembered_text() -> Iterator[None]:
    """Within: font lookups, PDF text shaping and text measures are remembered; on leaving, forgotten."""
    if _active or not shortcuts_apply():  # already open (one memory serves both), or untested internals
        yield
        return
    memory = _TextMemory()
    _active.append(True)
    try:
        # The font manager is one object: its lookup is replaced on it, not on its class.
        with (
            replaced(fontManager, "_find_fonts_by_props", memory.find_fonts),
            replaced(backend_pdf.RendererPdf, "draw_text", memory.draw_text),
            replaced(matplotlib._text_helpers, "layout", memory.layout),
            replaced(matplotlib.text, "_get_text_metrics_with_cache", memory.text_metrics),
            replaced(TextToPath, "get_glyphs_with_font", memory.glyphs_as_paths),
        ):
            yield
    finally:
        _active.clear()
