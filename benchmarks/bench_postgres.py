"""Budgets on PostgreSQL, against SQLite in the same run: the filter keystroke, the review, the demo.

Issue budgets (DESIGN.md, Budgets): the weekly review at S on PostgreSQL <= 150 ms;
`netui demo` at L on PostgreSQL <= 120 s; another netui hears a commit within
a second (the notice, timed from the command's start to the listener's
callback, on a scratch database of its own). The filter keystroke's budget (at
L within 1.5x of SQLite's) is for a keystroke to the rows drawn, timed in a
terminal by bench_postgres_app.py; here its Store part alone is timed (count
and first page), the engines' difference undiluted by drawing. The same seeded demo is on both
engines: SQLite's the cached file every benchmark shares (_common.default_path),
PostgreSQL's a database on the server SERVER_URL names (its user may create
databases), built when missing and reused after (named after the size and the
schema digest, as the file is); --rebuild builds it again and times the demo.

    .venv/bin/python benchmarks/bench_postgres.py SERVER_URL [--contacts N] [--rounds 5] [--rebuild]

`scripts/pg-cluster start DIR` prints a throwaway local server's URL.
"""

from __future__ import annotations

import argparse
import statistics
import time
from urllib.parse import urlsplit, urlunsplit

from _common import default_path, ensure_database, load_average
from bench_filter import KEYSTROKES, PAGE

REVIEW_BUDGET_MS = 150.0
DEMO_BUDGET_S = 120.0
NOTICE_BUDGET_MS = 1000.0


def _database_url(server: str, name: str) -> str:
    return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))


def ensure_postgres(server: str, contacts: int, rebuild: bool) -> str:
    """The URL of the benchmark's PostgreSQL database, with the demo in it."""
    import psycopg

    from netui.state import Store
    from netui.state.demo import generate_demo

    name = f"netui_bench_{contacts}_{default_path(contacts).stem.rsplit('-', 1)[-1]}"
    with psycopg.connect(server, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    url = _database_url(server, name)
    if exists:
        print(f"reusing {url}")
        return url
    store = Store(url)
    try:
        started = time.perf_counter()
        summary = generate_demo(store, contacts=contacts)
        took = time.perf_counter() - started
    finally:
        store.close()
    verdict = "within" if took <= DEMO_BUDGET_S else "OVER"
    print(f"built {url}: {summary.contacts:,} contacts, {summary.interactions:,} interactions"
          f" in {took:.1f} s (budget at L: {DEMO_BUDGET_S:.0f} s; {verdict})")  # fmt: skip
    return url


def keystrokes(target: object, rounds: int) -> list[float]:
    """Every keystroke's time (count + first page), typed `rounds` times."""
    from netui.state import ContactQuery, Store

    store = Store(target)  # type: ignore[arg-type]
    times = []
    try:
        for _ in range(rounds):
            for key in KEYSTROKES:
                query = ContactQuery(text=key)
                started = time.perf_counter()
                store.contacts.count(query)
                store.contacts.page(query, 0, PAGE)
                times.append((time.perf_counter() - started) * 1000)
    finally:
        store.close()
    return times


def reviews(target: object, rounds: int) -> list[float]:
    """The weekly review's time, computed `rounds` times."""
    from netui.state import Store

    store = Store(target)  # type: ignore[arg-type]
    try:
        store.review.week()  # the first compiles the prepared statements
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            store.review.week()
            times.append((time.perf_counter() - started) * 1000)
        return times
    finally:
        store.close()


def notices(server: str, rounds: int) -> tuple[list[float], list[float]]:
    """(command, heard) times in ms: one netui archives and restores a contact
    `rounds` times each; `heard` is from the command's start to the moment the
    other netui's watcher passes the notice on."""
    import threading

    import psycopg

    from netui.domain.records import ContactDraft
    from netui.state import Store

    name = "netui_bench_notices"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = _database_url(server, name)
    writer, listener = Store(url), Store(url)
    contact = writer.contacts.create(ContactDraft(name="Kato Sora"))
    heard = threading.Event()
    # Returns once the watcher listens, so every commit after it is heard.
    stop = listener.watch_elsewhere(lambda topics: heard.set(), lambda reachable: None)
    assert stop is not None, "PostgreSQL's engine always watches"
    commands, latencies = [], []
    try:
        for round_ in range(rounds * 2):
            heard.clear()
            started = time.perf_counter()
            writer.contacts.archive(contact, archived=round_ % 2 == 0)
            commands.append((time.perf_counter() - started) * 1000)
            if not heard.wait(5):
                raise SystemExit("no notice heard within 5 s")
            latencies.append((time.perf_counter() - started) * 1000)
    finally:
        stop()
        writer.close()
        listener.close()
    return commands, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("server", help="a PostgreSQL URL whose user may create databases")
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="build the PostgreSQL demo again")
    args = parser.parse_args()
    path = default_path(args.contacts)
    ensure_database(path, args.contacts)
    url = ensure_postgres(args.server, args.contacts, args.rebuild)

    on_sqlite = keystrokes(path, args.rounds)
    on_postgres = keystrokes(url, args.rounds)
    left, right = statistics.median(on_sqlite), statistics.median(on_postgres)
    ratio = right / left
    print(
        f"\nfilter keystroke at {args.contacts:,} contacts ({len(KEYSTROKES)} keys x {args.rounds}):"
    )
    print(f"  SQLite median {left:.1f} ms, max {max(on_sqlite):.1f} ms")
    print(f"  PostgreSQL median {right:.1f} ms, max {max(on_postgres):.1f} ms")
    print(f"  ratio {ratio:.2f}x (the Store's part; the 1.5x budget is in a terminal: bench_postgres_app.py)")  # fmt: skip

    review_sqlite = statistics.median(reviews(path, args.rounds))
    review_postgres = statistics.median(reviews(url, args.rounds))
    verdict = "within" if review_postgres <= REVIEW_BUDGET_MS else "OVER"
    print(f"\nweekly review at {args.contacts:,} contacts: SQLite median {review_sqlite:.1f} ms,"
          f" PostgreSQL median {review_postgres:.1f} ms"
          f" (budget at S: {REVIEW_BUDGET_MS:.0f} ms; {verdict})")  # fmt: skip

    commands, heard = notices(args.server, args.rounds)
    verdict = "within" if max(heard) <= NOTICE_BUDGET_MS else "OVER"
    print(f"\nchange notice ({len(heard)} commits): command median {statistics.median(commands):.1f} ms;"
          f" heard by another netui median {statistics.median(heard):.1f} ms,"
          f" max {max(heard):.1f} ms (budget: {NOTICE_BUDGET_MS:.0f} ms; {verdict})")  # fmt: skip
    print(f"\n{load_average()}")


if __name__ == "__main__":
    main()
