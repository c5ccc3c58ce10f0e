"""Fill the untranslated entries of a catalog from translators' .po files (Babel reads header-less ones too).

    python -m tools.merge_translations resources/locale/ja/LC_MESSAGES/cockpit.po /path/to/A.po /path/to/B.po …

An entry takes the first non-empty translation found for its msgid (a plural one takes msgstr[0] for every
form its language has); a translation already in the catalog is kept unless --overwrite is given. Entries
of the sources that the catalog does not hold (strings since changed in the code) are listed, not added:
`make catalogs` afterwards extracts, updates and compiles as usual.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

WIDTH = 110  # as [tool.babel.update_catalog] writes it, so a merge and an update give the same layout


def singular_id(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def first_form(message: Message) -> str:
    return (
        message.string if isinstance(message.string, str) else (message.string[0] if message.string else "")
    )


def is_untranslated(message: Message) -> bool:
    forms = [message.string] if isinstance(message.string, str) else list(message.string)
    return not all(forms)


def read(path: Path, locale: str | None) -> Catalog:
    """A catalog; the sources are read without a locale (their plural forms are taken as they come)."""
    with path.open("rb") as source:
        return read_po(source, locale=locale)


def merge(target: Catalog, sources: list[Catalog], *, overwrite: bool) -> tuple[int, list[str]]:
    """Fill ``target`` in place; the number of entries filled and the sources' msgids it does not hold."""
    offered: dict[str, str] = {}
    for source in sources:
        for message in source:
            if message.id and first_form(message) and not message.fuzzy:
                offered.setdefault(singular_id(message), first_form(message))
    filled = 0
    held = set()
    for message in target:
        if not message.id:
            continue
        key = singular_id(message)
        held.add(key)
        text = offered.get(key)
        if text is None or (first_form(message) and not overwrite):
            continue
        if isinstance(message.id, str):
            message.string = text
        else:
            message.string = (text,) * target.num_plurals
        message.flags.discard("fuzzy")
        filled += 1
    return filled, sorted(set(offered) - held)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "catalog", type=Path, help="the .po to fill, e.g. resources/locale/ja/LC_MESSAGES/cockpit.po"
    )
    parser.add_argument("sources", type=Path, nargs="+", help="translators' .po files")
    parser.add_argument(
        "--overwrite", action="store_true", help="replace translations already in the catalog"
    )
    args = parser.parse_args()
    locale = args.catalog.parent.parent.name
    target = read(args.catalog, locale)
    filled, unknown = merge(target, [read(path, None) for path in args.sources], overwrite=args.overwrite)
    with args.catalog.open("wb") as output:
        write_po(output, target, width=WIDTH)
    left = sum(1 for message in target if message.id and is_untranslated(message))
    print(f"{filled} entries filled; {left} still untranslated in {args.catalog}")
    if unknown:
        print(f"{len(unknown)} translated msgids are not in the catalog (changed in the code since):")
        print("\n".join(f"  {key}" for key in unknown))


if __name__ == "__main__":
    main()
