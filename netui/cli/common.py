"""Shared steps of the shell commands: exit codes, the one-line error, which database, opening the Store."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from netui.cli.output import plain
from netui.i18n import _

if TYPE_CHECKING:
    from netui.config import Config
    from netui.state import Store

# The name that starts every error line, as grep's and git's do: a name, not a word to translate.
PROG = "netui"

EXIT_OK = 0
EXIT_FAILURE = 1
# What a shell reports for a process ended by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130


class CommandError(Exception):
    """A failure to report as one `netui: ...` line, exit status 1."""


def say(message: str) -> None:
    """Print `message` as one `netui: ...` line on stderr."""
    print(f"{PROG}: {plain(message)}", file=sys.stderr)


def user_config() -> Config:
    """The user's config file, read (netui.config.load_config)."""
    from netui.config import load_config

    return load_config()


# -- which database ----------------------------------------------------------------

# An RFC 3986 scheme followed by "://": what tells a URL from a file path.
_URL = re.compile(r"\s*(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://")
_POSTGRES_SCHEMES = ("postgresql", "postgres")


Target = Path | str
"""A database file, or a PostgreSQL URL (as typed, password and all: show it with `shown`)."""


def db_target(args: argparse.Namespace) -> Target:
    """The database a command works on: --db, else $NETUI_DB, else netui.db in the data dir.

    --db and NETUI_DB take a file path or a URL. `sqlite:///abs/path` is that
    path; a PostgreSQL URL (`postgresql://` or `postgres://`) is returned as
    typed; any other scheme is refused here, before anything is opened, so
    no folder named after a URL is ever created.

    Raises:
        CommandError: The target is a URL netui cannot open; the message
            names it with any password replaced by `***`.
    """
    text = getattr(args, "db", None) or os.environ.get("NETUI_DB")
    if not text:
        from netui.paths import default_db_path

        return default_db_path()
    return target_of(text)


def target_of(text: str) -> Target:
    """The database `text` names, read as --db reads it (see `db_target`).

    Raises:
        CommandError: A URL netui cannot open, named with any password as `***`.
    """
    url = _URL.match(text)
    if url is None:
        return Path(text).expanduser()
    scheme = url["scheme"].lower()
    if scheme in _POSTGRES_SCHEMES:
        return text.strip()
    if scheme != "sqlite":
        raise CommandError(
            _(
                'unsupported database URL scheme "{scheme}"'
                " (expected a file path, sqlite:///absolute/path or postgresql://...)"
            ).format(scheme=url["scheme"])
        )
    return _sqlite_url_path(text.strip())


def shown(target: Target) -> str:
    """The target as messages name it: a path, or a URL with any password as `***`."""
    return _redacted(target) if isinstance(target, str) else str(target)


def _sqlite_url_path(url: str) -> Path:
    """The file `sqlite:///abs/path` names; any other form of sqlite URL is refused."""
    from urllib.parse import unquote, urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.netloc or parts.query or parts.fragment or len(parts.path) < 2:
        raise CommandError(_("{url}: expected sqlite:///absolute/path").format(url=_redacted(url)))
    return Path(unquote(parts.path))


def _redacted(url: str) -> str:
    """`url` with any password in it replaced by `***`, fit to print (the Store's rule)."""
    from netui.state import redact

    return redact(url)


def open_store(path: Target, config: Config, *, create: bool, upgrade: bool = False) -> Store:
    """Open the Store on the database at `path` (from `db_target`).

    Args:
        path: The database file, or a PostgreSQL URL.
        config: The loaded config, whose stage cadences the Store keeps due dates by.
        create: Whether the command writes. It may then create a missing
            database, which is said on stderr, and a database that cannot be
            written opens for reading only (its writes fail with one line).
            A command that only reads (False) opens the database read-only:
            it creates and changes nothing, and refuses a path with no netui
            database, so a typo in --db leaves nothing behind.
        upgrade: Migrate a PostgreSQL database made by an older netui
            (`netui migrate`); without it one is refused with how to back it up.
    """
    from netui.state import Store, StoreMissing

    try:
        store = Store(
            path, stage_cadence=config.stage_cadence, read_only=not create, upgrade=upgrade
        )
    except StoreMissing:
        raise CommandError(
            _("{path}: no netui database here (run `netui` or `netui demo` to create one)").format(
                path=shown(path)
            )
        ) from None
    if store.created:
        say(_("created a new database at {path}").format(path=shown(path)))
    if store.cadence_pending:
        say(
            _(
                "{path}: due dates are shown as stored, by the stage cadences before the"
                " config's [stages]; opening it with `netui` brings them up to date"
            ).format(path=shown(path))
        )
    return store
