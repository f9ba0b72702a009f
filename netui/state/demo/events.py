"""The demo's events: recurring 会 on their own rhythm, one-off mixers and conferences between
them, each with its status, look back, goals served and, for a few, the calendar it came from.

A series (netui.state.demo_words.SERIES) meets weekly, every other week, on the nth weekday
of every month or of every third month; a series met again in several places has one
instance per place ("Python勉強会", "Python勉強会 大阪"), so every size fills its share of
events (SERIES_SHARE) with series whose events follow the calendar. Each instance's story
says whether it still meets (its next events in the planner), paused a month or two ago,
ended, or is the barren one a person keeps going to. The other events are drawn one by one
as before: days in the two years before the Store's today, a few in the next month, and
always some in the next two weeks, so the review's events section has something to show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netui.domain.reading import name_key
from netui.domain.review import UPCOMING_DAYS
from netui.state import demo_words as words
from netui.state.demo.goals import attended_since, served

if TYPE_CHECKING:
    from netui.state.demo.generator import _Generator as Generator

# Events lie in the 2 years before the store's today and the month after it.
EVENT_DAYS = 730
AHEAD_DAYS = 30
EVENT_KINDS = ("mixer", "study group", "morning session", "conference", "sports/hobby")
# The share of the events that belong to a series.
SERIES_SHARE = 0.6
# The weekdays (Monday 0) each kind of series meets on.
_WEEKDAYS = {"sports/hobby": (5, 6), "conference": (1, 2, 3, 4)}
_WORKDAYS = (0, 1, 2, 3, 4)
# When an event of no series starts, by kind.
_STARTS = {"conference": ("09:30",), "mixer": ("12:00", "18:30", "19:00", "19:00")}
_MONTHS = {"monthly": 1, "quarterly": 3}
_WEEKS = {"weekly": 7, "biweekly": 14}


@dataclass(frozen=True)
class _Planned:
    """An event before it has an id: what it is and, for a series' event, which one."""

    day: int
    title: str
    kind: str
    place: str
    cost: int | None
    start: str  # HH:MM
    organizer: str
    series: int = 0  # the series' id, 0 for none
    story: str = ""
    feed: bool = False


def _shift(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> int:
    """The ordinal of the month's nth (0-3) `weekday`."""
    first = dt.date(year, month, 1)
    return first.toordinal() + (weekday - first.weekday()) % 7 + 7 * nth


def occurrences(every: str, weekday: int, nth: int, until: int, since: int) -> list[int]:
    """The days (ordinals) a series meets in [since, until], latest first: every week or two
    on `weekday`, or on the month's `nth` `weekday` every month or third month."""
    if every in _WEEKS:
        last = until - (dt.date.fromordinal(until).weekday() - weekday) % 7
        return list(range(last, since - 1, -_WEEKS[every]))
    end = dt.date.fromordinal(until)
    year, month = end.year, end.month
    if _nth_weekday(year, month, weekday, nth) > until:
        year, month = _shift(year, month, -1)
    days = []
    while (day := _nth_weekday(year, month, weekday, nth)) >= since:
        days.append(day)
        year, month = _shift(year, month, -_MONTHS[every])
    return days


def _instance_title(spec: words.DemoSeries, round_: int) -> tuple[str, str]:
    """The title and place of the series' instance of that round: the first is the series
    itself, the next ones meet in the places of SERIES_PLACES."""
    if round_ == 0:
        return spec.title, spec.place
    places = words.SERIES_PLACES
    place = places[(round_ - 1) % len(places)]
    lap = (round_ - 1) // len(places)
    return f"{spec.title} {place}" + (f" {lap + 1}" if lap else ""), place


def plan_series(gen: Generator, budget: int) -> list[_Planned]:
    """The series' events, at most `budget` of them (each series has three past events or
    more, but in a tiny demo), and the series rows in gen.series_rows; records each
    series' story."""
    rng, today = gen.rng, gen.today.toordinal()
    since = today - EVENT_DAYS
    per = max(3, budget // len(words.SERIES))
    # A tiny demo has one short series rather than none.
    least = 3 if budget >= 8 else 1
    planned: list[_Planned] = []
    remaining = budget
    index = 0
    while remaining >= least + 1:
        spec = words.SERIES[index % len(words.SERIES)]
        title, place = _instance_title(spec, index // len(words.SERIES))
        index += 1
        weekday = rng.choice(_WEEKDAYS.get(spec.kind, _WORKDAYS))
        nth = rng.randrange(4)
        story = spec.story or ("ongoing" if rng.random() < 0.7 else "ended")
        if story in ("ongoing", "barren"):
            until = today + AHEAD_DAYS
        elif story == "paused":
            until = today - rng.randint(35, 75)
        else:
            until = today - rng.randint(30, 400)
        days = occurrences(spec.every, weekday, nth, until, since)
        # Planned a few ahead: the next one or two, not a month of weekly mornings.
        ahead = sorted(day for day in days if day >= today)[: rng.randint(1, 3)]
        ahead = ahead[: remaining - least]  # room for `least` past ones
        past = [day for day in days if day < today][: rng.randint(max(3, per * 2 // 3), per)]
        past = past[: remaining - len(ahead)]
        if len(past) < least:
            break
        remaining -= len(past) + len(ahead)
        sid = len(gen.series_rows) + 1
        organizer = spec.organizer if title == spec.title else f"{title} 運営"
        first = rng.randint(1, 60) if rng.random() < 0.7 else 1
        for number, day in enumerate(sorted(past + ahead), start=first):
            edition = spec.edition.format(n=number)
            planned.append(_Planned(day, f"{title} {edition}", spec.kind, place, spec.cost,
                                    spec.start, organizer, sid, story, spec.feed))  # fmt: skip
        created = gen.at(max(min(past) - rng.randint(1, 30), gen.first_day))
        gen.series_rows.append((sid, title, name_key(title), organizer, spec.kind, created))
        gen.series_story[sid] = story
    return planned


def plan_others(gen: Generator, count: int, soon: list[int]) -> list[_Planned]:
    """`count` events of no series, on `soon`'s days and then on days drawn as before."""
    rng, r, today = gen.rng, gen.rng.random, gen.today.toordinal()
    pick = words.Picker(rng, tuple((i, line[-1]) for i, line in enumerate(words.EVENTS)))
    days = soon + [
        today - rng.randint(1, EVENT_DAYS) if r() < 0.97 else today + rng.randint(0, AHEAD_DAYS)
        for _ in range(count - len(soon))
    ]
    planned = []
    for day in days:
        title, kind, place, cost, organizer, _weight = words.EVENTS[pick()]
        start = rng.choice(_STARTS.get(kind, ("10:00", "13:00", "19:00")))
        planned.append(
            _Planned(day, title.format(n=rng.randint(2, 180)), kind, place, cost, start, organizer)
        )
    return planned


def make_events(gen: Generator) -> None:
    """Insert the series and the events with the goals they serve; set what later steps
    draw from them (gen.by_kind, event_day, upcoming, event_status, event_series)."""
    rng, today = gen.rng, gen.today.toordinal()
    count = max(3, gen.n // 5)
    soon = [today + d for d in rng.sample(range(1, UPCOMING_DAYS), 3 if count > 5 else 1)]
    budget = int(count * SERIES_SHARE) if count >= 10 else count - len(soon)
    in_series = plan_series(gen, budget)
    planned = sorted(
        in_series + plan_others(gen, count - len(in_series), soon),
        key=lambda event: (event.day, event.start),
    )
    gen.by_kind = {k: ([], []) for k in EVENT_KINDS}
    gen.event_day, gen.upcoming, gen.event_count = [0], [], count
    gen.event_status, gen.event_series = [""], [0]
    rows: list[tuple[object, ...]] = []
    event_goals: list[tuple[int, int]] = []
    attended_days: list[tuple[int, int]] = []
    booked: set[int] = set()  # the series whose next event is already registered for
    for eid, event in enumerate(planned, start=1):
        status = _status(gen, event, booked)
        rows.append(_row(gen, eid, event, status))
        gen.event_day.append(event.day)
        gen.event_status.append(status)
        gen.event_series.append(event.series)
        if event.series:
            gen.series_events.setdefault(event.series, []).append(eid)
        if event.day >= today:
            gen.upcoming.append(eid)
        if status == "attended":
            gen.by_kind[event.kind][0].append(event.day)
            gen.by_kind[event.kind][1].append(eid)
            attended_days.append((eid, event.day))
        goals = served(gen, event.day, event.kind, status == "attended")
        event_goals += [(eid, gid) for gid in goals]
    event_goals += attended_since(gen, attended_days, set(event_goals))
    gen.insert(
        "series",
        "id, title, title_key, organizer, kind, created_at, updated_at = ?1, ?2, ?3, ?4, ?5, ?6, ?6",
        gen.series_rows,
    )
    gen.insert(
        "event",
        "id, title, kind, starts_at, ends_at, place, url, cost, currency, status, intent,"
        " rating, outcome, solicitation, created_at, updated_at, organizer, source, external_id,"
        " worth_it, series_id = ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
        " ?15, ?15, ?16, ?17, ?18, ?19, ?20",
        rows,
    )
    gen.insert("event_goal", "event_id, goal_id", sorted(event_goals))


def _status(gen: Generator, event: _Planned, booked: set[int]) -> str:
    """A past event attended (a barren series' always: the person kept going), else skipped
    or cancelled; an upcoming one an idea, planned or registered (a series' next one is
    registered for more often than the ones after it)."""
    rng, r = gen.rng, gen.rng.random
    if event.day < gen.today.toordinal():
        if event.story == "barren" or r() < 0.8:
            return "attended"
        return rng.choice(("skipped", "cancelled"))
    if event.series:
        first = event.series not in booked
        booked.add(event.series)
        if first:
            return "registered" if r() < 0.7 else "planned"
        return rng.choice(("idea", "planned", "planned"))
    return rng.choice(("idea", "planned", "registered", "registered"))


def _row(gen: Generator, eid: int, event: _Planned, status: str) -> tuple[object, ...]:
    """The event's row, as make_events inserts it."""
    rng, r = gen.rng, gen.rng.random
    # A conference takes the day from a morning start, an evening one the evening.
    hours = 8 if event.kind == "conference" and event.start < "12" else 2
    starts = f"{gen.days[event.day]} {event.start}:00"
    ends = f"{gen.days[event.day]} {hours + int(event.start[:2]):02d}:30:00"
    created = gen.at(max(event.day - rng.randint(3, 40), gen.first_day))
    attended, barren = status == "attended", event.story == "barren"
    intent = gen.maybe(0.6, words.INTENTS)
    rating = worth = None
    outcome = ""
    if attended:
        rating = rng.choice((2, 2, 3) if barren else (2, 3, 3, 4, 4, 4, 5))
        outcome = gen.maybe(0.7, words.BARREN_OUTCOMES if barren else words.OUTCOMES)
        if r() < 0.6:  # the look back answered: was it worth it?
            worth = int(rating >= 4 or (rating == 3 and not barren and r() < 0.5))
    url = f"https://events.example.com/{words.slug(event.kind)}/{eid}"
    pitch = int(event.kind == "mixer" and r() < (0.45 if barren else 0.15))
    currency = "JPY" if event.cost else ""
    # A feed's events, and now and then a conference's, came in from a calendar (.ics):
    # their UID is what a re-import matches them by.
    imported = event.feed or (event.kind == "conference" and not event.series and r() < 0.1)
    source, uid = "", None
    if imported:
        source, uid = "ics", f"{eid:06d}-{rng.getrandbits(32):08x}@calendar.example.com"
    return (eid, event.title, event.kind, starts, ends, event.place, url, event.cost, currency,
            status, intent, rating, outcome, pitch, created, event.organizer, source, uid, worth,
            event.series or None)  # fmt: skip


__all__ = ["AHEAD_DAYS", "EVENT_DAYS", "EVENT_KINDS", "SERIES_SHARE", "make_events", "occurrences"]
