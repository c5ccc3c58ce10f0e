"""The one translation path for Qt-free code (widgets use Qt's own ``tr()``).

Catalogs are standard gettext ``.mo`` files compiled from ``resources/locale/<lang>/LC_MESSAGES/cockpit.po``
(``make catalogs``, and at every build of the wheel). ``resources/`` is installed as the package
``cockpit.resources``, so the catalog is read through importlib.resources: from the checkout and from an
installed wheel alike. A language without a compiled catalog falls back to the English source strings.
"""

from __future__ import annotations

import gettext
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

DOMAIN = "cockpit"
SUPPORTED = ("en", "ja")


def __getattr__(name: str) -> Any:
    """``LOCALE_DIR``, the folder of the catalogs, found on first use: importlib.resources costs a command
    in English a noticeable part of its start, and English needs no catalog."""
    if name == "LOCALE_DIR":
        from importlib import resources

        folder = globals()["LOCALE_DIR"] = resources.files("cockpit.resources").joinpath("locale")
        return folder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _locale_dir() -> Traversable:
    folder: Traversable = globals().get("LOCALE_DIR") or __getattr__("LOCALE_DIR")
    return folder


_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_catalogs: dict[str, gettext.NullTranslations] = {}  # by language, loaded once


def _code(value: str | None) -> str:
    """``ja`` from ``ja_JP.UTF-8``, ``ja:en`` or ``JA``; '' for a language we do not ship."""
    code = (value or "").split(":")[0].split(".")[0].split("_")[0].lower()
    return code if code in SUPPORTED else ""


_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _from_environment(variables: tuple[str, ...]) -> str:
    for var in variables:
        code = _code(os.environ.get(var))
        if code:
            return code
    return ""


def detect_language() -> str:
    """The user's language from the environment, limited to the languages we ship."""
    return _from_environment(("COCKPIT_LANG", *_LOCALE_VARIABLES)) or "en"


def startup_language(requested: str | None = None, remembered: str = "", system: str = "") -> str:
    """The window's language: ``--lang``, else ``COCKPIT_LANG``, else the one chosen in View ▸ Language
    (``remembered``), else the system's: the locale variables, else ``system`` (the window passes Qt's
    system locale, which Windows and macOS set without any variable). A choice made for one start beats
    the one remembered for all."""
    for choice in (requested, os.environ.get("COCKPIT_LANG"), remembered):
        code = _code(choice)
        if code:
            return code
    return _from_environment(_LOCALE_VARIABLES) or _code(system) or "en"


def _catalog(lang: str) -> gettext.NullTranslations:
    if lang not in _catalogs:
        _catalogs[lang] = load_catalog(lang)
    return _catalogs[lang]


def set_language(lang: str) -> None:
    global _translation, _language
    _language = lang if lang in SUPPORTED else "en"
    _translation = _catalog(_language)


def load_catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of ``lang``; English (the source strings as they are) when there is none."""
    if lang == "en":
        return gettext.NullTranslations()
    catalog = _locale_dir().joinpath(lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    if not catalog.is_file():
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


def tr_in(lang: str, message: str, /, **values: object) -> str:
    """``message`` in ``lang`` whatever the user's language is (a note about switching to it)."""
    text = _catalog(lang if lang in SUPPORTED else "en").gettext(message)
    return text.format(**values) if values else text


def in_every_language(message: str, /) -> tuple[str, ...]:
    """``message`` as every language we ship says it, English first, without repeats: what a file
    written by a viewer in any language may hold (an export's headers and values read back)."""
    return tuple(dict.fromkeys(_catalog(lang).gettext(message) for lang in SUPPORTED))


def N_(message: str, /) -> str:
    """Mark a string for translation where it is defined; ``tr()`` translates it where it is shown."""
    return message


def ntr(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The form for ``n``, with ``{n}`` as people read a count (1,204,500: both languages group by thousands)."""
    text = _translation.ngettext(singular, plural, n)
    return text.format(n=f"{n:,}", **values)
