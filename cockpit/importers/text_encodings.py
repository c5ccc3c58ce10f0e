"""Text of a CSV file whatever its encoding and delimiter: Excel on Japanese Windows writes Shift_JIS or UTF-8
with a BOM, ticket systems UTF-8 and sometimes UTF-16, colleagues abroad Windows-1252 with semicolons or tabs.
A binary file picked by mistake is named for what it is."""

from __future__ import annotations

import codecs
import csv
import re

from cockpit.errors import BadInput
from cockpit.i18n import N_, tr

_DELIMITERS = ",;\t|"
_SNIFF_CHARS = 64 * 1024
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_KANA = re.compile(r"[\u3040-\u30ff]")  # hiragana and full-width katakana: what real Japanese text has
# Control characters no table's text holds (tab, line breaks and form feed aside): a decoded "text" with
# more than a few of them per hundred characters is a binary file that happened to decode.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BINARY_SAMPLE_CHARS = 4096
# Files people pick by mistake, by their first bytes: named, so the message says what the file is.
_MAGIC = (
    (b"SQLite format 3\x00", N_("{name} is a SQLite database (a launch file?), not a CSV or Excel table.")),
    (
        b"PK\x03\x04",
        N_(
            "{name} is a zip package, not a CSV table; if it is an Excel workbook, give it the .xlsx "
            "extension and import it again."
        ),
    ),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        N_("{name} is an old Excel 97-2003 (or other Office) file; save it as .xlsx or CSV and import that."),
    ),
    (b"%PDF-", N_("{name} is a PDF document, not a CSV or Excel table.")),
    (b"\x1f\x8b", N_("{name} is gzip-compressed; unpack it and import the table inside.")),
)


def decode_text(data: bytes, *, name: str) -> tuple[str, str]:
    """(text, encoding): a BOM decides; otherwise UTF-8, then Shift_JIS (cp932), then Windows-1252.

    A binary file (a database, a workbook, a PDF renamed .csv) is refused as one, not as damaged text.
    """
    text, encoding = _decode(data, name=name)
    if _looks_binary(text[:_BINARY_SAMPLE_CHARS]):
        raise _binary(name)
    return text, encoding


def _binary(name: str) -> BadInput:
    return BadInput(tr("{name} is a binary file, not a CSV or Excel table. Is it the right file?", name=name))


def _looks_binary(sample: str) -> bool:
    controls = len(_CONTROL.findall(sample))
    return controls > 0 and controls * 100 > len(sample)


def _decode(data: bytes, *, name: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), encoding
            except UnicodeDecodeError as exc:
                raise _undecodable(name, encoding, exc) from None
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise BadInput(tr(message, name=name))
    if b"\x00" in data[:4096]:
        return _decode_utf16_without_bom(data, name=name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        text = None
    # Western Excel saves "CSV" as Windows-1252; its accented letters can also pass as Shift_JIS
    # byte pairs, but then the result has no kana at all, which real Japanese text always has.
    if text is not None and _KANA.search(text):
        return text, "cp932"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        if text is not None:
            return text, "cp932"
    if _looks_binary(data[:_BINARY_SAMPLE_CHARS].decode("latin-1")):
        raise _binary(name)
    raise BadInput(
        tr(
            "{name}: the text encoding was not recognised (tried UTF-8, Shift_JIS and Windows-1252). "
            "Save the file as 'CSV UTF-8' and import it again.",
            name=name,
        )
    )


def _decode_utf16_without_bom(data: bytes, *, name: str) -> tuple[str, str]:
    # ASCII-heavy UTF-16 has a zero in every other byte; which half tells the byte order.
    sample = data[:4096]
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    encoding = "utf-16-le" if odd_zeros > even_zeros else "utf-16-be"
    more, fewer = max(even_zeros, odd_zeros), min(even_zeros, odd_zeros)
    # Text has its zeros in one half (the high byte of ASCII); a binary file has them everywhere.
    if more < len(sample) // 8 or fewer * 4 > more:
        raise _binary(name)
    if _looks_binary(data[:_BINARY_SAMPLE_CHARS].decode(encoding, errors="replace")):
        raise _binary(name)
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise _undecodable(name, encoding, exc) from None


def _undecodable(name: str, encoding: str, exc: UnicodeDecodeError) -> BadInput:
    return BadInput(
        tr(
            "{name} says it is {encoding} but byte {offset} is not; the file may be damaged.",
            name=name,
            encoding=encoding,
            offset=exc.start,
        )
    )


def sniff_delimiter(text: str) -> str:
    """csv.Sniffer among , ; tab |, checked against the header line; comma when nothing fits."""
    sample = text[:_SNIFF_CHARS]
    first_line = sample.split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        found = ""
    if found and found in first_line:
        return found
    # The Sniffer gives up on short files and is misled by multi-line cells: fall back to the
    # separator the header line uses most.
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","
