"""Writing the report: never half a PDF under the user's name, and a message that names problem and fix."""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from datetime import UTC, datetime

import pytest
from matplotlib.backends.backend_pdf import PdfPages
from pypdf import PdfReader

from cockpit.errors import BadInput
from cockpit.report.build import build_report
from cockpit.report.output import ReportNotWritten, qt_friendly_svg, write_pdf, write_svgs

NOW = datetime.now(UTC)


@pytest.fixture(scope="module")
def pages(empty):
    return build_report(empty, now=NOW)


def test_an_earlier_report_survives_a_full_disk_and_no_temporary_file_is_left(pages, tmp_path, monkeypatch):
    target = tmp_path / "report.pdf"
    write_pdf(pages, target)
    before = target.read_bytes()
    real_savefig = PdfPages.savefig

    def full_disk(self, figure=None, **kwargs):
        real_savefig(self, figure, **kwargs)  # some bytes are on the disk when it fills up
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(PdfPages, "savefig", full_disk)
    with pytest.raises(ReportNotWritten) as caught:
        write_pdf(pages, target)
    message = str(caught.value)
    assert f"Could not write the report to {target}: No space left on device." in message
    assert "Free some space on that disk, or choose another folder." in message
    assert "Nothing was written." in message
    assert caught.value.exit_code == 7  # README: not saved
    assert target.read_bytes() == before  # the old report is untouched, not half overwritten
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_a_folder_we_may_not_write_to_is_named_with_the_fix(pages, tmp_path, monkeypatch):
    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    # What the OS says for a read-only folder (new_files imports tempfile when it first makes a file).
    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(ReportNotWritten) as caught:
        write_pdf(pages, tmp_path / "report.pdf")
    assert "Permission denied" in str(caught.value)
    assert f"ask for write access to {tmp_path}" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into any folder")
def test_a_read_only_folder_for_real(pages, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(ReportNotWritten, match="Choose a folder you can write to"):
            write_pdf(pages, folder / "report.pdf")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("missing/report.pdf", "does not exist; create it or choose another one"),
        ("report.png", "Write the report to a .pdf file, not report.png."),
    ],
)
def test_a_wrong_target_is_bad_input_before_any_work(pages, tmp_path, name, words):
    with pytest.raises(BadInput, match=words.replace(".", r"\.")):
        write_pdf(pages, tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_the_pdf_is_a_whole_pdf(pages, tmp_path):
    path = write_pdf(pages, tmp_path / "r.pdf", title="Brand-new launch")
    reader = PdfReader(path)
    assert len(reader.pages) == len(pages)
    assert reader.metadata.title == "Brand-new launch"
    assert reader.metadata.creator.startswith("Go-Live Cockpit")


def test_svg_pages_for_printing_have_no_dangling_glyph_links(pages, tmp_path):
    written = write_svgs(pages, tmp_path)
    assert [p.name for p in written] == [f"page-{n:03d}.svg" for n in range(1, len(pages) + 1)]
    for page in written:
        svg = page.read_text(encoding="utf-8")
        defined = set(_ids(svg))
        used = set(_links(svg))
        assert used <= defined, used - defined  # QtSvg warns for each link to nothing


def test_outline_less_glyphs_and_their_uses_are_dropped():
    svg = (
        '<defs><path id="F-3" transform="scale(0.015625)"/><path id="F-4" d="M 0 0 L 1 1"/></defs>'
        '<use xlink:href="#F-4" transform="translate(1 0)"/><use xlink:href="#F-3" transform="translate(2 0)"/>'
    )
    assert qt_friendly_svg(svg) == (
        '<defs><path id="F-4" d="M 0 0 L 1 1"/></defs><use xlink:href="#F-4" transform="translate(1 0)"/>'
    )


def _ids(svg: str) -> list[str]:
    return re.findall(r'id="([^"]+)"', svg)


def _links(svg: str) -> list[str]:
    return re.findall(r'xlink:href="#([^"]+)"', svg)
