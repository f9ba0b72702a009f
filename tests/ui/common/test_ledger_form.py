"""The give/take form's goal: a new entry can name the active goal it served, so an
introduction received for a goal counts towards it.

Driven in a bare harness app on the fixture clock, Saturday 2026-11-21.
"""

from __future__ import annotations

import datetime as dt

from formkit import SIZE, Harness, goto, settle
from textual.widgets import Input, Select
from uikit import screen_text

from netui.data.models import LedgerEntry, LedgerGoal
from netui.domain.goal_progress import KeyResult
from netui.domain.goals import GoalDraft
from netui.domain.records import ContactDraft
from netui.screens.common.ledger_form import LedgerForm
from netui.state import Store

MARKUP = "[b]x[/] [@click=app.quit]"


def introductions(store: Store, goal_id: int) -> int:
    """The current value of the goal's introductions result."""
    (summary,) = [goal for goal in store.goals.summaries() if goal.id == goal_id]
    (result,) = summary.key_results
    return result.current


async def test_an_introduction_got_for_a_goal_is_recorded_for_it(store: Store) -> None:
    """Choosing the goal with the keyboard records the take for it, and the goal counts it."""
    kim = store.contacts.create(ContactDraft(name="Kim Ara"))
    store.goals.create(GoalDraft("Climate founders"))
    fintech = store.goals.create(
        GoalDraft("Find 5 fintech people", key_results=(KeyResult("introductions", 0, 3),))
    )
    app = Harness(lambda: LedgerForm(store, kim, direction="take"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"an intro to Sato at Globex")
        app.screen.query_one("#kind", Select).value = "introduction"
        goal = app.screen.query_one("#goal", Select)
        assert goal.value is Select.NULL
        assert "For goal" in screen_text(app) and "no goal" in screen_text(app)
        await goto(pilot, "goal")
        # The goals are offered by title: Climate founders, then Find 5 fintech people.
        await pilot.press("enter", "down", "down", "enter")
        await settle(pilot)
        assert goal.value == fintech
        await pilot.press("ctrl+s")
        await settle(pilot)
    entry = LedgerEntry.get()
    assert app.results == [entry.id]
    assert (entry.direction, entry.kind, entry.date) == (
        "take",
        "introduction",
        dt.date(2026, 11, 21),
    )
    assert [(row.entry_id, row.goal_id) for row in LedgerGoal.select()] == [(entry.id, fintech)]
    assert introductions(store, fintech) == 1


async def test_no_goal_chosen_records_the_entry_for_none(store: Store) -> None:
    """Left at "no goal", the entry is saved and served no goal."""
    kim = store.contacts.create(ContactDraft(name="Kim Ara"))
    store.goals.create(GoalDraft("Find 5 fintech people"))
    app = Harness(lambda: LedgerForm(store, kim, direction="take"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"advice on pricing", "enter")
        await settle(pilot)
    assert LedgerEntry.select().count() == 1
    assert LedgerGoal.select().count() == 0


async def test_only_active_goals_are_offered_and_none_means_no_field(store: Store) -> None:
    """A paused goal is not offered; with no active goal the form has no goal field at all."""
    kim = store.contacts.create(ContactDraft(name="Kim Ara"))
    paused = store.goals.create(GoalDraft("Paused goal"))
    store.goals.set_status(paused, "paused")
    app = Harness(lambda: LedgerForm(store, kim))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query("#goal")
        assert "For goal" not in screen_text(app)
        await pilot.press(*"reviewed the deck", "enter")
        await settle(pilot)
    assert LedgerEntry.select().count() == 1


async def test_a_correction_does_not_offer_the_goal(store: Store) -> None:
    """Editing an entry keeps the goal it served: the form offers no goal to change."""
    kim = store.contacts.create(ContactDraft(name="Kim Ara"))
    fintech = store.goals.create(GoalDraft("Find 5 fintech people"))
    entry_id = store.ledger.add(
        kim, "take", "introduction", "to Sato", 1, dt.date(2026, 11, 20), goal_id=fintech
    )
    app = Harness(lambda: LedgerForm(store, kim, entry=store.ledger.get(entry_id)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query("#goal")
        app.screen.query_one("#description", Input).value = "to Sato Ken"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert LedgerEntry.get_by_id(entry_id).description == "to Sato Ken"
    assert [(row.entry_id, row.goal_id) for row in LedgerGoal.select()] == [(entry_id, fintech)]


async def test_a_goal_title_that_looks_like_markup_is_offered_as_typed(store: Store) -> None:
    """A title like [b]x[/] shows literally in the opened choice, and choosing it runs nothing."""
    kim = store.contacts.create(ContactDraft(name="Kim Ara"))
    goal = store.goals.create(GoalDraft(MARKUP))
    app = Harness(lambda: LedgerForm(store, kim, direction="take"))
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "goal")
        await pilot.press("enter")
        await settle(pilot)
        assert MARKUP in screen_text(app)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen.query_one("#goal", Select).value == goal
        assert MARKUP in screen_text(app)
        assert app.is_running
