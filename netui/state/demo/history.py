"""The demo contacts' history: attendance, interactions, follow-ups and ledger entries (some
traced to the event where the contact was met)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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
    """Each contact's attendance rows: (contact, event, known before, status, created at).

    Met at an event: present there, not known before. Some known people are seen at later
    events they were expected at (present) or not (absent), and are expected at upcoming
    ones; people met at a series' event come back to some of its later ones (its
    regulars), and are expected at its next. An event skipped or cancelled has nobody.
    """
    rng, r, last_event = gen.rng, gen.rng.random, len(gen.event_day) - 1
    status_of, series_of, series_events = gen.event_status, gen.event_series, gen.series_events
    for cid in range(1, gen.n + 1):
        met, met_at = gen.met_day[cid], gen.met_at[cid]
        rows: dict[int, str] = {}
        if gen.stage[cid] and r() < 0.25:
            # Known people show up at later events (and some at upcoming ones).
            later = [rng.randint(1, last_event) for _ in range(2)]
            if gen.upcoming and r() < 0.2:
                later.append(rng.choice(gen.upcoming))
            for event in later:
                if gen.event_day[event] > met:
                    rows[event] = _known_status(status_of[event], r)
        if met_at is not None and series_of[met_at] and r() < 0.35:
            # A regular: back at one to four of the series' later events.
            events = series_events[series_of[met_at]]
            after = events[events.index(met_at) + 1 :]
            for event in rng.sample(after, min(len(after), rng.randint(1, 4))):
                rows[event] = _known_status(status_of[event], r)
        if met_at is not None:
            rows[met_at] = "met"
        for event in sorted(rows):
            status = rows[event]
            if status == "met":
                yield cid, event, 0, "present", gen.now
            elif status:
                yield cid, event, 1, status, gen.now


def _known_status(event_status: str, r: Callable[[], float]) -> str:
    """How a known contact is at an event of that status: expected at an upcoming one, there
    or (now and then) absent at one attended, "" (not at all) at one that did not happen."""
    if event_status in ("idea", "planned", "registered"):
        return "expected"
    if event_status == "attended":
        return "absent" if r() < 0.15 else "present"
    return ""


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
        met, met_at = gen.met_day[cid], gen.met_at[cid]
        span = today - met + 1
        goals = goals_of.get(cid)
        # Met at an event: now and then the first give or take was there, that day.
        at_event = met_at is not None and r() < 0.4
        for _ in range(int(r() * (2 * _LEDGER_BY_STAGE[gen.stage[cid]] + 1))):
            kind = kind_pick()
            introduced = rng.randint(1, n) if kind == "introduction" else None
            introduced = introduced if introduced != cid else None
            direction = "give" if r() < 0.55 else "take"
            what, on = gen.pick(words.LEDGER_PHRASES[kind]), met + int(r() * span)
            event = met_at if at_event else None
            if at_event:
                on, at_event = met, False
            entry += 1
            yield entry, cid, direction, kind, what, weight_pick(), gen.day(on), introduced, event
            if goals and kind == "introduction" and direction == "take":
                for_goals += [(entry, gid) for gid, since in goals[:1] if on >= since]
        if gen.introducer[cid] is not None:
            # The introducer gave me this contact: an introduction taken, on the day we met.
            what = "introduced me to a new contact"
            entry += 1
            that_day = gen.day(met)
            yield entry, gen.introducer[cid], "take", "introduction", what, 2, that_day, cid, None
    for plan in gen.goals:
        for _ in range(rng.randint(1, 3) if plan.linked else 0):
            cid, since = plan.linked[int(r() * len(plan.linked))]
            introduced = rng.randint(1, n)
            introduced = introduced if introduced != cid else None
            what = gen.pick(words.LEDGER_PHRASES["introduction"])
            entry += 1
            day = gen.day(rng.randint(since, today))
            yield entry, cid, "take", "introduction", what, 3, day, introduced, None
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
