"""Status in place (x done, p pause, D drop, r take up again) and d delete, each undone by u and said."""

from __future__ import annotations

from goalkit import FINTECH, MARKUP_TITLE, Goals, listed_titles, move_to_goal, open_goal, open_goals
from textual_private import told
from uikit import Network, press, running, screen_text

from netui.screens.common.confirm import ConfirmScreen
from netui.screens.goals.detail import GoalDetailScreen
from netui.screens.goals.list_screen import GoalsScreen
from netui.state import Store


def status(store: Store, goal_id: int) -> str:
    return store.goals.get(goal_id).draft.status


async def test_x_marks_a_goal_achieved_and_u_takes_it_back(store: Store, goals: Goals) -> None:
    """x on the fintech goal: achieved in the database, said with the undo key, off the active
    list; u makes it active and listed again."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await move_to_goal(app, pilot, FINTECH)
        await press(app, pilot, "x")
        assert status(store, goals.fintech) == "achieved"
        assert f"Marked {FINTECH} achieved (u undoes)" in told(app)
        assert listed_titles(app) == [MARKUP_TITLE]
        await press(app, pilot, "u")
        assert status(store, goals.fintech) == "active"
        assert f"Undone: Marked goal {FINTECH} achieved" in told(app)
        assert listed_titles(app) == [MARKUP_TITLE, FINTECH]


async def test_p_pauses_and_r_takes_the_goal_up_again(store: Store, goals: Goals) -> None:
    """p pauses the fintech goal; with closed goals shown, r on it makes it active again."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await move_to_goal(app, pilot, FINTECH)
        await press(app, pilot, "p")
        assert status(store, goals.fintech) == "paused"
        assert f"Paused {FINTECH} (u undoes)" in told(app)
        await press(app, pilot, "C")
        await move_to_goal(app, pilot, FINTECH)
        await press(app, pilot, "r")
        assert status(store, goals.fintech) == "active"
        assert f"Took up {FINTECH} again (u undoes)" in told(app)


async def test_D_drops_a_goal(store: Store, goals: Goals) -> None:
    """D drops the markup goal, and the notice shows its title as typed."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await move_to_goal(app, pilot, MARKUP_TITLE)
        await press(app, pilot, "D")
        assert status(store, goals.markup) == "dropped"
        assert f"Dropped {MARKUP_TITLE} (u undoes)" in told(app)


async def test_a_status_the_goal_has_already_is_said_not_written(
    store: Store, goals: Goals
) -> None:
    """p on a paused goal writes nothing and says that r takes it up again."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await press(app, pilot, "C")
        await move_to_goal(app, pilot, "Learn Go from a mentor")
        await press(app, pilot, "p")
        assert "Learn Go from a mentor is paused already: r takes it up again" in told(app)
        await press(app, pilot, "u")
        # Nothing was journalled: the last command is still the kit's last one.
        assert "Undone: Added goal Old plan" in told(app)


async def test_status_keys_work_on_the_goal_page(store: Store, goals: Goals) -> None:
    """x on a goal's page marks it achieved and the page says so; r takes it up again."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        await press(app, pilot, "x")
        assert status(store, goals.fintech) == "achieved"
        assert "achieved  ·  on track" in screen_text(app)
        await press(app, pilot, "r")
        assert status(store, goals.fintech) == "active"
        assert "active  ·  on track" in screen_text(app)


async def test_d_asks_then_deletes_and_u_brings_the_goal_back_whole(
    store: Store, net: Network, goals: Goals
) -> None:
    """d asks first (n keeps it); d y deletes the goal; u restores it with its links and slots."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await move_to_goal(app, pilot, FINTECH)
        await press(app, pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "n")
        assert FINTECH in listed_titles(app)
        await press(app, pilot, "d", "y")
        assert listed_titles(app) == [MARKUP_TITLE]
        assert f"Deleted goal {FINTECH} (u undoes)" in told(app)
        assert [ref.id for ref in store.goals.refs(closed=True)].count(goals.fintech) == 0
        await press(app, pilot, "u")
        assert listed_titles(app) == [MARKUP_TITLE, FINTECH]
        detail = store.goals.detail(goals.fintech)
        assert {member.contact_id for member in detail.members} == {net.alice, net.tanaka}
        assert [slot.contact_id for slot in detail.record.slots] == [None, net.tanaka]
        assert store.contacts.exists(net.alice)


async def test_deleting_from_the_goal_page_goes_back_to_the_list(
    store: Store, goals: Goals
) -> None:
    """d y on the goal's page deletes it and returns to the list, which no longer has it."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await open_goal(app, pilot, FINTECH)
        await press(app, pilot, "d", "y")
        assert isinstance(app.screen, GoalsScreen)
        assert listed_titles(app) == [MARKUP_TITLE]


async def test_undoing_a_new_goal_closes_its_page(store: Store, goals: Goals) -> None:
    """u right after a goal is added deletes it again: its open page closes and says why."""
    async with running(store) as (app, pilot):
        await open_goals(app, pilot)
        await press(app, pilot, "n", *"Short lived", "ctrl+s")
        assert isinstance(app.screen, GoalDetailScreen)
        await press(app, pilot, "u")
        assert isinstance(app.screen, GoalsScreen)
        assert "This goal no longer exists" in told(app)
        assert "Short lived" not in listed_titles(app)
