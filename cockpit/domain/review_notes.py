"""A lead's review note: on one row, or on the launch as a whole (no row)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cockpit.domain.refusal import Refusal
from cockpit.i18n import tr

MAX_NOTE_LENGTH = 4000


@dataclass(frozen=True, slots=True)
class ReviewNote:
    id: int | None  # None: not in a launch file yet (a snapshot's notes file)
    table: str | None  # None with ``row_id`` None: a note on the launch
    row_id: int | None
    text: str
    author: str
    written_at: datetime

    def key(self) -> tuple[object, ...]:
        """What makes two notes the same note: a notes file imported twice adds nothing the second time."""
        return (
            self.table,
            self.row_id,
            self.text,
            self.author,
            self.written_at.isoformat(timespec="seconds"),
        )


def checked_note_text(text: str) -> str:
    """The note's text, trimmed; an empty or overlong one is refused."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise Refusal(
            tr('A review note needs some text; write what you noticed, e.g. --text "Owner missing".')
        )
    if len(cleaned) > MAX_NOTE_LENGTH:
        raise Refusal(
            tr(
                "A review note holds at most {limit} characters (this one has {length}); shorten it or split it.",
                limit=MAX_NOTE_LENGTH,
                length=len(cleaned),
            )
        )
    return cleaned
