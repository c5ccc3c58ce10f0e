"""The queue's work order as a visible choice above the ticket table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QWidget

from cockpit.domain.queue_order import DEFAULT_ORDER, QueueOrder


def _t(text: str) -> str:
    return QCoreApplication.translate("support", text)


def order_label(order: QueueOrder) -> str:
    if order == QueueOrder.URGENT_FIRST:
        return _t("Order: open P1/P2 first")
    return _t("Order: past SLA first")


def order_tooltip(order: QueueOrder) -> str:
    if order == QueueOrder.URGENT_FIRST:
        return _t(
            "Open P1 and P2 tickets first (past their SLA first, then by time left), then the other open "
            "tickets the same way, then closed ones"
        )
    return _t("Open tickets of every severity by their SLA: past it first, then by time left")


def order_choice(parent: QWidget | None = None) -> QComboBox:
    """A combo box of the work orders, the default chosen; its item data is the ``QueueOrder`` value."""
    box = QComboBox(parent)
    for order in QueueOrder:
        box.addItem(order_label(order), order.value)
        box.setItemData(box.count() - 1, order_tooltip(order), role=Qt.ItemDataRole.ToolTipRole)
    box.setCurrentIndex(box.findData(DEFAULT_ORDER.value))
    box.setToolTip(order_tooltip(DEFAULT_ORDER))
    box.currentIndexChanged.connect(lambda _: box.setToolTip(order_tooltip(QueueOrder(box.currentData()))))
    return box
