"""The layout on its own: wrapping by the real font, and long tables that continue on the next page."""

from __future__ import annotations

from cockpit.report.blocks import Heading, Lines, PageBreak
from cockpit.report.layout import Frame, Paper, paginate
from cockpit.report.table import Column, Table
from cockpit.report.text import Measure

FRAME = Frame.of(Paper.A4)


def table(rows: int, **kwargs) -> Table:
    return Table(
        title="Overdue items",
        columns=(Column("No.", 1, align="right"), Column("Title", 5)),
        rows=[(str(n), f"Item {n}") for n in range(rows)],
        **kwargs,
    )


def rows_on(page) -> list[str]:
    return [row[0] for placed in page if isinstance(placed.block, Table) for row in placed.block.rows]


def test_a_long_table_continues_under_its_heading_with_every_row_once():
    m = Measure()
    pages = paginate([Heading("Checklist"), table(150, more="… and 12 more")], FRAME, m)
    assert len(pages) >= 3
    tables = [p.block for page in pages for p in page if isinstance(p.block, Table)]
    assert [t.continued for t in tables] == [False] + [True] * (len(tables) - 1)
    assert all(t._title_text() == "Overdue items (continued)" for t in tables[1:])
    assert [r for page in pages for r in rows_on(page)] == [str(n) for n in range(150)]
    assert [t.more for t in tables][-1] == "… and 12 more" and not any(t.more for t in tables[:-1])
    for page in pages:  # nothing runs past the foot of the content area
        assert all(p.top + p.height <= FRAME.content_height + 1e-9 for p in page)
        assert len(rows_on(page)) >= 2  # no row left alone


def test_a_heading_never_ends_a_page():
    m = Measure()
    filler = Lines(["line"] * 68)
    pages = paginate([filler, Heading("Risks"), table(5)], FRAME, m)
    assert isinstance(pages[-1][0].block, Heading)


def test_a_short_section_follows_the_previous_one_and_a_long_one_starts_a_page():
    m = Measure()
    short = paginate([Lines(["a"]), PageBreak(unless_fits=True), Lines(["b"])], FRAME, m)
    assert len(short) == 1
    long = paginate([Lines(["a"]), PageBreak(unless_fits=True), table(60)], FRAME, m)
    assert len(long) >= 2 and isinstance(long[1][0].block, Table) and not long[1][0].block.continued
    forced = paginate([Lines(["a"]), PageBreak(), Lines(["b"])], FRAME, m)
    assert len(forced) == 2


def test_wrapping_follows_the_font_and_japanese_line_breaking_rules():
    m = Measure()
    lines = m.wrap("業務オーナー（営業本部）の承認", 0.75, 7.5)
    assert all(m.width(line, 7.5) <= 0.75 for line in lines)
    assert "".join(lines) == "業務オーナー（営業本部）の承認"
    assert not any(line[0] in "）、。ー" or line[-1] == "（" for line in lines)
    english = m.wrap("The quick brown fox jumps over the lazy dog", 1.0, 8)
    assert " ".join(english) == "The quick brown fox jumps over the lazy dog"
    cut = m.wrap("one two three four five six seven", 0.6, 8, max_lines=2)
    assert len(cut) == 2 and cut[-1].endswith("…")
    assert m.fit("A rather long criterion label", 0.5, 8).endswith("…")
    assert m.fit("short", 3, 8) == "short"
