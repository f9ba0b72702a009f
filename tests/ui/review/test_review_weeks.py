"""The review over time: other weeks, completing with R, the launch reminder, changes from elsewhere."""

from __future__ import annotations

import datetime as dt

import pytest
from reviewkit import (
    NOW_SAT,
    SUNDAY,
    Week,
    d,
    names,
    open_review,
    rows,
)
from textual.widgets import TextArea
from textual_private import told
from uikit import CLICK_NAME, press, running, screen_text

from netui.config import Config
from netui.data.models import Review
from netui.domain.review import ReviewRecord
from netui.screens.common.confirm import ConfirmScreen
from netui.screens.review.complete import CompleteReviewScreen
from netui.screens.review.reminder import REMINDER, review_due_today
from netui.screens.review.screen import ReviewScreen
from netui.state import Store

# -- the pure rule for the launch reminder -------------------------------------------------


@pytest.mark.parametrize(
    ("today", "day", "record", "due"),
    [
        (d("2026-11-22"), "sunday", None, True),
        (d("2026-11-21"), "sunday", None, False),
        (d("2026-11-22"), "sunday", ReviewRecord(d("2026-11-16"), SUNDAY, ""), False),
        (d("2026-11-22"), "sunday", ReviewRecord(d("2026-11-16"), None, ""), True),
        (d("2026-11-20"), "friday", None, True),
        (d("2026-11-20"), "Friday", None, True),
    ],
    ids=["sunday", "saturday", "done", "started-not-done", "friday", "case"],
)
def test_review_due_today(today: dt.date, day: str, record: ReviewRecord | None, due: bool) -> None:
    """Due only on the configured weekday, and only while the week's review is not completed."""
    assert review_due_today(today, day, record) is due


# -- changes made elsewhere ----------------------------------------------------------------


async def test_a_change_through_the_store_updates_the_rows_by_itself(
    store: Store, week: Week
) -> None:
    """A follow-up done and a contact deleted through the Store while the review shows leave at once."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        store.followups.complete(week.slides)
        store.contacts.delete(week.olga)
        await pilot.pause()
        await press(app, pilot)
        assert names(app, "followups", 1) == [CLICK_NAME]
        assert names(app, "overdue") == ["Wes Weekend"]


async def test_a_change_made_while_away_shows_on_return(store: Store, week: Week) -> None:
    """A follow-up done while the contact list is shown is gone from the review when 5 brings it back."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "2")
        store.followups.complete(week.slides)
        await press(app, pilot, "5")
        assert names(app, "followups", 1) == [CLICK_NAME]


# -- weeks ---------------------------------------------------------------------------------


async def test_brackets_move_between_weeks(store: Store, week: Week) -> None:
    """[ shows last week's dates and rows, [ again two weeks ago, ] forward, t back to this week."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "left_square_bracket")
        text = screen_text(app)
        assert "Week of Mon 2026-11-09 – Sun 2026-11-15  (last week)" in text
        # Fiona's slides are due on the 18th and Mallory's call is snoozed to the 20th.
        assert "No follow-ups due that week." in text
        await press(app, pilot, "left_square_bracket")
        assert "Week of Mon 2026-11-02 – Sun 2026-11-08  (2 weeks ago)" in screen_text(app)
        await press(app, pilot, "right_square_bracket")
        assert "(last week)" in screen_text(app)
        await press(app, pilot, "t")
        assert "Week of Mon 2026-11-16 – Sun 2026-11-22  (this week)" in screen_text(app)
        assert len(rows(app, "followups")) == 2


async def test_right_bracket_stops_at_this_week(store: Store, week: Week) -> None:
    """] on this week stays on it and says the next one is reviewed when it comes."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "right_square_bracket")
        assert "(this week)" in screen_text(app)
        assert "This is the current week" in told(app)


# -- R: completing -------------------------------------------------------------------------


async def test_capital_r_completes_the_review_with_notes(store: Store, week: Week) -> None:
    """R, notes, ctrl+s: the Review is stored, the header says done, the streak is 1, the notes show."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        assert "Streak: none yet" in screen_text(app)
        await press(app, pilot, "R")
        assert isinstance(app.screen, CompleteReviewScreen)
        assert "Complete the review of Mon 2026-11-16 – Sun 2026-11-22" in screen_text(app)
        await press(app, pilot, *"Gave more than I took", "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        stored = Review.get(Review.week_start == d("2026-11-16"))
        assert (stored.notes, stored.completed_at) == ("Gave more than I took", NOW_SAT)
        text = screen_text(app)
        assert "done 2026-11-21 10:00" in text
        assert "Streak: 1 week in a row" in text
        assert "Mon 2026-11-16  Gave more than I took" in text
        assert "Review of the week of Mon 2026-11-16 complete" in told(app)


async def test_the_streak_counts_earlier_completed_weeks(store: Store, week: Week) -> None:
    """With the two weeks before completed, completing this one makes a streak of 3."""
    store.review.complete(d("2026-11-04"), "")
    store.review.complete(d("2026-11-11"), "")
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        assert "Streak: 2 weeks in a row" in screen_text(app)
        await press(app, pilot, "R", "ctrl+s")
        assert "Streak: 3 weeks in a row" in screen_text(app)
        await press(app, pilot, "left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert "Streak: 3 weeks in a row" in screen_text(app)  # the current streak, from any week


async def test_capital_r_on_last_week_completes_last_week(store: Store, week: Week) -> None:
    """[ then R completes last week's review, not this week's."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "left_square_bracket", "R", *"late", "ctrl+s")
        assert [r.week_start for r in Review.select()] == [d("2026-11-09")]
        assert "done 2026-11-21 10:00" in screen_text(app)


async def test_escape_leaves_the_review_not_done(store: Store, week: Week) -> None:
    """R then escape stores nothing; with notes typed, escape asks before discarding them."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "R", "escape")
        assert isinstance(app.screen, ReviewScreen)
        await press(app, pilot, "R", *"half done", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "n")
        assert isinstance(app.screen, CompleteReviewScreen)
        assert app.screen.query_one("#notes", TextArea).text == "half done"
        await press(app, pilot, "escape", "y")
        assert isinstance(app.screen, ReviewScreen)
        assert Review.select().count() == 0


async def test_capital_r_again_edits_the_stored_notes(store: Store, week: Week) -> None:
    """R on a week already done opens with its notes, and saving replaces them."""
    store.review.complete(d("2026-11-21"), "first thoughts")
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "R")
        area = app.screen.query_one("#notes", TextArea)
        assert area.text == "first thoughts"
        area.text = "second thoughts"
        await press(app, pilot, "ctrl+s")
        assert Review.get().notes == "second thoughts"


# -- the launch reminder -------------------------------------------------------------------


async def test_launch_on_review_day_reminds(sunday_store: Store) -> None:
    """Opening netui on Sunday with this week's review not done says so."""
    async with running(sunday_store) as (app, _pilot):
        assert REMINDER in told(app)


async def test_launch_on_another_day_does_not_remind(store: Store) -> None:
    """Opening netui on Saturday says nothing about the review."""
    async with running(store) as (app, _pilot):
        assert REMINDER not in told(app)


async def test_launch_on_review_day_with_the_review_done_does_not_remind(
    sunday_store: Store,
) -> None:
    """Opening netui on Sunday after this week's review was completed says nothing."""
    sunday_store.review.complete(SUNDAY.date(), "")
    async with running(sunday_store) as (app, _pilot):
        assert REMINDER not in told(app)


async def test_the_review_day_is_configurable(store: Store) -> None:
    """With the review day set to Saturday, opening netui on Saturday reminds."""
    async with running(store, Config(review_day="saturday")) as (app, _pilot):
        assert REMINDER in told(app)
