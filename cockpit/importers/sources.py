"""Fetching a remote source over HTTP(S) into a local file, with the checks a shared launch file needs.

Conditional GET (``If-None-Match`` / ``If-Modified-Since``) so an unchanged export costs one round
trip; a timeout and a size cap; the credential sent only to the URL's own origin (a redirect to
another host never carries it); every failure a message that names the source and what to do.
"""

from __future__ import annotations

import base64
import http.client
import re
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import IO

from cockpit.domain.url_secrets import SecretPart, redact_url, secret_parts
from cockpit.errors import BadInput, CockpitError
from cockpit.i18n import tr
from cockpit.secrets import Credential

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
CHUNK_BYTES = 1 << 16
USER_AGENT = "GoLiveCockpit"
_SAFE_NAME = re.compile(r"[^\w.\-]+")
_SUFFIX_BY_TYPE = {
    "text/csv": ".csv",
    "application/csv": ".csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/xml": ".xml",
    "text/xml": ".xml",
}

Progress = Callable[[int, int | None], None]  # bytes received so far, total when the server said


class SourceUnreachable(CockpitError):
    """The server could not be reached or failed; nothing was imported."""


class CredentialRefused(BadInput):
    """The server answered 401 or 403 to the source's credential; ``str()`` says so in the window's words."""

    def __init__(self, *, source_name: str, code: int) -> None:
        self.source_name, self.code = source_name, code
        super().__init__(
            tr(
                "Source {name!r}: the server refused the credential (HTTP {code}); update it in Sources.",
                name=source_name,
                code=code,
            )
        )


@dataclass(frozen=True, slots=True)
class Fetched:
    """One answer: a downloaded file, or ``not_modified`` when the server said nothing changed."""

    not_modified: bool
    path: Path | None = None
    size: int = 0
    etag: str | None = None
    last_modified: str | None = None


def check_url(url: str, *, with_credential: bool) -> str:
    """The URL as it will be stored, or ``BadInput`` saying why it cannot be a source."""
    url = (url or "").strip()
    try:
        parts = urllib.parse.urlsplit(url)
        found = secret_parts(url)
    except ValueError:  # urlsplit refuses an unclosed "[" of an IPv6 host
        parts, found = urllib.parse.urlsplit(""), ()
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise BadInput(
            tr("{url!r} is not a web address; a source URL starts with https://.", url=redact_url(url))
        )
    if found:
        raise BadInput(_secret_url_message(url, found[0]))
    if with_credential and parts.scheme.lower() == "http" and not _is_loopback(parts.hostname):
        raise BadInput(
            tr(
                "The credential would travel unencrypted to {host}; use an https:// URL for a source "
                "that needs a credential.",
                host=parts.hostname,
            )
        )
    return url


def _secret_url_message(url: str, part: SecretPart) -> str:
    # The message shows the URL masked: it may be logged or read over a shoulder.
    shown = redact_url(url)
    fix = tr(
        "The launch file and its audit trail would keep it for every teammate to read. Give the source's "
        "credential separately (a token or a password, kept in the keyring) and a URL without it; a link "
        "that only works with its secret in it (a webhook, a presigned or SAS link) cannot be a source."
    )
    where = {
        "userinfo": tr("The URL carries a user name or password before its host ({url}).", url=shown),
        "query": tr(
            "The URL's parameter {name!r} looks like a credential ({url}).", name=part.name, url=shown
        ),
        "fragment": tr(
            "The URL's fragment parameter {name!r} looks like a credential ({url}).",
            name=part.name,
            url=shown,
        ),
        "path parameter": tr(
            "The URL's path parameter {name!r} looks like a session or a credential ({url}).",
            name=part.name,
            url=shown,
        ),
        "path": tr("The URL's path looks like it holds a token, as a webhook's does ({url}).", url=shown),
    }.get(part.where, tr("The URL holds an encoded part that looks like a credential ({url}).", url=shown))
    return f"{where} {fix}"


def _is_loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")


def _authorization(auth: str, credential: Credential | None) -> str | None:
    if auth == "none" or credential is None:
        return None
    if auth == "token":
        return f"Bearer {credential.secret}"
    pair = f"{credential.username}:{credential.secret}".encode()
    return "Basic " + base64.b64encode(pair).decode("ascii")


class _SameOriginRedirect(urllib.request.HTTPRedirectHandler):
    """Follow redirects, but hand the credential on only within the origin it was given for."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        authorization = req.unredirected_hdrs.get("Authorization")
        if new is not None and authorization and _origin(req.full_url) == _origin(new.full_url):
            new.add_unredirected_header("Authorization", authorization)
        return new


def _origin(url: str) -> tuple[str, str | None, int | None]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower(), parts.hostname, parts.port


def fetch(
    *,
    source_name: str,
    url: str,
    auth: str,
    credential: Credential | None,
    folder: Path,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> Fetched:
    """GET ``url`` into a new file in ``folder`` (named as the server or URL names it)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    authorization = _authorization(auth, credential)
    if authorization:
        # Unredirected: urllib would otherwise copy it onto a redirect to any host.
        request.add_unredirected_header("Authorization", authorization)
    if etag:
        request.add_header("If-None-Match", etag)
    if last_modified:
        request.add_header("If-Modified-Since", last_modified)
    opener = urllib.request.build_opener(_SameOriginRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return _download(
                response, source_name=source_name, folder=folder, max_bytes=max_bytes, progress=progress
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(not_modified=True, etag=etag, last_modified=last_modified)
        raise _http_error(source_name, url, exc) from None
    except urllib.error.URLError as exc:
        raise _network_error(source_name, url, exc.reason) from None
    except (OSError, http.client.HTTPException) as exc:  # timeouts, resets, TLS, a cut-off body
        raise _network_error(source_name, url, exc) from None


def _download(
    response: http.client.HTTPResponse,
    *,
    source_name: str,
    folder: Path,
    max_bytes: int,
    progress: Progress | None,
) -> Fetched:
    headers: Message = response.headers
    total = _content_length(headers)
    if total is not None and total > max_bytes:
        raise _too_big(source_name, max_bytes)
    if headers.get_content_type() == "text/html":
        # Typical of single sign-on: the CI server sends its login page instead of the file.
        raise BadInput(
            tr(
                "Source {name!r}: {url} answered with a web page, not a file (a sign-in page?); "
                "check that the URL points at the file itself and that the credential is right.",
                name=source_name,
                url=redact_url(response.url),
            )
        )
    target = folder / _file_name(response.url, headers)
    received = 0
    try:
        out = target.open("wb")
    except OSError as exc:
        raise _save_failed(target, exc) from None
    with out:
        while chunk := response.read(CHUNK_BYTES):
            received += len(chunk)
            if received > max_bytes:  # the header may lie or be missing
                out.close()
                target.unlink(missing_ok=True)
                raise _too_big(source_name, max_bytes)
            _write(out, chunk, target)
            if progress is not None:
                progress(received, total)
    if total is not None and received < total:
        target.unlink(missing_ok=True)
        raise SourceUnreachable(
            tr(
                "Source {name!r}: the download stopped after {received} of {total} bytes; nothing was imported. "
                "Try again.",
                name=source_name,
                received=received,
                total=total,
            )
        )
    return Fetched(
        not_modified=False,
        path=target,
        size=received,
        etag=headers.get("ETag"),
        last_modified=headers.get("Last-Modified"),
    )


def _write(out: IO[bytes], chunk: bytes, target: Path) -> None:
    try:
        out.write(chunk)
    except OSError as exc:  # local, not the network's fault: say so
        raise _save_failed(target, exc) from None


def _save_failed(target: Path, exc: OSError) -> CockpitError:
    return CockpitError(
        tr(
            "Could not save the download to {path}: {error}. Nothing was imported.",
            path=target,
            error=exc.strerror or exc,
        )
    )


def _content_length(headers: Message) -> int | None:
    try:
        value = int(headers.get("Content-Length", ""))
    except ValueError:
        return None
    return value if value >= 0 else None


def _file_name(url: str, headers: Message) -> str:
    """A safe local name that keeps the server's extension: the importers tell CSV from XLSX by it."""
    name = headers.get_filename() or Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path)).name
    name = _SAFE_NAME.sub("_", Path(name).name).strip("._")[:120]
    if not Path(name).suffix:
        content_type = headers.get_content_type()
        name = (name or "download") + _SUFFIX_BY_TYPE.get(
            content_type, ".xml" if "xml" in content_type else ""
        )
    return name or "download"


def _too_big(source_name: str, max_bytes: int) -> BadInput:
    return BadInput(
        tr(
            "Source {name!r} serves more than {limit} MB; nothing was imported. "
            "Point the source at a smaller export.",
            name=source_name,
            limit=max_bytes // (1024 * 1024),
        )
    )


def _http_error(source_name: str, url: str, exc: urllib.error.HTTPError) -> CockpitError:
    if exc.code in (401, 403):
        return CredentialRefused(source_name=source_name, code=exc.code)
    if exc.code in (404, 410):
        return BadInput(
            tr(
                "Source {name!r}: {url} was not found on the server (HTTP {code}); check the source's URL.",
                name=source_name,
                url=redact_url(url),
                code=exc.code,
            )
        )
    return SourceUnreachable(
        tr(
            "Source {name!r}: the server answered HTTP {code} {reason}; nothing was imported. Try again later.",
            name=source_name,
            code=exc.code,
            reason=exc.reason or "",
        )
    )


def _network_error(source_name: str, url: str, reason: object) -> CockpitError:
    host = urllib.parse.urlsplit(url).netloc
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        why = tr("the server did not answer in time")
    elif isinstance(reason, ConnectionRefusedError):
        why = tr("the connection was refused (is the server running, and is the port right?)")
    elif isinstance(reason, ssl.SSLCertVerificationError):
        why = tr("its TLS certificate could not be verified ({error})", error=reason.verify_message)
    elif isinstance(reason, ssl.SSLError):
        why = tr("the secure (TLS) connection failed ({error})", error=reason.reason or reason)
    elif isinstance(reason, socket.gaierror):
        why = tr("the host name could not be found")
    else:
        why = str(reason)
    return SourceUnreachable(
        tr(
            "Source {name!r}: could not reach {host}: {why}. Nothing was imported.",
            name=source_name,
            host=host,
            why=why,
        )
    )
