"""Writing a report's pages on two cores (issue 15): the pages are independent once laid out.

Most of a report's time is matplotlib writing its pages, one after the other. Where the system can
fork (Linux, macOS), has a second core for us and this process runs no other thread (a fork copies
only the calling thread: a window's or a test runner's threads would be left behind holding their
locks), a forked copy of the process writes every second page while this one writes the others; the
two files are then interleaved into one PDF (pypdf), or, for printing, the SVG pages are simply
files of their own. Anywhere else, and whenever the copy fails, the pages are written here, in turn.

The copy exits with ``os._exit``: it flushes nothing of this process's (no half-written output twice)
and runs no clean-up of its parent's.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

Page = TypeVar("Page")

# Below this, the fork and the join cost about what the second core saves.
MIN_PAGES = 4


def second_core_free(page_count: int) -> bool:
    if page_count < MIN_PAGES or not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS: no affinity, every core is ours
        cores = os.cpu_count() or 1
    return cores > 1


def in_two(
    pages: Sequence[Page],
    write_ours: Callable[[Sequence[Page]], None],
    write_theirs: Callable[[Sequence[Page]], None],
) -> bool:
    """Write the odd-numbered pages (1, 3, …) here and the even ones in a forked copy, at once.

    True when both halves were written; False when the copy failed (its half is then not written:
    the caller writes it itself). An error writing our half is raised, after the copy has ended.
    """
    child = os.fork()
    if child == 0:  # the copy: write, then leave without running anything of the parent's
        code = 1
        try:
            write_theirs(pages[1::2])
            code = 0
        finally:
            os._exit(code)
    try:
        write_ours(pages[0::2])
    finally:
        _, status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(status) == 0


def interleave_pdfs(ours: Path, theirs: Path, target: Path) -> None:
    """Pages 1, 3, … from ``ours`` and 2, 4, … from ``theirs`` into one PDF at ``target``, with ``ours``'
    title and other document information."""
    from pypdf import PdfReader, PdfWriter

    odd, even = PdfReader(ours), PdfReader(theirs)
    writer = PdfWriter()
    for number in range(len(odd.pages) + len(even.pages)):
        source = odd if number % 2 == 0 else even
        writer.add_page(source.pages[number // 2])
    if odd.metadata is not None:
        writer.add_metadata(dict(odd.metadata))
    with target.open("wb") as f:
        writer.write(f)


def remove_quietly(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
