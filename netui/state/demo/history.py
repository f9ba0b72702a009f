"""The demo contacts' history: attendance, interactions, follow-ups and ledger entries."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from netui.state import demo_words as words

if TYPE_CHECKING:
    from netui.state.demo.generator import _Generator as Generator

# Mean interactions and ledger entries per stage: weighted by the stages' shares
# (netui.state.demo.people) they average ~10 and ~5 per contact, so L (100k
# contacts) has ~1M and ~500k rows.
_INTERACTIONS_BY_STAGE = (4, 10, 18, 30)
_LEDGER_BY_STAGE = (2, 5, 9, 15)


def attendance(gen: Generator) -> Iterator[tuple[object, ...]]:
    rng, r, last_event = gen.rng, gen.rng.random, len(gen.event_day) - 1
    for cid in range(1, gen.n + 1):
        met, met_at = gen.met_day[cid], gen.met_at[cid]
        events = {met_at} if met_at is not None else set()
        if gen.stage[cid] and r() < 0.25:
            # Known people show up at later events (and some at upcoming ones).
            later = (rng.randint(1, last_event) for _ in range(2))
            events |= {e for e in later if gen.event_day[e] > met}
            if gen.upcoming and r() < 0.2:
                events.add(rng.choice(gen.upcoming))
        for event in sorted(events):
            yield cid, event, int(event != met_at), gen.now


def interactions(gen: Generator) -> Iterator[tuple[object, ...]]:
    rng, r, days, today = gen.rng, gen.rng.random, gen.days, gen.today.toordinal()
    kind_pick, times = words.Picker(rng, words.INTERACTION_KIND_WEIGHTS), len(words.TIMES)
    for cid in range(1, gen.n + 1):
        met = gen.met_day[cid]
        span = today - met + 1
        first = f"{days[met]} {words.TIMES[int(r() * times)]}"
        yield cid, first, "meeting", "me", "first met", gen.met_at[cid]
        count = rng.randint(0, 2 * (_INTERACTIONS_BY_STAGE[gen.stage[cid]] - 1))
        moments = sorted((met + int(r() * span), int(r() * times)) for _ in range(count))
        for day, time in moments:
            who = "me" if r() < 0.6 else "them"
            summary = gen.maybe(0.8, words.INTERACTION_SUMMARIES)
            yield cid, f"{days[day]} {words.TIMES[time]}", kind_pick(), who, summary, None


def ledger(gen: Generator) -> Iterator[tuple[object, ...]]:
    rng, r, n, today = gen.rng, gen.rng.random, gen.n, gen.today.toordinal()
    kind_pick, weight_pick = (
        words.Picker(rng, words.LEDGER_KIND_WEIGHTS),
        words.Picker(rng, words.LEDGER_WEIGHTS),
    )
    for cid in range(1, n + 1):
        met = gen.met_day[cid]
        span = today - met + 1
        for _ in range(int(r() * (2 * _LEDGER_BY_STAGE[gen.stage[cid]] + 1))):
            kind = kind_pick()
            introduced = rng.randint(1, n) if kind == "introduction" else None
            introduced = introduced if introduced != cid else None
            direction = "give" if r() < 0.55 else "take"
            what, day = gen.pick(words.LEDGER_PHRASES[kind]), gen.day(met + int(r() * span))
            yield cid, direction, kind, what, weight_pick(), day, introduced
        if gen.introducer[cid] is not None:
            # The introducer gave me this contact: an introduction taken, on the day we met.
            what = "introduced me to a new contact"
            yield gen.introducer[cid], "take", "introduction", what, 2, gen.day(met), cid


def followup(gen: Generator, cid: int) -> tuple[object, ...]:
    rng, today = gen.rng, gen.today.toordinal()
    met, met_at = gen.met_day[cid], gen.met_at[cid]
    roll, done, snoozed = rng.random(), None, None
    if roll < 0.45:  # done, some time after meeting
        due = min(today - 1, met + rng.randint(1, 30))
        done = gen.at(min(today, due + rng.randint(-3, 5)))
    elif roll < 0.65:  # overdue
        due = max(met, today - rng.randint(1, 30))
    elif roll < 0.87:  # due in the next two weeks
        due = today + rng.randint(0, 14)
    else:
        due = today + rng.randint(15, 90)
    if done is None and rng.random() < 0.12:
        snoozed = gen.day(today + rng.randint(1, 21))
    event = met_at if rng.random() < 0.5 else None
    what, created = gen.pick(words.FOLLOWUP_WHATS), gen.at(met)
    return cid, gen.day(due), what, done, snoozed, event, created
