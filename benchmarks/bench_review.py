"""Budget: the weekly review is computed in <= 100 ms on S (10k contacts) and <= 300 ms on L (100k).

What is timed is `Store.weekly_review()` for this week, as the review area and
`netui review` call it (limit 100), on demo databases from `generate_demo`: the
first call after opening the database, then the median, p95 and extremes of
--runs more calls. Each section's query is then timed on its own (by calling
the Store's section methods, whatever their current arguments), to show where
the time goes; their sum can differ a little from the whole, which runs in one
read transaction.

Each database is built once and cached in the temp directory under a name that
carries a digest of the schema, so a schema change builds a new one; --s/--l
name other files to build or reuse, --rebuild replaces their data.

With --key-results each size is timed again on a copy of its database (kept beside
it, "-goals" added to its name) whose goals are as the goals area makes them: three
key results each (known or trusted by a date, new matching people a month, filled
slots), a profile of tags (and a word, for half of them), and set half a year ago, so the review's
90-day question (`store.goals.quiet()`) has every active goal to weigh. The demo's
own goals have tags and a target count only.

    .venv/bin/python benchmarks/bench_review.py [--sizes S L] [--runs 15] [--s PATH] [--l PATH]
        [--key-results]
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import default_path, ensure_database, load_average, p95, timed_ms

SIZES = {"S": (10_000, 100.0), "L": (100_000, 300.0)}
LIMIT = 100
WARMUP_RUNS = 2
# Past weeks timed beside this one: last week, and a month back.
PAST_WEEKS = (1, 4)
# The review service's section methods (`store.review`), in the review's order; timed
# one by one when present.
SECTIONS = (
    ("overdue", "_overdue"),
    ("followups", "_due_followups"),
    ("reciprocity", "_reciprocity"),
    ("new_contacts", "_new_contacts"),
    ("upcoming_events", "_upcoming"),
    ("goals", "_goals"),
    ("goal_questions", "_goal_questions"),
    ("activity", "_activity"),
    ("completed", "record"),
    ("streak weeks", "_completed_weeks"),
    ("recent_reviews", "recent"),
)


def section_call(store: Any, method: str, today: dt.date) -> Callable[[], object] | None:
    """A call of one section method with its arguments bound by name, or None if it cannot be."""
    from netui.domain.review import week_bounds

    function = getattr(store.review, method, None)
    if function is None:
        return None
    start, end = week_bounds(today)
    known = {"ref": today, "day": today, "end": end, "start": start, "week_start": start}
    known["limit"] = LIMIT
    kwargs = {}
    for name, parameter in inspect.signature(function).parameters.items():
        if name in known:
            kwargs[name] = known[name]
        elif parameter.default is inspect.Parameter.empty:
            return None
    return lambda: function(**kwargs)


# The word each goal's profile adds (a role every demo size has), by goal id.
GOAL_WORDS = (
    "engineer",
    "founder",
    "investor",
    "designer",
    "consultant",
    "CEO",
    "研究員",
    "弁護士",
)


def with_key_results(path: Path) -> Path:
    """A copy of the demo database at `path` whose goals have key results and a word each.

    Made once beside it ("-goals" added to its name) and reused; the goals are changed
    through the Store as the goals area changes them, then dated half a year back.
    """
    import dataclasses
    import sqlite3

    from netui.data.models import Goal
    from netui.domain.goal_progress import KeyResult
    from netui.state import Store

    copy = path.with_name(f"{path.stem}-goals{path.suffix}")
    if copy.exists() and copy.stat().st_mtime >= path.stat().st_mtime:
        print(f"reusing {copy}")
        return copy
    copy.unlink(missing_ok=True)
    with sqlite3.connect(path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    store = Store(copy)
    try:
        today = store.today()
        for goal in store.goals.summaries():
            draft = store.goals.get(goal.id).draft
            # Half the goals add a word to their tags; the others keep tags alone, as a
            # goal from before profiles were criteria does.
            words = (GOAL_WORDS[goal.id % len(GOAL_WORDS)],) if goal.id % 2 == 0 else ()
            profile = dataclasses.replace(draft.target_profile, words=words)
            results = (
                KeyResult("known_or_trusted", 0, draft.target_count or 5,
                          by=today + dt.timedelta(days=200)),
                KeyResult("new_matching", 0, 3, period="month"),
                KeyResult("slots_filled", 0, 2),
            )  # fmt: skip
            store.goals.update(
                goal.id,
                dataclasses.replace(draft, target_profile=profile, key_results=results),
            )
        long_ago = dt.datetime.combine(today - dt.timedelta(days=180), dt.time())
        with store.db.atomic():
            Goal.update(created_at=long_ago, updated_at=long_ago).execute()
    finally:
        store.close()
    print(f"made {copy}: every goal with three key results, set 180 days ago")
    return copy


def bench(size: str, path: Path, runs: int) -> bool:
    """Time the review on one database; True when the median is within its budget."""
    from netui.state import Store

    contacts, budget = SIZES[size]
    store = Store(path)
    try:
        today = store.today()
        counts = store.contacts.counts()
        print(f"\n{size}: {path} ({counts.contacts:,} live contacts,"
              f" {counts.interactions:,} interactions, {counts.ledger_entries:,} ledger entries,"
              f" {counts.events:,} events), reviewing the week of {today}")  # fmt: skip

        started = time.perf_counter()
        review = store.review.week(today, limit=LIMIT)
        first = (time.perf_counter() - started) * 1000
        totals = ", ".join(
            f"{name} {getattr(review, name).total}"
            for name in ("overdue", "followups", "reciprocity", "new_contacts", "upcoming_events")
        )
        print(f"  sections: {totals}, goals {len(review.goals)}"
              f" ({sum(len(goal.key_results) for goal in review.goals)} key results),"
              f" goal questions {len(review.goal_questions)},"
              f" this week {review.activity.this_week} interactions")  # fmt: skip

        timed_ms(lambda: store.review.week(today, limit=LIMIT), WARMUP_RUNS)
        times = timed_ms(lambda: store.review.week(today, limit=LIMIT), runs)
        median = statistics.median(times)
        verdict = "within" if median <= budget else "OVER"
        print(f"  weekly_review(limit={LIMIT}): first call after opening {first:.1f} ms;"
              f" {runs} runs: median {median:.1f} ms, p95 {p95(times):.1f} ms,"
              f" min {min(times):.1f} ms, max {max(times):.1f} ms")  # fmt: skip
        print(f"  budget {budget:.0f} ms: {verdict} at the median")
        within = median <= budget
        # A past week (`[` in the area, --week): computed as of its Sunday, the ledger
        # as it stood then, which costs more the further back the week is.
        for weeks_back in PAST_WEEKS:
            day = today - dt.timedelta(weeks=weeks_back)
            timed_ms(lambda day=day: store.review.week(day, limit=LIMIT), WARMUP_RUNS)
            past = timed_ms(lambda day=day: store.review.week(day, limit=LIMIT), runs)
            past_median = statistics.median(past)
            past_verdict = "within" if past_median <= budget else "OVER"
            within = within and past_median <= budget
            print(f"  {weeks_back} week(s) back: median {past_median:.1f} ms,"
                  f" p95 {p95(past):.1f} ms: {past_verdict}")  # fmt: skip

        print(f"  per section, median of {runs}:")
        parts = 0.0
        for label, method in SECTIONS:
            call = section_call(store, method, today)
            if call is None:
                print(f"    {label:<16} (no {method} with known arguments)")
                continue
            section = statistics.median(timed_ms(call, runs))
            parts += section
            print(f"    {label:<16} {section:8.2f} ms")
        print(f"    {'sum':<16} {parts:8.2f} ms")
        return within
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", choices=tuple(SIZES), default=list(SIZES))
    parser.add_argument("--s", type=Path, metavar="PATH", help="the S database to build or reuse")
    parser.add_argument("--l", type=Path, metavar="PATH", help="the L database to build or reuse")
    parser.add_argument("--rebuild", action="store_true", help="replace the databases' data")
    parser.add_argument("--runs", type=int, default=15, help="measured reviews per size")
    parser.add_argument(
        "--key-results",
        action="store_true",
        help="time each size again with goals that have key results (see above)",
    )
    args = parser.parse_args()

    verdicts = {}
    for size in args.sizes:
        path = getattr(args, size.lower()) or default_path(SIZES[size][0])
        ensure_database(path, SIZES[size][0], args.rebuild)
        verdicts[size] = bench(size, path, args.runs)
        if args.key_results:
            goals = f"{size} with key results"
            verdicts[goals] = bench(size, with_key_results(path), args.runs)
    print(f"\n{load_average()}")
    print("verdict: " + ", ".join(
        f"{size} {'within' if ok else 'OVER'}" for size, ok in verdicts.items()
    ))  # fmt: skip


if __name__ == "__main__":
    main()
