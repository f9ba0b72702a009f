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
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from netui import __version__

if TYPE_CHECKING:
    from netui.config import Config
    from netui.domain.records import ContactRow
    from netui.state import Store

EXIT_OK = 0
EXIT_FAILURE = 1
# What a shell reports for a process ended by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130

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


class CommandError(Exception):
    """A failure to report as one `netui: ...` line, exit status 1."""


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


# -- shared steps -----------------------------------------------------------------


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
# overrides and isolates. Right-to-left letters themselves are kept.
_BIDI_CONTROLS = frozenset(chr(cp) for cp in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """User text made safe to print: control and bidi control characters dropped, breaks as spaces.

    An escape sequence loses its ESC and so prints as the harmless text it was
    (`[31m`), which is what "user text is shown as text" means on a terminal.
    """
    out: list[str] = []
    for ch in text:
        if ch in "\t\n\r\v\f\x85\u2028\u2029":
            out.append(" ")
        elif ch in _BIDI_CONTROLS or unicodedata.category(ch) == "Cc":
            continue
        else:
            out.append(ch)
    return "".join(out)


def cell_width(text: str) -> int:
    """Terminal columns `text` takes: East Asian wide and full-width characters count two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _fit(text: str, width: int) -> str:
    """Pad `text` to `width` columns, cutting it with an ellipsis when it is wider."""
    if cell_width(text) > width:
        cut, used = [], 0
        for ch in text:
            w = cell_width(ch)
            if used + w > width - 1:
                break
            cut.append(ch)
            used += w
        text = "".join(cut) + "…"
    return text + " " * (width - cell_width(text))


def _plural(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def _say(message: str) -> None:
    print(f"netui: {plain(message)}", file=sys.stderr)


# -- commands -----------------------------------------------------------------------


def _cmd_tui(args: argparse.Namespace) -> int:
    config = _load_config()
    # Imported before the database is opened so that a broken install creates nothing.
    from netui.app import NetuiApp

    store = _open_store(args, config, create=True)
    try:
        app = NetuiApp(store=store, config=config)
        app.run()
    finally:
        store.close()
    return app.return_code or EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    import time

    from netui.state.demo import DemoError, generate_demo

    config = _load_config()
    store = _open_store(args, config, create=True)
    try:
        started = time.perf_counter()
        try:
            summary = generate_demo(store, contacts=args.contacts, seed=args.seed, force=args.force)
        except DemoError as error:
            # Its message already names the file and the way out (--force).
            raise CommandError(str(error)) from None
        took = time.perf_counter() - started
    finally:
        store.close()
    made = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in _counts(summary))
    print(f"demo: made {made} in {store.path} ({took:.1f} s)")
    return EXIT_OK


def _counts(summary: Any) -> list[tuple[str, int]]:
    """The (table, count) pairs of a demo summary, in its field order."""
    import dataclasses

    return [(f.name, getattr(summary, f.name)) for f in dataclasses.fields(summary)]


def _cmd_find(args: argparse.Namespace) -> int:
    config = _load_config()
    store = _open_store(args, config, create=False)
    try:
        # One row more than asked tells whether the list was cut, without a count query.
        rows = store.find_contacts(args.text, args.limit + 1, archived=args.archived)
    finally:
        store.close()
    more = len(rows) > args.limit
    rows = rows[: args.limit]
    if args.format == "json":
        print(_json_rows(rows))
        return EXIT_OK if rows else EXIT_FAILURE
    if not rows:
        print(f'no contacts match "{plain(args.text)}"', file=sys.stderr)
        return EXIT_FAILURE
    print(_table(rows))
    if more:
        print(f"netui: showing the first {args.limit}; use --limit for more", file=sys.stderr)
    return EXIT_OK


def _json_rows(rows: list[ContactRow]) -> str:
    import json

    items = [
        {
            "id": row.id,
            "name": row.name,
            "company": row.company,
            "stage": row.stage,
            "channel": row.channel,
            "last_contact": row.last_contact.isoformat() if row.last_contact else None,
            "next_due": row.next_due.isoformat() if row.next_due else None,
            "tags": list(row.tags),
            "archived": row.archived,
        }
        for row in rows
    ]
    text = json.dumps(items, ensure_ascii=False, indent=2)
    # json.dumps escapes C0 controls but passes DEL, C1 (CSI 0x9b) and bidi
    # controls through; escaping them keeps the data exact and the terminal safe.
    # They can only occur inside strings, so a global substitution is valid JSON.
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# Name and company get at most this many columns so one long value cannot push
# the rest of every row off the screen; --format json has the full text.
_MAX_COLUMN = 40


def _table(rows: list[ContactRow]) -> str:
    header = ("NAME", "COMPANY", "STAGE", "NEXT DUE", "TAGS")
    cells = [header] + [
        (
            plain(row.name),
            plain(row.company),
            row.stage + (" (archived)" if row.archived else ""),
            row.next_due.isoformat() if row.next_due else "-",
            " ".join(f"#{plain(tag)}" for tag in row.tags),
        )
        for row in rows
    ]
    widths = [
        min(_MAX_COLUMN, max(cell_width(line[i]) for line in cells)) for i in range(len(header) - 1)
    ]
    lines = []
    for line in cells:
        # The last column is not padded, so lines carry no trailing spaces.
        padded = [_fit(value, width) for value, width in zip(line, widths, strict=False)]
        lines.append("  ".join([*padded, line[-1]]).rstrip())
    return "\n".join(lines)


def _cmd_check(args: argparse.Namespace) -> int:
    from netui.state.check import check_database

    config = _load_config()
    store = _open_store(args, config, create=False)
    try:
        problems = check_database(store)
        counts = store.counts()
    finally:
        store.close()
    if problems:
        for problem in problems:
            print(plain(problem))
        _say(f"{store.path}: {_plural(len(problems), 'problem')} found")
        return EXIT_FAILURE
    tally = ", ".join(
        _plural(n, noun)
        for n, noun in (
            (counts.interactions, "interaction"),
            (counts.ledger_entries, "ledger entry"),
            (counts.open_followups, "open follow-up"),
            (counts.events, "event"),
            (counts.goals, "goal"),
        )
    )
    total = _plural(counts.contacts + counts.archived, "contact")
    print(f"ok: {total} ({counts.archived} archived), {tally} in {plain(str(store.path))}")
    return EXIT_OK


# -- entry point -----------------------------------------------------------------------


def _user_error(error: BaseException) -> str | None:
    """The one-line message for an error a person caused, or None for a bug (keep its traceback)."""
    if isinstance(error, CommandError):
        return str(error)
    # These modules are loaded by the time any of their errors can be raised, so
    # looking them up here costs nothing and keeps --version and --help light.
    from netui.config import ConfigError
    from netui.data.db import DatabaseOpenError
    from netui.domain.contact_rules import ValidationError

    if isinstance(error, ConfigError | DatabaseOpenError | ValidationError):
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
