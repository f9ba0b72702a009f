"""`netui` without a command: the full-screen app, the one part of the command line that loads it."""

from __future__ import annotations

import argparse
import gc
import sys

from netui.cli.common import (
    EXIT_OK,
    CommandError,
    db_target,
    open_store,
    say,
    shown,
    user_config,
)
from netui.cli.parser import CommandLine
from netui.i18n import _


def register(cli: CommandLine) -> None:
    """Make `netui` with no command open the app."""
    cli.parser.set_defaults(run=run_tui)


def has_terminal() -> bool:
    """Whether stdin and stdout are both a terminal, which the full-screen app needs."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _refuse_without_terminal(args: argparse.Namespace) -> None:
    """Say what is wrong with the config or the database named, if anything, else that a terminal is needed."""
    user_config()
    path = db_target(args)
    # A file that is not there is not refused (the app would create it); a URL always is looked at.
    if isinstance(path, str) or path.exists():
        from contextlib import suppress

        from netui.state import Store, StoreMissing

        # A refused file (damaged, not a database) is said by main's error map;
        # an empty one is not refused, since the app would make it a database.
        with suppress(StoreMissing):
            Store(path, read_only=True).close()
    raise CommandError(
        _(
            "the full-screen app needs a terminal on stdin and stdout; from a script"
            " or a pipe, use `netui find`, `netui capture` or `netui review`"
        )
    )


def run_tui(args: argparse.Namespace) -> int:
    """Open the app on the chosen database and return its exit status.

    Raises:
        CommandError: stdin or stdout is not a terminal (a pipe, a file, cron):
            the app would draw escape codes into it and wait for keys that never
            come; nothing is created (a config or database netui refuses is
            said first, as by every command).
    """
    if not has_terminal():
        _refuse_without_terminal(args)
    # Until the first frame, the cyclic garbage collector would run about 140
    # times over the objects of every module and widget being created (a third
    # of what netui adds to a bare Textual app's launch), collecting almost
    # nothing: those objects live as long as the app. The app turns it back
    # on after its first frame (NetuiApp.on_mount), or the finally below does.
    gc.disable()
    try:
        config = user_config()
        path = db_target(args)
        # Imported before the database is opened so that a broken install creates nothing.
        from netui.app import NetuiApp

        store = open_store(path, config, create=True)
        if not store.writable:
            say(_("{path}: cannot be written; opening it read-only").format(path=shown(path)))
        try:
            app = NetuiApp(store=store, config=config)
            app.run()
        finally:
            store.close()
    finally:
        gc.enable()
    return app.return_code or EXIT_OK
