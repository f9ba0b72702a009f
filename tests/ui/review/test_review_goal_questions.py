"""The review's quarterly question, answered in place: p pauses, D drops, K keeps the goal that
stood still, the row goes, and u takes the answer back.

reviewkit's week holds the quiet goal (QUIET_TITLE, set 2026-07-24, nothing since) and
"Find a mentor", set today. The clock is Saturday 2026-11-21 10:00.
"""

from __future__ import annotations

import pytest
from reviewkit import QUIET_TITLE, Week, focus_section, names, open_review, section
from textual_private import told
from uikit import press, running

from netui.data.models import Goal
from netui.state import Store


def status(goal_id: int) -> str:
    return str(Goal.get_by_id(goal_id).status)


@pytest.mark.parametrize(
    ("key", "answer", "said"),
    [("p", "paused", "Paused goal"), ("D", "dropped", "Dropped goal")],
)
async def test_pausing_or_dropping_the_goal_asked_about_and_undoing_it(
    store: Store, week: Week, key: str, answer: str, said: str
) -> None:
    """The key sets the goal's status, the question and the goal's row go; u makes it active
    again and both come back. The title is shown as typed, never as markup."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "goal_questions")
        assert names(app, "goal_questions") == [QUIET_TITLE]

        await press(app, pilot, key)

        assert status(week.quiet_goal) == answer
        assert names(app, "goal_questions") == []
        assert not section(app, "goal_questions").display
        assert names(app, "goals") == ["Find a mentor"]
        assert f"{said} {QUIET_TITLE} (u undoes)" in told(app)

        await press(app, pilot, "u")

        assert status(week.quiet_goal) == "active"
        assert names(app, "goal_questions") == [QUIET_TITLE]
        assert names(app, "goals") == ["Find a mentor", QUIET_TITLE]


async def test_keeping_the_goal_asked_about_and_undoing_it(store: Store, week: Week) -> None:
    """K keeps it active and marks it asked (not asked again for 90 days): the question goes,
    the goal stays under Goals; u asks again."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "goal_questions")

        await press(app, pilot, "K")

        kept = Goal.get_by_id(week.quiet_goal)
        assert (kept.status, kept.updated_at) == ("active", store.now())
        assert names(app, "goal_questions") == []
        assert names(app, "goals") == ["Find a mentor", QUIET_TITLE]
        assert f"Kept goal {QUIET_TITLE}: asked again in 90 days if it stays still" in told(app)

        await press(app, pilot, "u")

        assert names(app, "goal_questions") == [QUIET_TITLE]
        assert store.goals.quiet_ids() == [week.quiet_goal]


async def test_p_on_a_goal_row_pauses_that_goal(store: Store, week: Week) -> None:
    """Under Goals, p pauses the goal on the row (asked about or not): it leaves the section."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "goals")

        await press(app, pilot, "p")

        assert status(week.mentor_goal) == "paused"
        assert names(app, "goals") == [QUIET_TITLE]


async def test_the_goal_keys_elsewhere_say_where_they_work(store: Store, week: Week) -> None:
    """K on a goal row (no question asked) and p on a contact's row change nothing and say where
    to go."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "goals")
        await press(app, pilot, "K")
        assert "K keeps a goal asked about: move to a row under Still why you network?" in told(app)

        await focus_section(app, pilot, "overdue")
        await press(app, pilot, "p")
        assert "p acts on a goal: move to a row under Goals or Still why you network?" in told(app)

        assert (status(week.mentor_goal), status(week.quiet_goal)) == ("active", "active")
        assert store.goals.quiet_ids() == [week.quiet_goal]


async def test_a_past_week_asks_nothing(store: Store, week: Week) -> None:
    """[ shows last week without the question (it is about now); ] brings it back."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "left_square_bracket")
        assert not section(app, "goal_questions").display
        await press(app, pilot, "right_square_bracket")
        assert names(app, "goal_questions") == [QUIET_TITLE]
