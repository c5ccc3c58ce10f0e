"""The strings in the code and the Japanese catalog, read the way the workflow (make catalogs) reads them."""

from __future__ import annotations

import string
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from tests.paths import REPO

LOCALE = REPO / "resources" / "locale"
TEMPLATE = LOCALE / "cockpit.pot"
JAPANESE = LOCALE / "ja" / "LC_MESSAGES" / "cockpit.po"


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=locale)


def extract_from_code(output: Path) -> Catalog:
    """Run the real extraction (``make catalogs``' first step, configured in pyproject.toml) into ``output``."""
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-o", str(output)],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return read_catalog(output)


def message_key(message: Message) -> str:
    """The singular msgid: what gettext looks a message up by, plural or not."""
    return message.id if isinstance(message.id, str) else message.id[0]


def translatable(catalog: Catalog) -> dict[str, Message]:
    """Every message except the header, by msgid (obsolete entries are not in a Catalog's iteration)."""
    return {message_key(message): message for message in catalog if message.id}


def placeholders(text: str) -> set[str]:
    """The ``{field!r:spec}`` parts .format() fills, and Qt's ``%n``: a translation must keep every one."""
    fields = {
        "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    }
    return fields | ({"%n"} if "%n" in text else set())


def translations(message: Message) -> list[str]:
    """Each form of the translation: one for a singular message, msgstr[0..] for a plural one."""
    if isinstance(message.string, str):
        return [message.string]
    return list(message.string)
