"""Launch files for tests, made the way the cockpit makes them: the store's bare launch plus a template."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from cockpit.services.template_files import load_template
from cockpit.services.templates import apply_template
from cockpit.store.launchfile import create_launch
from cockpit.store.writer import Writer


def new_launch(
    path: Path,
    *,
    name: str,
    go_live: datetime,
    timezone: str,
    actor: str,
    fill: Callable[[Writer], None] | None = None,
) -> Path:
    """A launch with what every new launch has (the empty template's SLA targets and criteria), then ``fill``."""
    defaults = load_template("empty", "en")

    def fill_all(w: Writer) -> None:
        apply_template(w, defaults, go_live=go_live, zone=timezone)
        if fill is not None:
            fill(w)

    return create_launch(path, name=name, go_live=go_live, timezone=timezone, actor=actor, fill=fill_all)
