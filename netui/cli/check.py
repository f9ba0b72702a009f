"""`netui check` (the engine's checks and netui's own invariants, reading only) and `netui migrate`."""

from __future__ import annotations

import argparse

from netui.cli.common import EXIT_FAILURE, EXIT_OK, db_target, open_store, say, user_config
from netui.cli.output import plain
from netui.cli.parser import CommandLine
from netui.i18n import _, ngettext


def _check_help() -> str:
    """The description of `netui check --help`, translated when the parser is built."""
    return _("""\
Runs the database's own checks (SQLite: integrity and foreign keys;
PostgreSQL: netui's schema version and indexes), then netui's own invariants:
one search row per contact, none without one, each saying what the contact's
fields make now, and every stored last-contact and next-due date and ledger
balance equal to what netui computes. Reads only.
exit status: 0 when all is well, 1 with one line per problem on stdout.""")


def _step_phrases() -> dict[str, str]:
    """Per check (netui.state.check.STEPS), what the progress bar says."""
    return {
        "integrity": _("database integrity"),
        "foreign_keys": _("links between records"),
        "search_rows": _("search indexes"),
        "due_dates": _("due dates"),
        "ledger": _("give and take balances"),
        "done": _("done"),
    }


def register(cli: CommandLine) -> None:
    """Add `netui check`."""
    check = cli.add_command(
        "check",
        help=_("check the database's integrity and netui's invariants"),
        description=_check_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.set_defaults(run=run_check)
    migrate = cli.add_command(
        "migrate",
        help=_("upgrade a PostgreSQL database made by an older netui"),
        description=_(
            "Brings the database to this netui's schema. A SQLite file is upgraded"
            " whenever netui opens it, after a copy is kept beside it; a PostgreSQL"
            " database only by this command, once you have backed it up with pg_dump"
            " (netui names the command) and every machine that uses it runs this netui."
        ),
    )
    migrate.set_defaults(run=run_migrate)


def run_migrate(args: argparse.Namespace) -> int:
    """Open the database allowing an upgrade, and say at which schema it is."""
    from netui.state import schema_version

    store = open_store(db_target(args), user_config(), create=True, upgrade=True)
    try:
        print(
            _("{path}: at schema {version}, this netui's").format(
                path=plain(store.label), version=schema_version()
            )
        )
    finally:
        store.close()
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    """Print one line per problem (exit 1), or one `ok:` line with the counts (exit 0)."""
    from netui.cli.output import progress_bar
    from netui.state.check import check_database

    config = user_config()
    store = open_store(db_target(args), config, create=False)
    try:
        with progress_bar(_("check"), _step_phrases()) as progress:
            problems = check_database(store, progress)
        counts = store.contacts.counts()
    finally:
        store.close()
    if problems:
        for problem in problems:
            print(plain(problem))
        found = len(problems)
        say(
            ngettext(
                "{path}: {count} problem found", "{path}: {count} problems found", found
            ).format(path=store.label, count=found)
        )
        return EXIT_FAILURE
    total = counts.contacts + counts.archived
    # Each count is a phrase of its own (its plural depends on its number) in one line's message.
    phrases = {
        "contacts": ngettext("{count} contact", "{count} contacts", total).format(count=total),
        "interactions": ngettext(
            "{count} interaction", "{count} interactions", counts.interactions
        ).format(count=counts.interactions),
        "ledger_entries": ngettext(
            "{count} ledger entry", "{count} ledger entries", counts.ledger_entries
        ).format(count=counts.ledger_entries),
        "followups": ngettext(
            "{count} open follow-up", "{count} open follow-ups", counts.open_followups
        ).format(count=counts.open_followups),
        "events": ngettext("{count} event", "{count} events", counts.events).format(
            count=counts.events
        ),
        "goals": ngettext("{count} goal", "{count} goals", counts.goals).format(count=counts.goals),
    }
    line = _(
        "ok: {contacts} ({archived} archived), {interactions}, {ledger_entries},"
        " {followups}, {events}, {goals} in {path}"
    )
    print(line.format(**phrases, archived=counts.archived, path=plain(store.label)))
    return EXIT_OK
