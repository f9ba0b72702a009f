"""Budget: a quick capture of 5 people is saved, durably, in <= 20 ms on an S database.

An S database (10k contacts and their history, from `generate_demo`) is built once
and kept at --db; each benchmark run works on a copy of it in a temporary directory,
so the cached file stays as the demo made it.

What is timed, each as a wall-clock call on the Store (real clock, the pragmas netui
opens every database with: WAL, synchronous=FULL, so every commit is fsynced):

- `save_capture` of 5 people: 3 new (one with a kanji name, so a reading is guessed),
  2 existing contacts matched by name, with follow-ups, ledger entries, tags, a `via:`
  and an event. Every run saves different new names, so every measured run is a real
  insert-and-commit, never a no-op; the 2 existing contacts gain a note, a follow-up
  and an interaction each run, as they would.
- `preview_capture` of a 20-line capture (what the capture box recomputes as you type)
  and `parse_capture` of the same text alone, against one frame at 60 Hz (16.7 ms).

pykakasi (kanji readings) is built before anything is timed: the first reading in a
process costs ~0.5 s once (see `netui.domain.reading._kakasi`), which the app pays
when the capture box opens, not per save. The warm-up time is printed.

    .venv/bin/python benchmarks/bench_capture.py [--db PATH] [--runs 60]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from _common import (
    current_schema,
    default_path,
    ensure_database,
    load_average,
    p95,
    schema_of,
    timed_ms,
)

BUDGET_MS = 20.0
FRAME_MS = 1000 / 60
WARMUP_RUNS = 3
# Kanji family and given names rare enough that few demo contacts carry them; every
# candidate is still checked against the database before it is used.
KANJI_FAMILIES = (
    "勅使河原",
    "東海林",
    "五十嵐",
    "御手洗",
    "小鳥遊",
    "四月一日",
    "一番ケ瀬",
    "百目鬼",
)
# Given names are two kanji, one from each string: 120 of them, 960 names in all.
KANJI_GIVEN = ("雅千悠朱蒼琴慧凛湊紬柊楓", "之尋真里汰音斗花也美")


def figures(times: list[float]) -> str:
    return (
        f"median {statistics.median(times):6.2f} ms, p95 {p95(times):6.2f} ms,"
        f" min {min(times):6.2f} ms, max {max(times):6.2f} ms"
    )


def existing_names(store: object, count: int) -> list[str]:
    """Names of live contacts that a capture resolves to exactly one contact."""
    from netui.state import Store

    assert isinstance(store, Store)
    today = store.today()
    rows = store.db.execute_sql(
        "SELECT name FROM contact WHERE archived = 0 AND name NOT GLOB '*[^A-Za-z ]*'"
        " GROUP BY name_key HAVING count(*) = 1 ORDER BY id LIMIT 200"
    ).fetchall()
    found = []
    for (name,) in rows:
        try:
            person = store.capture.preview(name, today).people[0]
        except ValueError:  # CaptureError: the name also matches someone by reading
            continue
        if person.contact is not None:
            found.append(name)
        if len(found) == count:
            return found
    raise SystemExit("no unambiguous Latin-script contact names in the database")


def new_kanji_names(store: object) -> Iterator[str]:
    """Kanji names no contact has (by name or by the reading netui would guess)."""
    from netui.state import Store

    assert isinstance(store, Store)
    today = store.today()
    for family, first, second in itertools.product(KANJI_FAMILIES, *KANJI_GIVEN):
        name = f"{family} {first}{second}"
        try:
            if store.capture.preview(name, today).people[0].is_new:
                yield name
        except ValueError:  # CaptureError: several demo contacts have this name
            continue
    raise SystemExit("ran out of new kanji names: use fewer --runs")


def five_people(run: int, kanji: str, known: list[str]) -> str:
    """The 5-person capture of one run: 3 new names unique to the run, 2 existing contacts."""
    return (
        f"Bench{run} Alpha (Acme, designer) #ux #bench; next: fri send the slides\n"
        f"  gave: intro introduced her to {known[0]}\n"
        "  got: advice pricing for the workshop\n"
        f"  via: {known[0]}\n"
        f"{kanji}（アクメ、エンジニア）＃bench\n"
        "　与：情報 勉強会の資料\n"
        "　次：3日後 資料を送る\n"
        f"Bench{run} Gamma (Globex) !pitch; next: 2w coffee; every: 90d\n"
        f"{known[0]}; note: bench run {run}; next: tomorrow call back\n"
        f"{known[1]} #bench; got: info the next meetup's date\n"
    )


def twenty_lines(kanji: str, known: list[str]) -> str:
    """A 20-line capture to preview: 6 people, new and existing, most fields used."""
    text = (
        "Preview Alpha (Acme, designer) #ux #fintech\n"
        f"  gave: intro introduced her to {known[0]}\n"
        "  got: advice pricing for the workshop\n"
        "  next: fri send the slides\n"
        "  every: 90d\n"
        f"  via: {known[0]}\n"
        "  needs: frontend engineer\n"
        "  note: climbs on weekends\n"
        f"{kanji}（アクメ、デザイナー）＃ux\n"
        "　与：紹介 佐藤さんを紹介した\n"
        "　次：金曜 資料を送る\n"
        "　メモ：週末は登山\n"
        "Preview Gamma (Globex) !pitch; next: 2w coffee\n"
        f"{known[0]} #bench\n"
        "  next: tomorrow call back\n"
        f"{known[1]}; got: info the next meetup's date\n"
        "Preview Delta (Initech, CTO)\n"
        "  offers: legal advice\n"
        "  email: delta@example.com\n"
        "  via: Preview Alpha\n"
    )
    assert text.count("\n") == 20
    return text


def filesystem(path: Path) -> str:
    """The type of the filesystem holding `path` (Linux), to tell a real fsync from tmpfs."""
    best, kind = "", "unknown"
    try:
        with open("/proc/mounts", encoding="utf-8") as mounts:
            for line in mounts:
                _, point, fstype, *_ = line.split()
                if str(path.resolve()).startswith(point) and len(point) > len(best):
                    best, kind = point, fstype
    except OSError:
        pass
    return kind


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db",
        type=Path,
        help="the S database to build or reuse (default: a temp file named"
        " after the schema, so a schema change builds a new one)",
    )
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=60, help="measured saves")
    parser.add_argument("--previews", type=int, default=200, help="measured previews and parses")
    parser.add_argument(
        "--workdir", type=Path, help="where the working copy goes (default: the temp dir)"
    )
    args = parser.parse_args()
    args.db = args.db or default_path(args.contacts)
    if args.db.exists() and schema_of(args.db) != current_schema():
        raise SystemExit(f"{args.db} was made by another schema version; pass another --db")
    ensure_database(args.db, args.contacts)

    from netui.domain.capture import parse_capture
    from netui.domain.reading import suggest_reading
    from netui.state import Store

    with tempfile.TemporaryDirectory(prefix="netui-bench-capture-", dir=args.workdir) as folder:
        work = Path(folder) / "netui.db"
        shutil.copyfile(args.db, work)
        print(f"working copy: {work} ({filesystem(work)}; commits fsync: synchronous=FULL)")
        started = time.perf_counter()
        suggest_reading("田中 優希")  # builds pykakasi once, as opening the capture box does
        warm = (time.perf_counter() - started) * 1000
        print(f"pykakasi warmed before timing: {warm:.0f} ms (0 when the demo build did it)")

        store = Store(work)
        try:
            today = store.today()
            known = existing_names(store, 2)
            kanji = new_kanji_names(store)
            contacts = store.contacts.counts().contacts
            event = store.events.create(
                "Bench mixer", dt.datetime.combine(today, dt.time(19)), kind="mixer"
            )
            print(f"database: copy of {args.db} with {contacts:,} live contacts;"
                  f" existing people: {', '.join(known)}")  # fmt: skip

            saves: list[float] = []
            for run in range(WARMUP_RUNS + args.runs):
                text = five_people(run, next(kanji), known)
                began = time.perf_counter()
                result = store.capture.save(text, today, event, thanks=True)
                took = (time.perf_counter() - began) * 1000
                if len(result.created) != 3 or len(result.updated) != 2:
                    raise SystemExit(f"run {run} did not save 3 new + 2 existing: {result}")
                if run >= WARMUP_RUNS:
                    saves.append(took)
            print(f"\nsave_capture, 5 people (3 new incl. kanji, 2 existing), durable commit,"
                  f" {args.runs} runs after {WARMUP_RUNS} unmeasured")  # fmt: skip
            print(f"  {figures(saves)}")
            verdict = "within" if statistics.median(saves) <= BUDGET_MS else "OVER"
            print(f"  budget {BUDGET_MS:.0f} ms: {verdict} at the median,"
                  f" p95 {'within' if p95(saves) <= BUDGET_MS else 'over'}")  # fmt: skip

            text = twenty_lines(next(kanji), known)
            previews = timed_ms(lambda: store.capture.preview(text, today, event), args.previews)
            parses = timed_ms(lambda: parse_capture(text, today), args.previews)
            print(f"\npreview_capture, 20 lines (6 people), {args.previews} runs")
            print(f"  {figures(previews)}")
            print(f"parse_capture alone, same text, {args.previews} runs")
            print(f"  {figures(parses)}")
            frame = statistics.median(previews) / FRAME_MS
            print(f"  one frame at 60 Hz is {FRAME_MS:.1f} ms: the preview takes"
                  f" {frame:.2f} of a frame at the median")  # fmt: skip
        finally:
            store.close()
    print(f"\n{load_average()}")


if __name__ == "__main__":
    main()
