"""A Prometheus source added in Sources ▸ Manage and polled by the window's minute timer: its values reach the
Hypercare pane, against a stand-in on 127.0.0.1 that demands the token kept in the keyring."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.ui.sources.progress import IMPORTED
from tests.ui.panes.hypercare.test_hypercare_pane import column, hypercare_launch  # noqa: F401 (fixture)
from tests.unit.services.kpis.conftest import TOKEN, fake_prometheus  # noqa: F401 (fixture)


def test_a_prometheus_source_added_in_the_window_is_polled_into_the_pane(
    qtbot,
    make_window,
    hypercare_launch,  # noqa: F811
    fake_prometheus,  # noqa: F811
    memory_keyring,
):
    with open_launch(hypercare_launch, read_only=True) as lf:
        kpis = load_launch(lf).kpis
    now = int(time.time())
    fake_prometheus.series.update({kpi.query: [] for kpi in kpis if kpi.query})
    fake_prometheus.series[kpis[1].query] = [[now - 600, "640"], [now - 300, "912.5"]]  # p95 response time
    window = make_window(hypercare_launch)
    manage = window.sources.manage()
    qtbot.waitUntil(lambda: manage.loaded, timeout=30_000)
    dialog = manage.add()
    dialog.kind.setCurrentIndex(dialog.kind.findData("prometheus"))
    assert not dialog.table_kind.isVisible() and not dialog.level.isVisible()
    dialog.name.setText("Prometheus prod")
    dialog.url.setText(fake_prometheus.url)
    dialog.auth.setCurrentIndex(dialog.auth.findData("token"))
    dialog.secret.setText(TOKEN)
    dialog.polled.setChecked(True)
    dialog.poll_minutes.setValue(5)
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: manage.model.rowCount() == 1, timeout=30_000)  # listed again, with it
    assert "Prometheus" in manage.model.index(0, 1).data()

    window.show_pane("hypercare")
    pane = window.pane("hypercare")
    with qtbot.waitSignal(window.sources.refreshed, timeout=30_000) as blocker:
        window.sources.poll_due()  # what the minute timer calls
    (result,) = blocker.args[0]
    assert result.outcome == IMPORTED, result.message
    qtbot.waitUntil(lambda: column(pane.model, 2)[1] == "912.5 ms", timeout=30_000)
    assert column(pane.model, 4)[1] == "✖ Breached"
    assert pane.headline.text() == "KPIs: 1 of 5 breached"
    assert all(asked["step"] == "300s" for asked in fake_prometheus.asked)
    assert TOKEN.encode() not in hypercare_launch.read_bytes()
