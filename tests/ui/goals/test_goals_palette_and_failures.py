"""The goals area from the palette, and under the one failure policy: a busy database is a notice."""

from __future__ import annotations

import pytest
from goalkit import FINTECH, MARKUP_TITLE, Goals, move_to_goal, open_goal, open_goals
from textual_private import told
from uikit import make_fail, press, running

from netui.screens.goals.detail import GoalDetailScreen
from netui.screens.goals.form import GoalForm
from netui.state import Store, StoreBusy


async def test_the_palette_opens_a_goal_by_its_title(store: Store, goals: Goals) -> None:
    """ctrl+p "vouch" offers the fintech goal; enter opens its page, from the contact list."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "ctrl+p", *"vouch")
        await pilot.pause(0.3)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, GoalDetailScreen)
        assert app.screen.goal_id == goals.fintech


async def test_the_palette_finds_a_markup_title_without_crashing(
    store: Store, goals: Goals
) -> None:
    """A title holding "[/]" is offered and opened like any other."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "ctrl+p", *"fund")
        await pilot.pause(0.3)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, GoalDetailScreen)
        assert app.screen.goal_id == goals.markup


async def test_new_goal_in_the_palette_opens_the_form(store: Store) -> None:
    """ctrl+p "New goal" opens the goal form in the goals area."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "ctrl+p", *"New goal")
        await pilot.pause(0.3)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, GoalForm)
        assert app.current_mode == "goals"


async def test_a_busy_database_leaves_the_list_up_and_says_why(
    store: Store, goals: Goals, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list cannot be read: the notice says another netui is writing; the app goes on."""
    make_fail(monkeypatch, store.goals.summaries, StoreBusy("database is locked"))
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        assert "Could not read the goals: Another netui is writing" in told(app)


async def test_a_status_change_the_database_refuses_changes_nothing(
    store: Store, goals: Goals, monkeypatch: pytest.MonkeyPatch
) -> None:
    """x while another netui writes: said, not a crash, and the goal stays active."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await move_to_goal(app, pilot, MARKUP_TITLE)
        make_fail(monkeypatch, store.goals.set_status, StoreBusy("database is locked"))
        await press(app, pilot, "x")
        assert "Another netui is writing to the database: try again in a moment" in told(app)
    assert store.goals.get(goals.markup).draft.status == "active"


async def test_a_busy_database_keeps_a_typed_form_open(
    store: Store, goals: Goals, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ctrl+s in the edit form while the database is busy: the form stays with what was typed."""
    async with running(store, size=(120, 50)) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        await press(app, pilot, "e", "end", *" soon")
        make_fail(monkeypatch, store.goals.update, StoreBusy("database is locked"))
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, GoalForm)
        error = app.screen.query_one("FormError")
        assert "nothing was saved, and what you typed is kept" in str(error.render())
    assert store.goals.get(goals.fintech).draft.title == FINTECH
