"""`netui demo`: fill a database with made-up contacts, events and history to try netui on."""

from __future__ import annotations

import argparse
from typing import Any

from netui.cli.common import EXIT_OK, db_target, open_store, user_config
from netui.cli.parser import CommandLine, positive_int, whole_number


def register(cli: CommandLine) -> None:
    """Add `netui demo`."""
    demo = cli.add_command(
        "demo",
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
        type=whole_number,
        default=1,
        metavar="S",
        help="random seed: the same seed makes the same data (default: 1)",
    )
    demo.add_argument(
        "--force",
        action="store_true",
        help="replace every record of a database that is not empty with the demo",
    )
    demo.set_defaults(run=run_demo)


def _demo_size(text: str) -> int:
    value = positive_int(text)
    # Ten times the largest size the benchmarks use; more is surely a typo.
    if value > 1_000_000:
        raise argparse.ArgumentTypeError(f"expected at most 1000000, not {value}")
    return value


def run_demo(args: argparse.Namespace) -> int:
    """Make the demo data and print one line saying what was made, where, and how fast."""
    import time

    from netui.state.demo import generate_demo

    config = user_config()
    store = open_store(db_target(args), config, create=True)
    try:
        started = time.perf_counter()
        # A database that holds records is refused with a DemoError, whose
        # message names the file and the way out (--force).
        summary = generate_demo(store, contacts=args.contacts, seed=args.seed, force=args.force)
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
