"""Files the cockpit creates: the permissions they get, and the file a path names.

``tempfile.mkstemp`` makes owner-only files (0600) whatever the umask; a launch file, an export or a report
made in a shared folder must be readable by the team as the user's umask allows, as any program's file is.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from cockpit.i18n import tr


def _current_umask() -> int:
    """The process's umask, read without changing it where the OS lets us (other threads create files too)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no other way to read it: set it back at once
    os.umask(mask)
    return mask


def temporary_beside(path: Path, *, suffix: str) -> Path:
    """An empty file ``.NAME.XXXXXXXX<suffix>`` beside ``path``, with the mode a new file gets under the umask."""
    import tempfile  # loaded by what writes a new file, not by every command that opens one

    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # POSIX; Windows files have no such mode bits
            os.fchmod(fd, 0o666 & ~_current_umask())
    finally:
        os.close(fd)
    return Path(name)


@dataclass(frozen=True, slots=True)
class FileIdentity:
    """Which file a path named at one moment: a sync tool that replaces a file by rename changes it."""

    device: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> FileIdentity | None:
        """The file ``path`` names now, or None when it names none."""
        try:
            facts = os.stat(path)
        except FileNotFoundError:
            return None
        return cls(facts.st_dev, facts.st_ino)


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
