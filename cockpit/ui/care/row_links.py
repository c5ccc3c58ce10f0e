"""Each side of a ticket link shows the other: a risk that occurred lists the tickets that name it (its
incidents) in the Risks pane, and a ticket says what it is about (a runbook step, a risk, a failing test) in
the Support pane. Each is a link: clicking it selects that row in its pane (``open_row``), or, for a test,
opens the Tests pane (``open_pane``).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from cockpit.domain.launch import LaunchData
from cockpit.domain.reviews import LinkKind, TicketLink, incidents_of, links_of
from cockpit.domain.risks import Risk, RiskStatus
from cockpit.domain.support import Ticket
from cockpit.words.reviews import link_kind_label

TESTS_PANE = "tests"
LINK_TABLES = {LinkKind.STEP: "runbook_steps", LinkKind.RISK: "risks"}


class RowLinks(QLabel):
    """One line of links to rows of other panes, hidden when there is nothing to say."""

    open_row = Signal(str, int)  # table, row id
    open_pane = Signal(str)

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.linkActivated.connect(self.follow)
        self.links: list[tuple[str, str]] = []  # (target, words) as shown: "risks:3", "#3 Batch overload"
        self.hide()

    def follow(self, target: str) -> None:
        place, _, key = target.partition(":")
        if place == "pane":
            self.open_pane.emit(key)
        elif key.isdigit():
            self.open_row.emit(place, int(key))

    def _show(self, heading: str, links: list[tuple[str, str]], empty: str = "") -> None:
        self.links = links
        if links:
            shown = ", ".join(f'<a href="{escape(target)}">{escape(words)}</a>' for target, words in links)
            self.setText(f"{escape(heading)} {shown}")
        else:
            self.setText(escape(empty))
        self.setVisible(bool(links) or bool(empty))

    # -- the two sides --------------------------------------------------------------------------------------------

    def show_incidents(self, risk: Risk | None, data: LaunchData | None) -> None:
        """A risk marked occurred: the tickets that name it. Other risks: nothing."""
        if risk is None or data is None or risk.status is not RiskStatus.OCCURRED:
            self._show("", [])
            return
        titles = {t.id: t.title for t in data.tickets}
        links = [
            (f"tickets:{i}", f"#{i} {titles.get(i, '')}".strip())
            for i in incidents_of(risk, data.ticket_links)
        ]
        self._show(
            self.tr("Incidents of this risk:"),
            links,
            empty=self.tr("This risk occurred, and no ticket names it yet (Support ▸ Link…)."),
        )

    def show_about(self, ticket: Ticket | None, data: LaunchData | None) -> None:
        """What the ticket is about, each a link to its row."""
        if ticket is None or data is None:
            self._show("", [])
            return
        links = [self._about(link, data) for link in links_of(ticket.id, data.ticket_links)]
        self._show(self.tr("About:"), links)

    def _about(self, link: TicketLink, data: LaunchData) -> tuple[str, str]:
        kind = link_kind_label(link.kind)
        if link.kind is LinkKind.STEP:
            step = next((s for s in data.steps if str(s.id) == link.target), None)
            named = f"#{step.seq} {step.title}" if step is not None else f"#{link.target}"
            return f"{LINK_TABLES[link.kind]}:{link.target}", f"{kind} {named}"
        if link.kind is LinkKind.RISK:
            risk = next((r for r in data.risks if str(r.id) == link.target), None)
            named = f"#{risk.id} {risk.title}" if risk is not None else f"#{link.target}"
            return f"{LINK_TABLES[link.kind]}:{link.target}", f"{kind} {named}"
        return f"pane:{TESTS_PANE}", f"{kind} {link.target}"
