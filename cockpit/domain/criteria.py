"""A go/no-go criterion's parameters: what each kind takes, and checking what a user gave.

The window's typed fields and ``cockpit gate add|set --param KEY=VALUE`` both end here, so they accept and
refuse the same things. Values may arrive as text (the CLI) or typed (the window); what comes out is what
the launch file stores and ``domain.gate`` reads: ``{"level": "uat", "min_pass_rate": 0.95}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cockpit.domain.gate import CriterionKind
from cockpit.domain.refusal import Refusal
from cockpit.domain.support import Severity
from cockpit.domain.tests import TestLevel
from cockpit.i18n import tr

# The parameters of each kind, in the order they are asked for; the other kinds take none.
PARAMETERS: dict[CriterionKind, tuple[str, ...]] = {
    CriterionKind.PASS_RATE: ("level", "min_pass_rate"),
    CriterionKind.NO_OPEN_TICKETS: ("severity", "max_open"),
}
# What a new criterion of the kind starts with when a parameter is not given; a pass rate names its level
# and minimum, because no default would be right for every team.
DEFAULTS: dict[CriterionKind, dict[str, Any]] = {
    CriterionKind.NO_OPEN_TICKETS: {"severity": Severity.P1.value, "max_open": 0},
}


def criterion_kind(value: str) -> CriterionKind:
    try:
        return CriterionKind(value)
    except ValueError:
        raise Refusal(
            tr(
                "{value!r} is not a kind of go/no-go criterion; use one of: {allowed}.",
                value=value,
                allowed=", ".join(kind.value for kind in CriterionKind),
            )
        ) from None


def checked_params(
    kind: CriterionKind, given: Mapping[str, Any], *, current: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The parameters to store: ``current`` (the criterion's, when changing one; else the kind's defaults)
    with ``given`` over them, every one known to the kind and in range, none missing."""
    names = PARAMETERS.get(kind, ())
    unknown = [name for name in given if name not in names]
    if unknown:
        if not names:
            raise Refusal(tr("A {kind} criterion takes no parameters; leave them out.", kind=kind.value))
        raise Refusal(
            tr(
                "{name!r} is not a parameter of a {kind} criterion; it takes: {allowed}.",
                name=unknown[0],
                kind=kind.value,
                allowed=", ".join(names),
            )
        )
    base = dict(DEFAULTS.get(kind, {}) if current is None else current)
    merged = {**{k: v for k, v in base.items() if k in names}, **given}
    missing = [name for name in names if name not in merged]
    if missing:
        raise Refusal(
            tr(
                "A {kind} criterion needs {names}; give them as KEY=VALUE, e.g. {example}.",
                kind=kind.value,
                names=", ".join(missing),
                example=_EXAMPLES[kind],
            )
        )
    return {name: _CHECKS[name](merged[name]) for name in names}


_EXAMPLES = {
    CriterionKind.PASS_RATE: "level=uat min_pass_rate=95",
    CriterionKind.NO_OPEN_TICKETS: "severity=P1 max_open=0",
}


def _level(value: Any) -> str:
    try:
        return TestLevel(str(value).strip().lower()).value
    except ValueError:
        raise Refusal(
            tr(
                "{value!r} is not a test level; use one of: {allowed}.",
                value=value,
                allowed=", ".join(level.value for level in TestLevel),
            )
        ) from None


def _severity(value: Any) -> Any:
    if isinstance(value, list | tuple):  # several severities together, as an older file may hold
        return [_severity(one) for one in value]
    try:
        return Severity(str(value).strip().upper()).value
    except ValueError:
        raise Refusal(
            tr(
                "{value!r} is not a severity; use one of: {allowed}.",
                value=value,
                allowed=", ".join(severity.value for severity in Severity),
            )
        ) from None


def pass_rate_minimum(value: Any) -> float:
    """A minimum pass rate as a ratio 0..1, from a ratio (``0.95``) or a percent (``95``, ``95%``).

    Text ending in ``%``, or a number above 1, is a percent; any other number is a ratio, so ``1`` is 100%.
    """
    text = str(value).strip()
    is_percent = text.endswith("%")
    try:
        number = float(text.rstrip("%").strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if number != number or isinstance(value, bool):  # not a number at all
        raise Refusal(
            tr(
                "{value!r} is not a pass rate; give a percent from 0 to 100 (95, 95%) or a ratio (0.95).",
                value=value,
            )
        )
    ratio = number / 100 if is_percent or number > 1 else number
    if not 0 <= ratio <= 1:
        raise Refusal(
            tr(
                "A minimum pass rate of {value} is out of range; give a percent from 0 to 100 (95, 95%) "
                "or a ratio (0.95).",
                value=value,
            )
        )
    return round(ratio, 6)


def _max_open(value: Any) -> int:
    try:
        number = int(str(value).strip()) if not isinstance(value, bool) else -1
    except ValueError:
        number = -1
    if number < 0:
        raise Refusal(
            tr(
                "{value!r} is not a number of tickets; give a whole number, 0 or more (0: none may be open).",
                value=value,
            )
        )
    return number


_CHECKS = {
    "level": _level,
    "min_pass_rate": pass_rate_minimum,
    "severity": _severity,
    "max_open": _max_open,
}
