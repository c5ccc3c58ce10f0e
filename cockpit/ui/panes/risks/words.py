"""The risk scales, zones and statuses in words, as every part of the risks pane says them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cockpit.domain.risks import Risk, RiskStatus, Zone, residual_rating
from cockpit.domain.status import Rag
from cockpit.ui.widgets.theme import RAG_LOOKS

ZONE_RAG = {Zone.GREEN: Rag.GREEN, Zone.AMBER: Rag.AMBER, Zone.RED: Rag.RED}


def _t(text: str) -> str:
    return QCoreApplication.translate("risks", text)


def likelihood_word(level: int) -> str:
    """発生可能性 in words; literal calls so lupdate finds each one."""
    return (_t("Rare"), _t("Unlikely"), _t("Possible"), _t("Likely"), _t("Almost certain"))[level - 1]


def impact_word(level: int) -> str:
    """影響度 in words."""
    return (_t("Minimal"), _t("Minor"), _t("Moderate"), _t("Major"), _t("Severe"))[level - 1]


def zone_word(risk_zone: Zone) -> str:
    return {Zone.GREEN: _t("Green"), Zone.AMBER: _t("Amber"), Zone.RED: _t("Red")}[risk_zone]


def zone_text(risk_zone: Zone) -> str:
    """Symbol and word: the zone never rests on colour alone."""
    return f"{RAG_LOOKS[ZONE_RAG[risk_zone]].symbol} {zone_word(risk_zone)}"


def risk_status_label(status: RiskStatus) -> str:
    return {
        RiskStatus.OPEN: _t("Open"),
        RiskStatus.MITIGATED: _t("Mitigated"),
        RiskStatus.CLOSED: _t("Closed"),
        RiskStatus.OCCURRED: _t("Occurred"),
    }[status]


def cell_text(likelihood: int, impact: int) -> str:
    """A heat-map cell in words, as the filter line and tooltips name it."""
    return _t("{likelihood} × {impact}").format(
        likelihood=likelihood_word(likelihood), impact=impact_word(impact)
    )


def rating_of(risk: Risk, *, residual: bool) -> tuple[int, int]:
    return residual_rating(risk) if residual else (risk.likelihood, risk.impact)
