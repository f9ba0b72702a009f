"""The weekly review's goals: key results and pace from the goals service, people by target
profile, and the quarter's question about goals that stood still (store.goals.quiet()).

Hand-built data, answers worked out by hand. The fixture clock is Saturday 2026-11-21
10:00; a quarter back (QUIET_DAYS, 90) is 2026-08-23. Goals are made through the goals
service; a goal "set long ago" has its created and updated times moved back by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from netui.data.models import ContactGoal, Goal, GoalKeyResult
from netui.domain.goal_progress import KeyResult
from netui.domain.goals import GoalDraft, TargetProfile
from netui.domain.records import ContactDraft
from netui.domain.review import GoalQuestion
from netui.state import Store

TODAY = dt.date(2026, 11, 21)
LONG_AGO = dt.datetime(2026, 7, 24, 9, 0)  # 120 days back: before the quarter
LAST_YEAR = dt.date(2025, 6, 1)
HOSTILE = "Speak at [b]PyCon[/] [@click=app.quit]x"


def day(offset: int) -> dt.date:
    """The date `offset` days from the fixture's today (negative: before it)."""
    return TODAY + dt.timedelta(days=offset)


def person(store: Store, name: str, **fields: Any) -> int:
    fields.setdefault("met_on", LAST_YEAR)
    return store.contacts.create(ContactDraft(name=name, **fields))


def new_goal(store: Store, title: str, **fields: Any) -> int:
    return store.goals.create(GoalDraft(title, **fields))


def set_long_ago(store: Store, goal_id: int, when: dt.datetime = LONG_AGO) -> None:
    """Date the goal (and its last change) back, as if it had been set then."""
    with store.db.atomic():
        Goal.update(created_at=when, updated_at=when).where(Goal.id == goal_id).execute()


def link_long_ago(store: Store, goal_id: int, contact_id: int) -> None:
    """Link a contact to the goal on a day before the quarter."""
    store.goals.link(goal_id, contact_id)
    with store.db.atomic():
        ContactGoal.update(linked_on=LONG_AGO.date()).where(
            (ContactGoal.goal == goal_id) & (ContactGoal.contact == contact_id)
        ).execute()


def asked(store: Store) -> list[int]:
    """The ids of the goals this week's review asks about."""
    return [question.goal_id for question in store.review.week().goal_questions]


# -- key results and pace --------------------------------------------------------------------


def test_each_goal_carries_the_goals_services_key_results_and_pace(store: Store) -> None:
    """The review's key results are store.goals.summaries' own: 2 of 4 known or trusted by
    2027-05-20 (set today: on track), 1 of 2 new matching people this month (met today, the
    day the result was set; one met before it does not count)."""
    gid = new_goal(
        store,
        "Fintech people",
        target_profile=TargetProfile(tags=("fintech",)),
        key_results=(
            KeyResult("known_or_trusted", 0, 4, by=dt.date(2027, 5, 20)),
            KeyResult("new_matching", 0, 2, period="month"),
        ),
    )
    person(store, "Known", stage="known", tags=("fintech",))
    person(store, "Trusted", stage="trusted", tags=("fintech",))
    person(store, "New", stage="met", tags=("fintech",), met_on=TODAY)
    person(store, "Before", stage="met", tags=("fintech",), met_on=day(-3))
    person(store, "Elsewhere", stage="trusted", tags=("ux",))

    (goal,) = store.review.week().goals
    (summary,) = store.goals.summaries(closed=False)

    assert goal.key_results == summary.key_results
    known, new = goal.key_results
    assert (known.result.metric, known.current, known.pace) == ("known_or_trusted", 2, "on track")
    assert (new.result.metric, new.current, new.fraction) == ("new_matching", 1, 0.5)
    assert goal.progress == pytest.approx((0.5 + 0.5) / 2)
    assert (goal.goal_id, goal.pace) == (gid, "on track")


def test_a_goal_behind_its_date_is_at_risk_and_past_it_overdue(store: Store) -> None:
    """Set 2026-10-22 to see 4 promotions by 2026-12-21: halfway through its time with none is
    at risk; 3 known or trusted by yesterday with 1 is overdue; the goal's is the worst pace."""
    gid = new_goal(
        store,
        "Behind",
        target_profile=TargetProfile(tags=("pm",)),
        key_results=(
            KeyResult("promoted", 0, 4, by=dt.date(2026, 12, 21)),
            KeyResult("known_or_trusted", 0, 3, by=dt.date(2026, 11, 20)),
        ),
    )
    with store.db.atomic():
        GoalKeyResult.update(started_on=dt.date(2026, 10, 22)).where(
            GoalKeyResult.goal == gid
        ).execute()
    person(store, "Known", stage="known", tags=("pm",))

    (goal,) = store.review.week().goals

    assert [(r.current, r.pace) for r in goal.key_results] == [(0, "at risk"), (1, "overdue")]
    assert goal.pace == "overdue"


def test_a_past_week_shows_the_key_results_as_they_stand_and_asks_nothing(store: Store) -> None:
    """Last week's review has the same key results (they are not kept week by week) and no
    question: the quarter's question is about now."""
    gid = new_goal(store, "Quiet", key_results=(KeyResult("events_attended", 0, 2),))
    set_long_ago(store, gid)

    now, then = store.review.week(), store.review.week(day(-7))

    assert [g.key_results for g in then.goals] == [g.key_results for g in now.goals]
    assert [q.goal_id for q in now.goal_questions] == [gid]
    assert then.goal_questions == ()


# -- people: linked, candidates by profile, known or trusted ------------------------------------


def test_candidates_are_the_contacts_matching_the_whole_profile_not_linked(store: Store) -> None:
    """Tags, a word (in role, company, needs or offers), channel, location and a least stage
    all hold: two candidates, as store.goals.candidates counts them; the linked one is not."""
    profile = TargetProfile(
        tags=("fintech",),
        words=("engineer",),
        channel="mixer",
        location="Tokyo",
        min_stage="acquainted",
    )
    gid = new_goal(store, "Payment engineers", target_profile=profile)
    fits = {"tags": ("fintech",), "channel": "mixer", "location": "Tokyo, Shibuya"}
    person(store, "Role fits", role="Backend Engineer", stage="acquainted", **fits)
    person(store, "Needs fit", needs="an engineer for payments", stage="trusted", **fits)
    linked = person(store, "Linked fit", role="engineer", stage="known", **fits)
    store.goals.link(gid, linked)
    person(store, "Too early", role="engineer", stage="met", **fits)
    person(store, "No word", role="designer", stage="known", **fits)
    person(store, "Other channel", role="engineer", stage="known", tags=("fintech",),
           channel="work", location="Tokyo")  # fmt: skip
    person(store, "Other city", role="engineer", stage="known", tags=("fintech",),
           channel="mixer", location="Osaka")  # fmt: skip
    archived = person(store, "Archived fit", role="engineer", stage="known", **fits)
    store.contacts.archive(archived)

    (goal,) = store.review.week().goals

    assert (goal.linked, goal.candidates) == (1, 2)
    assert goal.candidates == store.goals.candidates(gid)[1]
    assert goal.known_or_trusted == 2  # Linked fit (known) and Needs fit (trusted)


def test_a_goal_with_no_profile_has_linked_people_and_no_candidates(store: Store) -> None:
    """An empty profile matches nobody: the linked trusted contact is all the goal's people."""
    gid = new_goal(store, "Just links")
    store.goals.link(gid, person(store, "Trusted", stage="trusted"))
    person(store, "Stranger", stage="trusted")

    (goal,) = store.review.week().goals

    assert (goal.linked, goal.candidates, goal.known_or_trusted) == (1, 0, 1)


def test_goals_are_reviewed_in_the_order_they_were_set_and_only_active_ones(store: Store) -> None:
    """Paused, achieved and dropped goals stay out; the active ones come oldest first."""
    first = new_goal(store, "First")
    for status in ("paused", "achieved", "dropped"):
        new_goal(store, status.title(), status=status)
    second = new_goal(store, "Second")

    assert [g.goal_id for g in store.review.week().goals] == [first, second]


# -- the quarter's question --------------------------------------------------------------------


def test_a_goal_set_long_ago_with_nothing_since_is_asked_about_as_typed(store: Store) -> None:
    """No link, slot, introduction, event or move of its people in the quarter: the review asks,
    with the title and why as typed and the day it was set; quiet() names the same goal."""
    gid = new_goal(store, HOSTILE, why="be known [i]for[/i] talks",
                   target_profile=TargetProfile(tags=("python",)))  # fmt: skip
    link_long_ago(store, gid, person(store, "Old friend", stage="met", tags=("python",)))
    person(store, "Old match", stage="met", tags=("python",))
    set_long_ago(store, gid)
    recent = new_goal(store, "Set a month ago")
    set_long_ago(store, recent, dt.datetime(2026, 10, 21, 9, 0))

    review = store.review.week()

    assert review.goal_questions == (
        GoalQuestion(gid, HOSTILE, "be known [i]for[/i] talks", LONG_AGO.date(), 90),
    )
    assert [goal.id for goal in store.goals.quiet()] == [gid]


def linked(store: Store, goal_id: int) -> None:
    store.goals.link(goal_id, person(store, "Linked now", stage="met"))


def filled(store: Store, goal_id: int) -> None:
    slot = store.goals.add_slot(goal_id, "a [b]mentor[/b]")
    store.goals.fill_slot(slot, person(store, "Mentor", stage="met"))


def introduced(store: Store, goal_id: int) -> None:
    cid = person(store, "Introducer", stage="met")
    store.ledger.add(cid, "take", "introduction", "to a founder", 2, day(-10), goal_id=goal_id)


def attended(store: Store, goal_id: int) -> None:
    event = store.events.create("Meetup", dt.datetime(2026, 10, 1, 19), status="attended")
    store.goals.link_event(goal_id, event)


def met_a_match(store: Store, goal_id: int) -> None:
    person(store, "Met last month", stage="met", tags=("python",), met_on=day(-30))


def promoted_a_match(store: Store, goal_id: int) -> None:
    cid = person(store, "Old match", stage="met", tags=("python",))
    store.contacts.set_stage(cid, "acquainted")


@pytest.mark.parametrize(
    "moved",
    [linked, filled, introduced, attended, met_a_match, promoted_a_match],
    ids=lambda f: f.__name__,
)
def test_a_goal_that_moved_in_the_quarter_is_not_asked_about(
    store: Store, moved: Callable[[Store, int], None]
) -> None:
    """A contact linked, a slot filled, an introduction received for it, an event attended, a
    matching person met or moved up a stage, since 2026-08-23: no question."""
    gid = new_goal(store, "Python friends", target_profile=TargetProfile(tags=("python",)))
    moved(store, gid)
    set_long_ago(store, gid)

    assert asked(store) == []
    assert store.goals.quiet() == []


def test_keeping_a_goal_stops_the_question_for_a_quarter(
    store: Store, reopen: Callable[..., Store]
) -> None:
    """Kept today, it is not asked about again this quarter, and is again 91 days on."""
    gid = new_goal(store, "Still mine")
    set_long_ago(store, gid)
    assert asked(store) == [gid]

    store.goals.keep(gid)

    assert asked(store) == []
    later = dt.datetime.combine(day(91), dt.time(10))
    assert asked(reopen(clock=lambda: later)) == [gid]


@pytest.mark.parametrize("status", ["paused", "dropped"])
def test_pausing_or_dropping_answers_and_undo_asks_again(store: Store, status: str) -> None:
    """A goal no longer active is not asked about (nor reviewed); undo brings the question back."""
    gid = new_goal(store, "Maybe not")
    set_long_ago(store, gid)

    store.goals.set_status(gid, status)
    review = store.review.week()
    assert (review.goal_questions, review.goals) == ((), ())

    store.undo.undo()
    assert asked(store) == [gid]
