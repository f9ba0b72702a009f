"""Budget: the planner opens, and its channel and series returns compute, within 100 ms on S.

What is timed is what the planner asks the Store for on S (10k contacts, 200k
interactions, 2k events): `store.events.listing()` (every event, upcoming and past, with
its people counts), `store.events.series()` (every series with its regulars and what it
produced), and `store.events.returns(by, since)` for each grouping (kind, channel,
series) over everything and over the last 90 days; then, outside the budget but printed
beside it, the cards of one event: the prep card of the next event ahead and the worth-it
card of the past event with the most people met. Each is called once after opening (the
first call), then the median, p95 and extremes of --runs more calls are printed against
the budget, with this process's CPU beside the wall time.

The database is the demo's (`netui demo`, cached as every benchmark caches it:
_common.default_path) copied to a file of this benchmark's own; when the demo made no
series, the copy gets SERIES of them, holding about half the events (those of the
recurring kinds), so the series and their returns have something to add up. The copy is
reused on later runs and --rebuild makes it again. With --pg URL (or NETUI_TEST_PG_URL)
the same is done on a PostgreSQL database of its own on that server (its user may create
databases), and both engines are timed in the same run.

    .venv/bin/python benchmarks/bench_planner.py [--runs 15] [--pg URL] [--explain]

--explain prints each statement of the slowest call with its plan.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import default_path, ensure_database, load_average, p95, timed_ms
from bench_goals import explain_call

S_CONTACTS = 10_000
BUDGET_MS = 100.0
WARMUP_RUNS = 2


SERIES = 40
# The kinds of events that recur as a series (a study group's monthly meeting, a 朝活).
RECURRING = ("study group", "morning session", "sports/hobby", "mixer")


def add_series(target: Path | str) -> None:
    """Put about half the events into SERIES series, unless the demo made some."""
    from netui.data.models import Event, Series
    from netui.state import Store
    from netui.state.topics import Topic

    store = Store(target)
    try:
        if store.events.series():
            return
        with store.session.write(Topic.EVENTS):
            rows = list(
                Event.select(Event.id, Event.kind)
                .where(Event.kind.in_(RECURRING))
                .order_by(Event.id)
                .tuples()
            )
            now = store.now()
            for number in range(SERIES):
                kind = RECURRING[number % len(RECURRING)]
                series = Series.insert(title=f"bench series {number}", title_key=f"bench series {number}",
                                       organizer=f"organizer {number % 7}", kind=kind,
                                       created_at=now, updated_at=now).execute()  # fmt: skip
                mine = [
                    eid for n, (eid, k) in enumerate(rows) if k == kind and n % SERIES == number
                ]
                Event.update(series=series, organizer=f"organizer {number % 7}").where(
                    Event.id.in_(mine)
                ).execute()
        print(f"  {SERIES} series over {len(rows):,} events of {', '.join(RECURRING)}")
    finally:
        store.close()


def sqlite_target(rebuild: bool) -> Path:
    """This benchmark's copy of the cached S demo, with series."""
    source = default_path(S_CONTACTS)
    ensure_database(source, S_CONTACTS)
    path = source.with_name(source.name.replace("netui-bench-", "netui-bench-planner-"))
    if path.exists() and not rebuild:
        print(f"reusing {path}")
        return path
    for old in path.parent.glob(path.name + "*"):
        old.unlink()
    for suffix in ("", "-wal"):  # a WAL left beside it holds committed pages too
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{path}{suffix}")
    add_series(path)
    return path


def postgres_target(server: str, rebuild: bool) -> str:
    """This benchmark's PostgreSQL database on `server`, holding the S demo."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    from netui.state import Store
    from netui.state.demo import generate_demo

    digest = default_path(S_CONTACTS).stem.rsplit("-", 1)[-1]
    name = f"netui_bench_planner_{S_CONTACTS}_{digest}"
    url = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    with psycopg.connect(server, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    store = Store(url)
    try:
        if exists and store.contacts.counts().contacts:
            print(f"reusing the PostgreSQL database {name}")
            return url
        started = time.perf_counter()
        generate_demo(store, contacts=S_CONTACTS, force=True)
        print(f"built the PostgreSQL database {name} in {time.perf_counter() - started:.1f} s")
    finally:
        store.close()
    add_series(url)
    return url


def _runs(call: Callable[[], object], runs: int) -> tuple[float, list[float], list[float]]:
    """The first call's ms, then the wall-clock and CPU ms of each of `runs` calls."""
    [first] = timed_ms(call, 1)
    timed_ms(call, WARMUP_RUNS)
    wall, cpu = [], []
    for _ in range(runs):
        started, spent = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - spent) * 1000)
    return first, wall, cpu


def _line(label: str, call: Callable[[], object], runs: int, budget: float | None) -> float:
    first, wall, cpu = _runs(call, runs)
    median = statistics.median(wall)
    verdict = "" if budget is None else (": within" if median <= budget else ": OVER")
    print(f"  {label:<34} first {first:7.1f} ms; median {median:7.1f} ms, p95 {p95(wall):7.1f},"
          f" min {min(wall):6.1f}, max {max(wall):6.1f}; this process's CPU"
          f" {statistics.median(cpu):6.1f} ms{verdict}")  # fmt: skip
    return median


def _card_events(store: Any) -> tuple[int | None, int | None]:
    """The next event ahead, and the past event with the most people met."""
    listing = store.events.listing()
    ahead = listing.upcoming[0].id if listing.upcoming else None
    past = max(listing.past, key=lambda row: row.met, default=None)
    return ahead, past.id if past is not None else None


def bench(target: Path | str, engine: str, runs: int, explain: bool) -> bool:
    """Time the planner's reads on one engine; whether every budgeted median is within."""
    from netui.state import Store

    store = Store(target, read_only=True)
    try:
        listing = store.events.listing()
        counts = store.contacts.counts()
        print(f"\nS on {engine}: {counts.contacts:,} live contacts,"
              f" {len(listing.upcoming) + len(listing.past):,} events"
              f" ({len(listing.upcoming)} ahead), {len(store.events.series())} series;"
              f" budget {BUDGET_MS:.0f} ms each")  # fmt: skip
        since = store.today() - dt.timedelta(days=90)
        budgeted: list[tuple[str, Callable[[], object]]] = [
            ("listing()", store.events.listing),
            ("series()", store.events.series),
        ]
        for by in ("kind", "channel", "series"):
            budgeted.append((f"returns({by!r})", lambda by=by: store.events.returns(by)))
            budgeted.append(
                (f"returns({by!r}, 90 days)", lambda by=by: store.events.returns(by, since))
            )
        within, slowest = True, (0.0, budgeted[0][1])
        for label, call in budgeted:
            median = _line(label, call, runs, BUDGET_MS)
            within = within and median <= BUDGET_MS
            slowest = max(slowest, (median, call), key=lambda item: item[0])
        ahead, past = _card_events(store)
        print("  the cards (not budgeted):")
        if ahead is not None:
            _line(f"prep_card(#{ahead})", lambda: store.events.prep_card(ahead), runs, None)
        if past is not None:
            _line(f"worth_card(#{past})", lambda: store.events.worth_card(past), runs, None)
        if explain or not within:
            explain_call(store, engine, slowest[1])
        return within
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="measured calls per figure")
    parser.add_argument("--pg", metavar="URL", default=os.environ.get("NETUI_TEST_PG_URL"),
                        help="a PostgreSQL server whose user may create databases"
                             " (default: $NETUI_TEST_PG_URL)")  # fmt: skip
    parser.add_argument("--rebuild", action="store_true", help="make the benchmark's copies again")
    parser.add_argument("--explain", action="store_true", help="print the slowest call's plans")
    args = parser.parse_args()

    verdicts = {"sqlite": bench(sqlite_target(args.rebuild), "sqlite", args.runs, args.explain)}
    if args.pg:
        target = postgres_target(args.pg, args.rebuild)
        verdicts["postgres"] = bench(target, "postgres", args.runs, args.explain)
    print(f"\n{load_average()}")
    print("verdict: " + ", ".join(
        f"S {name} {'within' if ok else 'OVER'}" for name, ok in verdicts.items()
    ))  # fmt: skip


if __name__ == "__main__":
    main()
