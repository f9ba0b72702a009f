"""The command line: `netui` opens the TUI; its subcommands work on the database from the shell.

Each command group is one module here (`tui`, `demo`, `find`, `capture`,
`review`, `check`) that registers its sub-commands and holds their handlers;
`main` builds the parser from `COMMAND_GROUPS` and holds the one error map.
Every failure a person can cause (a bad argument, a broken config file, a file
that is not a netui database, a demo over real data) ends as one line on
stderr starting with `netui`, exit status 1, and nothing written. Imports are lazy so that `netui find` never loads Textual or
pykakasi: it has to answer faster than `khard list` by an order of magnitude.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from netui.cli import capture, check, demo, find, review, tui
from netui.cli.common import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, CommandError, say
from netui.cli.output import plain
from netui.cli.parser import CommandGroup, UsageError, build_parser

__all__ = ["COMMAND_GROUPS", "main"]

# The command groups, in the order `netui --help` lists their sub-commands
# (`tui` adds none: it is what `netui` does without one). A new group is a
# module with a `register(cli)` function, added here.
COMMAND_GROUPS: tuple[CommandGroup, ...] = (tui, demo, find, capture, review, check)


def main(argv: Sequence[str] | None = None) -> int:
    """Run `netui` with `argv` (default: the process's arguments) and return its exit status."""
    try:
        try:
            args = build_parser(COMMAND_GROUPS).parse_args(argv)
        except SystemExit as stop:
            # --help and --version: argparse printed them and asked to exit.
            return stop.code if isinstance(stop.code, int) else EXIT_OK
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except UsageError as error:
        # Already "netui find: ...", naming the subcommand whose usage was wrong.
        print(plain(str(error)), file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`netui find x | head -1`): stop quietly, as Unix tools do,
        # and point stdout at /dev/null so the interpreter's final flush cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILURE
    except Exception as error:
        message = _user_error(error)
        if message is None:
            raise
        say(message)
        return EXIT_FAILURE


def _user_error(error: BaseException) -> str | None:
    """The one-line message for an error a person caused, or None for a bug (keep its traceback)."""
    if isinstance(error, CommandError):
        return str(error)
    # These modules are loaded by the time any of their errors can be raised, so
    # looking them up here costs nothing and keeps --version and --help light.
    from netui.config import ConfigError
    from netui.data.db import DatabaseOpenError
    from netui.domain.contact_rules import ValidationError
    from netui.state.errors import StoreError

    if isinstance(error, ConfigError | DatabaseOpenError | StoreError | ValidationError):
        return str(error)
    import sqlite3

    from peewee import DatabaseError

    if isinstance(error, DatabaseError | sqlite3.Error):
        # E.g. another program holding a write lock past the busy timeout.
        return f"{_db_hint()}database error: {error}"
    return None


def _db_hint() -> str:
    # Which file the failing command was using, when it can be told cheaply.
    from netui.data.models import database

    return f"{database.database}: " if database.database else ""
