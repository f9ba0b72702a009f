"""Shared steps of the shell commands: exit codes, the one-line error, which database, opening the Store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from netui.cli.output import plain

if TYPE_CHECKING:
    from netui.config import Config
    from netui.state import Store

EXIT_OK = 0
EXIT_FAILURE = 1
# What a shell reports for a process ended by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130


class CommandError(Exception):
    """A failure to report as one `netui: ...` line, exit status 1."""


def say(message: str) -> None:
    """Print `message` as one `netui: ...` line on stderr."""
    print(f"netui: {plain(message)}", file=sys.stderr)


def user_config() -> Config:
    """The user's config file, read (netui.config.load_config)."""
    from netui.config import load_config

    return load_config()


# -- which database ----------------------------------------------------------------


def db_target(args: argparse.Namespace) -> Path:
    """--db, else NETUI_DB, else the data directory's netui.db (paths.default_db_path)."""
    from netui.paths import default_db_path

    db = getattr(args, "db", None)
    return db if db is not None else default_db_path()


def open_store(path: Path, config: Config, *, create: bool) -> Store:
    """Open the Store on the database file at `path` (from `db_target`).

    Args:
        path: The database file.
        config: The loaded config, whose stage cadences the Store keeps due dates by.
        create: Whether a missing database may be created. Commands that only
            read refuse instead: a typo in --db should not leave an empty
            database behind.
    """
    if not create and not path.exists():
        raise CommandError(
            f"{path}: no netui database here (run `netui` or `netui demo` to create one)"
        )
    from netui.state import Store

    return Store(path, stage_cadence=config.stage_cadence)
