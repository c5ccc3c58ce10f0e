"""File ▸ New launch…: the dialog's template and language choices make a launch that opens with its checklist."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from cockpit.i18n import set_language
from cockpit.ui.dialogs import NewLaunchDialog
from cockpit.words.gate import criterion_label


def choose(monkeypatch, path: Path, *, template: str, lang: str) -> list[NewLaunchDialog]:
    """Answer the save dialog with ``path`` and fill the New launch dialog as a user would, then press OK."""
    shown: list[NewLaunchDialog] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))

    def fill_and_accept(dialog: NewLaunchDialog) -> int:
        shown.append(dialog)
        dialog.name.setText("受注システム刷新")
        dialog.zone.setCurrentText("Asia/Tokyo")
        dialog.template.setCurrentIndex(dialog.template.findData(template))
        dialog.language.setCurrentIndex(dialog.language.findData(lang))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewLaunchDialog, "exec", fill_and_accept)
    return shown


def test_the_dialog_offers_both_templates_and_languages_defaulting_to_the_ui_language(qtbot):
    set_language("ja")
    try:
        dialog = NewLaunchDialog()
        qtbot.addWidget(dialog)
        assert [dialog.template.itemData(i) for i in range(dialog.template.count())] == ["standard", "empty"]
        assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == ["English", "日本語"]
        assert dialog.template_choice() == ("standard", "ja")
    finally:
        set_language("en")


def test_a_standard_japanese_launch_opens_with_its_checklist_and_runbook(
    qtbot, monkeypatch, make_window, tmp_path: Path
):
    path = tmp_path / "new.golive"
    shown = choose(monkeypatch, path, template="standard", lang="ja")
    window = make_window()
    window.create_new()
    qtbot.waitUntil(lambda: window.session is not None and window.session.data is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not window.session.busy, timeout=30_000)
    assert shown and path.exists()
    window.show_pane("checklist")
    model = window.pane("checklist").model
    stages = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert stages == ["Preparation", "Go-live", "Follow-up"]  # the UI's words; the items' own are Japanese
    assert model.index(0, 1).data().startswith("0 of 35 done")
    titles = {item.title for item in window.session.data.checklist}
    assert "本番移行リハーサルの実施" in titles and "移行判定会議で承認を得る" in titles
    steps = window.session.data.steps
    assert steps[0].title.startswith("移行作業開始") and len(steps) == 14
    assert window.session.data.launch.rollback_deadline is not None


def test_an_empty_launch_opens_with_criteria_and_no_checklist(
    qtbot, monkeypatch, make_window, tmp_path: Path
):
    path = tmp_path / "empty.golive"
    choose(monkeypatch, path, template="empty", lang="en")
    window = make_window()
    window.create_new()
    qtbot.waitUntil(lambda: window.session is not None and window.session.data is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not window.session.busy, timeout=30_000)
    data = window.session.data
    assert (len(data.checklist), len(data.steps), len(data.criteria)) == (0, 0, 9)
    assert criterion_label(data.criteria[0].kind, data.criteria[0].params) == "All gate checklist items done"
