"""The weekly review's pure rules: ISO weeks, streaks, goal progress and the activity average."""

from __future__ import annotations

import datetime as dt

import pytest

from netui.domain.goal_progress import KeyResult
from netui.domain.goal_records import KeyResultProgress
from netui.domain.review import Activity, GoalProgress, as_of, streak, tilted, week_bounds

MONDAY = dt.date(2026, 11, 16)


def weeks_back(n: int) -> dt.date:
    return MONDAY - dt.timedelta(weeks=n)


# -- week_bounds ----------------------------------------------------------------------------


@pytest.mark.parametrize("offset", range(7), ids=["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
def test_every_day_of_a_week_has_the_same_monday_to_sunday_bounds(offset: int) -> None:
    """Any day from Monday to Sunday gives that week's Monday and Sunday."""
    day = MONDAY + dt.timedelta(days=offset)
    assert week_bounds(day) == (MONDAY, dt.date(2026, 11, 22))


def test_sunday_and_the_next_monday_are_in_different_weeks() -> None:
    """The week turns between Sunday and Monday, not between Saturday and Sunday."""
    assert week_bounds(dt.date(2026, 11, 15))[0] == dt.date(2026, 11, 9)
    assert week_bounds(dt.date(2026, 11, 16))[0] == dt.date(2026, 11, 16)


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        (dt.date(2027, 1, 1), dt.date(2026, 12, 28)),  # a Friday: the week started in the old year
        (dt.date(2026, 3, 1), dt.date(2026, 2, 23)),  # a Sunday after February's end
        (dt.date(2028, 2, 29), dt.date(2028, 2, 28)),  # a leap day
    ],
    ids=["new-year", "month-end", "leap-day"],
)
def test_weeks_cross_month_and_year_ends_as_iso_weeks_do(day: dt.date, monday: dt.date) -> None:
    """Week bounds agree with the ISO calendar across month, year and leap-day boundaries."""
    start, end = week_bounds(day)
    assert (start, end) == (monday, monday + dt.timedelta(days=6))
    assert start.isocalendar()[:2] == day.isocalendar()[:2]


# -- streak -----------------------------------------------------------------------------------


def test_no_completed_weeks_is_no_streak() -> None:
    """Nothing completed: a streak of 0."""
    assert streak([], MONDAY) == 0


def test_streak_counts_this_week_and_the_consecutive_ones_before() -> None:
    """This week and the three before done: 4."""
    assert streak([weeks_back(n) for n in range(4)], MONDAY) == 4


def test_this_week_not_done_yet_leaves_the_streak_standing() -> None:
    """Last week and the one before done, this one not yet: still 2."""
    assert streak([weeks_back(1), weeks_back(2)], MONDAY) == 2


def test_a_gap_ends_the_streak() -> None:
    """Done 0, 1, then a missed week, then 3 and 4: the streak is 2."""
    assert streak([weeks_back(n) for n in (0, 1, 3, 4)], MONDAY) == 2


def test_missing_last_week_as_well_as_this_one_is_no_streak() -> None:
    """Neither this week nor last week done: 0, whatever was done before."""
    assert streak([weeks_back(n) for n in (2, 3, 4)], MONDAY) == 0


def test_weeks_after_the_current_one_do_not_count() -> None:
    """A completion for a later week (reviewing the past) does not lengthen the streak."""
    assert streak([weeks_back(n) for n in (-1, 0, 1)], MONDAY) == 2


def test_streak_takes_any_iterable_once() -> None:
    """A generator of weeks works: the weeks are read once into a set."""
    assert streak((weeks_back(n) for n in range(3)), MONDAY) == 3


# -- goal progress and activity -------------------------------------------------------------------


def goal(known: int, target: int | None) -> GoalProgress:
    return GoalProgress(1, "Goal", 5, 2, known, 0, target, None)


@pytest.mark.parametrize(
    ("known", "target", "progress"),
    [(0, 4, 0.0), (1, 4, 0.25), (4, 4, 1.0), (7, 4, 1.0)],
    ids=["none", "quarter", "reached", "capped"],
)
def test_progress_is_known_or_trusted_over_target_capped_at_one(
    known: int, target: int, progress: float
) -> None:
    """Progress is the share of the target reached, never more than 1."""
    assert goal(known, target).progress == progress


@pytest.mark.parametrize("target", [None, 0], ids=["no-target", "zero"])
def test_progress_is_none_without_a_target(target: int | None) -> None:
    """No target (or a target of 0) has no progress, rather than a division by zero."""
    assert goal(3, target).progress is None


def with_results(*paces_and_fractions: tuple[str, float]) -> GoalProgress:
    results = tuple(
        KeyResultProgress(n, KeyResult("promoted", 0, 4), dt.date(2026, 11, 1), 0, f, pace)
        for n, (pace, f) in enumerate(paces_and_fractions)
    )
    return GoalProgress(1, "Goal", 5, 2, 3, 0, 4, None, results)


def test_progress_with_key_results_is_their_mean_fraction_whatever_the_target_count() -> None:
    """Key results decide: (0.5 + 1.0 + 0.0) / 3, not known-or-trusted 3 over the count 4."""
    goal = with_results(("at risk", 0.5), ("achieved", 1.0), ("overdue", 0.0))
    assert goal.progress == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("paces", "worst"),
    [
        (("achieved", "on track"), "on track"),
        (("on track", "at risk", "achieved"), "at risk"),
        (("at risk", "overdue"), "overdue"),
        (("achieved",), "achieved"),
        ((), None),
    ],
)
def test_a_goals_pace_is_its_worst_key_results(paces: tuple[str, ...], worst: str | None) -> None:
    """Overdue beats at risk beats on track beats achieved; no key results, no pace."""
    assert with_results(*((pace, 0.5) for pace in paces)).pace == worst


def test_previous_average_is_the_mean_of_the_previous_weeks() -> None:
    """The average is over the previous weeks only, not this week."""
    activity = Activity(100, (1, 2, 3, 6), (("meeting", 100),))
    assert activity.previous_average == 3.0


def test_previous_average_of_no_weeks_is_zero() -> None:
    """No previous weeks: an average of 0.0, not a division by zero."""
    assert Activity(5, (), ()).previous_average == 0.0


# -- as of which day ------------------------------------------------------------------------


@pytest.mark.parametrize("offset", range(7))
def test_a_past_week_is_seen_as_of_its_sunday_from_any_day_of_it(offset: int) -> None:
    """Today Sat 11-21: every day of 11-09..11-15 gives Sunday 11-15."""
    today = dt.date(2026, 11, 21)
    assert as_of(dt.date(2026, 11, 9) + dt.timedelta(days=offset), today) == dt.date(2026, 11, 15)


@pytest.mark.parametrize("offset", range(7))
def test_this_week_is_seen_as_of_today(offset: int) -> None:
    """Any day of this week (Sunday ahead included) gives today, as does a week still to come."""
    today = dt.date(2026, 11, 21)
    assert as_of(dt.date(2026, 11, 16) + dt.timedelta(days=offset), today) == today
    assert as_of(dt.date(2026, 11, 30), today) == today


def test_a_week_ending_today_is_this_week() -> None:
    """On Sunday the week is not over yet: as of today, which is its Sunday."""
    sunday = dt.date(2026, 11, 22)
    assert as_of(dt.date(2026, 11, 16), sunday) == sunday


def test_tilted_is_a_low_balance_or_an_unreturned_old_take() -> None:
    """The reciprocity rule: balance <= -3, or a take before the cutoff with no give since."""
    cutoff = dt.date(2026, 9, 16)
    assert tilted(-3, dt.date(2026, 11, 1), None, cutoff)
    assert tilted(-1, dt.date(2026, 8, 1), None, cutoff)
    assert tilted(-1, dt.date(2026, 8, 1), dt.date(2026, 7, 1), cutoff)
    assert not tilted(-1, dt.date(2026, 8, 1), dt.date(2026, 8, 2), cutoff)
    assert not tilted(-2, dt.date(2026, 10, 1), None, cutoff)
    assert not tilted(0, None, None, cutoff)
