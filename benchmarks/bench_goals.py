"""Budgets: the goals area with key results for 50 goals on S <= 100 ms; a goal's candidates at L <= 100 ms.

What is timed is what the goals area asks the Store for: `store.goals.summaries()`
(every goal with its key results computed) on S (10k contacts) holding 50 goals, and
`store.goals.candidates(goal)` (the first page of contacts matching a goal's profile
and not linked to it, with their total) at L (100k contacts), for goals whose
profiles take each path of the SQL: a tag, a tag and a stage, a word found by the
trigram index, a word too short for it, a Japanese word, a location, a channel, and
all of them at once. Each is called once after opening (the first call), then the
median, p95 and extremes of --runs more calls are printed against the budget.

The databases are the demo's (`netui demo`, cached as every benchmark caches it:
_common.default_path) copied to a file of this benchmark's own, which gets the
goals below (50 in all at S, the demo's included, each with one to three key
results, slots, links and events); the copy is reused on later runs and --rebuild
makes it again. With --pg URL (or NETUI_TEST_PG_URL) the same is done on a
PostgreSQL database of its own on that server (its user may create databases),
and both engines are timed in the same run.

    .venv/bin/python benchmarks/bench_goals.py [--sizes S L] [--runs 15] [--pg URL] [--explain]

--explain prints each statement of the slowest call with its plan (EXPLAIN QUERY
PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL), to see where the time goes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import random
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import default_path, ensure_database, load_average, p95, timed_ms

SIZES = {"S": 10_000, "L": 100_000}
GOALS_AT_S = 50
SUMMARIES_BUDGET_MS = 100.0
CANDIDATES_BUDGET_MS = 100.0
WARMUP_RUNS = 2
PLAN_LINES = 30
TITLE = "bench goal"

# The profiles the candidates are timed for, one a path of the SQL (netui.state.goals).
CANDIDATE_PROFILES: dict[str, dict[str, Any]] = {
    "tag": {"tags": ("python",)},
    "tags and stage": {"tags": ("fintech", "vc"), "min_stage": "known"},
    "word (trigram)": {"words": ("engineer",)},
    "short word": {"words": ("pm",)},
    "japanese word": {"words": ("エンジニア",)},
    "location": {"location": "東京"},
    "channel and tag": {"channel": "study group", "tags": ("勉強会",)},
    "everything": {
        "tags": ("startup", "python", "ai"),
        "words": ("engineer",),
        "location": "東京",
        "min_stage": "acquainted",
    },
}
# What the 50 goals at S are made of, drawn in turn.
_WORDS = ("engineer", "designer", "founder", "investor", "pm", "エンジニア", "seed funding", "")
_PLACES = ("東京", "Osaka", "", "", "remote")
_STAGES = (None, "acquainted", "known", None)
_CHANNELS = ("", "", "study group", "mixer", "conference")
_RESULTS = (
    ("known_or_trusted", None, True),
    ("new_matching", "month", False),
    ("promoted", None, True),
    ("introductions", "month", False),
    ("events_attended", "week", False),
    ("slots_filled", None, True),
)


def _profile(rng: random.Random, tags: tuple[str, ...]) -> Any:
    from netui.domain.goals import TargetProfile

    word = rng.choice(_WORDS)
    return TargetProfile(
        tags=tuple(rng.sample(tags, rng.randint(1, 3))),
        words=(word,) if word else (),
        channel=rng.choice(_CHANNELS),
        location=rng.choice(_PLACES),
        min_stage=rng.choice(_STAGES),
    )


def _draft(title: str, profile: Any, results: list[Any], by: dt.date) -> Any:
    from netui.domain.goals import GoalDraft

    return GoalDraft(title=title, why="a benchmark goal", target_profile=profile,
                     target_date=by, key_results=tuple(results))  # fmt: skip


def add_goals(store: Any, total: int, extra: dict[str, dict[str, Any]]) -> None:
    """Goals up to `total` in all (each with key results, slots, links and events), then one
    goal per profile of `extra`, titled after it."""
    from netui.domain.goal_progress import KeyResult
    from netui.domain.goals import TargetProfile
    from netui.state import demo_words as words

    rng = random.Random(11)
    today = store.today()
    have = len(store.goals.refs(closed=True))
    with store.session.read() as db:
        contacts = [cid for (cid,) in db.execute_sql("SELECT id FROM contact ORDER BY id")]
        events = [eid for (eid,) in db.execute_sql("SELECT id FROM event ORDER BY id")]
    tags = tuple(words.TAGS)
    for number in range(have + 1, total + 1):
        by = today + dt.timedelta(days=rng.randint(30, 300))
        results = []
        for metric, period, dated in rng.sample(_RESULTS, rng.randint(1, 3)):
            target = rng.randint(3, 30)
            results.append(KeyResult(metric, 0, target, period, by if dated else None))
        slots = [f"wanted person {n}" for n in range(rng.randint(0, 3))]
        goal = store.goals.create(
            _draft(f"{TITLE} {number}", _profile(rng, tags), results, by), slots
        )
        for contact in rng.sample(contacts, 5):
            store.goals.link(goal, contact, rng.choice(("", "investor", "mentor")))
        for slot in store.goals.get(goal).slots[:1]:
            store.goals.fill_slot(slot.id, rng.choice(contacts))
        for event in rng.sample(events, 3):
            store.goals.link_event(goal, event)
    for name, fields in extra.items():
        result = KeyResult("known_or_trusted", 0, 10, None, today + dt.timedelta(days=90))
        store.goals.create(_draft(f"{TITLE}: {name}", TargetProfile(**fields), [result], result.by))


def _prepared(store: Any) -> bool:
    return any(ref.title.startswith(TITLE) for ref in store.goals.refs(closed=True))


def sqlite_target(size: str, rebuild: bool) -> Path:
    """This benchmark's copy of the cached demo of `size`, with its goals."""
    from netui.state import Store

    source = default_path(SIZES[size])
    ensure_database(source, SIZES[size])
    path = source.with_name(source.name.replace("netui-bench-", "netui-bench-goals-"))
    if path.exists() and not rebuild:
        store = Store(path, read_only=True)
        try:
            if _prepared(store):
                print(f"reusing {path}")
                return path
        finally:
            store.close()
    for old in path.parent.glob(path.name + "*"):
        old.unlink()
    for suffix in ("", "-wal"):  # a WAL left beside it holds committed pages too
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{path}{suffix}")
    _prepare(path, size)
    return path


def postgres_target(server: str, size: str, rebuild: bool) -> str:
    """This benchmark's PostgreSQL database of `size` on `server`, with the demo and its goals."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    from netui.state import Store
    from netui.state.demo import generate_demo

    digest = default_path(SIZES[size]).stem.rsplit("-", 1)[-1]
    name = f"netui_bench_goals_{SIZES[size]}_{digest}"
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
        if exists and _prepared(store):
            print(f"reusing the PostgreSQL database {name}")
            return url
        started = time.perf_counter()
        generate_demo(store, contacts=SIZES[size], force=True)
        print(f"built the PostgreSQL database {name} in {time.perf_counter() - started:.1f} s")
    finally:
        store.close()
    _prepare(url, size)
    return url


def _prepare(target: Path | str, size: str) -> None:
    from netui.state import Store

    store = Store(target)
    try:
        started = time.perf_counter()
        if size == "S":
            add_goals(store, GOALS_AT_S, {})
        else:
            add_goals(store, len(store.goals.refs(closed=True)), CANDIDATE_PROFILES)
        goals = len(store.goals.refs(closed=True))
        print(f"  {goals} goals in {target if isinstance(target, Path) else 'the database'}"
              f" ({time.perf_counter() - started:.1f} s)")  # fmt: skip
    finally:
        store.close()


# -- timing -------------------------------------------------------------------------------


def _line(label: str, first: float, times: tuple[list[float], list[float]], budget: float) -> bool:
    wall, cpu = times
    median = statistics.median(wall)
    verdict = "within" if median <= budget else "OVER"
    print(f"  {label:<28} first {first:7.1f} ms; median {median:7.1f} ms, p95 {p95(wall):7.1f},"
          f" min {min(wall):6.1f}, max {max(wall):6.1f}; this process's CPU"
          f" {statistics.median(cpu):6.1f} ms: {verdict}")  # fmt: skip
    return median <= budget


def _first_and_runs(
    call: Callable[[], object], runs: int
) -> tuple[float, tuple[list[float], list[float]]]:
    """The first call's ms, then the wall-clock and CPU ms of each of `runs` calls (the
    CPU this process spent: on a busy machine wall time says as much about the neighbours;
    on PostgreSQL the server's own time is in the wall time only)."""
    [first] = timed_ms(call, 1)
    timed_ms(call, WARMUP_RUNS)
    wall, cpu = [], []
    for _ in range(runs):
        started, spent = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - spent) * 1000)
    return first, (wall, cpu)


def bench_summaries(target: Path | str, engine: str, runs: int, explain: bool) -> bool:
    """Time the goals area's list of goals with their key results."""
    from netui.state import Store

    store = Store(target, read_only=True)
    try:
        goals = store.goals.summaries()
        with_results = sum(1 for goal in goals if goal.key_results)
        results = sum(len(goal.key_results) for goal in goals)
        counts = store.contacts.counts()
        print(f"\nS on {engine}: {counts.contacts:,} live contacts; {len(goals)} goals,"
              f" {with_results} with key results ({results} in all); budget"
              f" {SUMMARIES_BUDGET_MS:.0f} ms")  # fmt: skip
        first, times = _first_and_runs(store.goals.summaries, runs)
        within = _line("summaries()", first, times, SUMMARIES_BUDGET_MS)
        if explain or not within:
            explain_call(store, engine, store.goals.summaries)
        return within
    finally:
        store.close()


def bench_candidates(target: Path | str, engine: str, runs: int, explain: bool) -> bool:
    """Time a goal's candidates for each profile of CANDIDATE_PROFILES."""
    from netui.state import Store

    store = Store(target, read_only=True)
    try:
        counts = store.contacts.counts()
        print(f"\nL on {engine}: {counts.contacts:,} live contacts; candidates(goal), budget"
              f" {CANDIDATES_BUDGET_MS:.0f} ms each")  # fmt: skip
        refs = {ref.title: ref.id for ref in store.goals.refs(closed=True)}
        within = True
        slowest: tuple[float, Callable[[], object] | None] = (0.0, None)
        for name in CANDIDATE_PROFILES:
            goal = refs[f"{TITLE}: {name}"]
            call = lambda goal=goal: store.goals.candidates(goal)  # noqa: E731
            first, times = _first_and_runs(call, runs)
            _found, total = store.goals.candidates(goal)
            ok = _line(f"{name} ({total:,})", first, times, CANDIDATES_BUDGET_MS)
            within = within and ok
            if statistics.median(times[0]) > slowest[0]:
                slowest = (statistics.median(times[0]), call)
        demo = [ref for title, ref in refs.items() if not title.startswith(TITLE)]
        for goal in demo:
            call = lambda goal=goal: store.goals.candidates(goal)  # noqa: E731
            first, times = _first_and_runs(call, runs)
            title = store.goals.get(goal).draft.title
            _found, total = store.goals.candidates(goal)
            within = _line(f"demo: {title[:18]} ({total:,})", first, times,
                           CANDIDATES_BUDGET_MS) and within  # fmt: skip
        if (explain or not within) and slowest[1] is not None:
            explain_call(store, engine, slowest[1])
        return within
    finally:
        store.close()


class _Statements(logging.Handler):
    """Collects the statements peewee runs (its debug log: the SQL and its parameters)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: list[tuple[str, tuple[Any, ...]]] = []

    def emit(self, record: logging.LogRecord) -> None:
        # peewee logs `logger.debug((sql, params))`: the pair is the record's message.
        if isinstance(record.msg, tuple) and len(record.msg) == 2:
            sql, params = record.msg
            self.seen.append((str(sql), tuple(params or ())))


def explain_call(store: Any, engine: str, call: Callable[[], object]) -> None:
    """Print each statement `call` runs, slowest first, with its time and plan."""
    logger = logging.getLogger("peewee")
    handler = _Statements()
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        call()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    timed = []
    with store.session.read() as db:
        for sql, params in handler.seen:
            started = time.perf_counter()
            db.execute_sql(sql, params).fetchall()
            timed.append(((time.perf_counter() - started) * 1000, sql, params))
        timed.sort(key=lambda item: -item[0])
        print(f"  statements of the slowest call, slowest first ({len(timed)} in all):")
        for ms, sql, params in timed[:3]:
            print(f"    {ms:7.1f} ms  {sql[:600]}{' ...' if len(sql) > 600 else ''}")
            print(f"               params {params[:12]}")
            prefix = "EXPLAIN ANALYZE " if engine == "postgres" else "EXPLAIN QUERY PLAN "
            plan = [str(row[-1]) for row in db.execute_sql(prefix + sql, params).fetchall()]
            for line in plan[:PLAN_LINES]:
                print(f"               | {' '.join(line.split())}")
            if len(plan) > PLAN_LINES:
                print(f"               | ... ({len(plan) - PLAN_LINES} more lines)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", choices=tuple(SIZES), default=list(SIZES))
    parser.add_argument("--runs", type=int, default=15, help="measured calls per figure")
    parser.add_argument("--pg", metavar="URL", default=os.environ.get("NETUI_TEST_PG_URL"),
                        help="a PostgreSQL server whose user may create databases"
                             " (default: $NETUI_TEST_PG_URL)")  # fmt: skip
    parser.add_argument("--rebuild", action="store_true", help="make the benchmark's copies again")
    parser.add_argument("--explain", action="store_true", help="print the slowest call's plans")
    args = parser.parse_args()

    engines: list[tuple[str, Callable[[str], Path | str]]] = [
        ("sqlite", lambda size: sqlite_target(size, args.rebuild))
    ]
    if args.pg:
        engines.append(("postgres", lambda size: postgres_target(args.pg, size, args.rebuild)))
    verdicts = {}
    for engine, target_of in engines:
        for size in args.sizes:
            target = target_of(size)
            bench = bench_summaries if size == "S" else bench_candidates
            verdicts[f"{size} {engine}"] = bench(target, engine, args.runs, args.explain)
    print(f"\n{load_average()}")
    print("verdict: " + ", ".join(
        f"{name} {'within' if ok else 'OVER'}" for name, ok in verdicts.items()
    ))  # fmt: skip


if __name__ == "__main__":
    main()
