"""One write from a dialog, through the session: the dialog closes when it is written, and says why when
it is refused (its fields keep what the user typed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cockpit.errors import CockpitError
from cockpit.services.edits import Edit
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.widgets.write_dialog import WriteDialog


def write_from(
    session: LaunchSession, dialog: WriteDialog, service: Callable[..., Edit], arguments: dict[str, Any]
) -> None:
    # The user may close the dialog while the write is on its way: then the outcome goes to the message bar.
    still_open = [True]
    dialog.finished.connect(lambda _result: still_open.__setitem__(0, False))

    def done(_edit: Edit) -> None:
        if still_open[0]:
            dialog.written()

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, CockpitError):
            raise exc
        if still_open[0]:
            dialog.show_problem(str(exc))
        else:
            session.show_problem(str(exc))

    session.run(lambda lf, actor: service(lf, actor=actor, **arguments), on_done=done, on_error=failed)
