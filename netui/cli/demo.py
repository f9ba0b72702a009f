"""`netui demo`: fill a database with made-up contacts, events and history to try netui on."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from netui.cli.common import EXIT_OK, db_target, open_store, user_config
from netui.cli.parser import CommandLine, positive_int, whole_number
from netui.i18n import _, ngettext

DEFAULT_CONTACTS = 200
DEFAULT_SEED = 1
# Ten times the largest size the benchmarks use; more is surely a typo.
MAX_CONTACTS = 1_000_000


def register(cli: CommandLine) -> None:
    """Add `netui demo`."""
    demo = cli.add_command(
        "demo",
        help=_("fill the database with made-up contacts to try netui on"),
        description=_(
            "Fill the database with made-up contacts, events and history. "
            "Refuses a database that already holds records unless --force is given."
        ),
    )
    demo.add_argument(
        "--contacts",
        type=_demo_size,
        default=DEFAULT_CONTACTS,
        metavar="N",
        help=_("how many contacts to make (default: {count})").format(count=DEFAULT_CONTACTS),
    )
    demo.add_argument(
        "--seed",
        type=whole_number,
        default=DEFAULT_SEED,
        metavar="S",
        help=_("random seed: the same seed makes the same data (default: {seed})").format(
            seed=DEFAULT_SEED
        ),
    )
    demo.add_argument(
        "--force",
        action="store_true",
        help=_("replace every record of a database that is not empty with the demo"),
    )
    demo.set_defaults(run=run_demo)


def _demo_size(text: str) -> int:
    value = positive_int(text)
    if value > MAX_CONTACTS:
        raise argparse.ArgumentTypeError(
            _("expected at most {limit}, not {value}").format(limit=MAX_CONTACTS, value=value)
        )
    return value


def run_demo(args: argparse.Namespace) -> int:
    """Make the demo data and print one line saying what was made, where, and how fast."""
    import time

    from netui.cli.output import progress_bar
    from netui.state.demo import generate_demo

    config = user_config()
    store = open_store(db_target(args), config, create=True)
    try:
        started = time.perf_counter()
        # A database that holds records is refused with a DemoError, whose
        # message names the file and the way out (--force).
        with progress_bar(_("demo"), step_phrases()) as progress:
            summary = generate_demo(
                store, contacts=args.contacts, seed=args.seed, force=args.force, progress=progress
            )
        took = time.perf_counter() - started
    finally:
        store.close()
    made = ", ".join(_made(name, n) for name, n in _counts(summary) if name not in INTERNAL)
    print(
        _("demo: made {counts} in {path} ({seconds} s)").format(
            counts=made, path=store.label, seconds=f"{took:.1f}"
        )
    )
    return EXIT_OK


def step_phrases() -> dict[str, str]:
    """Per step the demo reports (netui.state.demo: STEPS, FINISHING), what its progress bar says."""
    return {
        "tags": _("tags and goals"),
        "events": _("events"),
        "contacts": _("contacts"),
        "attendance": _("attendance"),
        "interactions": _("interactions"),
        "followups": _("follow-ups"),
        "ledger": _("ledger"),
        "reviews": _("reviews"),
        "indexes": _("indexes"),
        "due_dates": _("due dates"),
        "balances": _("give and take balances"),
        "statistics": _("statistics"),
        "key_results": _("goals' targets"),
        "done": _("done"),
    }


def table_phrases() -> dict[str, Callable[[int], str]]:
    """Per record the demo's summary names (a field of DemoSummary), its count as words.

    The summary speaks of what a person will find in netui: contacts, tags, events, series,
    attendances, interactions, follow-ups, ledger entries, goals with their key results
    and wanted people, and reviews. The
    rows that only join or index those (INTERNAL) are left out.
    """
    return {
        "contacts": lambda n: ngettext("{count} contact", "{count} contacts", n),
        "tags": lambda n: ngettext("{count} tag", "{count} tags", n),
        "events": lambda n: ngettext("{count} event", "{count} events", n),
        "series": lambda n: ngettext("{count} series", "{count} series", n),
        "attendances": lambda n: ngettext("{count} attendance", "{count} attendances", n),
        "interactions": lambda n: ngettext("{count} interaction", "{count} interactions", n),
        "followups": lambda n: ngettext("{count} follow-up", "{count} follow-ups", n),
        "ledger_entries": lambda n: ngettext("{count} ledger entry", "{count} ledger entries", n),
        "goals": lambda n: ngettext("{count} goal", "{count} goals", n),
        "key_results": lambda n: ngettext("{count} key result", "{count} key results", n),
        "slots": lambda n: ngettext("{count} wanted person", "{count} wanted people", n),
        "reviews": lambda n: ngettext("{count} completed review", "{count} completed reviews", n),
    }


# The summary's fields that count rows joining or indexing the records above, and
# the stage history, which only goals' progress reads.
INTERNAL = frozenset(
    {
        "contact_tags",
        "goal_tags",
        "contact_goals",
        "event_goals",
        "ledger_goals",
        "stage_changes",
        "search_rows",
        "short_search_rows",
    }
)


def _made(name: str, count: int) -> str:
    phrase = table_phrases().get(name)
    if phrase is None:
        # A table the demo fills before it has words here still prints, in English;
        # a test holds table_phrases() and INTERNAL to the summary's fields.
        return f"{count} {name.replace('_', ' ')}"
    return phrase(count).format(count=f"{count:,}")


def _counts(summary: Any) -> list[tuple[str, int]]:
    """The (table, count) pairs of a demo summary, in its field order."""
    import dataclasses

    return [(f.name, getattr(summary, f.name)) for f in dataclasses.fields(summary)]
