"""A hidden pane catches up, when shown, on the union of the changes it missed; after a full load, on everything."""

from __future__ import annotations

from cockpit.changes import Changes


def changes_of(**rows: set[int]) -> Changes:
    changes = Changes()
    for table, ids in rows.items():
        for row_id in ids:
            changes.add(table, row_id)
    return changes


def recorded(monkeypatch, pane) -> list:
    calls: list = []
    apply = pane.apply_data
    monkeypatch.setattr(
        pane, "apply_data", lambda data, now, changes=None: (calls.append(changes), apply(data, now, changes))
    )
    return calls


def test_a_hidden_pane_gets_the_union_of_what_it_missed(monkeypatch, make_window, small_launch):
    window = make_window(small_launch)
    window.show_pane("checklist")  # drawn once: from now on it catches up on changes only
    window.show_pane("overview")
    calls = recorded(monkeypatch, window.pane("checklist"))
    data = window.session.data
    window._on_data_loaded(data, changes_of(checklist_items={3}))
    window._on_data_loaded(data, changes_of(risks={1}))  # not the checklist's: nothing to catch up on
    window._on_data_loaded(data, changes_of(checklist_items={4, 5}))
    assert calls == []
    window.show_pane("checklist")
    assert [dict(c.rows) for c in calls] == [{"checklist_items": {3, 4, 5}}]
    window.show_pane("overview")
    window._on_data_loaded(data, changes_of(checklist_items={1}))
    window._on_data_loaded(data, None)  # a full load: everything may have changed
    window._on_data_loaded(data, changes_of(checklist_items={2}))
    window.show_pane("checklist")
    assert calls[-1] is None


def test_the_visible_pane_gets_each_change_at_once(monkeypatch, make_window, small_launch):
    window = make_window(small_launch)
    window.show_pane("checklist")
    calls = recorded(monkeypatch, window.pane("checklist"))
    window._on_data_loaded(window.session.data, changes_of(checklist_items={3}))
    assert [dict(c.rows) for c in calls] == [{"checklist_items": {3}}]
