"""Shared steps of the shell commands: exit codes, the one-line error, opening the Store."""

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


class _UsageError(CommandError):
    """A bad command line, raised instead of argparse's exit with status 2."""


def _db_path(args: argparse.Namespace) -> Path:
    """--db, else NETUI_DB, else the data directory's netui.db (paths.default_db_path)."""
    from netui.paths import default_db_path

    db = getattr(args, "db", None)
    return db if db is not None else default_db_path()


def _open_store(args: argparse.Namespace, config: Config, *, create: bool) -> Store:
    """Open the Store on the chosen database.

    Args:
        args: The parsed command line.
        config: The loaded config, whose stage cadences the Store keeps due dates by.
        create: Whether a missing database may be created. Commands that only
            read refuse instead: a typo in --db should not leave an empty
            database behind.
    """
    path = _db_path(args)
    if not create and not path.exists():
        raise CommandError(
            f"{path}: no netui database here (run `netui` or `netui demo` to create one)"
        )
    from netui.state import Store

    return Store(path, stage_cadence=config.stage_cadence)


def _load_config() -> Config:
    from netui.config import load_config

    return load_config()


# Characters that would drive a terminal or reorder the line when printed:
# C0/C1 controls (ESC, the one-byte CSI 0x9b, DEL) and the bidi embeddings,


def _say(message: str) -> None:
    print(f"netui: {plain(message)}", file=sys.stderr)
