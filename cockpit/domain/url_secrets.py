"""Which parts of a URL carry a secret, and the URL with those parts masked.

A source URL is kept in the launch file and its audit trail, which every teammate can read, so a URL
that carries a credential is refused (the credential belongs in the keyring). Services put secrets
in many places: the user-info part (``user:pass@``), a query or fragment parameter (``?key=``,
``#access_token=``, ``X-Amz-Signature=``, Azure's ``sig=``), a path parameter (``;jsessionid=``),
the path itself (Slack and other webhooks), and any of these percent-encoded, or inside another URL
given as a parameter. Refusing is safer than stripping: a stripped presigned or SAS URL would not
work, and the user would not learn that the secret had been shared already.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

MASK = "•••"

# Parameter names compared with case, "-", "_" and "." ignored: x-amz-signature and X_Amz_Signature alike.
_SECRET_NAMES = frozenset(
    {
        "key",  # Google APIs (?key=AIza…)
        "auth",
        "authorization",
        "sig",  # Azure SAS
        "signature",
        "code",  # OAuth authorization code
        "pass",
        "pw",
        "pwd",
        "jsessionid",
        "phpsessid",
        "aspsessionid",
        "sid",
        "session",
        "sessionid",
        "xamzcredential",
        "xgoogcredential",
    }
)
_SECRET_WORDS = ("token", "secret", "passw", "apikey", "signature", "credential", "sessionid", "privatekey")
_SECRET_ENDINGS = ("key", "sig", "auth")

# Tokens whose shape gives them away wherever they stand: GitHub, GitLab, Slack, Google, AWS, Stripe, JWT.
_TOKEN_SHAPES = re.compile(
    r"(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|glpat-[\w-]{20,}|xox[abposr]-[\w-]{10,}"
    r"|AIza[\w-]{30,}|(?:AKIA|ASIA)[A-Z0-9]{16}|[sr]k_live_\w{16,}|eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]+)"
)
# A path segment of 32 or more letters and digits mixing upper case, lower case and digits reads as a
# generated token (a commit hash is lower-case hex, a job name has words and dashes).
_RANDOM_SEGMENT = re.compile(r"^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[A-Za-z0-9]{32,}$")
# Webhook paths: everything after the marker is the secret (Slack /services/T…/B…/X…, Discord, Teams …).
# "services" marks one on Slack's host only: elsewhere it is an ordinary word in a path.
_WEBHOOK_MARKERS = ("hooks", "webhook", "webhooks", "webhookb2")
_SLACK_HOOKS = "hooks.slack.com"
# After decoding, ``name=value`` anywhere: catches a URL nested in a parameter (``?next=https%3A…%3Ftoken%3D…``).
_ANY_ASSIGNMENT = re.compile(r"(?:^|[?&;#/,])([A-Za-z][\w.\-]*)=(?!" + MASK + ")")


@dataclass(frozen=True, slots=True)
class SecretPart:
    """One part of a URL that looks secret: where it is (``where``) and its name, never its value."""

    where: str  # "userinfo", "query", "fragment", "path parameter", "path", "encoded"
    name: str


def is_secret_name(name: str) -> bool:
    """Whether a parameter called ``name`` (decoded) carries a credential by its name."""
    plain = re.sub(r"[-_.\s]", "", name).lower()
    if not plain:
        return False
    return (
        plain in _SECRET_NAMES
        or any(word in plain for word in _SECRET_WORDS)
        or plain.endswith(_SECRET_ENDINGS)
    )


def _decoded(text: str) -> str:
    """``text`` percent-decoded until it stops changing (a doubly encoded secret is still a secret)."""
    for _ in range(4):
        decoded = urllib.parse.unquote_plus(text)
        if decoded == text:
            break
        text = decoded
    return text


def _pairs(text: str) -> list[tuple[str, str]]:
    return urllib.parse.parse_qsl(text, keep_blank_values=True)


def _secret_pairs(text: str) -> list[str]:
    return [name for name, value in _pairs(text) if value != MASK and _is_secret_pair(name, value)]


def _is_secret_pair(name: str, value: str) -> bool:
    return is_secret_name(name) or bool(_TOKEN_SHAPES.search(value))


def _path_parameters(path: str) -> list[tuple[int, str]]:
    """``(segment index, name)`` of each ``;name=value`` path parameter that looks secret."""
    found = []
    for index, segment in enumerate(path.split("/")):
        for parameter in segment.split(";")[1:]:
            name, _, value = _decoded(parameter).partition("=")
            if is_secret_name(name) or _TOKEN_SHAPES.search(value):
                found.append((index, name))
    return found


def _webhook_start(host: str, segments: list[str]) -> int | None:
    """The index of the first secret segment of a webhook path, or ``None`` when the path is no webhook."""
    for index, segment in enumerate(segments[:-1]):
        if segment.lower() in _WEBHOOK_MARKERS or (host == _SLACK_HOOKS and segment.lower() == "services"):
            return index + 1
    return None


def _secret_segments(host: str, path: str) -> list[int]:
    segments = [_decoded(segment.split(";")[0]) for segment in path.split("/")]
    start = _webhook_start(host, segments)
    marked = set(range(start, len(segments))) if start is not None else set()
    marked |= {
        i
        for i, segment in enumerate(segments)
        if _RANDOM_SEGMENT.match(segment) or _TOKEN_SHAPES.search(segment)
    }
    return sorted(i for i in marked if segments[i] and segments[i] != MASK)


def secret_parts(url: str) -> tuple[SecretPart, ...]:
    """Every part of ``url`` that looks like a credential; empty when the URL is safe to keep."""
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "").lower()
    found: list[SecretPart] = []
    userinfo = parts.netloc.rpartition("@")[0]
    if userinfo and urllib.parse.unquote(userinfo) != MASK:
        found.append(SecretPart("userinfo", parts.username or ""))
    found += [SecretPart("query", name) for name in _secret_pairs(parts.query)]
    found += [SecretPart("fragment", name) for name in _secret_pairs(parts.fragment)]
    found += [SecretPart("path parameter", name) for _, name in _path_parameters(parts.path)]
    if _secret_segments(host, parts.path):
        found.append(SecretPart("path", ""))
    if not found:
        # What the structured reading missed: an encoded or nested URL's parameters.
        rest = _decoded(url.split("//", 1)[-1])
        found += [SecretPart("encoded", n) for n in _ANY_ASSIGNMENT.findall(rest) if is_secret_name(n)]
        if _TOKEN_SHAPES.search(rest):
            found.append(SecretPart("encoded", ""))
    return tuple(found)


def _mask_pairs(text: str) -> str:
    if not text:
        return text
    pairs = _pairs(text)
    if not pairs:
        return text
    quote = urllib.parse.quote_plus
    return "&".join(f"{quote(n)}={MASK if _is_secret_pair(n, v) else quote(v)}" for n, v in pairs)


def _mask_path(host: str, path: str) -> str:
    segments = path.split("/")
    for index in _secret_segments(host, path):
        segments[index] = MASK
    secret_parameters = {index for index, _ in _path_parameters(path)}
    for index in secret_parameters:
        segments[index] = segments[index].split(";")[0] + ";" + MASK
    return "/".join(segments)


def redact_url(url: str) -> str:
    """``url`` with every part that looks secret replaced by ``•••``: safe to show, log or audit."""
    try:
        if not url or not secret_parts(url):
            return url
    except ValueError:  # not even a URL (an unclosed "[" of an IPv6 host): nothing of it can be told safe
        return MASK
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "").lower()
    netloc = parts.netloc.rpartition("@")[2]
    if netloc != parts.netloc:
        netloc = f"{MASK}@{netloc}"
    masked = urllib.parse.urlunsplit(
        (
            parts.scheme,
            netloc,
            _mask_path(host, parts.path),
            _mask_pairs(parts.query),
            _mask_pairs(parts.fragment),
        )
    )
    if secret_parts(masked):
        # Something the structured masking could not reach (an encoded or nested URL): keep the address only.
        plain = urllib.parse.urlunsplit((parts.scheme, netloc, "/" + MASK if parts.path else "", "", ""))
        return plain
    return masked


def was_redacted(url: str) -> bool:
    """Whether a stored URL had a secret masked out of it (``0007_import_staging`` did that to URLs stored
    before they were checked): the credential is gone, and the URL must be entered again to work."""
    return MASK in url
