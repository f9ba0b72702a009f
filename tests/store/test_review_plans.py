"""The weekly review's forward and overall sections, and which week a review is of.

Upcoming events, goals and activity (DESIGN.md, "The weekly review", 5-7) on hand-built
data; the week boundaries to the second; times as naive local wall-clock values; and a
review asked for a past day or for a Monday or a Sunday. The fixture clock is Saturday
2026-11-21 10:00, in the ISO week Monday 2026-11-16 to Sunday 2026-11-22.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from typing import Any

import pytest

from netui.data.models import Attendance, ContactGoal, Event, EventGoal, Goal, GoalTag, Tag
from netui.domain.records import ContactDraft
from netui.state import Store

TODAY = dt.date(2026, 11, 21)
MONDAY = dt.date(2026, 11, 16)
SUNDAY = dt.date(2026, 11, 22)


def day(offset: int) -> dt.date:
    """The date `offset` days from the fixture's today (negative: before it)."""
    return TODAY + dt.timedelta(days=offset)


def at(date: dt.date, hour: int = 19, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(hour, minute, second))


def person(store: Store, name: str, **fields: Any) -> int:
    return store.contacts.create(ContactDraft(name=name, **fields))


def goal(store: Store, title: str, *, tags: tuple[str, ...] = (), **fields: Any) -> int:
    """A goal row as an older netui wrote it (no key results: the review reads its target count),
    marking contacts with `tags` as candidates."""
    with store.db.atomic():
        goal_id = Goal.create(title=title, **fields).id
        for name in tags:
            tag, _ = Tag.get_or_create(name=name)
            GoalTag.create(goal=goal_id, tag=tag.id)
    return goal_id


def link(
    store: Store, goal_id: int, *, contacts: tuple[int, ...] = (), events: tuple[int, ...] = ()
) -> None:
    """Link contacts and events to a goal, as the goals screen will."""
    with store.db.atomic():
        for cid in contacts:
            ContactGoal.create(contact=cid, goal=goal_id)
        for eid in events:
            EventGoal.create(event=eid, goal=goal_id)


def attend(
    store: Store, event_id: int, *contact_ids: int, status: str = "expected", known: bool = True
) -> None:
    """Put the contacts on the event's people: by default known before it and expected."""
    with store.db.atomic():
        for cid in contact_ids:
            Attendance.create(contact=cid, event=event_id, known_before=known, status=status)


# -- 5. upcoming events ---------------------------------------------------------------------------


def test_events_from_today_to_day_14_are_listed_in_time_order(store: Store) -> None:
    """Today's and day 14's events are listed by start; yesterday's and day 15's are not."""
    day14 = store.events.create("Day 14", at(day(14), 23, 59))
    store.events.create("Day 15", at(day(15), 0, 0))
    store.events.create("Yesterday", at(day(-1), 23, 59))
    tonight = store.events.create("Tonight", at(TODAY))
    sunday = store.events.create("Sunday", at(SUNDAY, 10))

    section = store.review.week().upcoming_events

    assert [e.event_id for e in section.items] == [tonight, sunday, day14]
    assert section.total == 3


def test_cancelled_and_skipped_events_are_left_out(store: Store) -> None:
    """Only events still on (idea, planned, registered, attended) are upcoming."""
    kept = [
        store.events.create(status, at(day(2)), status=status)
        for status in ("idea", "planned", "registered", "attended")
    ]
    for status in ("cancelled", "skipped"):
        store.events.create(status, at(day(2)), status=status)

    assert [e.event_id for e in store.review.week().upcoming_events.items] == kept


def test_upcoming_event_carries_goals_intent_and_known_attendees(store: Store) -> None:
    """An event shows its place, status, intent, pitch flag, goals and live attendees by name order."""
    eid = store.events.create(
        "Fintech Night",
        at(day(3)),
        kind="mixer",
        place="Shibuya",
        status="registered",
        intent="meet two founders",
    )
    with store.db.atomic():
        Event.update(solicitation=True).where(Event.id == eid).execute()
    investors, hiring = goal(store, "Investors"), goal(store, "Hiring")
    goal(store, "Unrelated")
    link(store, investors, events=(eid,))
    link(store, hiring, events=(eid,))
    zed, abe, archived = (person(store, n) for n in ("Zed", "Abe", "Archived Attendee"))
    attend(store, eid, zed, abe, archived)
    store.contacts.archive(archived)

    (event,) = store.review.week().upcoming_events.items

    assert (event.title, event.starts_at, event.place) == ("Fintech Night", at(day(3)), "Shibuya")
    assert (event.status, event.intent, event.solicitation) == (
        "registered",
        "meet two founders",
        True,
    )
    assert sorted(event.goals) == ["Hiring", "Investors"]
    assert event.attendees == ("Abe", "Zed")


def test_an_event_with_nothing_linked_has_empty_goals_and_attendees(store: Store) -> None:
    """No goals and nobody known going: empty tuples, not None."""
    store.events.create("Solo", at(day(1)))

    (event,) = store.review.week().upcoming_events.items

    assert (event.goals, event.attendees, event.solicitation) == ((), (), False)


# -- 6. goals -----------------------------------------------------------------------------------


def test_only_active_goals_are_reviewed_in_creation_order(store: Store) -> None:
    """Paused, achieved and dropped goals stay out of the review."""
    first = goal(store, "First")
    for status in ("paused", "achieved", "dropped"):
        goal(store, status.title(), status=status)
    second = goal(store, "Second")

    assert [g.goal_id for g in store.review.week().goals] == [first, second]


def test_goal_counts_linked_contacts_and_tag_candidates_once_each(store: Store) -> None:
    """Linked contacts count as linked (even when tagged too); tagged ones not linked are candidates;
    known or trusted are counted among them all (Untagged is neither)."""
    gid = goal(store, "Fintech clients", tags=("fintech",), target_count=4)
    linked_known = person(store, "Linked Known", stage="known")
    linked_tagged = person(store, "Linked Tagged", stage="met", tags=("fintech",))
    person(store, "Candidate One", stage="acquainted", tags=("fintech",))
    person(store, "Candidate Two", stage="met", tags=("fintech", "ux"))
    person(store, "Untagged", stage="trusted", tags=("ux",))
    link(store, gid, contacts=(linked_known, linked_tagged))

    (progress,) = store.review.week().goals

    assert (progress.goal_id, progress.title) == (gid, "Fintech clients")
    assert (progress.linked, progress.candidates, progress.known_or_trusted) == (2, 2, 1)
    assert (progress.target_count, progress.progress) == (4, 0.25)
    assert progress.key_results == ()


def test_archived_contacts_count_for_no_goal(store: Store) -> None:
    """An archived contact, linked or tagged, counts neither as linked nor as a candidate."""
    gid = goal(store, "Goal", tags=("fintech",))
    linked = person(store, "Linked", stage="trusted")
    tagged = person(store, "Tagged", stage="trusted", tags=("fintech",))
    link(store, gid, contacts=(linked,))
    store.contacts.archive(linked)
    store.contacts.archive(tagged)

    (progress,) = store.review.week().goals

    assert (progress.linked, progress.candidates, progress.known_or_trusted) == (0, 0, 0)


def test_known_and_trusted_both_count_towards_a_goal(store: Store) -> None:
    """Known and trusted linked contacts count; met and acquainted ones do not."""
    gid = goal(store, "Goal", target_count=10)
    ids = [person(store, stage, stage=stage) for stage in ("met", "acquainted", "known", "trusted")]
    link(store, gid, contacts=tuple(ids))

    (progress,) = store.review.week().goals

    assert (progress.linked, progress.known_or_trusted, progress.progress) == (4, 2, 0.2)


def test_known_candidates_count_as_known_or_trusted_like_the_goals_key_result(store: Store) -> None:
    """A goal's people are its linked and matching contacts (the goals service's rule, and its
    known_or_trusted key result's): a known candidate counts, so 2 of a target of 2 is 100%."""
    gid = goal(store, "Goal", tags=("fintech",), target_count=2)
    linked = person(store, "Linked", stage="known")
    person(store, "Candidate", stage="known", tags=("fintech",))
    person(store, "Met candidate", stage="met", tags=("fintech",))
    link(store, gid, contacts=(linked,))

    (progress,) = store.review.week().goals

    assert (progress.linked, progress.candidates, progress.known_or_trusted) == (1, 2, 2)
    assert progress.progress == 1.0


def test_goal_progress_is_capped_at_one_and_none_without_a_target(store: Store) -> None:
    """Three close contacts against a target of two is 100%; a goal without a target has no progress."""
    capped = goal(store, "Capped", target_count=2, target_date=dt.date(2027, 3, 31))
    open_ended = goal(store, "Open ended")
    close = tuple(person(store, f"T{n}", stage="trusted") for n in range(3))
    link(store, capped, contacts=close)
    link(store, open_ended, contacts=close)

    by_id = {g.goal_id: g for g in store.review.week().goals}

    assert (by_id[capped].known_or_trusted, by_id[capped].progress) == (3, 1.0)
    assert by_id[capped].target_date == dt.date(2027, 3, 31)
    assert (by_id[open_ended].known_or_trusted, by_id[open_ended].progress) == (3, None)
    assert by_id[open_ended].target_count is None


def test_goal_counts_its_events_attended_in_the_last_30_days(store: Store) -> None:
    """Attended events of this goal from 30 days ago to today count; older, not attended or other goals' do not."""
    gid, other = goal(store, "Goal"), goal(store, "Other")
    counted = [
        store.events.create("30 days ago", at(day(-30), 0, 0), status="attended"),
        store.events.create("This morning", at(TODAY, 8), status="attended"),
    ]
    too_old = store.events.create("31 days ago", at(day(-31), 23, 59), status="attended")
    skipped = store.events.create("Skipped", at(day(-5)), status="skipped")
    registered = store.events.create("Registered", at(day(-2)), status="registered")
    elsewhere = store.events.create("Other goal's", at(day(-3)), status="attended")
    link(store, gid, events=(*counted, too_old, skipped, registered))
    link(store, other, events=(elsewhere,))

    by_id = {g.goal_id: g for g in store.review.week().goals}

    assert (by_id[gid].events_attended, by_id[other].events_attended) == (2, 1)


# -- 7. activity and week boundaries --------------------------------------------------------------


def test_activity_counts_to_the_second_at_both_ends_of_the_week(store: Store) -> None:
    """Monday 00:00:00 and Sunday 23:59:59 are this week; the Sunday before at 23:59:59 is the week before."""
    cid = person(store, "Someone")
    for when in (
        at(MONDAY, 0, 0, 0),
        at(SUNDAY, 23, 59, 59),
        at(MONDAY - dt.timedelta(days=1), 23, 59, 59),
        at(SUNDAY + dt.timedelta(days=1), 0, 0, 0),  # next Monday: no week of this review
    ):
        store.interactions.log(cid, when)

    activity = store.review.week().activity

    assert activity.this_week == 2
    assert activity.previous_weeks == (0, 0, 0, 0, 0, 0, 0, 1)


def test_activity_compares_against_exactly_8_previous_weeks_oldest_first(store: Store) -> None:
    """The oldest counted week starts 8 Mondays back; a second before it counts nowhere."""
    cid = person(store, "Someone")
    first = MONDAY - dt.timedelta(weeks=8)
    store.interactions.log(cid, at(first, 0, 0, 0))
    store.interactions.log(cid, at(first + dt.timedelta(days=3)))
    store.interactions.log(cid, at(first - dt.timedelta(days=1), 23, 59, 59))
    for week in range(1, 8):
        for _ in range(week):
            store.interactions.log(cid, at(first + dt.timedelta(weeks=week, days=2)))

    activity = store.review.week().activity

    assert activity.previous_weeks == (2, 1, 2, 3, 4, 5, 6, 7)
    assert activity.this_week == 0
    assert activity.previous_average == 30 / 8


def test_activity_by_kind_is_this_weeks_most_first(store: Store) -> None:
    """By kind counts only this week's interactions, most first, ties in name order."""
    cid = person(store, "Someone")
    for kind in ("call", "meal", "message", "message", "meal", "message"):
        store.interactions.log(cid, at(day(-1)), kind=kind)
    store.interactions.log(cid, at(MONDAY - dt.timedelta(days=1)), kind="email")

    activity = store.review.week().activity

    assert activity.by_kind == (("message", 3), ("meal", 2), ("call", 1))
    assert activity.this_week == 6


@pytest.fixture
def far_time_zone() -> Iterator[None]:
    """Run in UTC+14, so any conversion between local time and UTC would move a date."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "XXX-14"  # POSIX: 14 hours ahead of UTC; needs no tz database
    time.tzset()
    try:
        assert time.timezone == -14 * 3600
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def test_times_are_local_wall_clock_so_sunday_night_stays_in_its_week(
    store: Store, far_time_zone: None
) -> None:
    """Sunday 23:30 as typed belongs to that Sunday's week, and Monday 00:30 to the next: no UTC shift."""
    cid = person(store, "Late Caller")
    store.interactions.log(cid, at(SUNDAY, 23, 30))
    store.interactions.log(cid, at(MONDAY - dt.timedelta(days=1), 23, 30))
    store.interactions.log(cid, at(MONDAY, 0, 30))

    activity = store.review.week().activity

    # 23:30 in UTC+14 is 09:30 UTC the same day, and 00:30 Monday would be Sunday in UTC:
    # had either been converted, Sunday's call or Monday's would change weeks.
    assert activity.this_week == 2
    assert activity.previous_weeks[-1] == 1


# -- which week ----------------------------------------------------------------------------------


def test_a_past_week_is_reviewed_as_of_its_sunday(store: Store) -> None:
    """Asked for Wednesday 11-11, every section counts from that week's Sunday, 11-15 (its week
    11-09 to 11-15), and shows no event after it."""
    wednesday = dt.date(2026, 11, 11)
    thursday_due = person(store, "Due Thursday", stage="trusted", met_on=dt.date(2026, 10, 13))
    person(store, "Due Next Week", stage="trusted", met_on=dt.date(2026, 10, 19))
    holder = person(store, "Holder")
    within = store.followups.add(holder, dt.date(2026, 11, 15), "by that Sunday")
    store.followups.add(holder, dt.date(2026, 11, 16), "the Monday after")
    met = person(store, "Met Then", met_on=dt.date(2026, 11, 3))  # 12 days before, 18 before today
    on_sunday = store.events.create("That Sunday", at(dt.date(2026, 11, 15)))
    store.events.create("After That Week", at(dt.date(2026, 11, 20)))
    store.interactions.log(holder, at(dt.date(2026, 11, 10)))
    store.interactions.log(holder, at(TODAY, 9))

    review = store.review.week(wednesday)

    assert (review.reference, review.week_start, review.week_end, review.past) == (
        dt.date(2026, 11, 15),
        dt.date(2026, 11, 9),
        dt.date(2026, 11, 15),
        True,
    )
    assert [(i.contact_id, i.days_overdue) for i in review.overdue.items] == [(thursday_due, 3)]
    assert [(i.followup_id, i.days_overdue) for i in review.followups.items] == [(within, 0)]
    assert [i.contact_id for i in review.new_contacts.items] == [met]
    assert [e.event_id for e in review.upcoming_events.items] == [on_sunday]
    assert (review.activity.this_week, review.activity.previous_weeks[-1]) == (1, 0)


@pytest.mark.parametrize("reference", [MONDAY, SUNDAY], ids=["monday", "sunday"])
def test_monday_and_sunday_each_review_their_own_week(store: Store, reference: dt.date) -> None:
    """A Monday or a Sunday reviews the week it starts or ends: this week, as of today (Saturday)."""
    cid = person(store, "Someone")
    fid = store.followups.add(cid, SUNDAY, "by Sunday")

    review = store.review.week(reference)

    assert (review.week_start, review.week_end, review.reference) == (MONDAY, SUNDAY, TODAY)
    assert [(i.followup_id, i.days_overdue) for i in review.followups.items] == [(fid, -1)]


def test_the_sunday_before_reviews_the_week_before(store: Store) -> None:
    """Sunday 11-15 is the last day of the previous week: this Sunday's follow-up is not in it yet."""
    cid = person(store, "Someone")
    store.followups.add(cid, SUNDAY, "by this Sunday")

    review = store.review.week(dt.date(2026, 11, 15))

    assert (review.week_start, review.week_end) == (dt.date(2026, 11, 9), dt.date(2026, 11, 15))
    assert review.followups.total == 0
