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
    """Each contact's gives and takes, with ids. An introduction received from a goal's
    linked contact since they count for it was for the goal (gen.ledger_goals; a contact
    linked to several goals, for the first), and each goal gets one to three more."""
    rng, r, n, today = gen.rng, gen.rng.random, gen.n, gen.today.toordinal()
    kind_pick, weight_pick = (
        words.Picker(rng, words.LEDGER_KIND_WEIGHTS),
        words.Picker(rng, words.LEDGER_WEIGHTS),
    )
    entry, goals_of, for_goals = 0, gen.goals_of, gen.ledger_goals
    for cid in range(1, n + 1):
        met = gen.met_day[cid]
        span = today - met + 1
        goals = goals_of.get(cid)
        for _ in range(int(r() * (2 * _LEDGER_BY_STAGE[gen.stage[cid]] + 1))):
            kind = kind_pick()
            introduced = rng.randint(1, n) if kind == "introduction" else None
            introduced = introduced if introduced != cid else None
            direction = "give" if r() < 0.55 else "take"
            what, on = gen.pick(words.LEDGER_PHRASES[kind]), met + int(r() * span)
            entry += 1
            yield entry, cid, direction, kind, what, weight_pick(), gen.day(on), introduced
            if goals and kind == "introduction" and direction == "take":
                for_goals += [(entry, gid) for gid, since in goals[:1] if on >= since]
        if gen.introducer[cid] is not None:
            # The introducer gave me this contact: an introduction taken, on the day we met.
            what = "introduced me to a new contact"
            entry += 1
            yield entry, gen.introducer[cid], "take", "introduction", what, 2, gen.day(met), cid
    for plan in gen.goals:
        for _ in range(rng.randint(1, 3) if plan.linked else 0):
            cid, since = plan.linked[int(r() * len(plan.linked))]
            introduced = rng.randint(1, n)
            introduced = introduced if introduced != cid else None
            what = gen.pick(words.LEDGER_PHRASES["introduction"])
            entry += 1
            day = gen.day(rng.randint(since, today))
            yield entry, cid, "take", "introduction", what, 3, day, introduced
            for_goals.append((entry, plan.gid))


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
