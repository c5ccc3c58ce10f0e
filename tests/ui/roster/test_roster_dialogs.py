"""Launch ▸ People…, Sign-off roster… and Go/no-go criteria… in the real window: each edit lands in the
file through the session, and the Overview (and the pickers that read people) show it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch


def launch_in(path: Path):
    with open_launch(path, read_only=True) as lf:
        return load_launch(lf)


def column(model, col: int) -> list[str]:
    return [model.index(row, col).data() for row in range(model.rowCount())]


def press_ok(qtbot, window, form) -> None:
    """OK on a form, waiting until the session shows what it wrote."""
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def overview_shows(qtbot, overview, text: str, *, shown: bool = True) -> None:
    """The Overview works the gate out again on its own worker when the change is slow to judge."""
    qtbot.waitUntil(lambda: (text in column(overview.criteria_model, 1)) == shown, timeout=30_000)


def menu_entry(window, text: str):
    return next(a for a in window.launch_menu.actions() if a.text().replace("&", "") == text)


def test_add_a_person_then_put_them_on_the_roster(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    menu_entry(window, "People…").trigger()
    people = window.roster.dialog
    assert column(people.model, 0) == ["Alice Abe", "Bob Baba"]
    assert people.model.headerData(3, Qt.Orientation.Horizontal) == "Contact"

    form = people.add()
    ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # a name and a login first
    form.fields["name"].setText("Carol Chiba")
    form.fields["login"].setText("carol")
    form.fields["role"].setText("Support lead")
    form.fields["contact"].setText("#support-desk")
    press_ok(qtbot, window, form)
    assert column(people.model, 0) == ["Alice Abe", "Bob Baba", "Carol Chiba"]
    (carol,) = [p for p in launch_in(small_launch).people if p.login == "carol"]
    assert (carol.role, carol.email) == ("Support lead", "#support-desk")
    # The support pane's assignee filter reads the people: Carol can be picked there now.
    window.show_pane("support")  # a hidden pane draws the changes it missed when shown
    support = window.pane("support")
    assert support.assignee_filter.findText("Carol Chiba") >= 0

    people.close()
    window.show_pane("overview")
    menu_entry(window, "Sign-off roster…").trigger()
    roster = window.roster.dialog
    assert column(roster.model, 0) == ["Alice Abe", "Bob Baba"]
    form = roster.add()
    assert [form.person.itemData(i) for i in range(form.person.count())] == ["carol"]
    assert form.role.placeholderText() == "Support lead"
    press_ok(qtbot, window, form)
    assert column(roster.model, 0) == ["Alice Abe", "Bob Baba", "Carol Chiba"]
    overview = window.pane("overview")
    assert "Carol Chiba" in column(overview.signoff_model, 0)
    assert "signed 1 of 3" in overview.gate_heading.text()

    # Undo takes her off the roster again, and the overview follows.
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        window.undo_action.trigger()
    assert "Carol Chiba" not in column(overview.signoff_model, 0)
    assert [s.person for s in launch_in(small_launch).signoffs] == ["Alice Abe", "Bob Baba"]


def test_someone_still_named_is_not_removed_and_the_dialog_says_why(
    qtbot, make_window, small_launch, monkeypatch
):
    window = make_window(small_launch)
    people = window.roster.people()
    before = small_launch.read_bytes()
    people.select_row(2)  # Bob Baba: owns items, signed go
    assert people.selected().name == "Bob Baba"
    with qtbot.waitSignal(window.session.problem, timeout=30_000):
        people.remove(people.selected())
    assert people.error.isVisible()
    assert "still named" in people.error.text() and "Reassign" in people.error.text()
    assert small_launch.read_bytes() == before


def test_add_and_edit_a_criterion_with_typed_fields(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    overview = window.pane("overview")
    menu_entry(window, "Go/no-go criteria…").trigger()
    criteria = window.roster.dialog
    assert "Unit tests pass rate ≥ 98%" in column(criteria.model, 0)

    form = criteria.add()
    form.kind.setCurrentIndex(form.kind.findData("pass_rate"))
    assert form.pages.currentWidget().isAncestorOf(form.level)
    form.level.setCurrentIndex(form.level.findData("smoke"))
    form.minimum.setValue(90)
    assert form.preview.text() == "Smoke tests pass rate ≥ 90%"
    press_ok(qtbot, window, form)
    assert "Smoke tests pass rate ≥ 90%" in column(criteria.model, 0)
    overview_shows(qtbot, overview, "Smoke tests pass rate ≥ 90%")
    (smoke,) = [c for c in launch_in(small_launch).criteria if c.params.get("level") == "smoke"]
    assert smoke.params == {"level": "smoke", "min_pass_rate": 0.9}

    criteria.select_row(smoke.id)
    form = criteria.edit_selected()
    assert not form.kind.isEnabled() and form.minimum.value() == 90
    form.minimum.setValue(85.5)
    press_ok(qtbot, window, form)
    overview_shows(qtbot, overview, "Smoke tests pass rate ≥ 85.5%")

    # Open tickets: a severity and how many may stay open.
    (tickets,) = [c for c in launch_in(small_launch).criteria if c.kind == "no_open_tickets"]
    criteria.select_row(tickets.id)
    form = criteria.edit_selected()
    assert form.pages.currentWidget().isAncestorOf(form.max_open)
    form.severity.setCurrentIndex(form.severity.findData("P2"))
    form.max_open.setValue(3)
    press_ok(qtbot, window, form)
    overview_shows(qtbot, overview, "No more than 3 open P2 tickets")

    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        window.undo_action.trigger()
    overview_shows(qtbot, overview, "No open P1 ticket")

    # Switched off: still listed here, no longer on the overview.
    criteria.select_row(smoke.id)
    form = criteria.edit_selected()
    form.enabled.setChecked(False)
    press_ok(qtbot, window, form)
    overview_shows(qtbot, overview, "Smoke tests pass rate ≥ 85.5%", shown=False)
    assert "No" in column(criteria.model, 2)


def test_the_overview_finds_my_roster_entry_whatever_the_case_of_my_login(make_window, small_launch):
    """As ``cockpit signoff --as ALICE`` does: logins are one person whatever their case."""
    window = make_window(small_launch, actor="ALICE")
    overview = window.pane("overview")
    assert overview.my_signoff().person == "Alice Abe"
    assert overview.sign_off_button.isEnabled()
