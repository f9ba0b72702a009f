"""`netui undo`: take back the last delete, archive, merge, done, snooze or capture, or list the journal."""

from __future__ import annotations

import argparse

from netui.cli.common import EXIT_OK, CommandError, db_target, open_store, user_config
from netui.cli.output import plain
from netui.cli.parser import CommandLine
from netui.i18n import _


def _undo_help() -> str:
    """The epilog of `netui undo --help`, translated when the parser is built."""
    return _("""\
netui keeps the last 20 commands that delete, archive, merge, mark done,
snooze or capture, in the database itself, whichever netui (the screens or
the command line) ran them. Each undo takes back the newest one, all of it
in one go; the one before is next. A command whose records were changed
again since (an edit, a log) is not undone: that change would be lost.
exit status: 0 when undone (or listed); 1 when there is nothing to undo or
it cannot be undone.""")


def register(cli: CommandLine) -> None:
    """Add `netui undo`."""
    undo = cli.add_command(
        "undo",
        help=_("undo the last delete, archive, merge, done, snooze or capture"),
        description=_("Undo the last command that deleted, archived, merged, did or captured."),
        epilog=_undo_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    undo.add_argument(
        "--list",
        action="store_true",
        help=_("list what can be undone, newest (the next undone) first; write nothing"),
    )
    undo.set_defaults(run=run_undo)


def run_undo(args: argparse.Namespace) -> int:
    """Undo the newest command and say what it was, or (--list) print the journal."""
    config = user_config()
    path = db_target(args)
    # A read-only look first: --list writes nothing, and a mistyped --db creates nothing.
    store = open_store(path, config, create=False)
    try:
        if args.list:
            entries = store.undo.entries()
            for entry in entries:
                print(f"{entry.at:%Y-%m-%d %H:%M}  {plain(entry.label)}")
            if not entries:
                print(_("nothing to undo"))
            return EXIT_OK
        if not store.undo.entries():
            raise CommandError(_("undo: nothing to undo"))
    finally:
        store.close()
    store = open_store(path, config, create=True)
    try:
        undone = store.undo.undo()
    finally:
        store.close()
    if undone is None:  # another netui undid it meanwhile
        raise CommandError(_("undo: nothing to undo"))
    print(_("undid: {label}").format(label=plain(undone.label)))
    return EXIT_OK
