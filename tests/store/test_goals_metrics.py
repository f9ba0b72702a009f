"""Every key result of a goal counted from the records, on a hand-built timeline whose answers
were worked out by hand: each metric with no time, per month and per week, the share done and
the pace against a fixed clock, and the twelve weeks a sparkline draws."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pytest

from netui.domain.goal_progress import KeyResult
from netui.domain.goal_records import KeyResultProgress
from netui.domain.goals import GoalDraft, TargetProfile
from netui.domain.records import ContactDraft
from netui.state import Store

# A Saturday: this month runs Nov 1-30, this week Monday Nov 16 to Sunday Nov 22.
NOW = dt.datetime(2026, 11, 21, 10, 0, 0)
TODAY = NOW.date()
STARTED = dt.date(2026, 10, 1)  # the day the goal and its key results were set


class Clock:
    """A Store clock a test moves on."""

    def __init__(self, at: dt.datetime = NOW) -> None:
        self.at = at

    def __call__(self) -> dt.datetime:
        return self.at

    def on(self, day: dt.date, hour: int = 10) -> None:
        self.at = dt.datetime.combine(day, dt.time(hour))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def timed(reopen: Callable[..., Store], clock: Clock) -> Store:
    """The fixture store's database, opened again on a clock the test moves."""
    return reopen(clock=clock)


def d(month: int, day: int) -> dt.date:
    return dt.date(2026, month, day)


@dataclass(frozen=True)
class World:
    """The goal "Fintech investors" (profile: the tag fintech) and the contacts around it."""

    goal: int
    other_goal: int
    a: int
    b: int
    c: int
    d: int
    e: int
    f: int
    g: int


def build(store: Store, clock: Clock) -> World:
    """The timeline every count below is worked out from.

    People: the goal's are the live contacts tagged fintech (A, B, F, G) and C, linked;
    D is neither, E is tagged but archived.

    | who | created         | met on | stage changes after that                    |
    |-----|-----------------|--------|---------------------------------------------|
    | A   | Sep 1 acquainted| Sep 15 | Sep 20 known, Nov 18 trusted                |
    | B   | Sep 1 met       | Oct 1  | Oct 10 acquainted, Nov 3 known              |
    | C   | Sep 1 acquainted| Nov 16 | Nov 17 trusted, Nov 19 known (a step down)  |
    | D   | Sep 1 acquainted| Nov 10 | Nov 18 known                                |
    | E   | Sep 1 met       | Nov 5  | Nov 4 trusted; archived Nov 6               |
    | F   | Nov 2 known     | Nov 2  |                                             |
    | G   | Nov 20 acquainted| Nov 20|                                             |

    Slots (the goal is created Oct 1 with four): "an investor" filled by A on Oct 20,
    "a CTO" by C on Nov 17, "a lawyer" filled by B on Nov 5 and opened again on Nov 6,
    "a designer" open. Ledger and events are listed where they are written.
    """
    s = store
    clock.on(d(9, 1))
    tagged = ("fintech",)
    a = s.contacts.create(
        ContactDraft("Aoki Ren", stage="acquainted", met_on=d(9, 15), tags=tagged)
    )
    b = s.contacts.create(ContactDraft("Baba Sho", stage="met", met_on=d(10, 1), tags=tagged))
    c = s.contacts.create(ContactDraft("Chiba Mao", stage="acquainted", met_on=d(11, 16)))
    dd = s.contacts.create(ContactDraft("Doi Kai", stage="acquainted", met_on=d(11, 10)))
    e = s.contacts.create(ContactDraft("Endo Rio", stage="met", met_on=d(11, 5), tags=tagged))
    clock.on(d(9, 20))
    s.contacts.set_stage(a, "known")
    clock.on(d(10, 1), 9)
    goal = s.goals.create(
        GoalDraft("Fintech investors", target_profile=TargetProfile(tags=tagged)),
        ["an investor", "a CTO", "a designer", "a lawyer"],
    )
    other = s.goals.create(GoalDraft("Something else", target_profile=TargetProfile(tags=tagged)))
    investor, cto, _designer, lawyer = (slot.id for slot in s.goals.get(goal).slots)
    clock.on(d(10, 5))
    s.goals.link(goal, c, "advisor")
    clock.on(d(10, 10))
    s.contacts.set_stage(b, "acquainted")
    clock.on(d(10, 20))
    s.goals.fill_slot(investor, a)
    clock.on(d(11, 2))
    f = s.contacts.create(ContactDraft("Fujii Aya", stage="known", met_on=d(11, 2), tags=tagged))
    clock.on(d(11, 3))
    s.contacts.set_stage(b, "known")
    clock.on(d(11, 4))
    s.contacts.set_stage(e, "trusted")
    clock.on(d(11, 5))
    s.goals.fill_slot(lawyer, b)
    clock.on(d(11, 6))
    s.goals.open_slot(lawyer)
    s.contacts.archive(e)
    clock.on(d(11, 17))
    s.contacts.set_stage(c, "trusted")
    s.goals.fill_slot(cto, c)
    clock.on(d(11, 18))
    s.contacts.set_stage(a, "trusted")
    s.contacts.set_stage(dd, "known")
    clock.on(d(11, 19))
    s.contacts.set_stage(c, "known")
    clock.on(d(11, 20))
    g = s.contacts.create(
        ContactDraft("Goto Yui", stage="acquainted", met_on=d(11, 20), tags=tagged)
    )
    clock.at = NOW
    # Introductions received for the goal: Oct 15, Nov 5 (from D, who is not one of the
    # goal's people: it still counts) and Nov 18; the rest are not.
    take = s.ledger.add
    take(a, "take", "introduction", "before the goal", 1, d(9, 20), goal_id=goal)
    take(b, "take", "introduction", "to a VC", 3, d(10, 15), goal_id=goal)
    take(dd, "take", "introduction", "to an angel", 2, d(11, 5), goal_id=goal)
    take(a, "take", "introduction", "to a CFO", 2, d(11, 18), goal_id=goal)
    take(a, "give", "introduction", "given, not received", 2, d(11, 18), goal_id=goal)
    take(a, "take", "advice", "not an introduction", 2, d(11, 18), goal_id=goal)
    take(a, "take", "introduction", "for no goal", 2, d(11, 18))
    take(a, "take", "introduction", "for the other goal", 2, d(11, 19), goal_id=other)
    # Events serving the goal attended Oct 20, Nov 10 and Nov 17; the rest are not.
    events = [
        (dt.datetime(2026, 9, 30, 23, 30), "attended", goal),  # the evening before it started
        (dt.datetime(2026, 10, 20, 19), "attended", goal),
        (dt.datetime(2026, 11, 10, 19), "attended", goal),
        (dt.datetime(2026, 11, 17, 19), "attended", goal),
        (dt.datetime(2026, 11, 18, 19), "skipped", goal),
        (dt.datetime(2026, 11, 19, 19), "attended", other),
        (dt.datetime(2026, 11, 25, 19), "planned", goal),
    ]
    for n, (starts, status, served) in enumerate(events):
        event = s.events.create(f"Meetup {n}", starts, kind="mixer", status=status)
        s.goals.link_event(served, event)
    return World(goal, other, a, b, c, dd, e, f, g)


@pytest.fixture
def world(timed: Store, clock: Clock) -> World:
    return build(timed, clock)


def measure(
    store: Store, clock: Clock, goal: int, results: Sequence[KeyResult], started: dt.date = STARTED
) -> tuple[KeyResultProgress, ...]:
    """The goal's key results set to `results` on `started`, read back today."""
    draft = store.goals.get(goal).draft
    clock.on(started, 9)
    store.goals.update(goal, replace(draft, key_results=()))
    store.goals.update(goal, replace(draft, key_results=tuple(results)))
    clock.at = NOW
    found = next(summary for summary in store.goals.summaries() if summary.id == goal)
    assert [item.started_on for item in found.key_results] == [started] * len(results)
    return found.key_results


# The count of each metric since Oct 1, this month and this week (hand-worked from build()).
EXPECTED: dict[str, tuple[int, int, int]] = {
    # Now: A trusted, B, C and F known (G acquainted; D no person, E archived). This month
    # reached a level stage: F (created known Nov 2), B (Nov 3), C (Nov 17); A was one
    # already. This week: C.
    "known_or_trusted": (4, 3, 1),
    # Met since Oct 1: B (Oct 1, the start day), F (Nov 2), C (Nov 16), G (Nov 20).
    "new_matching": (4, 3, 2),
    # B Oct 10 and Nov 3, C Nov 17, A Nov 18 (A's Sep 20 came before; C's Nov 19 is down).
    "promoted": (4, 3, 2),
    "introductions": (3, 2, 1),  # Oct 15, Nov 5, Nov 18
    "events_attended": (3, 2, 1),  # Oct 20, Nov 10, Nov 17
    "slots_filled": (2, 1, 1),  # Oct 20 (A), Nov 17 (C); B's was opened again
}


@pytest.mark.parametrize("period", [None, "month", "week"])
def test_every_metric_counts_what_the_records_say(
    timed: Store, clock: Clock, world: World, period: str | None
) -> None:
    """Each metric's current value, with no time (a flow is its start plus the count since
    the result started; known_or_trusted a level now), per month and per week."""
    column = {None: 0, "month": 1, "week": 2}[period]
    metrics = list(EXPECTED)
    start = 0 if period else 1
    found: dict[str, int] = {}
    for group in (metrics[:3], metrics[3:]):
        results = [KeyResult(metric, start, 50, period) for metric in group]
        for item in measure(timed, clock, world.goal, results):
            found[item.result.metric] = item.current
    if period is None:
        # A flow adds its start; a level is what it is now, whatever it started from.
        expected = {
            metric: counts[0] + (0 if metric == "known_or_trusted" else start)
            for metric, counts in EXPECTED.items()
        }
    else:
        expected = {metric: counts[column] for metric, counts in EXPECTED.items()}
    assert found == expected


def test_a_date_counts_like_no_time(timed: Store, clock: Clock, world: World) -> None:
    """A result by a date counts the same as one without: from the day it started."""
    by = d(12, 31)
    results = [
        KeyResult("promoted", 2, 20, by=by),
        KeyResult("introductions", 0, 20, by=by),
        KeyResult("known_or_trusted", 1, 20, by=by),
    ]
    assert [item.current for item in measure(timed, clock, world.goal, results)] == [6, 3, 4]


def test_a_result_started_within_its_period_counts_from_its_start(
    timed: Store, clock: Clock, world: World
) -> None:
    """Started Nov 15: this month's promotions are C's (Nov 17) and A's (Nov 18), not B's of
    Nov 3; a flow with no time counts from Nov 15 too."""
    results = [
        KeyResult("promoted", 0, 4, "month"),
        KeyResult("promoted", 0, 4),
        KeyResult("known_or_trusted", 0, 4, "month"),  # C reached trusted Nov 17
    ]
    found = measure(timed, clock, world.goal, results, started=d(11, 15))
    assert [item.current for item in found] == [2, 2, 1]
    # 2 of 4 done after 6 of the 15 days from Nov 15 to Nov 30: 2*15 >= 6*4.
    assert found[0].pace == "on track"


# (result, current, fraction, pace), started Oct 1 and judged Nov 21 (hand-worked):
PACED: list[tuple[KeyResult, int, float, str]] = [
    # 4 of 10 done (5 - 1) after 51 of the 91 days to Dec 31: 4*91 = 364 < 51*10 = 510.
    (KeyResult("promoted", 1, 11, by=d(12, 31)), 5, 0.4, "at risk"),
    # 3 of 5 after 51 of 91 days: 3*91 = 273 >= 51*5 = 255.
    (KeyResult("introductions", 0, 5, by=d(12, 31)), 3, 0.6, "on track"),
    # Yesterday was the day and 3 of 10 are done.
    (KeyResult("events_attended", 0, 10, by=d(11, 20)), 3, 0.3, "overdue"),
    # Past its day, but reached: achieved wins.
    (KeyResult("known_or_trusted", 0, 4, by=d(11, 20)), 4, 1.0, "achieved"),
    # This month: 3 of 6 after 20 of its 29 days: 3*29 = 87 < 20*6 = 120.
    (KeyResult("new_matching", 0, 6, "month"), 3, 0.5, "at risk"),
    # 3 of 4 after 20 of 29 days: 87 >= 80.
    (KeyResult("promoted", 0, 4, "month"), 3, 0.75, "on track"),
    # This week: 2 of 3 after 5 of its 6 days: 2*6 = 12 < 5*3 = 15.
    (KeyResult("new_matching", 0, 3, "week"), 2, 2 / 3, "at risk"),
    (KeyResult("slots_filled", 0, 1, "week"), 1, 1.0, "achieved"),
    # A per-period start is the rate set out from: not subtracted.
    (KeyResult("introductions", 1, 2, "week"), 1, 0.5, "at risk"),
    # No time: on track until achieved; the share is from start to target.
    (KeyResult("slots_filled", 0, 5), 2, 0.4, "on track"),
    (KeyResult("known_or_trusted", 2, 6), 4, 0.5, "on track"),
    (KeyResult("introductions", 2, 10), 5, 3 / 8, "on track"),
    # A level below its start is an empty bar (and behind any elapsed time).
    (KeyResult("known_or_trusted", 5, 9, by=d(12, 31)), 4, 0.0, "at risk"),
]


def test_fraction_and_pace_against_a_fixed_clock(timed: Store, clock: Clock, world: World) -> None:
    """Every result's current value, share done and pace, as worked out by hand."""
    found = []
    for first in range(0, len(PACED), 3):
        group = [result for result, *_ in PACED[first : first + 3]]
        found += [
            (item.result, item.current, item.fraction, item.pace)
            for item in measure(timed, clock, world.goal, group)
        ]
    assert [(r, c, pytest.approx(f), p) for r, c, f, p in PACED] == found


def test_the_summary_counts_slots_and_linked_people(timed: Store, world: World) -> None:
    """Four slots, two open (the designer, and the lawyer opened again); A, B and C linked
    (A and B by filling a slot, B staying linked once it opened)."""
    summary = next(s for s in timed.goals.summaries() if s.id == world.goal)
    assert (summary.slots, summary.open_slots, summary.linked) == (4, 2, 3)
    assert summary.created_on == STARTED


# The twelve weeks' ends, oldest first: each Sunday, the last one today (Saturday Nov 21).
ENDS = [d(9, 6), d(9, 13), d(9, 20), d(9, 27), d(10, 4), d(10, 11)]
ENDS += [d(10, 18), d(10, 25), d(11, 1), d(11, 8), d(11, 15), d(11, 21)]


def test_history_is_the_value_at_each_of_twelve_weeks_ends(
    timed: Store, clock: Clock, world: World
) -> None:
    """The sparkline's values: before the result started its start (a period's 0), then the
    value each week's end would have shown."""
    results = [
        KeyResult("promoted", 1, 9),
        KeyResult("known_or_trusted", 0, 6),
        KeyResult("new_matching", 0, 3, "week"),
    ]
    measure(timed, clock, world.goal, results)
    history = [item.history for item in timed.goals.detail(world.goal).summary.key_results]
    assert len(ENDS) == 12
    assert history == [
        # 1 + promotions since Oct 1: B Oct 10 (by Oct 11), B Nov 3 (by Nov 8), C and A
        # this week.
        (1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 5),
        # People at a level stage at each end: A from Sep 20 (counted once the result
        # started), F from Nov 2 and B from Nov 3, C from Nov 17.
        (0, 0, 0, 0, 1, 1, 1, 1, 1, 3, 3, 4),
        # Met within the week up to its end (from Oct 1): B the week to Oct 4, F the week to
        # Nov 8, C and G this week.
        (0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 2),
    ]
    # The last value is the current one.
    assert [item.history[-1] for item in timed.goals.detail(world.goal).summary.key_results] == [
        item.current for item in timed.goals.detail(world.goal).summary.key_results
    ]


def test_history_of_slots_per_month(timed: Store, clock: Clock, world: World) -> None:
    """Filled slots within the month up to each week's end: A's of Oct 20 from the week to
    Oct 25 until October ends, C's of Nov 17 this week; the list shows no history."""
    measure(timed, clock, world.goal, [KeyResult("slots_filled", 0, 2, "month")])
    (item,) = timed.goals.detail(world.goal).summary.key_results
    assert item.history == (0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1)
    listed = next(s for s in timed.goals.summaries() if s.id == world.goal)
    assert listed.key_results[0].history == ()


def test_summaries_are_a_bounded_number_of_statements(store: Store) -> None:
    """summaries() for N goals runs the same statements whatever the number of contacts: a
    few for the goals' rows and one per goal for its key results, never one per contact."""

    def statements() -> list[str]:
        seen: list[str] = []
        db = store.db
        original = db.execute_sql

        def counting(sql: str, *args: Any, **kwargs: Any) -> Any:
            seen.append(sql)
            return original(sql, *args, **kwargs)

        db.execute_sql = counting  # type: ignore[method-assign]
        try:
            listed = store.goals.summaries()
        finally:
            del db.execute_sql
        assert all(len(goal.key_results) == 3 for goal in listed)
        return seen

    results = (
        KeyResult("known_or_trusted", 0, 5),
        KeyResult("promoted", 0, 5, "month"),
        KeyResult("slots_filled", 0, 2),
    )
    profile = TargetProfile(tags=("fintech",), words=("investor",), location="Tokyo")
    for n in range(4):
        store.goals.create(GoalDraft(f"Goal {n}", target_profile=profile, key_results=results))

    def people(first: int, count: int) -> None:
        for i in range(first, first + count):
            cid = store.contacts.create(
                ContactDraft(f"Person {i}", role="investor", location="Tokyo", tags=("fintech",))
            )
            store.contacts.set_stage(cid, "known")

    people(0, 3)
    few = statements()
    people(3, 12)
    many = statements()
    assert len(many) == len(few)
    # One statement a goal for its three results (its people a CTE of that statement) ...
    assert len([sql for sql in many if sql.startswith('WITH "people"')]) == 4
    # ... and seven for every goal at once: goals, key results, tags, profiles, slots,
    # links, and the distinct locations folded once.
    assert len(many) == 4 + 7


def test_history_takes_each_contacts_stage_by_time_not_by_row_order(
    timed: Store, clock: Clock
) -> None:
    """The level a week ends at is each person's latest change by then in time: a row written
    later for an earlier moment (as a merge brings the other contact's history, ids and
    all) does not stand for their stage now."""
    clock.on(d(9, 1))
    ann = timed.contacts.create(ContactDraft(name="Ann", stage="met", tags=("fintech",)))
    clock.on(d(11, 20))
    timed.contacts.set_stage(ann, "known")  # the latest change in time
    clock.on(d(11, 2))
    timed.contacts.set_stage(ann, "acquainted")  # written after it, dated before it
    clock.at = NOW
    goal = timed.goals.create(
        GoalDraft(
            title="Fintech",
            target_profile=TargetProfile(tags=("fintech",)),
            key_results=(KeyResult("known_or_trusted", 0, 3),),
        )
    )
    (result,) = timed.goals.detail(goal).summary.key_results
    # This week ends today (Sat Nov 21): by time Ann is known since Nov 20, so 1; by row
    # order her last row says acquainted, which would give 0.
    assert result.history[-1] == 1
