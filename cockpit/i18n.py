"""The one translation path for Qt-free code (widgets use Qt's own ``tr()``).

Catalogs are standard gettext ``.mo`` files compiled from ``resources/locale/<lang>/LC_MESSAGES/cockpit.po``
(``make catalogs``, and at every build of the wheel). ``resources/`` is installed as the package
``cockpit.resources``, so the catalog is read through importlib.resources: from the checkout and from an
installed wheel alike. A language without a compiled catalog falls back to the English source strings.
"""

from __future__ import annotations

import gettext
import os
from importlib import resources
from importlib.resources.abc import Traversable

DOMAIN = "cockpit"
SUPPORTED = ("en", "ja")
LOCALE_DIR: Traversable = resources.files("cockpit.resources").joinpath("locale")

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
    _translation = load_catalog(_language)


def load_catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of ``lang``; English (the source strings as they are) when there is none."""
    catalog = LOCALE_DIR.joinpath(lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    if lang == "en" or not catalog.is_file():
        return gettext.NullTranslations()
    # Opened through the Traversable rather than gettext.translation(localedir=…): that needs a real
    # folder, and a package's data need not be one (a zipped install).
    with catalog.open("rb") as compiled:
        return gettext.GNUTranslations(compiled)


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
