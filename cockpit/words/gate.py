"""A go/no-go criterion in words, worked out from its kind and thresholds when shown.

The launch file keeps a criterion's kind and parameters, not a sentence: the overview, the report,
``cockpit status`` and ``cockpit gate list`` all say "Unit tests pass rate ≥ 98%" in the viewer's
language from ``pass_rate`` + ``{"level": "unit", "min_pass_rate": 0.98}``. Keyed by the stored values,
like ``labels``, so this module stays beneath the domain.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cockpit.i18n import ntr, tr
from cockpit.words import labels


def percent_text(ratio: float) -> str:
    """``0.98`` → ``98%``, ``0.975`` → ``97.5%``: a threshold as the team would write it."""
    return f"{ratio * 100:.1f}".rstrip("0").rstrip(".") + "%"


def criterion_label(kind: str, params: Mapping[str, Any]) -> str:
    """The criterion as a sentence; parameters that make no sense still give words, never an error."""
    try:
        return _label(kind, params)
    except (KeyError, TypeError, ValueError):
        if kind in labels.CRITERION_KINDS:
            return tr("{kind} (invalid setting)", kind=labels.criterion_kind_label(kind))
        return kind.replace("_", " ")


def _label(kind: str, params: Mapping[str, Any]) -> str:
    if kind == "gate_items_done":
        return tr("All gate checklist items done")
    if kind == "pass_rate":
        return tr(
            "{level} tests pass rate ≥ {minimum}",
            level=labels.level_label(params["level"]),
            minimum=percent_text(float(params["min_pass_rate"])),
        )
    if kind == "no_open_tickets":
        wanted = params.get("severity", "P1")
        severities = [wanted] if isinstance(wanted, str) else list(wanted)
        for severity in severities:
            labels.SEVERITIES[severity]  # an unknown severity is an invalid setting
        severity = "/".join(severities)
        max_open = int(params.get("max_open", 0))
        if max_open == 0:
            return tr("No open {severity} ticket", severity=severity)
        return ntr(
            "No more than {n} open {severity} ticket",
            "No more than {n} open {severity} tickets",
            max_open,
            severity=severity,
        )
    if kind == "migration_reconciled":
        return tr("Every migration object reconciled within tolerance")
    if kind == "backup_done":
        return tr("Production backup taken")
    if kind == "red_risks_covered":
        return tr("No red risk without a contingency plan")
    raise KeyError(kind)
