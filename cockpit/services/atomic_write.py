"""Writing a file the user asked for (an export, a report) so that a failure never leaves half of one.

The bytes go to a temporary file beside the target and are renamed over it only once complete: a full disk
or a folder that turns out read-only leaves no partial file, and an earlier file of that name survives.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from cockpit.errors import CockpitError
from cockpit.i18n import tr


class NotWritten(CockpitError):
    """The file could not be written; nothing was left behind under its name."""

    exit_code = 1


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
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".writing", dir=path.parent)
    except OSError as exc:
        raise error(not_written(path, exc, what=what)) from None
    os.close(fd)
    temporary = Path(name)
    try:
        write(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        raise error(not_written(path, exc, what=what)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def not_written(path: Path, exc: OSError, *, what: str) -> str:
    """The problem in the OS's words, and the fix in ours."""
    problem = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        fix = tr("Free some space on that disk, or choose another folder.")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        fix = tr("Choose a folder you can write to, or ask for write access to {folder}.", folder=path.parent)
    elif exc.errno == errno.EISDIR:
        fix = tr("Give the file a name, not a folder's.")
    else:
        fix = tr("Check the folder and try again.")
    return tr(
        "Could not write {what} to {path}: {problem}. {fix} Nothing was written.",
        what=what,
        path=path,
        problem=problem,
        fix=fix,
    )
