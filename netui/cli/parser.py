"""The `netui` argument parser: the shared --db option, argument types, and what groups register on.

This module knows no command: each command group (`netui/cli/<group>.py`)
adds its own sub-commands through a `CommandLine`, and `netui.cli.main`
hands `build_parser` the list of groups. A bad command line is one line and
exit status 1, like every other error a person can make.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, NoReturn, Protocol

from netui import __version__
from netui.cli.common import PROG, CommandError
from netui.i18n import _

# A date phrase, resolved against the Store's today when the command runs.
DateArg = Callable[[date], date]


class UsageError(CommandError):
    """A bad command line, raised instead of argparse's exit with status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad command line is one line and exit status 1 like every other error."""

    def error(self, message: str) -> NoReturn:
        # argparse's own part of the message is in its words, from its own catalog.
        raise UsageError(
            _("{prog}: {message} (see {prog} --help)").format(prog=self.prog, message=message)
        )


@dataclass(frozen=True)
class CommandLine:
    """What a command group registers on: the `netui` parser and its sub-commands."""

    parser: argparse.ArgumentParser
    commands: argparse._SubParsersAction[_Parser]
    db_option: _Parser

    def add_command(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        """Add the sub-command `netui NAME`, which takes --db after its name too.

        Args:
            name: The sub-command's name.
            **kwargs: What argparse's `add_parser` takes: help, description, epilog, ...
        """
        return self.commands.add_parser(name, parents=[self.db_option], **kwargs)


class CommandGroup(Protocol):
    """A module of `netui.cli` holding one command group: its sub-commands and their handlers."""

    def register(self, cli: CommandLine) -> None:
        """Add the group's sub-commands, each with `run` set to its handler."""


# -- argument types: each names what it expected, argparse adds which argument --


def positive_int(text: str) -> int:
    """A whole number of 1 or more."""
    value = whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(_("expected 1 or more, not {value}").format(value=value))
    return value


def whole_number(text: str) -> int:
    """Any whole number."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("expected a whole number, not {text}").format(text=repr(text))
        ) from None


def date_arg(text: str) -> DateArg:
    """A day already lived (read as the past: `fri` is the last Friday), resolved later against the Store's today."""
    import datetime as dt

    from netui.domain.dates import DatePhraseError, parse_date_phrase

    try:
        parse_date_phrase(text, dt.date.today(), past=True)
    except DatePhraseError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return lambda today: parse_date_phrase(text, today, past=True)


def _db_arg(text: str) -> str:
    # Kept as typed: a URL is told from a path later, by common.db_target
    # (a Path would already have folded "postgresql://" into "postgresql:/").
    if not text.strip():
        raise argparse.ArgumentTypeError(_("expected a database file path, got an empty string"))
    return text


def build_parser(groups: Iterable[CommandGroup]) -> argparse.ArgumentParser:
    """The `netui` argument parser with the sub-commands of `groups`, in their order."""
    # --db is accepted before and after the subcommand; SUPPRESS keeps an absent
    # sub-level --db from overwriting one given before the subcommand.
    db_option = _Parser(add_help=False)
    db_option.add_argument(
        "--db",
        type=_db_arg,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help=_(
            "the database: a file path or a postgresql:// URL "
            "(default: $NETUI_DB, else netui.db in the user data directory)"
        ),
    )
    parser = _Parser(
        prog=PROG,
        description=_(
            "Build your professional network on purpose. "
            "Without a command, opens the full-screen interface."
        ),
        parents=[db_option],
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    cli = CommandLine(parser, commands, db_option)
    for group in groups:
        group.register(cli)
    return parser
