"""Adding or editing a risk: ratings in words, mitigation (対策) and contingency plan (緊急対応計画).

The dialog shows the zones the ratings put the risk in as you choose them, and warns (without refusing)
when a risk that is red after mitigation has no contingency plan.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from cockpit.domain.risks import SCALE, Risk, RiskStatus, RiskThresholds, Zone, score, zone
from cockpit.ui.panes.risks.words import zone_text
from cockpit.ui.widgets.theme import OVERDUE, OVERDUE_SYMBOL
from cockpit.words.labels import impact_word, likelihood_word, risk_status_label
from cockpit.words.rows import field_label


def _rating_combo(word, *, allow_unset: bool, unset_text: str = "") -> QComboBox:
    combo = QComboBox()
    if allow_unset:
        combo.addItem(unset_text, None)
    for level in SCALE:
        combo.addItem(f"{level} {word(level)}", level)
    return combo


def _choose(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


EDITABLE_FIELDS = ("title", "likelihood", "impact", "status", "owner", "mitigation", "contingency")


def update_arguments(risk: Risk, values: dict) -> tuple[dict, dict]:
    """``update_risk`` arguments for what the dialog changed, and those that put the risk back (undo).

    The residual rating moves as a pair; "not reassessed" clears it, and undo clears it again.
    """
    old = {name: getattr(risk, name) for name in EDITABLE_FIELDS}
    old["status"] = risk.status.value
    changed = {name: values[name] for name in EDITABLE_FIELDS if values[name] != old[name]}
    undo = {name: old[name] for name in changed}
    old_residual = (risk.residual_likelihood, risk.residual_impact)
    new_residual = (values["residual_likelihood"], values["residual_impact"])
    if new_residual != old_residual:
        if new_residual == (None, None):
            changed["clear_residual"] = True
            undo.update(
                clear_residual=False, residual_likelihood=old_residual[0], residual_impact=old_residual[1]
            )
        else:
            changed.update(residual_likelihood=new_residual[0], residual_impact=new_residual[1])
            if old_residual == (None, None):
                undo.update(clear_residual=True, residual_likelihood=None, residual_impact=None)
            else:
                undo.update(residual_likelihood=old_residual[0], residual_impact=old_residual[1])
    return changed, undo


class RiskDialog(QDialog):
    """Add (``risk`` None) or edit a risk; ``values()`` gives every field as the services name it."""

    def __init__(
        self,
        *,
        risk: Risk | None,
        thresholds: RiskThresholds,
        owners: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.risk, self._thresholds = risk, thresholds
        self.setWindowTitle(self.tr("Edit risk #{id}").format(id=risk.id) if risk else self.tr("Add risk"))
        self.title = QLineEdit(risk.title if risk else "")
        self.likelihood = _rating_combo(likelihood_word, allow_unset=False)
        self.impact = _rating_combo(impact_word, allow_unset=False)
        not_assessed = self.tr("Not reassessed (as inherent)")
        self.residual_likelihood = _rating_combo(likelihood_word, allow_unset=True, unset_text=not_assessed)
        self.residual_impact = _rating_combo(impact_word, allow_unset=True, unset_text=not_assessed)
        self.status = QComboBox()
        for status in RiskStatus:
            self.status.addItem(risk_status_label(status), status.value)
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItems(sorted(set(owners)))
        self.owner.setCurrentText(risk.owner if risk else "")
        self.mitigation = QPlainTextEdit(risk.mitigation if risk else "")
        self.mitigation.setPlaceholderText(self.tr("What lowers the likelihood or the impact beforehand"))
        self.contingency = QPlainTextEdit(risk.contingency if risk else "")
        self.contingency.setPlaceholderText(self.tr("What we do, and who decides, if it happens anyway"))
        for editor in (self.mitigation, self.contingency):
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(70)
        _choose(self.likelihood, risk.likelihood if risk else 3)
        _choose(self.impact, risk.impact if risk else 3)
        _choose(self.residual_likelihood, risk.residual_likelihood if risk else None)
        _choose(self.residual_impact, risk.residual_impact if risk else None)
        _choose(self.status, (risk.status if risk else RiskStatus.OPEN).value)

        self.zones = QLabel()
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {OVERDUE}; font-weight: 600;")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {OVERDUE};")
        for combo in (
            self.likelihood,
            self.impact,
            self.residual_likelihood,
            self.residual_impact,
            self.status,
        ):
            combo.currentIndexChanged.connect(self._update_preview)
        self.contingency.textChanged.connect(self._update_preview)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(field_label("risks", "title"), self.title)
        form.addRow(field_label("risks", "likelihood"), self.likelihood)
        form.addRow(field_label("risks", "impact"), self.impact)
        form.addRow(field_label("risks", "residual_likelihood"), self.residual_likelihood)
        form.addRow(field_label("risks", "residual_impact"), self.residual_impact)
        form.addRow(self.tr("Zone"), self.zones)
        form.addRow(field_label("risks", "status"), self.status)
        form.addRow(field_label("risks", "owner"), self.owner)
        form.addRow(field_label("risks", "mitigation"), self.mitigation)
        form.addRow(field_label("risks", "contingency"), self.contingency)
        form.addRow(self.warning)
        form.addRow(self.error)
        form.addRow(buttons)
        self.resize(620, 600)
        self._update_preview()

    def residual(self) -> tuple[int, int] | None:
        """The residual rating chosen, or None when not reassessed; one part alone takes the other from inherent."""
        likelihood, impact = self.residual_likelihood.currentData(), self.residual_impact.currentData()
        if likelihood is None and impact is None:
            return None
        return (likelihood or self.likelihood.currentData(), impact or self.impact.currentData())

    def residual_zone(self) -> Zone:
        rating = self.residual() or (self.likelihood.currentData(), self.impact.currentData())
        return zone(score(*rating), self._thresholds)

    def _update_preview(self) -> None:
        inherent = zone(score(self.likelihood.currentData(), self.impact.currentData()), self._thresholds)
        self.zones.setText(
            self.tr("Inherent {inherent} → residual {residual}").format(
                inherent=zone_text(inherent), residual=zone_text(self.residual_zone())
            )
        )
        still_open = self.status.currentData() in (RiskStatus.OPEN.value, RiskStatus.OCCURRED.value)
        uncovered = (
            still_open and self.residual_zone() == Zone.RED and not self.contingency.toPlainText().strip()
        )
        self.warning.setText(
            self.tr("{symbol} A red risk needs a contingency plan: what the team does if it happens.").format(
                symbol=OVERDUE_SYMBOL
            )
            if uncovered
            else ""
        )
        self.warning.setVisible(uncovered)

    def fill(self, wanted: dict) -> None:
        """Put ``update_risk`` arguments over the risk's own values: what the user had typed, back again."""
        if "title" in wanted:
            self.title.setText(wanted["title"])
        for name in ("likelihood", "impact", "status"):
            if name in wanted:
                _choose(getattr(self, name), wanted[name])
        if "owner" in wanted:
            self.owner.setCurrentText(wanted["owner"])
        for name in ("mitigation", "contingency"):
            if name in wanted:
                getattr(self, name).setPlainText(wanted[name])
        if wanted.get("clear_residual"):
            _choose(self.residual_likelihood, None)
            _choose(self.residual_impact, None)
        for name in ("residual_likelihood", "residual_impact"):
            if wanted.get(name) is not None:
                _choose(getattr(self, name), wanted[name])
        self._update_preview()

    def values(self) -> dict:
        residual = self.residual()
        return {
            "title": self.title.text().strip(),
            "likelihood": self.likelihood.currentData(),
            "impact": self.impact.currentData(),
            "residual_likelihood": residual[0] if residual else None,
            "residual_impact": residual[1] if residual else None,
            "status": self.status.currentData(),
            "owner": self.owner.currentText().strip(),
            "mitigation": self.mitigation.toPlainText().strip(),
            "contingency": self.contingency.toPlainText().strip(),
        }

    def accept(self) -> None:
        if not self.title.text().strip():
            self.error.setText(self.tr("Give the risk a title."))
            self.title.setFocus()
            return
        super().accept()
