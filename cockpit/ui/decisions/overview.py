"""What the Overview shows and does of the go/no-go meetings: the latest round's line, and a sign-off given
while a round is open, which is a verdict in it (as ``cockpit signoff`` gives it)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from cockpit.domain.launch import LaunchData
from cockpit.domain.rounds import open_round
from cockpit.services.roster import sign_off_as
from cockpit.ui.session.launch_session import LaunchSession


def latest_round_label() -> QLabel:
    label = QLabel()
    label.setObjectName("latestRound")
    label.setWordWrap(True)
    return label


def sign_in_open_round(
    session: LaunchSession, data: LaunchData | None, *, decision: str, comment: str, text: str
) -> bool:
    """Give the sign-off as a verdict in the open round; False (nothing done) when no round is open, or for
    taking a decision back (pending), which only the roster knows."""
    if data is None or open_round(data.rounds) is None or decision == "pending":
        return False
    session.edit(
        sign_off_as,
        text=text,
        decision="conditional" if decision == "conditional_go" else decision,
        comment=comment,
    )
    return True
