"""Remote sources: source add | list | refresh | remove.

A secret never comes from the command line (it would sit in the shell history and in ``ps``): it is
read from an environment variable named on the command line, or asked for when a person is typing.
"""

from __future__ import annotations

import argparse
import getpass
import os
import shlex
import sys
from dataclasses import asdict

from cockpit.cli.common import actor_of, add_actor, add_expect_version, add_json, open_file, print_json
from cockpit.errors import BadInput, CockpitError
from cockpit.i18n import tr


def register(commands: argparse._SubParsersAction) -> None:
    source = commands.add_parser(
        "source", help=tr("register and refresh remote sources (CI results, exports)")
    )
    group = source.add_subparsers(dest="action", metavar="ACTION", required=True)

    # No abbreviations: "--token X" must not quietly mean "--token-from-env X".
    add = group.add_parser(
        "add", help=tr("register a URL that serves test results or a table export"), allow_abbrev=False
    )
    add.add_argument("file", metavar="FILE")
    add.add_argument("--name", required=True)
    add.add_argument("--url", required=True)
    add.add_argument("--kind", required=True, choices=["results", "table", "prometheus"])
    target = add.add_mutually_exclusive_group()
    target.add_argument("--level", choices=["unit", "integration", "system", "uat", "regression", "smoke"])
    target.add_argument(
        "--table-kind", choices=["checklist", "risks", "tickets", "steps", "objects", "kpi_values"]
    )
    _add_secret_options(add)
    add.add_argument("--user", default="", help=tr("user name for basic authentication"))
    add.add_argument(
        "--poll-minutes",
        type=int,
        default=None,
        metavar="M",
        help=tr("refresh every M minutes in the window"),
    )
    add_actor(add)
    add_json(add)
    add.set_defaults(run=_add)

    list_ = group.add_parser("list", help=tr("show the registered sources and how their last refresh went"))
    list_.add_argument("file", metavar="FILE")
    add_json(list_)
    list_.set_defaults(run=_list)

    refresh = group.add_parser(
        "refresh", help=tr("fetch sources now and import what changed"), allow_abbrev=False
    )
    refresh.add_argument("file", metavar="FILE")
    refresh.add_argument(
        "ids", type=int, nargs="*", metavar="ID", help=tr("sources to refresh (default: all)")
    )
    _add_secret_options(refresh)
    refresh.add_argument(
        "--accept-partial",
        action="store_true",
        help=tr("import a table's good rows even if some rows are bad"),
    )
    add_actor(refresh)
    add_json(refresh)
    refresh.set_defaults(run=_refresh)

    remove = group.add_parser("remove", help=tr("remove a source and forget its credential"))
    remove.add_argument("file", metavar="FILE")
    remove.add_argument("id", type=int, metavar="ID")
    add_actor(remove)
    add_expect_version(remove)
    remove.set_defaults(run=_remove)


def _add_secret_options(parser: argparse.ArgumentParser) -> None:
    # Caught, not offered: a secret typed as an argument is refused without being echoed back.
    for option in ("--token", "--password"):
        parser.add_argument(
            option, dest="secret_in_argv", nargs="?", const="", default=None, help=argparse.SUPPRESS
        )
    secret = parser.add_mutually_exclusive_group()
    secret.add_argument(
        "--token-from-env", metavar="VAR", help=tr("read the bearer token from environment variable VAR")
    )
    secret.add_argument(
        "--ask-token", action="store_true", help=tr("ask for the bearer token (typed, not shown)")
    )
    secret.add_argument(
        "--password-from-env",
        metavar="VAR",
        help=tr("read the basic-auth password from environment variable VAR"),
    )


def _from_env(variable: str) -> str:
    value = os.environ.get(variable, "")
    if not value:
        raise BadInput(
            tr("The environment variable {var} is not set or empty; it should hold the secret.", var=variable)
        )
    return value


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise BadInput(
            tr(
                "No terminal to ask for the secret; pass it in an environment variable (--token-from-env VAR)."
            )
        )
    value = getpass.getpass(prompt)
    if not value:
        raise BadInput(tr("No secret was typed."))
    return value


def _secret_and_auth(args: argparse.Namespace, *, user: str) -> tuple[str, str | None]:
    """Which authentication the options ask for, and its secret (never taken from argv)."""
    auth, secret = _given_secret(args)
    if auth == "basic" and not user:
        raise BadInput(tr("--password-from-env needs --user for basic authentication."))
    if auth == "none" and user:
        return "basic", _ask(tr("Password for {user}: ", user=user))
    return auth, secret


def _add(args: argparse.Namespace) -> int:
    from cockpit.secrets import Credentials, NoUsableKeyring
    from cockpit.services.sources import add_source

    auth, secret = _secret_and_auth(args, user=args.user)
    request = dict(
        actor=actor_of(args),
        name=args.name,
        url=args.url,
        kind=args.kind,
        level=args.level,
        table_kind=args.table_kind,
        auth=auth,
        username=args.user,
        secret=secret,
        poll_minutes=args.poll_minutes,
    )
    with open_file(args.file) as lf:
        try:
            edit = add_source(lf, credentials=Credentials(), **request)
        except NoUsableKeyring as exc:
            print(tr("cockpit: {message}", message=exc), file=sys.stderr)
            edit = add_source(lf, credentials=Credentials(session_only=True), **request)
            print(
                tr(
                    "cockpit: the source was added without keeping its credential; pass it to each refresh "
                    "(--token-from-env VAR or --password-from-env VAR)."
                ),
                file=sys.stderr,
            )
    _print_source(edit.source, as_json=args.json, heading=tr("source #{id} written (version {version})"))
    return 0


def _source_dict(source) -> dict:
    from cockpit.domain.url_secrets import redact_url, was_redacted

    return {**asdict(source), "url": redact_url(source.url), "url_redacted": was_redacted(source.url)}


def _redacted_note(url: str) -> str | None:
    from cockpit.domain.url_secrets import was_redacted

    if not was_redacted(url):
        return None
    return tr(
        "the credential this URL held was removed from the launch file, where every teammate could read it; "
        "enter the URL again without it (Sources window ▸ Edit…, or 'source remove' and 'source add'), "
        "the credential goes in the keyring"
    )


def _print_source(source, *, as_json: bool, heading: str) -> None:
    if as_json:
        print_json(_source_dict(source))
        return
    print(heading.format(id=source.id, version=source.version))
    for key in ("name", "url", "kind", "level", "table_kind", "auth", "username", "poll_minutes"):
        value = getattr(source, key)
        if key == "url":
            value = _source_dict(source)["url"]
        if value not in (None, ""):
            print(f"  {key}: {value}")
    note = _redacted_note(source.url)
    if note:
        print(f"  {note}")


def _list(args: argparse.Namespace) -> int:
    from cockpit.services.sources import list_sources

    with open_file(args.file, read_only=True) as lf:
        sources = list_sources(lf)
    if args.json:
        print_json([_source_dict(s) for s in sources])
        return 0
    if not sources:
        print(tr("No sources registered. Add one with 'cockpit source add'."))
    for s in sources:
        feeds = s.level or s.table_kind or tr("KPIs")
        poll = tr("every {n} min", n=s.poll_minutes) if s.poll_minutes else tr("on demand")
        polled = s.last_polled_at.isoformat(timespec="seconds") if s.last_polled_at else "-"
        print(f"#{s.id}  {s.name}  [{s.kind} {feeds}, {s.auth}, {poll}]  {_source_dict(s)['url']}")
        print(f"     {s.last_status} {polled}  {s.last_message}".rstrip())
        note = _redacted_note(s.url)
        if note:
            print(f"     {note}")
    return 0


def _refresh(args: argparse.Namespace) -> int:
    from cockpit.secrets import Credentials
    from cockpit.services.sources import list_sources, refresh_source

    credentials = Credentials()
    given_auth, given_secret = _given_secret(args)
    results, worst = [], 0
    with open_file(args.file) as lf:
        known = {s.id: s for s in list_sources(lf)}
        ids = args.ids or list(known)
        if not ids:
            print(tr("No sources registered. Add one with 'cockpit source add'."))
        for source_id in ids:
            source = known.get(source_id)
            if source and given_secret and source.keyring_ref and source.auth.value == given_auth:
                credentials.session.put(source.keyring_ref, given_secret)
            try:
                outcome = refresh_source(
                    lf,
                    source_id,
                    actor=actor_of(args),
                    credentials=credentials,
                    accept_partial=args.accept_partial,
                )
            except CockpitError as exc:
                message = _refresh_failure(exc, file=args.file, source=source, source_id=source_id)
                print(tr("cockpit: {message}", message=message), file=sys.stderr)
                results.append({"id": source_id, "status": "failed", "message": message})
                worst = max(worst, exc.exit_code)
                continue
            results.append(
                {
                    "id": outcome.source_id,
                    "name": outcome.source_name,
                    "status": outcome.status.value,
                    "message": outcome.message,
                    "downloaded_bytes": outcome.downloaded_bytes,
                }
            )
            if not args.json:
                print(
                    f"#{outcome.source_id} {outcome.source_name}: {outcome.status.value}. {outcome.message}"
                )
    if args.json:
        print_json(results)
    return worst


def _refresh_failure(exc: CockpitError, *, file: str, source, source_id: int) -> str:
    """The refresh's error with the command line's way to fix it, where the service names the window's."""
    from cockpit.importers.sources import CredentialRefused
    from cockpit.services.import_table import RowsWithProblems
    from cockpit.services.source_refresh import MissingCredential

    if isinstance(exc, RowsWithProblems):
        return exc.fix_with("--accept-partial")
    if isinstance(exc, MissingCredential):
        first = tr(
            "Source {name!r} needs its credential, but {where}.", name=exc.source.name, where=exc.where
        )
        return first + " " + _pass_secret(exc.source.auth.value, file=file, source_id=source_id)
    if isinstance(exc, CredentialRefused):
        first = tr(
            "Source {name!r}: the server refused the credential (HTTP {code}).",
            name=exc.source_name,
            code=exc.code,
        )
        auth = source.auth.value if source is not None else "token"
        return first + " " + _pass_secret(auth, file=file, source_id=source_id)
    return str(exc)


def _pass_secret(auth: str, *, file: str, source_id: int) -> str:
    command = f"cockpit source refresh {shlex.quote(str(file))} {source_id}"
    if auth == "basic":
        return tr(
            "Give the password to the refresh: {command} --password-from-env VAR, with the password in "
            "the environment variable VAR. To keep a new one for later refreshes, remove the source "
            "(cockpit source remove) and add it again with it.",
            command=command,
        )
    return tr(
        "Give the token to the refresh: {command} --token-from-env VAR, with the token in the "
        "environment variable VAR (or --ask-token to type it). To keep a new one for later refreshes, "
        "remove the source (cockpit source remove) and add it again with it.",
        command=command,
    )


def _given_secret(args: argparse.Namespace) -> tuple[str, str | None]:
    if args.secret_in_argv is not None:
        raise BadInput(
            tr(
                "A secret on the command line is visible in the shell history and to other users; "
                "put it in an environment variable and pass --token-from-env VAR (or --password-from-env VAR), "
                "or let the cockpit ask for it with --ask-token."
            )
        )
    if args.token_from_env:
        return "token", _from_env(args.token_from_env)
    if args.ask_token:
        return "token", _ask(tr("Token: "))
    if args.password_from_env:
        return "basic", _from_env(args.password_from_env)
    return "none", None


def _remove(args: argparse.Namespace) -> int:
    from cockpit.secrets import Credentials, Forgotten
    from cockpit.services.sources import remove_source

    with open_file(args.file) as lf:
        removal = remove_source(
            lf,
            actor=actor_of(args),
            source_id=args.id,
            credentials=Credentials(),
            expect_version=args.expect_version,
        )
    print(tr("source #{id} removed.", id=args.id))
    note = removal.credential_note()
    if note:
        # The source is gone either way; a credential left behind is a warning, not a failure.
        print(note, file=sys.stderr if removal.forgotten is Forgotten.UNREACHABLE else sys.stdout)
    return 0
