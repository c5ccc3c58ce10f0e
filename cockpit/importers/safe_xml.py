"""Reading an untrusted XML file safely: size cap, binary sniffing, defusedxml's guards, clear refusals.

Every refusal is a ``BadInput`` raised before the caller writes anything, and each comes early:
the cap from ``stat``, binary content from the first bytes, a DTD (the door to entity expansion and
external references) at the ``<!DOCTYPE``, a malformed or truncated file with its line and column.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.parsers import expat

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from cockpit.errors import BadInput
from cockpit.i18n import tr

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
# Read and parsed a quarter of a megabyte at a time: an import inserts each chunk's cases while the next is
# parsed, so the first insert starts and the last one ends within a few milliseconds of the parse.
CHUNK_BYTES = 1 << 18
_SNIFF_BYTES = 4096
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# A pattern, compiled only by the rare file that needs it: every import would pay for it at start-up.
_DECLARED_ENCODING = rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']"""
_UNKNOWN_ENCODING = expat.errors.codes[expat.errors.XML_ERROR_UNKNOWN_ENCODING]


def check_file(path: Path, *, max_bytes: int) -> int:
    """Refuse a missing, empty, oversized, binary or non-XML file from its size and first bytes."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise BadInput(tr("{path} is not a file; give a test result file.", path=path))
        if size == 0:
            raise BadInput(tr("{path} is empty: there are no test results in it.", path=path))
        if size > max_bytes:
            raise BadInput(
                tr(
                    "{path} is {size}, more than the {limit} a result file may have. "
                    "Split the results into several files, or raise the limit if the file is genuine.",
                    path=path,
                    size=_size_text(size),
                    limit=_size_text(max_bytes),
                )
            )
        with path.open("rb") as f:
            head = f.read(_SNIFF_BYTES)
    except FileNotFoundError:
        raise BadInput(tr("{path} does not exist. Check the path.", path=path)) from None
    except PermissionError:
        raise BadInput(tr("{path} cannot be read: permission denied.", path=path)) from None
    except OSError as exc:
        raise BadInput(tr("{path} cannot be read: {error}.", path=path, error=exc.strerror or exc)) from None
    _refuse_non_xml(path, head)
    return size


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return tr("{n} MB", n=f"{size / (1024 * 1024):,.0f}")
    return tr("{n} KB", n=f"{size / 1024:,.1f}")


def _refuse_non_xml(path: Path, head: bytes) -> None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # UTF-16 XML is full of NUL bytes by nature; expat reads it from the BOM
    if b"\x00" in head:
        raise BadInput(
            tr(
                "{path} is a binary file, not XML test results (it contains NUL bytes). "
                "Choose the .xml or .trx report your test tool wrote.",
                path=path,
            )
        )
    text = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if not text.startswith(b"<"):
        sample = text[:30].decode("utf-8", "replace").splitlines()[0] if text else ""
        raise BadInput(
            tr(
                "{path} is not XML: it starts with “{start}” instead of “<”. "
                "Choose the XML report your test tool wrote.",
                path=path,
                start=sample,
            )
        )


def guarded_parser(*, encoding: str | None = None) -> expat.XMLParserType:
    """An expat parser carrying defusedxml's guards and no element handlers yet.

    Why defusedxml's parser and not its ``iterparse``: its guards (no DTD, hence no entity expansion
    and no external reference) live on the expat parser itself, and streaming with our own handlers
    skips building an Element per node, which is most of the cost of a large import.
    """
    guard = DefusedXMLParser(
        target=None, encoding=encoding, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    parser: expat.XMLParserType = guard.parser
    parser.StartElementHandler = None
    parser.EndElementHandler = None
    parser.CharacterDataHandler = None
    # Whitespace between elements would otherwise reach the ElementTree fallback handler in Python.
    parser.DefaultHandlerExpand = None
    parser.ordered_attributes = False
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    return parser


def feed_file(
    path: Path,
    *,
    make_parser: Callable[[str | None], expat.XMLParserType],
    on_chunk: Callable[[bytes], None],
) -> Iterator[None]:
    """Feed ``path`` to a parser from ``make_parser(encoding)``, yielding after each chunk read
    (``on_chunk`` sees the file's bytes, e.g. to hash them).

    A file in an encoding expat lacks (Shift_JIS, GBK …) is transcoded to UTF-8 on the way in.
    Every failure becomes a ``BadInput`` naming the file and, for bad XML, the line and column.
    """
    parser = make_parser(None)
    try:
        with path.open("rb") as f:
            while chunk := f.read(CHUNK_BYTES):
                parser.Parse(chunk, False)
                on_chunk(chunk)
                yield
            parser.Parse(b"", True)
    except expat.ExpatError as exc:
        if exc.code != _UNKNOWN_ENCODING:
            raise _malformed(path, exc) from None
        transcode = True
    except DefusedXmlException as exc:  # before ValueError: defusedxml's errors are ValueErrors too
        raise _unsafe(path, exc) from None
    except ValueError as exc:  # pyexpat's answer to a multi-byte encoding such as Shift_JIS
        if "encoding" not in str(exc):
            raise
        transcode = True
    else:
        transcode = False
    if transcode:
        yield from _feed_transcoded(path, make_parser=make_parser, on_chunk=on_chunk)


def _feed_transcoded(
    path: Path,
    *,
    make_parser: Callable[[str | None], expat.XMLParserType],
    on_chunk: Callable[[bytes], None],
) -> Iterator[None]:
    with path.open("rb") as f:
        head = f.read(_SNIFF_BYTES)
    found = re.match(_DECLARED_ENCODING, head)
    name = found.group(1).decode("ascii") if found else "?"
    try:
        decoder = codecs.getincrementaldecoder(name)(errors="strict")
    except LookupError:
        raise BadInput(
            tr(
                "{path} declares the encoding “{encoding}”, which is unknown. Save it as UTF-8.",
                path=path,
                encoding=name,
            )
        ) from None
    parser = make_parser("utf-8")
    try:
        with path.open("rb") as f:
            while chunk := f.read(CHUNK_BYTES):
                parser.Parse(decoder.decode(chunk).encode("utf-8"), False)
                on_chunk(chunk)
                yield
            parser.Parse(decoder.decode(b"", final=True).encode("utf-8"), True)
    except UnicodeDecodeError as exc:
        raise BadInput(
            tr(
                "{path} is not valid {encoding} text (byte {position} cannot be read). Save it as UTF-8.",
                path=path,
                encoding=name,
                position=exc.start,
            )
        ) from None
    except expat.ExpatError as exc:
        raise _malformed(path, exc) from None
    except DefusedXmlException as exc:
        raise _unsafe(path, exc) from None


def _malformed(path: Path, exc: expat.ExpatError) -> BadInput:
    problem = expat.errors.messages.get(exc.code, str(exc))
    truncated = exc.code in {
        expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS],
        expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN],
        expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION],
        expat.errors.codes[expat.errors.XML_ERROR_PARTIAL_CHAR],
    }
    hint = (
        tr("The file looks cut off: was it copied or written only partly?")
        if truncated
        else tr("Fix the file or export it again from the test tool.")
    )
    return BadInput(
        tr(
            "{path} is not well-formed XML: {problem} at line {line}, column {column}. {hint} Nothing was imported.",
            path=path,
            problem=problem,
            line=exc.lineno,
            column=exc.offset + 1,
            hint=hint,
        )
    )


def _unsafe(path: Path, exc: DefusedXmlException) -> BadInput:
    if isinstance(exc, DTDForbidden):
        what = tr("a document type declaration (<!DOCTYPE …>)")
    elif isinstance(exc, EntitiesForbidden):
        what = tr("an entity declaration")
    elif isinstance(exc, ExternalReferenceForbidden):
        what = tr("a reference to an external file or URL")
    else:
        what = str(exc)
    return BadInput(
        tr(
            "{path} was refused for safety: it contains {what}, which test result files never need and "
            "which can make an XML reader expand endlessly or fetch other files. Nothing was imported.",
            path=path,
            what=what,
        )
    )
