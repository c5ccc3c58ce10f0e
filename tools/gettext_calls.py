"""A Babel extraction method for the cockpit's Python sources, reading the syntax tree.

Babel's own ``python`` method reads tokens, and on Python 3.11 an f-string is one token: a translation call
inside it (``f"{OK_SYMBOL} {self.tr('Met')}"``) is not seen, so the string would silently stay English.
The syntax tree holds every call, f-strings included, on every Python version: the .pot does not depend on
which Python ran ``make catalogs``.

Configured in pyproject.toml ([[tool.babel.mappings]], method ``tools.gettext_calls.extract``); Babel imports
it by that dotted name, so run Babel from the repository root as ``python -m babel.messages.frontend``.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

# Babel's extraction result: (line, keyword, one entry per argument — the text, or None when not a literal, comments)
Extracted = tuple[int, str, tuple[str | None, ...], list[str]]


def called_name(call: ast.Call) -> str | None:
    """``tr`` for ``tr(…)``, ``self.tr(…)`` and ``QCoreApplication.translate`` → ``translate``."""
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def literal_text(argument: ast.expr) -> str | None:
    """The argument's text when it is a plain string literal (adjacent literals are already joined)."""
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return argument.value
    return None


def extract(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Extracted]:
    """Every call of a keyword function, in source order; Babel picks the message arguments by keyword spec."""
    tree = ast.parse(fileobj.read(), filename=getattr(fileobj, "name", "<unknown>"))
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and called_name(node) in keywords]
    for call in sorted(calls, key=lambda node: (node.lineno, node.col_offset)):
        name = called_name(call)
        assert name is not None
        yield call.lineno, name, tuple(literal_text(argument) for argument in call.args), []
