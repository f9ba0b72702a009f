"""The goal form, driven by keys: mistakes beside their fields, warnings that do not stop a save,
key results, wanted people, editing, and asking before losing what was typed."""

from __future__ import annotations

import datetime as dt

from formkit import Harness, goto
from goalkit import FINTECH, MARKUP_TITLE, STARTED, Goals, move_to_goal, open_goals
from textual.pilot import Pilot
from textual.widgets import Input
from textual_private import told
from uikit import Network, press, running, screen_text

from netui.app import NetuiApp
from netui.domain.goal_progress import KeyResult
from netui.screens.common.confirm import ConfirmScreen, QuitScreen
from netui.screens.goals.detail import GoalDetailScreen
from netui.screens.goals.form import GoalForm
from netui.screens.goals.list_screen import GoalsScreen
from netui.state import Store
from netui.widgets.form_field import FormField

SIZE = (120, 50)


def error(app: NetuiApp | Harness, field: str) -> str:
    return app.screen.query_one(f"#{field}-field", FormField).error


def hint(app: NetuiApp | Harness, field: str) -> str:
    return app.screen.query_one(f"#{field}-field", FormField).hint


def warnings(app: NetuiApp | Harness) -> str:
    form = app.screen
    assert isinstance(form, GoalForm)
    return form.warnings


def goal_titles(store: Store) -> list[str]:
    return [ref.title for ref in store.goals.refs(closed=True)]


async def choose(app: NetuiApp, pilot: Pilot[None], select_id: str, typed: str) -> None:
    """Go to a drop-down, open it, type the start of a choice and take it, as a person would."""
    await goto(pilot, select_id)
    await press(app, pilot, "enter", *typed, "enter")


async def clear_and_type(app: NetuiApp, pilot: Pilot[None], field_id: str, text: str) -> None:
    """Go to a text field, empty it and type `text`."""
    await goto(pilot, field_id)
    await press(app, pilot, "ctrl+a", "ctrl+k", *text)


async def test_a_new_goal_is_saved_only_once_each_mistake_is_fixed(
    store: Store, net: Network
) -> None:
    """No title, a count that is no number and a result with no target are each said beside
    their field and save nothing; fixed, the goal is saved with its result and wanted people and
    its page opens."""
    async with running(store, size=SIZE) as (app, pilot):
        await open_goals(app, pilot)
        await press(app, pilot, "n")
        assert isinstance(app.screen, GoalForm)
        await press(app, pilot, "ctrl+s")
        assert error(app, "goal_title") == "a title is required"
        await press(app, pilot, *"Find investors")
        await goto(pilot, "target_count")
        await press(app, pilot, *"five")
        await choose(app, pilot, "kr0_metric", "introductions")
        await press(app, pilot, "ctrl+s")
        assert error(app, "goal_title") == ""
        assert error(app, "target_count") == "must be a whole number, 1 or more"
        assert error(app, "kr0") == "to: say the number to reach"
        assert goal_titles(store) == []
        await clear_and_type(app, pilot, "target_count", "5")
        await goto(pilot, "kr0_target")
        await press(app, pilot, *"2")
        assert hint(app, "kr0") == "0 → 2 some time"
        await clear_and_type(app, pilot, "tags", "fintech")
        await goto(pilot, "slots")
        await press(app, pilot, *"an angel", "enter", *"a climate VC")
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, GoalDetailScreen)
        assert "Added goal Find investors (u undoes)" in told(app)
    (ref,) = store.goals.refs(closed=True)
    record = store.goals.get(ref.id)
    assert record.draft.title == "Find investors"
    assert store.goals.candidates(ref.id)[1] == 2  # 鈴木 and Alice carry #fintech
    assert record.draft.target_count == 5
    assert record.draft.target_profile.tags == ("fintech",)
    assert record.draft.key_results == (KeyResult("introductions", 0, 2),)
    assert [slot.description for slot in record.slots] == ["an angel", "a climate VC"]


async def test_warnings_are_shown_and_the_goal_is_saved_all_the_same(store: Store) -> None:
    """A date already past and a profile with no criteria are warned of above the fields, and
    ctrl+s saves the goal anyway, saying no contact fits it."""
    async with running(store, size=SIZE) as (app, pilot):
        await open_goals(app, pilot)
        await press(app, pilot, "n", *"Look back")
        assert "the target profile has no criteria, so no contact is a candidate" in warnings(app)
        await goto(pilot, "target_date")
        await press(app, pilot, *"2026-01-01")
        assert "the target date Thu 2026-01-01 is already past" in warnings(app)
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, GoalDetailScreen)
        assert "Added goal Look back: no contact fits its profile yet (u undoes)" in told(app)
    (ref,) = store.goals.refs(closed=True)
    assert store.goals.get(ref.id).draft.target_date == dt.date(2026, 1, 1)


async def test_a_result_by_a_date_asks_for_the_date_and_reads_a_phrase(store: Store) -> None:
    """Choosing "by a date" shows the date box; "3/31" means the next 31 March, said in the hint."""
    async with running(store, size=SIZE) as (app, pilot):
        await open_goals(app, pilot)
        await press(app, pilot, "n", *"By March")
        by = app.screen.query_one("#kr0_by", Input)
        assert not by.display
        await choose(app, pilot, "kr0_metric", "linked")
        await goto(pilot, "kr0_target")
        await press(app, pilot, *"4")
        await choose(app, pilot, "kr0_when", "by")
        assert by.display
        await goto(pilot, "kr0_by")
        await press(app, pilot, *"3/31")
        assert hint(app, "kr0") == "0 → 4 by Wed 2027-03-31"
        await press(app, pilot, "ctrl+s")
    (ref,) = store.goals.refs(closed=True)
    assert store.goals.get(ref.id).draft.key_results == (
        KeyResult("known_or_trusted", 0, 4, by=dt.date(2027, 3, 31)),
    )


async def test_a_target_not_above_the_start_is_refused_at_its_row(store: Store) -> None:
    """From 5 to 3 is said beside the result: the target must be above the start."""
    async with running(store, size=SIZE) as (app, pilot):
        await open_goals(app, pilot)
        await press(app, pilot, "n", *"Backwards")
        await choose(app, pilot, "kr0_metric", "moved")
        await goto(pilot, "kr0_start")
        await press(app, pilot, *"5", "tab", *"3", "ctrl+s")
        assert error(app, "kr0") == "to: must be a whole number above the start (5)"
        assert goal_titles(store) == []


async def test_the_same_result_twice_is_refused_at_the_second_row(store: Store) -> None:
    """Two rows counting introductions with no period or date: the second says it repeats."""
    async with running(store, size=SIZE) as (app, pilot):
        await open_goals(app, pilot)
        await press(app, pilot, "n", *"Twice")
        for row in ("kr0", "kr1"):
            await choose(app, pilot, f"{row}_metric", "introductions")
            await goto(pilot, f"{row}_target")
            await press(app, pilot, *"2")
        await press(app, pilot, "ctrl+s")
        assert error(app, "kr0") == ""
        assert error(app, "kr1") == "introductions received for the goal is measured twice"
        assert goal_titles(store) == []


async def test_e_edits_a_goal_and_keeps_its_results_history(store: Store, goals: Goals) -> None:
    """e on the fintech goal, a new title and a why: saved, said, and its key results keep the
    day they started."""
    async with running(store, size=SIZE) as (app, pilot):
        await open_goals(app, pilot)
        await move_to_goal(app, pilot, FINTECH)
        await press(app, pilot, "e")
        assert isinstance(app.screen, GoalForm)
        assert app.screen.query_one("#goal_title", Input).value == FINTECH
        await press(app, pilot, "ctrl+a", "ctrl+k", *"Five fintech people")
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, GoalsScreen)
        assert "Saved goal Five fintech people (u undoes)" in told(app)
    record = store.goals.get(goals.fintech)
    assert record.draft.title == "Five fintech people"
    assert record.draft.target_profile.tags == ("fintech",)
    assert len(record.draft.key_results) == 2
    summary = store.goals.detail(goals.fintech).summary
    assert {kr.started_on for kr in summary.key_results} == {STARTED}


async def test_escape_asks_before_losing_what_was_typed(store: Store) -> None:
    """escape on a typed form asks; n goes back to it as it was; escape y closes, saving nothing."""
    async with running(store, size=SIZE) as (app, pilot):
        await open_goals(app, pilot)
        await press(app, pilot, "n", *"Half a thought", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "n")
        assert isinstance(app.screen, GoalForm)
        assert app.screen.query_one("#goal_title", Input).value == "Half a thought"
        await press(app, pilot, "escape", "y")
        assert isinstance(app.screen, GoalsScreen)
    assert goal_titles(store) == []


async def test_escape_on_an_untouched_form_closes_it_at_once(store: Store, goals: Goals) -> None:
    """An edit form opened and left unchanged closes on escape without a question."""
    async with running(store, size=SIZE) as (app, pilot):
        await open_goals(app, pilot)
        await press(app, pilot, "e", "escape")
        assert isinstance(app.screen, GoalsScreen)


async def test_quitting_with_a_typed_form_asks_first(store: Store) -> None:
    """ctrl+q over a form with a typed title asks whether to quit and lose it."""
    async with running(store, size=SIZE) as (app, pilot):
        await open_goals(app, pilot)
        await press(app, pilot, "n", *"Unsaved", "ctrl+q")
        assert isinstance(app.screen, QuitScreen)


async def test_a_markup_title_is_edited_as_typed(store: Store, goals: Goals) -> None:
    """The markup goal's form shows its title literally, in the heading and the field, and
    saving it unchanged keeps it so."""
    async with running(store, size=SIZE) as (app, pilot):
        await open_goals(app, pilot)
        await move_to_goal(app, pilot, MARKUP_TITLE)
        await press(app, pilot, "e")
        assert app.screen.query_one("#goal_title", Input).value == MARKUP_TITLE
        assert f"Edit goal: {MARKUP_TITLE}" in screen_text(app)
        await press(app, pilot, "ctrl+s")
        assert f"Saved goal {MARKUP_TITLE} (u undoes)" in told(app)
    assert store.goals.get(goals.markup).draft.title == MARKUP_TITLE


async def test_a_goal_deleted_before_its_form_opens_says_so(store: Store, goals: Goals) -> None:
    """The form of a goal gone meanwhile says so and closes, saving nothing."""
    store.goals.delete(goals.fintech)
    app = Harness(lambda: GoalForm(store, goals.fintech))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.results == [None]
        assert f"goal {goals.fintech} no longer exists" in told(app)
