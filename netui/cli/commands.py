"""The shell commands that open the TUI, make demo data, search and check."""

from __future__ import annotations

import argparse
import gc
import sys
from typing import Any

from netui.cli.common import EXIT_FAILURE, EXIT_OK, CommandError, _load_config, _open_store, _say
from netui.cli.output import _json_rows, _table, plain
from netui.domain.words import plural

# -- commands -----------------------------------------------------------------------


def _cmd_tui(args: argparse.Namespace) -> int:
    # Until the first frame, the cyclic garbage collector would run about 140
    # times over the objects of every module and widget being created (a third
    # of what netui adds to a bare Textual app's launch), collecting almost
    # nothing: those objects live as long as the app. The app turns it back
    # on after its first frame (NetuiApp.on_mount), or the finally below does.
    gc.disable()
    try:
        config = _load_config()
        # Imported before the database is opened so that a broken install creates nothing.
        from netui.app import NetuiApp

        store = _open_store(args, config, create=True)
        try:
            app = NetuiApp(store=store, config=config)
            app.run()
        finally:
            store.close()
    finally:
        gc.enable()
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
        rows = store.contacts.find(args.text, args.limit + 1, archived=args.archived)
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


def _cmd_check(args: argparse.Namespace) -> int:
    from netui.state.check import check_database

    config = _load_config()
    store = _open_store(args, config, create=False)
    try:
        problems = check_database(store)
        counts = store.contacts.counts()
    finally:
        store.close()
    if problems:
        for problem in problems:
            print(plain(problem))
        _say(f"{store.path}: {plural(len(problems), 'problem')} found")
        return EXIT_FAILURE
    tally = ", ".join(
        plural(n, noun)
        for n, noun in (
            (counts.interactions, "interaction"),
            (counts.ledger_entries, "ledger entry"),
            (counts.open_followups, "open follow-up"),
            (counts.events, "event"),
            (counts.goals, "goal"),
        )
    )
    total = plural(counts.contacts + counts.archived, "contact")
    print(f"ok: {total} ({counts.archived} archived), {tally} in {plain(str(store.path))}")
    return EXIT_OK
