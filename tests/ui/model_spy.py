"""Record what a model tells its views: a test asserts that a change moved only the rows it should."""

from __future__ import annotations

import dataclasses

from cockpit.changes import Changes


class ModelSpy:
    """Every structural signal of ``model`` as it arrives: ("reset",), ("layout",), ("changed", first, last,
    parent key), ("inserted", first, last, parent key), ("removed", first, last, parent key)."""

    def __init__(self, model, key_role: int | None = None) -> None:
        self.events: list[tuple] = []
        self._key_role = key_role

        def parent_key(parent) -> object:
            if not parent.isValid():
                return None
            return parent.data(self._key_role) if self._key_role is not None else parent.row()

        model.modelReset.connect(lambda: self.events.append(("reset",)))
        model.layoutChanged.connect(lambda *_: self.events.append(("layout",)))
        model.dataChanged.connect(
            lambda a, b, *_: self.events.append(("changed", a.row(), b.row(), parent_key(a.parent())))
        )
        model.rowsInserted.connect(lambda p, a, b: self.events.append(("inserted", a, b, parent_key(p))))
        model.rowsRemoved.connect(lambda p, a, b: self.events.append(("removed", a, b, parent_key(p))))

    def kinds(self) -> set[str]:
        return {event[0] for event in self.events}

    def changed_rows(self) -> int:
        return sum(e[2] - e[1] + 1 for e in self.events if e[0] == "changed")


def with_row(data, field: str, table: str, row_id: int, **values):
    """``data`` with one row replaced (the others the same objects, as the session leaves them) and the
    ``Changes`` that name it, as a teammate's write would."""
    rows = list(getattr(data, field))
    position = next(i for i, r in enumerate(rows) if r.id == row_id)
    rows[position] = dataclasses.replace(rows[position], **values)
    changes = Changes()
    changes.add(table, row_id)
    return dataclasses.replace(data, **{field: tuple(rows)}), changes


def without_row(data, field: str, table: str, row_id: int):
    changes = Changes()
    changes.add(table, row_id)
    return dataclasses.replace(
        data, **{field: tuple(r for r in getattr(data, field) if r.id != row_id)}
    ), changes


def plus_row(data, field: str, table: str, row):
    changes = Changes()
    changes.add(table, row.id)
    return dataclasses.replace(data, **{field: (*getattr(data, field), row)}), changes
