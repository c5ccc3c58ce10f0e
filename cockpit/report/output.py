"""Writing the report's pages: one PDF (embedded TrueType fonts, real text), or one SVG per page for printing.

The PDF is written to a temporary file beside its target and renamed into place, so a failure (a full
disk, a folder we may not write to) never leaves half a PDF under the user's name; the error says what
went wrong and what to do.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.backends.backend_pdf import FigureCanvasPdf, PdfPages
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType

from cockpit import __version__
from cockpit.charts import style
from cockpit.errors import BadInput, NotSaved
from cockpit.i18n import tr
from cockpit.report.pdf_fonts import lean_font_subsets
from cockpit.report.text_memory import remembered_text
from cockpit.services.atomic_write import not_written, write_atomically

# Type 42: the fonts go into the PDF as TrueType, so Japanese text stays text (searchable, copyable).
PDF_RC: dict[RcKeyType, Any] = {"pdf.fonttype": 42}
# SVG pages carry their glyphs as outlines: the printing side needs no font to draw them.
SVG_RC: dict[RcKeyType, Any] = {"svg.fonttype": "path", "svg.hashsalt": "cockpit-report"}

PageDone = Callable[[int, int], None]
_EMPTY_GLYPH = re.compile(r'<path id="([^"]+)"(?: transform="[^"]*")?\s*/>')


class ReportNotWritten(NotSaved):
    """The report could not be written; nothing was left behind under its name."""


def check_target(path: Path, *, suffix: str = ".pdf") -> Path:
    """Refuse a target we can tell is wrong before any work is done."""
    if path.suffix.lower() != suffix:
        raise BadInput(tr("Write the report to a {suffix} file, not {name}.", suffix=suffix, name=path.name))
    if not path.parent.is_dir():
        raise BadInput(
            tr("The folder {folder} does not exist; create it or choose another one.", folder=path.parent)
        )
    if path.is_dir():
        raise BadInput(tr("{path} is a folder; give the report a file name.", path=path))
    return path


def write_pdf(
    pages: Sequence[Figure], path: Path, *, title: str = "", page_done: PageDone | None = None
) -> Path:
    """All ``pages`` into one PDF at ``path``, atomically."""
    path = check_target(Path(path))
    metadata = {"Title": title or tr("Status report"), "Creator": f"Go-Live Cockpit {__version__}"}

    def write(target: Path) -> None:
        with (
            style.chart_context(),
            matplotlib.rc_context(PDF_RC),
            remembered_text(),
            lean_font_subsets(),
            PdfPages(target, metadata=metadata) as pdf,
        ):
            for number, page in enumerate(pages, start=1):
                laid_out(page, FigureCanvasPdf)
                pdf.savefig(page)
                if page_done is not None:
                    page_done(number, len(pages))
        with target.open("rb+") as f:
            os.fsync(f.fileno())

    write_atomically(path, write, what=tr("the report"), error=ReportNotWritten)
    return path


def write_svgs(pages: Sequence[Figure], folder: Path, *, page_done: PageDone | None = None) -> list[Path]:
    """One ``page-NNN.svg`` per page in ``folder`` (a temporary folder of the window's)."""
    paths = []
    with style.chart_context(), matplotlib.rc_context(SVG_RC), remembered_text():
        for number, page in enumerate(pages, start=1):
            path = Path(folder) / f"page-{number:03d}.svg"
            buffer = io.BytesIO()
            laid_out(page, FigureCanvasSVG)
            page.savefig(buffer, format="svg")
            try:
                path.write_text(qt_friendly_svg(buffer.getvalue().decode("utf-8")), encoding="utf-8")
            except OSError as exc:
                raise ReportNotWritten(not_written(path, exc, what=tr("the report"))) from None
            paths.append(path)
            if page_done is not None:
                page_done(number, len(pages))
    return paths


def laid_out(page: Figure, canvas: type[FigureCanvasBase]) -> None:
    """Place a page's charts now, measuring text as ``canvas`` will, and leave the page without its layout.

    Saving a page that still has its layout engine draws the whole page twice: once with drawing switched
    off, only to run the layout, then for real. Run here, the layout is the same (the same renderer
    measures the same text at the same dpi), and the page is drawn once.
    """
    engine = page.get_layout_engine()
    if engine is None:
        return
    shown_on, dpi = page.canvas, page.dpi
    canvas(page)  # the figure now measures through this canvas's renderer (it sets itself on the page)
    try:
        engine.execute(page)
    finally:
        page.set_canvas(shown_on)
        page.dpi = dpi  # the vector renderers set 72 while measuring
    with matplotlib.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        page.set_layout_engine(None)


def qt_friendly_svg(svg: str) -> str:
    """Drop the glyphs that have no outline (a space) and every use of them: they draw nothing.

    matplotlib writes ``<path id="IPAexGothic-3"/>`` for a space. QtSvg drops a path without data and
    then warns, once per space on the page, that the link to it is undefined; an empty path instead
    (``d="M 0 0"``) ends up in the printed PDF as a close-path without a current point.
    """
    empty = _EMPTY_GLYPH.findall(svg)
    if not empty:
        return svg
    names = "|".join(re.escape(name) for name in empty)
    svg = _EMPTY_GLYPH.sub("", svg)
    return re.sub(rf'<use xlink:href="#(?:{names})"[^>]*/>', "", svg)
