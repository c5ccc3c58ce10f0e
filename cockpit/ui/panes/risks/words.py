"""The risks pane's own phrases: a zone with its symbol, a heat-map cell, which rating a view shows.

The words for the scales, zones and statuses themselves are in ``cockpit.words.labels``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cockpit.domain.risks import Risk, Zone, residual_rating
from cockpit.domain.status import Rag
from cockpit.ui.widgets.theme import RAG_LOOKS
from cockpit.words.labels import impact_word, likelihood_word, risk_zone_label

ZONE_RAG = {Zone.GREEN: Rag.GREEN, Zone.AMBER: Rag.AMBER, Zone.RED: Rag.RED}


def _t(text: str) -> str:
    return QCoreApplication.translate("risks", text)


def zone_text(risk_zone: Zone) -> str:
    """Symbol and word: the zone never rests on colour alone."""
    return f"{RAG_LOOKS[ZONE_RAG[risk_zone]].symbol} {risk_zone_label(risk_zone)}"


def cell_text(likelihood: int, impact: int) -> str:
    """A heat-map cell in words, as the filter line and tooltips name it."""
    return _t("{likelihood} × {impact}").format(
        likelihood=likelihood_word(likelihood), impact=impact_word(impact)
    )


def rating_of(risk: Risk, *, residual: bool) -> tuple[int, int]:
    return residual_rating(risk) if residual else (risk.likelihood, risk.impact)
