"""`netui check`: SQLite's integrity checks and netui's own invariants, reading only."""

from __future__ import annotations

import argparse

from netui.cli.common import EXIT_FAILURE, EXIT_OK, db_target, open_store, say, user_config
from netui.cli.output import plain
from netui.cli.parser import CommandLine
from netui.domain.words import plural

CHECK_HELP = """\
Runs SQLite's integrity and foreign-key checks, then netui's own invariants:
one search row per contact and none without one, and every stored last-contact
and next-due date equal to what netui computes. Reads only.
exit status: 0 when all is well, 1 with one line per problem on stdout."""


def register(cli: CommandLine) -> None:
    """Add `netui check`."""
    check = cli.add_command(
        "check",
        help="check the database's integrity and netui's invariants",
        description=CHECK_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    """Print one line per problem (exit 1), or one `ok:` line with the counts (exit 0)."""
    from netui.state.check import check_database

    config = user_config()
    store = open_store(db_target(args), config, create=False)
    try:
        problems = check_database(store)
        counts = store.contacts.counts()
    finally:
        store.close()
    if problems:
        for problem in problems:
            print(plain(problem))
        say(f"{store.path}: {plural(len(problems), 'problem')} found")
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
