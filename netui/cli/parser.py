"""The `netui` argument parser: a bad command line is one line and exit status 1."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NoReturn

from netui import __version__
from netui.cli.capture import add_capture_parser
from netui.cli.commands import _cmd_check, _cmd_demo, _cmd_find, _cmd_tui
from netui.cli.common import CommandError
from netui.cli.review import add_review_parser

# A date phrase, resolved against the Store's today when the command runs.
DateArg = Callable[[date], date]


FIND_HELP = """\
exit status: 0 when at least one contact matches; 1 when none does (like grep),
or on an error. With no match, table format prints `no contacts match "TEXT"`
on stderr and nothing on stdout; json format prints [] so a pipe into jq still
reads valid JSON.

The text is searched as in the contact filter: words match names (kanji, kana
in either script, romaji), readings, companies, roles, notes and tags; #tag
keeps only contacts with a tag starting with it."""

CHECK_HELP = """\
Runs SQLite's integrity and foreign-key checks, then netui's own invariants:
one search row per contact and none without one, and every stored last-contact
and next-due date equal to what netui computes. Reads only.
exit status: 0 when all is well, 1 with one line per problem on stdout."""


class _UsageError(CommandError):
    """A bad command line, raised instead of argparse's exit with status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad command line is one line and exit status 1 like every other error."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


# -- argument types: each names what it expected, argparse adds which argument --


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, not {value}")
    return value


def _demo_size(text: str) -> int:
    value = _positive_int(text)
    # Ten times the largest size the benchmarks use; more is surely a typo.
    if value > 1_000_000:
        raise argparse.ArgumentTypeError(f"expected at most 1000000, not {value}")
    return value


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None


def _db_arg(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a database file path, got an empty string")
    return Path(text).expanduser()


def _date_arg(text: str) -> DateArg:
    """A day already lived (read as the past: `fri` is the last Friday), resolved later against the Store's today."""
    import datetime as dt

    from netui.domain.dates import DatePhraseError, parse_date_phrase

    try:
        parse_date_phrase(text, dt.date.today(), past=True)
    except DatePhraseError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return lambda today: parse_date_phrase(text, today, past=True)


def build_parser() -> argparse.ArgumentParser:
    """The `netui` argument parser with all its subcommands."""
    # --db is accepted before and after the subcommand; SUPPRESS keeps an absent
    # sub-level --db from overwriting one given before the subcommand.
    db_option = _Parser(add_help=False)
    db_option.add_argument(
        "--db",
        type=_db_arg,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="the database file (default: $NETUI_DB, else netui.db in the user data directory)",
    )
    parser = _Parser(
        prog="netui",
        description="Build your professional network on purpose. "
        "Without a command, opens the full-screen interface.",
        parents=[db_option],
    )
    parser.add_argument("--version", action="version", version=f"netui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser(
        "demo",
        parents=[db_option],
        help="fill the database with made-up contacts to try netui on",
        description="Fill the database with made-up contacts, events and history. "
        "Refuses a database that already holds records unless --force is given.",
    )
    demo.add_argument(
        "--contacts",
        type=_demo_size,
        default=200,
        metavar="N",
        help="how many contacts to make (default: 200)",
    )
    demo.add_argument(
        "--seed",
        type=_int,
        default=1,
        metavar="S",
        help="random seed: the same seed makes the same data (default: 1)",
    )
    demo.add_argument(
        "--force",
        action="store_true",
        help="replace every record of a database that is not empty with the demo",
    )
    demo.set_defaults(run=_cmd_demo)

    find = commands.add_parser(
        "find",
        parents=[db_option],
        help="search contacts as the contact filter does",
        description="Search contacts as the contact filter does.",
        epilog=FIND_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    find.add_argument("text", metavar="TEXT", help="what to search for, e.g. tanaka or '#ux'")
    find.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="aligned plain-text columns (default) or a JSON list",
    )
    find.add_argument(
        "--limit",
        type=_positive_int,
        default=50,
        metavar="N",
        help="show at most N contacts (default: 50)",
    )
    find.add_argument("--archived", action="store_true", help="include archived contacts")
    find.set_defaults(run=_cmd_find)

    add_capture_parser(commands, db_option)
    add_review_parser(commands, db_option)

    check = commands.add_parser(
        "check",
        parents=[db_option],
        help="check the database's integrity and netui's invariants",
        description=CHECK_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.set_defaults(run=_cmd_check)
    parser.set_defaults(run=_cmd_tui)
    return parser
