"""The risk register: spread over the 5×5 matrix, one open red risk still without a contingency plan."""

from __future__ import annotations

from cockpit.services.demo.catalog import RISK_OWNERS, RISKS
from cockpit.services.demo.context import Demo
from cockpit.store.writer import Writer


def write_risks(w: Writer, demo: Demo) -> None:
    rows = []
    for offset in range(demo.scale.risks):
        copy, index = divmod(offset, len(RISKS))
        key, category, likelihood, impact, status, residual, has_contingency = RISKS[index]
        words = demo.text["risks"][key]
        rows.append(
            {
                "id": offset + 1,
                "title": demo.variant(words["title"], copy),
                "category": demo.text["risk_categories"][category],
                "likelihood": likelihood,
                "impact": impact,
                "residual_likelihood": residual[0] if residual else None,
                "residual_impact": residual[1] if residual else None,
                "status": status.value,
                "mitigation": words["mitigation"],
                "contingency": words["contingency"] if has_contingency else "",
                "owner": demo.by_role[RISK_OWNERS[category]],
            }
        )
    w.insert_many("risks", rows, summary="demo: risk register")
