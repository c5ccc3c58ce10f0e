"""How the rows of one imported table depend on each other: the "Depends on" cells read and checked.

A runbook or checklist names the rows an item waits for in many ways: our own export writes the ID
column's numbers separated by spaces ("5 6"); spreadsheets write "3, 5", "#3; #5", "3〜5", one title
per line, or 前提 / 依存 columns holding the No. of the steps before. Every reference must name a row
of the same file, exactly one; the rows must not wait for each other in a cycle; and a row that waits
for a row with problems cannot be imported without it. Each failure is a reason on the row's line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from cockpit.i18n import tr


@dataclass(frozen=True, slots=True)
class LinkRow:
    line: int
    key: str  # the row's own ID (or No.) as the file writes it; "" when it has none
    title: str
    depends: str  # the "Depends on" cell as written


@dataclass(frozen=True, slots=True)
class Links:
    depends_on: dict[int, tuple[int, ...]]  # line → the lines it depends on, in the cell's order
    problems: dict[int, list[str]]  # line → reasons (without the field's label)
    launch_ids: dict[int, tuple[int, ...]] = field(default_factory=dict)  # line → launch rows not in the file


_STRONG_SEPARATORS = re.compile(r"[,;、\n\r]+")  # after NFKC: "，" is "," and "；" is ";"
_PREFIX = re.compile(r"^(?:#|no\.?\s*|step\s*|id\s*|手順\s*|項番\s*|番号\s*)", re.IGNORECASE)
_WEAK_SEPARATORS = re.compile(r"[\s・/]+")  # within a part that is no title: "5 6", "#3 #5", "3・5"
_RANGE = re.compile(r"^(?P<first>.+?)\s*(?:-|–|—|~|〜|から)\s*(?P<last>.+)$")


def normalize_key(text: str) -> str:
    """IDs and titles as compared: width- and case-folded, inner spaces single, "007" the same as "7"."""
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return str(int(folded)) if folded.isdigit() else folded


def resolve_links(rows: Sequence[LinkRow], *, key_name: str | None, outside: Iterable[int] = ()) -> Links:
    """Each row's "Depends on" cell as the lines it names. ``key_name`` is the label of the column the
    rows' keys come from (ID, No.), None when the file has none: then only titles can be named.
    ``outside``: ids of the launch's rows that an ID the file does not hold names (our export's IDs are
    the launch's, so a re-imported part of an export may wait for rows left out of it)."""
    by_key = _index((normalize_key(r.key), r.line) for r in rows if r.key.strip())
    for launch_id in outside:
        by_key.setdefault(str(launch_id), [-launch_id])  # negative: a launch id, not a line
    by_title = _index((normalize_key(r.title), r.line) for r in rows if r.title.strip())
    depends_on: dict[int, tuple[int, ...]] = {}
    problems: dict[int, list[str]] = {}
    launch_ids: dict[int, tuple[int, ...]] = {}
    for row in rows:
        if not row.depends.strip():
            continue
        found, reasons = _references(row.depends, by_key=by_key, by_title=by_title, key_name=key_name)
        if row.line in found:
            reasons.append(tr("the row depends on itself"))
            found = [line for line in found if line != row.line]
        depends_on[row.line] = tuple(dict.fromkeys(line for line in found if line > 0))
        if any(line < 0 for line in found):
            launch_ids[row.line] = tuple(dict.fromkeys(-line for line in found if line < 0))
        if reasons:
            problems[row.line] = reasons
    return Links(depends_on=depends_on, problems=problems, launch_ids=launch_ids)


def _index(pairs: Iterable[tuple[str, int]]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for key, line in pairs:
        index.setdefault(key, []).append(line)
    return index


def _references(
    cell: str, *, by_key: dict[str, list[int]], by_title: dict[str, list[int]], key_name: str | None
) -> tuple[list[int], list[str]]:
    text = unicodedata.normalize("NFKC", cell).strip()
    found: list[int] = []
    reasons: list[str] = []

    def take(ref: str) -> bool:
        """Add the row ``ref`` names; False when it names none."""
        lines = _named(ref, by_key=by_key, by_title=by_title)
        if lines is None:
            return False
        if len(lines) > 1:
            reasons.append(
                tr(
                    "{ref!r} names more than one row (lines {lines}); give each row its own {key}",
                    ref=ref,
                    lines=", ".join(map(str, lines)),
                    key=key_name or tr("title"),
                )
            )
        else:
            found.append(lines[0])
        return True

    if take(text):  # the whole cell: one title may hold commas
        return found, reasons
    for part in _STRONG_SEPARATORS.split(text):
        part = part.strip()
        if not part or take(part) or _take_range(part, by_key=by_key, found=found):
            continue
        tokens = [t for t in _WEAK_SEPARATORS.split(part) if t]
        for token in tokens:
            if take(token) or _take_range(token, by_key=by_key, found=found):
                continue
            reasons.append(_unknown(token if len(tokens) > 1 else part, key_name=key_name))
    return found, reasons


def _named(ref: str, *, by_key: dict[str, list[int]], by_title: dict[str, list[int]]) -> list[int] | None:
    wanted = normalize_key(ref)
    if not wanted:
        return None
    for candidate in (wanted, normalize_key(_PREFIX.sub("", wanted).removesuffix("番"))):
        if candidate in by_key:
            return by_key[candidate]
    return by_title.get(wanted)


def _take_range(token: str, *, by_key: dict[str, list[int]], found: list[int]) -> bool:
    """ "3-5", "3〜5": every row whose numeric key lies between the two, when both ends are rows' keys."""
    matched = _RANGE.match(normalize_key(token))
    if not matched:
        return False
    first, last = (normalize_key(_PREFIX.sub("", matched[end])) for end in ("first", "last"))
    if not (first.isdigit() and last.isdigit() and first in by_key and last in by_key):
        return False
    low, high = sorted((int(first), int(last)))
    for key in sorted((k for k in by_key if k.isdigit() and low <= int(k) <= high), key=int):
        found.extend(by_key[key][:1])
    return True


def _unknown(ref: str, *, key_name: str | None) -> str:
    if key_name is None:
        return tr(
            "{ref!r} is not the title of any row in this file (and the file has no ID column to name "
            "rows by)",
            ref=ref,
        )
    return tr("{ref!r} is not the {key} or title of any row in this file", ref=ref, key=key_name)


def settle(
    depends_on: Mapping[int, tuple[int, ...]], *, bad: set[int], names: Mapping[int, str]
) -> dict[int, str]:
    """New reasons for rows that cannot be imported because of their dependencies: rows waiting for a
    row with problems (directly or not), and rows waiting for each other in a cycle. ``bad`` holds the
    lines that already have problems; ``names`` how to call a row in a message (its key, or its line)."""
    reasons: dict[int, str] = {}
    failed = set(bad)
    waiting: dict[int, list[int]] = {}  # line → the lines that depend on it
    for line, deps in depends_on.items():
        for dep in deps:
            waiting.setdefault(dep, []).append(line)

    def spread(starts: Iterable[int]) -> None:
        todo = list(starts)
        while todo:
            blocker = todo.pop()
            for line in waiting.get(blocker, ()):
                if line not in failed:
                    reasons[line] = tr(
                        "it depends on line {line}, which has problems; fix that row too", line=blocker
                    )
                    failed.add(line)
                    todo.append(line)

    spread(sorted(failed, reverse=True))
    in_cycles = []
    for cycle in _cycles(depends_on, skip=failed):
        text = tr(" waits for ").join(names[line] for line in cycle)
        for line in cycle[:-1]:
            reasons[line] = tr("rows wait for each other in a cycle: {cycle}", cycle=text)
            failed.add(line)
            in_cycles.append(line)
    spread(in_cycles)
    return reasons


def _cycles(depends_on: Mapping[int, tuple[int, ...]], *, skip: set[int]) -> list[list[int]]:
    """One cycle per group of rows that wait for each other (Tarjan's strongly connected components,
    without recursion: a runbook of thousands of chained steps must not hit the recursion limit)."""
    graph = {
        line: [d for d in deps if d not in skip and d in depends_on]
        for line, deps in depends_on.items()
        if line not in skip
    }
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    groups: list[list[int]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            advanced = False
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph[nxt])))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)
    return [_one_cycle(sorted(group), graph) for group in groups]


def _one_cycle(group: list[int], graph: Mapping[int, list[int]]) -> list[int]:
    """A walk round the group from its first line back to it, as lines (the first repeated at the end)."""
    members = set(group)
    path: list[int] = []
    seen: dict[int, int] = {}
    current = group[0]
    while current not in seen:
        seen[current] = len(path)
        path.append(current)
        current = min(d for d in graph[current] if d in members)
    cycle = path[seen[current] :]
    return [*cycle, cycle[0]]
