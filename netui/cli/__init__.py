"""The command line: `netui` opens the TUI; its subcommands work on the database from the shell.

Every failure a person can cause (a bad argument, a broken config file, a file
that is not a netui database, a demo over real data) ends as one line on
stderr starting with `netui`, exit status 1, and nothing written. Imports are
lazy so that `netui find` never loads Textual or pykakasi: it has to answer
faster than `khard list` by an order of magnitude.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from netui.cli.common import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, CommandError, _say
from netui.cli.output import cell_width, plain
from netui.cli.parser import _UsageError, build_parser

__all__ = ["cell_width", "main", "plain"]

# -- entry point -----------------------------------------------------------------------


def _user_error(error: BaseException) -> str | None:
    """The one-line message for an error a person caused, or None for a bug (keep its traceback)."""
    if isinstance(error, CommandError):
        return str(error)
    # These modules are loaded by the time any of their errors can be raised, so
    # looking them up here costs nothing and keeps --version and --help light.
    from netui.config import ConfigError
    from netui.domain.contact_rules import ValidationError
    from netui.state.errors import StoreError

    if isinstance(error, ConfigError | StoreError | ValidationError):
        return str(error)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run `netui` with `argv` (default: the process's arguments) and return its exit status."""
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as stop:
            # --help and --version: argparse printed them and asked to exit.
            return stop.code if isinstance(stop.code, int) else EXIT_OK
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except _UsageError as error:
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
        _say(message)
        return EXIT_FAILURE
