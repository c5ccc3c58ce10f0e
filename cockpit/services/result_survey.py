"""Reading an import's result files through: every check that can refuse them, and what the run will say.

Everything here reads and nothing writes, so it can run on a thread of its own while the caller writes
(``importers.read_ahead``).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.importers.junit import CASE_WIDTH, FLAKY_INDEX, OUTCOME_INDEX, ResultStream, RunFacts


@dataclass(slots=True)
class Survey:
    """The files read once through: what the run will say, and its cases when kept (``survey_files``)."""

    facts: list[RunFacts] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    flaky: int = 0
    total: int = 0
    case_values: list[object] = field(default_factory=list)  # CASE_WIDTH values a case, end to end


def read_through(
    paths: list[Path], survey: Survey, *, naive_tz: tzinfo, max_bytes: int
) -> Iterator[tuple[list[object], int]]:
    """Read every file through, checking all of it (every refusal comes from here): yields each chunk's cases
    (their values end to end, ``ResultStream.batches``) with the bytes read for them, while ``survey`` gathers
    what the run will say, complete once this ends. ``survey.case_values`` is left alone: the caller writes
    the cases as they come."""
    unreported = [0]

    def count(n_bytes: int) -> None:
        unreported[0] += n_bytes

    for path in paths:
        # The cases of the files read so far count towards the run's limit.
        stream = ResultStream(
            path, naive_tz=naive_tz, max_bytes=max_bytes, cases_before=survey.total, on_bytes=count
        )
        before = survey.total
        for batch in stream.batches():
            survey.total += len(batch) // CASE_WIDTH
            survey.counts.update(batch[OUTCOME_INDEX::CASE_WIDTH])  # type: ignore[arg-type]
            survey.flaky += sum(batch[FLAKY_INDEX::CASE_WIDTH])  # type: ignore[arg-type]
            read, unreported[0] = unreported[0], 0
            yield batch, read
        assert stream.facts is not None  # set when batches() finished
        if survey.total == before:
            raise BadInput(
                tr(
                    "{path} is a {format} file without a single test case: there is nothing to import.",
                    path=path,
                    format=stream.facts.format,
                )
            )
        survey.facts.append(stream.facts)
        survey.digests.append(stream.sha256)
    if unreported[0]:
        yield [], unreported[0]


def survey_files(
    paths: list[Path], *, naive_tz: tzinfo, max_bytes: int, on_bytes: Callable[[int], None], keep: bool
) -> Survey:
    """Read every file through for its checks and what the run will say, keeping its cases if ``keep``."""
    survey = Survey()
    for batch, read in read_through(paths, survey, naive_tz=naive_tz, max_bytes=max_bytes):
        if read:
            on_bytes(read)
        if keep:
            survey.case_values += batch
    return survey


def combined_sha256(paths: list[Path], digests: list[str]) -> str:
    """The file's own sha256; for several files, the sha256 of their sorted digests (order does not matter)."""
    seen: dict[str, Path] = {}
    for path, digest in zip(paths, digests, strict=True):
        if digest in seen:
            raise BadInput(
                tr(
                    "{first} and {second} hold the same results; give each result file once.",
                    first=seen[digest],
                    second=path,
                )
            )
        seen[digest] = path
    if len(digests) == 1:
        return digests[0]
    return hashlib.sha256("\n".join(sorted(digests)).encode("ascii")).hexdigest()
