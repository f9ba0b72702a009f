"""Budget: importing a 1,000-event .ics file takes <= 3 s (DESIGN.md, Budgets).

The file is built in a temporary directory: 1,000 VEVENTs over the next months with
mixed zones (Asia/Tokyo and Europe/Berlin TZIDs without VTIMEZONE, a custom TZID with
one, Outlook's "Tokyo Standard Time", UTC's Z, floating times and all-day events),
Japanese and Latin titles, and 20 of them weekly series of 10 dates, so 1,180 events
are saved. What is timed, each the median of --runs:

- read: `read_ics` alone (decoding, the structure scan, icalendar, the expansion);
- import: reading and saving into a fresh database (one transaction, batched inserts,
  the undo journal recording every row), what `netui import ics FILE` does in-process;
- re-import: the same file again, all 1,180 unchanged (it reads and compares, writes
  nothing);
- the command: `netui import ics FILE` as a real process on a fresh database, start-up
  and imports included (what a person waits for).

On SQLite always, and on PostgreSQL when NETUI_TEST_PG_URL (or --pg) names a server (a
database of its own is made and dropped). Wall-clock figures on this machine, with the
process's CPU time beside them.

    .venv/bin/python benchmarks/bench_ics.py [--runs 5] [--pg URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from _common import BIN, load_average

BUDGET_S = 3.0
EVENTS = 1000
SERIES = 20  # of the EVENTS, weekly series of 10 dates
_ZONE_DEFINITION = "\r\n".join(
    [
        "BEGIN:VTIMEZONE",
        "TZID:Bench Custom (UTC+05:30)",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0530",
        "TZOFFSETTO:+0530",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
)


_ZONES = ("Asia/Tokyo", "Europe/Berlin", '"Tokyo Standard Time"', '"Bench Custom (UTC+05:30)"')


def _start(index: int, moment: dt.datetime) -> str:
    """DTSTART and DTEND of event `index`, in one of seven ways of saying a time."""
    way = index % 7
    end = moment + dt.timedelta(hours=2)
    if way == 0:  # UTC
        return f"DTSTART:{moment:%Y%m%dT%H%M%S}Z\r\nDTEND:{end:%Y%m%dT%H%M%S}Z"
    if way == 1:  # floating
        return f"DTSTART:{moment:%Y%m%dT%H%M%S}\r\nDTEND:{end:%Y%m%dT%H%M%S}"
    if way == 6:  # all day
        day, after = moment.date(), moment.date() + dt.timedelta(days=1)
        return f"DTSTART;VALUE=DATE:{day:%Y%m%d}\r\nDTEND;VALUE=DATE:{after:%Y%m%d}"
    zone = _ZONES[way - 2]
    return f"DTSTART;TZID={zone}:{moment:%Y%m%dT%H%M%S}\r\nDTEND;TZID={zone}:{end:%Y%m%dT%H%M%S}"


def build_file(folder: Path, now: dt.datetime) -> Path:
    """The 1,000-VEVENT calendar, dated from a week after `now` on."""
    titles = (
        "Python 勉強会 #{n}",
        "Fintech Mixer {n}",
        "朝活 もくもく会 {n}",
        "Data Conference {n}",
    )
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//netui bench//EN", _ZONE_DEFINITION]
    base = (now + dt.timedelta(days=7)).replace(hour=19, minute=0, second=0, microsecond=0)
    for index in range(EVENTS):
        moment = base + dt.timedelta(days=index % 150, minutes=15 * (index % 4))
        lines += [
            "BEGIN:VEVENT",
            f"UID:bench-{index}@example.com",
            "DTSTAMP:20260101T000000Z",
            f"SUMMARY:{titles[index % 4].format(n=index)}",
            _start(index, moment),
            f"LOCATION:Shibuya Stream {index % 30}F\\, Tokyo",
            f"URL:https://example.com/events/{index}",
            f"DESCRIPTION:Group {index % 40}\\nTalks\\, then drinks.",
        ]
        if index < SERIES:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=10")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    path = folder / "bench.ics"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    return path


def _label(report: object) -> str:
    return "Imported the benchmark's events"


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


@contextmanager
def pg_databases(server: str) -> Iterator[Callable[[], str]]:
    """A maker of fresh databases on `server`, all dropped at the end."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    made: list[str] = []

    def make() -> str:
        name = f"netui_bench_ics_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))

    try:
        yield make
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            for name in made:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def measure(engine: str, fresh: Callable[[], str], path: Path, runs: int) -> None:
    """Print the four figures for one engine."""
    from netui.data.sqlite import close_database
    from netui.interop.ics import read_ics
    from netui.interop.ics_zones import local_zone
    from netui.state import Store

    zone = local_zone()
    data = path.read_bytes()
    now = dt.datetime.now().replace(microsecond=0)
    reads, imports, reimports, commands = [], [], [], []
    saved = 0
    for _run in range(runs):
        reads.append(timed(lambda: read_ics(data, now=now, zone=zone)))
        target = fresh()
        store = Store(target)
        try:

            def first(store: Store = store) -> None:
                nonlocal saved
                report = store.events.save_import(read_ics(data, now=now, zone=zone), _label)
                saved = report.count("create")

            imports.append(timed(first))

            def again(store: Store = store) -> None:
                report = store.events.save_import(read_ics(data, now=now, zone=zone), _label)
                assert report.count("unchanged") == saved, "a re-import changed something"

            reimports.append(timed(again))
        finally:
            store.close()
            close_database()
        target = fresh()
        Store(target).close()
        env = dict(os.environ)
        started = time.perf_counter()
        done = subprocess.run(
            [str(BIN / "netui"), "--db", target, "import", "ics", str(path)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        commands.append((time.perf_counter() - started, 0.0))
        assert done.returncode == 0, done.stderr
    print(f"{engine}: {saved} events saved from {EVENTS} VEVENTs ({SERIES} weekly series of 10)")
    for name, figures in (
        ("read", reads),
        ("import", imports),
        ("re-import (unchanged)", reimports),
        ("netui import ics (process)", commands),
    ):
        wall = statistics.median(w for w, _c in figures)
        cpu = statistics.median(c for _w, c in figures)
        verdict = "ok" if wall <= BUDGET_S else "OVER BUDGET"
        cpu_text = f", cpu {cpu:.2f} s" if cpu else ""
        print(f"  {name:<28} median {wall:.2f} s{cpu_text}  (budget {BUDGET_S:.0f} s: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pg", metavar="URL", default=os.environ.get("NETUI_TEST_PG_URL"))
    args = parser.parse_args()
    print(f"load average: {load_average()}")
    with tempfile.TemporaryDirectory() as folder:
        path = build_file(Path(folder), dt.datetime.now())
        print(f"{path.name}: {path.stat().st_size / 1024:.0f} KiB")
        counter = iter(range(1_000_000))
        measure("sqlite", lambda: str(Path(folder) / f"bench-{next(counter)}.db"), path, args.runs)
        if args.pg:
            with pg_databases(args.pg) as fresh:
                measure("postgres", fresh, path, args.runs)
        else:
            print("postgres: skipped (set NETUI_TEST_PG_URL or --pg URL)")


if __name__ == "__main__":
    main()
