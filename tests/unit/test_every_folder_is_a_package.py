"""A folder of modules without ``__init__.py`` imports from a checkout (as a namespace package) but is left out
of the wheel and the frozen app, which list packages: `cockpit open` then fails only once installed."""

from __future__ import annotations

from pathlib import Path

import cockpit

ROOT = Path(cockpit.__file__).parent


def test_every_folder_of_modules_is_a_package() -> None:
    missing = [
        str(folder.relative_to(ROOT.parent))
        for folder in [ROOT, *ROOT.rglob("*")]
        if folder.is_dir()
        and folder.name != "__pycache__"
        and any(folder.glob("*.py"))
        and not (folder / "__init__.py").exists()
    ]
    assert not missing, f"add an __init__.py to: {', '.join(missing)}"
