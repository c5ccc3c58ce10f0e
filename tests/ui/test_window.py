"""The main window: navigation, shortcuts, remembered settings, versions."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cockpit.ui import settings as keys
from cockpit.ui.dialogs import versions
from cockpit.ui.panes.registry import PANES


def test_ctrl_2_switches_to_the_checklist(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    window.show_pane("overview")
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_pane().pane_id == "checklist"
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_pane().pane_id == "support"
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_pane().pane_id == "hypercare"


def test_every_registered_pane_is_in_the_navigation_in_order(make_window, small_launch):
    window = make_window(small_launch)
    assert [p.pane_id for p in window.panes] == [cls.pane_id for cls in PANES]
    assert [p.pane_id for p in window.panes] == [
        "overview",
        "checklist",
        "tests",
        "migration",
        "risks",
        "support",
        "hypercare",
    ]
    assert window.navigation.count() == len(PANES)


def test_last_pane_and_geometry_are_remembered_across_windows(
    qtbot, make_window, small_launch, settings_path
):
    first = make_window(small_launch)
    first.show_pane("risks")
    first.resize(760, 560)  # within the offscreen screen (800×800), so nothing is clamped
    first.close()
    second = make_window(small_launch)
    assert second.current_pane().pane_id == "risks"
    assert (second.width(), second.height()) == (760, 560)
    assert keys.read(keys.open_settings(settings_path), keys.RECENT_FILES)[0] == str(small_launch.resolve())


def test_status_bar_names_the_file_the_person_and_the_stage(make_window, small_launch):
    window = make_window(small_launch)
    assert str(small_launch) in window.file_label.text()
    assert window.actor_label.text() == "You: Alice Abe (Launch lead)"  # alice is on the people list
    assert "Preparation" in window.stage_label.text()
    assert "setup" in window.changed_label.text()  # the last audit row was written by the creator
    assert not window.read_only_badge.isVisible()


def test_read_only_file_shows_the_badge(make_window, small_launch):
    window = make_window(small_launch, read_only=True)
    assert window.read_only_badge.isVisible()


def test_about_lists_every_version():
    assert set(versions()) == {"Go-Live Cockpit", "Qt", "PySide6", "SQLite", "Python"}
    assert all(versions().values())
