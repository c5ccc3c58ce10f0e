"""Writing a file the user asked for (an export, a report) so that a failure never leaves half of one.

The bytes go to a temporary file beside the target and are renamed over it only once complete: a full disk
or a folder that turns out read-only leaves no partial file, and an earlier file of that name survives.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from cockpit.errors import CockpitError, NotSaved
from cockpit.store.new_files import not_written, temporary_beside

__all__ = ["NotWritten", "not_written", "os_error_behind", "write_atomically"]


class NotWritten(NotSaved):
    """The file could not be written; nothing was left behind under its name."""


def write_atomically(
    path: Path,
    write: Callable[[Path], None],
    *,
    what: str,
    error: type[CockpitError] = NotWritten,
) -> None:
    """Call ``write(temporary)``, then rename the temporary file to ``path``; raise ``error`` naming
    ``what`` was written (e.g. "the report"), the problem and its fix, on any OS failure."""
    try:
        temporary = temporary_beside(path, suffix=".writing")
    except OSError as exc:
        raise error(not_written(path, exc, what=what)) from None
    try:
        write(temporary)
        os.replace(temporary, path)
    except Exception as exc:
        cause = os_error_behind(exc)
        if cause is None:
            raise
        raise error(not_written(path, cause, what=what)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def os_error_behind(exc: BaseException) -> OSError | None:
    """The OS failure behind ``exc``, if any: a writer that fails on a full disk often fails again while it
    closes (zlib's "buffer error" in a PDF, a zip's central directory), and that second error hides the first."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, OSError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None
