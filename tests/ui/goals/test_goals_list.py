"""The goals list (key 1): active goals first, the closed ones toggled by C, kept current, text shown as text."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from goalkit import FINTECH, MARKUP_TITLE, Goals, goal_section, listed_titles, open_goals
from textual_private import exit_requested, told
from uikit import Network, help_rows, press, running, screen_text

from netui.screens.goals.list_screen import GoalsScreen
from netui.state import Store


async def test_key_1_lists_the_active_goals_and_says_what_is_hidden(
    store: Store, goals: Goals
) -> None:
    """1 opens the goals: the two active ones, newest first, the cursor in them, and a line
    counting the closed ones."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        assert listed_titles(app) == [MARKUP_TITLE, FINTECH]
        assert app.focused is goal_section(app).table
        status = str(app.screen.query_one("#goals-status").render())
        assert "2 active goals" in status
        assert "1 paused, 1 achieved, 1 dropped hidden: C shows them" in status


async def test_a_goal_row_shows_its_results_pace_date_and_open_slots(
    store: Store, goals: Goals
) -> None:
    """The fintech row: why, a bar and 3/5 known or trusted, 2/3 introductions, paces in words,
    its date and one of two wanted people open; the markup goal is at risk and overdue."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        text = screen_text(app)
        assert "Raise a seed round by March" in text
        assert "██████░░░░ 3/5 by Wed 2027-03-31" in text
        assert "███████░░░ 2/3 introductions" in text
        assert "2027-03-31" in text
        assert "1 open of 2" in text
        lines = text.splitlines()
        fintech = next(i for i, line in enumerate(lines) if "3/5" in line)
        assert "on track" in lines[fintech] and "on track" in lines[fintech + 1]
        markup = next(i for i, line in enumerate(lines) if "0/3 a month" in line)
        assert "at risk" in lines[markup]
        assert "overdue" in lines[markup + 1]


async def test_C_shows_the_closed_goals_below_and_hides_them_again(
    store: Store, goals: Goals
) -> None:
    """C lists paused, achieved and dropped goals after the active ones; C again hides them."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await press(app, pilot, "C")
        assert listed_titles(app) == [
            MARKUP_TITLE,
            FINTECH,
            "Learn Go from a mentor",
            "Meet ten designers",
            "Old plan",
        ]
        assert "3 closed shown: C hides them" in str(app.screen.query_one("#goals-status").render())
        assert "Showing paused, achieved and dropped goals" in told(app)
        await press(app, pilot, "C")
        assert listed_titles(app) == [MARKUP_TITLE, FINTECH]


async def test_the_palette_toggles_closed_goals(store: Store, goals: Goals) -> None:
    """ctrl+p "goals: show or hide closed goals" does what C does, from any area."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "ctrl+p", *"closed goals", "enter")
        assert isinstance(app.screen, GoalsScreen)
        assert "Old plan" in listed_titles(app)


async def test_a_markup_title_is_shown_as_typed(store: Store, goals: Goals) -> None:
    """A title of "[b]Fund[/] [@click=app.quit]" and a why with "[/]" show literally, and clicking
    the row quits nothing."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        text = screen_text(app)
        assert "[b]Fund[/] [@click=app.qui" in text
        assert "[red]not red[/red] and [/]" in text
        await pilot.click(goal_section(app).table, offset=(10, 1))
        await pilot.pause()
        assert not exit_requested(app)


async def test_the_list_follows_changes_that_move_a_goal(
    store: Store, net: Network, goals: Goals
) -> None:
    """Bob tagged #fintech and made known elsewhere in the app: the fintech goal reads 4/5 at once."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        assert "3/5" in screen_text(app)
        bob = store.contacts.get(net.bob, history_limit=0).draft
        store.contacts.update(net.bob, replace(bob, stage="known", tags=("fintech",)))
        await press(app, pilot)
        assert "4/5" in screen_text(app)


async def test_the_cursor_stays_on_its_goal_across_a_reload(store: Store, goals: Goals) -> None:
    """With the cursor on the fintech goal, a new goal listed above it leaves the cursor there."""
    from netui.domain.goals import GoalDraft

    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await press(app, pilot, "down")
        store.goals.create(GoalDraft(title="A newer goal", target_date=dt.date(2027, 1, 1)))
        await press(app, pilot)
        assert listed_titles(app)[0] == "A newer goal"
        current = goal_section(app).current
        assert current is not None and current.title == FINTECH


async def test_no_goals_says_how_to_add_one(store: Store) -> None:
    """With no goal at all, the list says n adds one."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        assert "No goals yet: n adds one" in screen_text(app)


async def test_only_closed_goals_says_C_shows_them(store: Store) -> None:
    """With every goal closed, the empty list names C as well as n."""
    from netui.domain.goals import GoalDraft

    store.goals.create(GoalDraft(title="Done with it", status="achieved"))
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        assert "No active goals: C shows the closed ones, n adds one" in screen_text(app)
        await press(app, pilot, "C")
        assert listed_titles(app) == ["Done with it"]


async def test_help_lists_every_key_of_the_list(store: Store, goals: Goals) -> None:
    """? over the list names each goal key with its key."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await press(app, pilot, "question_mark")
        rows = help_rows(app)
        expected = {
            "New": "n",
            "Open": "⏎",
            "Edit": "e",
            "Done": "x",
            "Pause goal": "p",
            "Drop goal": "D",
            "Take up again": "r",
            "Delete": "d",
            "Closed": "C",
        }
        assert {does: rows.get(does) for does in expected} == expected
