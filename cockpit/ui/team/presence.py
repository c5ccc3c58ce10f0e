"""Who else has the file open, in the status bar: this window's heartbeat every few seconds, on the
session's writer (a tiny transaction of its own), and the other windows it finds."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from cockpit.domain.presence import BEAT_SECONDS, Presence
from cockpit.errors import CockpitError
from cockpit.services.presence import Around, ThisWindow, beat_and_look, leave
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.words.moments import table_moment_text


def beat_interval_ms() -> int:
    """Every ``BEAT_SECONDS``; ``COCKPIT_BEAT_SECONDS`` sets it for the test suite, whose tests compare a
    file's bytes before and after and beat by hand (longer than the age-out, others would drop this window)."""
    return int(float(os.environ.get("COCKPIT_BEAT_SECONDS", BEAT_SECONDS)) * 1000)


class PresenceBeat(QObject):
    """Beats while a session is open; ``label`` lists the others (hidden when nobody else is here);
    ``found(others)`` after each beat, for the wall."""

    found = Signal(tuple)  # tuple[Presence, ...]

    def __init__(
        self,
        *,
        current_session: Callable[[], LaunchSession | None],
        interval_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._current = current_session
        self.window = ThisWindow()
        self.others: tuple[Presence, ...] = ()
        self.label = QLabel()
        self.label.setObjectName("presence")
        self.label.hide()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms if interval_ms is not None else beat_interval_ms())
        self._timer.timeout.connect(self.beat)

    def attach(self, session: LaunchSession) -> None:
        self.window = ThisWindow()  # a new file, a new heartbeat
        self._show(Around(()))
        session.opened.connect(self.beat)
        self._timer.start()

    def detach(self, session: LaunchSession) -> None:
        """The window closes the file: take its heartbeat out now (the writer runs it before closing)."""
        self._timer.stop()
        window = self.window
        session.run_quietly(lambda lf, actor: leave(lf, actor, window=window), on_error=_quiet)
        self._show(Around(()))

    def beat(self) -> None:
        session = self._current()
        if session is None or not session.is_open:
            return
        window, now = self.window, session.now()
        session.run_quietly(
            lambda lf, actor: beat_and_look(lf, actor, window=window, now=now),
            on_done=self._show,
            on_error=_quiet,
        )

    def _show(self, around: Around) -> None:
        self.others = around.others
        self.found.emit(around.others)
        if not around.others:
            self.label.hide()
            return
        names = list(dict.fromkeys(self._name(p.actor) for p in around.others))
        self.label.setText(self.tr("Also open: {people}").format(people=", ".join(names)))
        session = self._current()
        zone = session.data.launch.zone if session is not None and session.data is not None else None
        self.label.setToolTip(
            "\n".join(
                self.tr("{who} on {host}, since {since}").format(
                    who=self._name(p.actor), host=p.host, since=table_moment_text(p.opened_at, zone)
                )
                for p in around.others
            )
        )
        self.label.show()

    def _name(self, login: str) -> str:
        return person_name(self._current(), login)


def person_name(session: LaunchSession | None, login: str) -> str:
    """A login as the team knows it: the person's name when they are one of the launch's people."""
    people = session.data.people if session is not None and session.data is not None else ()
    return next((p.name for p in people if login in (p.login, p.name)), login)


def _quiet(exc: BaseException) -> None:
    """A beat that found the file locked or gone says nothing: the next one tries again."""
    if not isinstance(exc, CockpitError):
        raise exc
