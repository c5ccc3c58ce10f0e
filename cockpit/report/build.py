"""The status report: the launch's data in, a list of page Figures out (A4 or Letter, portrait).

The same pages become the PDF (``output.write_pdf``) and, as one SVG per page, what the window prints.
Words come through ``tr()`` in the language set before building; times are in the launch's zone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from matplotlib.figure import Figure

from cockpit.domain.launch import LaunchData
from cockpit.domain.review_notes import ReviewNote
from cockpit.domain.support import remembered_sla_clocks
from cockpit.i18n import tr
from cockpit.report import words
from cockpit.report.blocks import Block, PageBreak
from cockpit.report.closing import closing_blocks
from cockpit.report.context import ReportContext
from cockpit.report.layout import Frame, Paper, Running, paginate, render
from cockpit.report.sections import checklist, kpis, migration, notes, risks, summary, support, tests
from cockpit.report.text import Measure

Progress = Callable[[str], None]


def report_blocks(ctx: ReportContext) -> list[Block]:
    """Page 1 is the summary; each pane's section starts on a page of its own unless it is short."""
    blocks: list[Block] = []
    for section in (summary, checklist, tests, migration, risks, support, kpis, notes):
        found = section.blocks(ctx)
        if blocks and found:
            blocks.append(PageBreak(unless_fits=True))
        blocks += found
    return blocks


REPORT_KINDS = ("status", "closing")


def build_report(
    data: LaunchData,
    *,
    now: datetime,
    paper: Paper | str = Paper.A4,
    progress: Progress | None = None,
    review_notes: tuple[ReviewNote, ...] = (),
    kind: str = "status",
) -> list[Figure]:
    """Every page of the report, laid out and drawn; ``progress`` hears a sentence per stage of the work.

    ``kind``: the status report, or the closing report (``report/closing.py``) in the same layout."""
    say = progress or (lambda _message: None)
    with remembered_sla_clocks():  # the lights, the summary and the queue ask for the same clocks
        ctx = ReportContext.of(data, now, notes=review_notes)
        frame = Frame.of(Paper(paper))
        measure = Measure()
        say(tr("Laying out the report…"))
        blocks = closing_blocks(ctx) if kind == "closing" else report_blocks(ctx)
    pages = paginate(blocks, frame, measure)
    say(tr("Drawing {count} pages…", count=len(pages)))
    running = Running(
        title=data.launch.name,
        subtitle=tr("Closing report") if kind == "closing" else tr("Status report"),
        generated=tr(
            "Generated {when} ({zone})", when=words.local_time(now, ctx.zone), zone=data.launch.timezone
        ),
    )
    return render(pages, frame, measure, running)
