"""The wall's optional rotation: every N seconds the next page (the overview, then one list per page).

Counted in the wall's one-second clock ticks, so it needs no timer of its own and a test can step it.
Off until the room asks for it (R); a page chosen by hand (← →) starts its full N seconds again.
"""

from __future__ import annotations


class Rotation:
    def __init__(self, seconds: int) -> None:
        self.seconds = max(1, seconds)
        self.on = False
        self.page = 0
        self.elapsed = 0

    def toggle(self) -> None:
        self.on = not self.on
        self.elapsed = 0

    def tick(self, pages: int) -> bool:
        """One second passed; True when that turned the page."""
        if not self.on or pages <= 1:
            return False
        self.elapsed += 1
        if self.elapsed < self.seconds:
            return False
        self.go(self.page + 1, pages)
        return True

    def go(self, page: int, pages: int) -> None:
        self.page = page % max(pages, 1)
        self.elapsed = 0

    @property
    def left(self) -> int:
        """Seconds until the next page."""
        return self.seconds - self.elapsed
