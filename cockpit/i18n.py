"""The one translation path for Qt-free code (widgets use Qt's own ``tr()``).

Catalogs are standard gettext ``.mo`` files under ``resources/locale``; a language without a
catalog falls back to the English source strings, so every string is translatable from day one.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "cockpit"
SUPPORTED = ("en", "ja")
LOCALE_DIR = Path(__file__).resolve().parent.parent / "resources" / "locale"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def detect_language() -> str:
    """The user's language from the environment, limited to the languages we ship."""
    for var in ("COCKPIT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        code = value.split(":")[0].split(".")[0].split("_")[0].lower()
        if code in SUPPORTED:
            return code
    return "en"


def set_language(lang: str) -> None:
    global _translation, _language
    _language = lang if lang in SUPPORTED else "en"
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)


def language() -> str:
    return _language


def tr(message: str, /, **values: object) -> str:
    """Translate ``message`` and fill its ``{named}`` placeholders."""
    text = _translation.gettext(message)
    return text.format(**values) if values else text


def N_(message: str, /) -> str:
    """Mark a string for translation where it is defined; ``tr()`` translates it where it is shown."""
    return message


def ntr(singular: str, plural: str, n: int, /, **values: object) -> str:
    text = _translation.ngettext(singular, plural, n)
    return text.format(n=n, **values)
