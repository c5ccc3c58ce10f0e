"""The wall in Japanese on the Japanese demo: no English word but those a Japanese PMO writes in Latin letters."""

from __future__ import annotations

from tests.ui.test_japanese_window import english_in, japanese, japanese_demo, visible_texts  # noqa: F401


def test_the_wall_reads_in_japanese(qtbot, make_window, japanese_demo):  # noqa: F811
    window = make_window(japanese_demo)
    wall = window.wall.open_wall()
    qtbot.waitUntil(lambda: wall.content is not None, timeout=30_000)
    wall.toggle_rotation()  # its progress line says when the next page comes
    found = english_in(visible_texts(wall))
    assert not found, "English words on the Japanese wall:\n" + "\n".join(found)
