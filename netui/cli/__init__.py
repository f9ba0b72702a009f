"""The command line: `netui` opens the TUI; its subcommands work on the database from the shell.

Each command group is one module here (`tui`, `demo`, `find`, `capture`,
`review`, `goals`, `events`, `interop` (import and export), `merge`, `undo`, `check`, `copy`) that registers its sub-commands and holds their handlers;
`main` builds the parser from `COMMAND_GROUPS` and holds the one error map.
Every failure a person can cause (a bad argument, a broken config file, a file
that is not a netui database, a demo over real data) ends as one line on
stderr starting with `netui`, exit status 1, and nothing written; a bug keeps
its traceback. Imports are lazy so that `netui find` never loads Textual or
pykakasi: it has to answer faster than `khard list` by an order of magnitude.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from netui.cli import (
    capture,
    check,
    copy,
    demo,
    events,
    find,
    goals,
    interop,
    merge,
    review,
    tui,
    undo,
)
from netui.cli.common import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, CommandError, say
from netui.cli.output import plain
from netui.cli.parser import CommandGroup, UsageError, build_parser

__all__ = ["COMMAND_GROUPS", "main"]

# The command groups, in the order `netui --help` lists their sub-commands
# (`tui` adds none: it is what `netui` does without one). A new group is a
# module with a `register(cli)` function, added here.
COMMAND_GROUPS: tuple[CommandGroup, ...] = (
    tui,
    demo,
    find,
    capture,
    review,
    goals,
    events,
    interop,
    merge,
    undo,
    check,
    copy,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run `netui` with `argv` (default: the process's arguments) and return its exit status."""
    args: argparse.Namespace | None = None
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
        message = _person_error(error, args)
        if message is None:
            raise
        say(message)
        return EXIT_FAILURE


def _person_error(error: Exception, args: argparse.Namespace | None) -> str | None:
    """The error map: the one line for an error a person can cause, or None for a bug.

    Only the command line's own CommandError and the domain's and the Store's
    errors are a person's; anything else is a bug and keeps its traceback.
    Errors about what was typed after a command (a capture line, an id that
    does not exist) name the command: `capture: line 2, column 7: ...`.
    """
    if isinstance(error, CommandError):
        return str(error)
    # Imported on use: only a failing command pays for them, and --version and --help stay light.
    from netui.config import ConfigError
    from netui.domain.capture import CaptureError
    from netui.domain.contact_rules import ValidationError
    from netui.state.demo import DemoError
    from netui.state.errors import NotFound, StoreError

    command = getattr(args, "command", None)
    if isinstance(error, CaptureError | NotFound) and command:
        return f"{command}: {error}"
    if isinstance(error, ConfigError | ValidationError | CaptureError | DemoError | StoreError):
        return str(error)
    return None
