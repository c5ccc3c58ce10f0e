"""Rows of an imported table that are read again from the file at every pass, when too many to keep.

A 250,000-ticket export held in memory as rows, checked rows and planned rows took 507 MB (issue 11). So a
table of more than ``KEEP_ROWS`` rows keeps only its first few (what the window's preview shows) and a way
to read the rest again: the checks and the plan go through the file pass by pass, keeping counts, the bad
rows and what the launch's rows need, and the added rows are read a last time as they are written. A pass
that finds the file changed since the first read is refused (``changed_meanwhile``): nothing is written
from two versions of one file.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, Generic, TypeVar, overload

from cockpit.errors import BadInput
from cockpit.i18n import tr

KEEP_ROWS = 20_000  # kept in memory up to this many rows (a few MB); a larger table is read again per pass
SAMPLE_ROWS = 50  # kept from a larger table: the rows a preview shows
_CHUNK = 1024 * 1024

T = TypeVar("T")
U = TypeVar("U")


class RowStream(Generic[T]):
    """A sized, re-iterable collection of rows in file order: the rows themselves, or ``again`` to read them
    anew at every pass (then only the first ``SAMPLE_ROWS`` are kept, for indexing and previews)."""

    __slots__ = ("_again", "_count", "_kept")

    def __init__(
        self, kept: Sequence[T], *, count: int | None = None, again: Callable[[], Iterator[T]] | None = None
    ):
        self._kept = tuple(kept)
        self._count = len(self._kept) if count is None else count
        self._again = again

    @property
    def streamed(self) -> bool:
        return self._again is not None

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[T]:
        return iter(self._kept) if self._again is None else self._again()

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...
    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if self._again is None:
            return self._kept[index]
        if isinstance(index, slice):
            start, stop, step = index.indices(self._count)
            if step == 1 and stop <= len(self._kept):
                return self._kept[start:stop]
            return tuple(islice(self, start, stop, step))
        position = index + self._count if index < 0 else index
        if 0 <= position < len(self._kept):
            return self._kept[position]
        found = next(islice(self, position, None), None) if 0 <= position < self._count else None
        if found is None:
            raise IndexError(index)
        return found

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (RowStream, tuple, list)):
            return len(self) == len(other) and tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        how = "read again" if self.streamed else "kept"
        return f"RowStream({self._count} rows, {how})"

    def derived(self, rows: Callable[[Iterable[T]], Iterator[U]], *, count: int) -> RowStream[U]:
        """Rows made from these by ``rows`` (a filter, a conversion), kept when these are, else made anew
        at every pass."""
        if self._again is None:
            return RowStream(tuple(rows(self._kept)), count=count)
        if count == 0:
            return RowStream(())
        return RowStream((), count=count, again=lambda: rows(self))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class HashingReader(io.RawIOBase):
    """A file read through, its SHA-256 worked out on the way."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self.digest.update(data)
        return len(data)


def changed_meanwhile(name: str) -> BadInput:
    return BadInput(
        tr(
            "{path} changed while it was being imported; nothing was imported. Import it again once "
            "whatever writes it has finished.",
            path=name,
        )
    )
