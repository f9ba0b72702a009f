"""The review's row keys: d s S on follow-ups, l f g on contacts, enter, and rows deleted elsewhere.

Each key acts on the row under the cursor and the row leaves or changes at
once; a record another netui deleted gives a message, never a crash.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from reviewkit import (
    Week,
    d,
    delete_elsewhere,
    focus_section,
    headings,
    names,
    open_review,
    rows,
    section,
)
from textual.widgets import Input, Select, Static
from textual_private import told
from uikit import CLICK_NAME, SLASH_NAME, press, running, screen_text

from netui.data.models import (
    FollowUp,
    Interaction,
    LedgerEntry,
)
from netui.screens.common.confirm import ConfirmScreen
from netui.screens.common.followup_form import FollowUpForm
from netui.screens.common.interaction_form import InteractionForm
from netui.screens.common.ledger_form import LedgerForm
from netui.screens.contacts.detail import ContactDetailScreen
from netui.screens.review.event_view import EventView
from netui.screens.review.screen import ReviewScreen
from netui.screens.review.snooze_form import SnoozeForm
from netui.state import Store

# -- x, z, Z: follow-ups -------------------------------------------------------------------


async def test_x_marks_the_follow_up_done_and_the_row_leaves(store: Store, week: Week) -> None:
    """d on a follow-up row sets done_at in the database; the row leaves and the cursor stays on row 0."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "x")
        assert FollowUp.get_by_id(week.slides).done_at is not None
        assert names(app, "followups", 1) == [CLICK_NAME]
        assert headings(app)[1] == "Follow-ups due (1)"
        assert app.focused is section(app, "followups").table
        assert section(app, "followups").table.cursor_row == 0
        assert "Done: send the slides (Fiona Follow)" in told(app)


async def test_x_on_the_last_row_keeps_the_cursor_on_the_new_last(store: Store, week: Week) -> None:
    """d on the second of two follow-ups: that one is done and the cursor moves up to the one left."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "down", "x")
        assert FollowUp.get_by_id(week.call).done_at is not None
        assert FollowUp.get_by_id(week.slides).done_at is None
        assert names(app, "followups", 1) == ["Fiona Follow"]
        assert section(app, "followups").table.cursor_row == 0


async def test_the_last_follow_up_done_moves_focus_to_the_next_section(
    store: Store, week: Week
) -> None:
    """When a section empties, it says so and focus moves on to the next section with rows."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "x", "x")
        assert "No follow-ups due this week." in screen_text(app)
        assert app.focused is section(app, "reciprocity").table


async def test_x_twice_before_the_reload_lands_does_two_follow_ups(
    store: Store, week: Week, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the review slow to read (as at L), d d marks both follow-ups done, not the first twice."""
    real = store.review.week

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.5)
        return real(*args, **kwargs)

    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        monkeypatch.setattr(store.review, "week", slow)
        await pilot.press("x", "x")
        done = {f.id for f in FollowUp.select().where(FollowUp.done_at.is_null(False))}
        assert done == {week.slides, week.call}
        await press(app, pilot)
        assert "No follow-ups due this week." in screen_text(app)


async def test_x_elsewhere_says_what_x_does(store: Store, week: Week) -> None:
    """x on an overdue contact changes nothing and says x marks a follow-up done."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "x", "z")
        assert "x marks a follow-up" in told(app)
        assert "z snoozes a follow-up" in told(app)
        assert FollowUp.select().where(FollowUp.done_at.is_null(False)).count() == 0
        assert len(rows(app, "overdue")) == 2


async def test_z_snoozes_a_week_and_the_row_leaves(store: Store, week: Week) -> None:
    """s snoozes to today + 7 (Sat 2026-11-28), past the week's end, so the row leaves the week."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "z")
        followup = FollowUp.get_by_id(week.slides)
        assert (followup.snoozed_until, followup.done_at) == (d("2026-11-28"), None)
        assert names(app, "followups", 1) == [CLICK_NAME]
        assert "Snoozed to Sat 2026-11-28: send the slides" in told(app)


async def test_z_on_a_follow_up_due_later_snoozes_a_week_from_its_due_date(
    store: Store, week: Week
) -> None:
    """Due Sun 11-22 (tomorrow), s snoozes to Sun 11-29, a week from then, not Sat 11-28."""
    sunday = store.followups.add(week.wes, d("2026-11-22"), "book the venue")
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "end", "z")
        assert FollowUp.get_by_id(sunday).snoozed_until == d("2026-11-29")
        assert "Snoozed to Sun 2026-11-29: book the venue" in told(app)
        assert "book the venue" not in names(app, "followups", 2)


async def test_capital_z_snoozes_to_a_typed_day(store: Store, week: Week) -> None:
    """S opens a box; a past day is refused beside the field; "fri" snoozes to Fri 2026-11-27."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "Z")
        assert isinstance(app.screen, SnoozeForm)
        await press(app, pilot, *"today", "enter")
        assert isinstance(app.screen, SnoozeForm)
        assert "is not after today" in screen_text(app)
        box = app.screen.query_one("#until", Input)
        box.value = ""
        await press(app, pilot, *"fri")
        assert "Fri 2026-11-27" in screen_text(app)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ReviewScreen)
        assert FollowUp.get_by_id(week.slides).snoozed_until == d("2026-11-27")
        assert names(app, "followups", 1) == [CLICK_NAME]


async def test_capital_z_then_escape_changes_nothing(store: Store, week: Week) -> None:
    """S, a typed day, then escape asks before discarding it; y closes and the follow-up stays due."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "Z", *"fri", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "y")
        assert isinstance(app.screen, ReviewScreen)
        assert FollowUp.get_by_id(week.slides).snoozed_until is None
        assert len(rows(app, "followups")) == 2


# -- l, f, g: logging from a row -----------------------------------------------------------


async def test_l_logs_an_interaction_and_the_overdue_row_leaves(store: Store, week: Week) -> None:
    """l on Olga opens the interaction form for her; saving records it and she is no longer overdue."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await press(app, pilot, "l")
        assert isinstance(app.screen, InteractionForm)
        assert "Log an interaction with Olga Overdue" in screen_text(app)
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        logged = Interaction.select().where(Interaction.contact == week.olga).count()
        assert logged == 2
        assert names(app, "overdue") == ["Wes Weekend"]
        assert "Logged an interaction with Olga Overdue" in told(app)


async def test_f_adds_a_follow_up_and_the_new_contact_leaves(store: Store, week: Week) -> None:
    """f on Nina (new, no follow-up) adds one; she leaves the new-contacts section."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "new_contacts")
        await press(app, pilot, "f")
        assert isinstance(app.screen, FollowUpForm)
        await press(app, pilot, *"fri say thanks for the intro", "enter")
        assert isinstance(app.screen, ReviewScreen)
        added = FollowUp.get(FollowUp.contact == week.nina)
        assert (added.due, added.what) == (d("2026-11-27"), "say thanks for the intro")
        assert rows(app, "new_contacts") == []
        assert "No new contacts waiting for a follow-up." in screen_text(app)


async def test_plus_records_a_give_and_the_balance_row_updates(store: Store, week: Week) -> None:
    """g on Rita (-4) with the default weight 1 records a give; her row stays, now at -3."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "reciprocity")
        await press(app, pilot, "plus")
        assert isinstance(app.screen, LedgerForm)
        assert "Something you gave to Rita Reciprocity" in screen_text(app)
        await press(app, pilot, *"sent the job post", "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        entry = LedgerEntry.get(LedgerEntry.direction == "give")
        assert (entry.contact_id, entry.kind, entry.description, entry.weight, entry.date) == (
            week.rita,
            "information",
            "sent the job post",
            1,
            d("2026-11-21"),
        )
        assert rows(app, "reciprocity")[0][:3] == [
            "Rita Reciprocity",
            "-3",
            "took 3 more than gave",
        ]
        assert "Recorded a give to Rita Reciprocity" in told(app)


async def test_plus_with_a_chosen_kind_and_weight_clears_the_row(store: Store, week: Week) -> None:
    """g, a description, kind "advice" and weight 2 chosen by keys: Rita is back to -2 and leaves."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "reciprocity")
        await press(app, pilot, "plus", *"pricing feedback", "tab")
        assert app.focused is app.screen.query_one("#kind", Select)
        await press(app, pilot, "enter", "down", "enter", "tab")
        assert app.focused is app.screen.query_one("#weight", Select)
        await press(app, pilot, "enter", "down", "enter", "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        entry = LedgerEntry.get(LedgerEntry.direction == "give")
        assert (entry.kind, entry.weight) == ("advice", 2)
        assert names(app, "reciprocity") == ["Uma Unreturned"]


async def test_the_give_form_refuses_a_future_day_and_asks_before_discarding(
    store: Store, week: Week
) -> None:
    """A future date is an error beside the field and saves nothing; escape after typing asks first."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "reciprocity")
        await press(app, pilot, "plus", *"coffee")
        app.screen.query_one("#date", Input).value = "tomorrow"
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, LedgerForm)
        assert "Sun 2026-11-22 is in the future" in screen_text(app)
        assert LedgerEntry.select().where(LedgerEntry.direction == "give").count() == 0
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "y")
        assert isinstance(app.screen, ReviewScreen)


async def test_l_plus_f_on_an_event_row_say_they_need_a_contact(store: Store, week: Week) -> None:
    """On an event row, l, + and f open nothing and say they act on a contact."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "upcoming_events")
        await press(app, pilot, "l", "plus", "f")
        assert isinstance(app.screen, ReviewScreen)
        for key in "l+f":
            assert f"{key} acts on a contact, and this row is an event" in told(app)


# -- enter ---------------------------------------------------------------------------------


async def test_enter_opens_the_contact_and_escape_comes_back(store: Store, week: Week) -> None:
    """enter on a follow-up row opens that contact's page; escape returns to the review, same row."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        await press(app, pilot, "down", "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == week.mallory
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ReviewScreen)
        assert app.focused is section(app, "followups").table
        assert section(app, "followups").table.cursor_row == 1


async def test_enter_on_an_event_shows_what_to_prepare(store: Store, week: Week) -> None:
    """enter on the event shows when, where, intent, goals and who is going; escape closes it."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "upcoming_events")
        await press(app, pilot, "enter")
        assert isinstance(app.screen, EventView)
        facts = str(app.screen.query_one("#event-facts", Static).content)
        for fact in (
            "Fri 2026-11-27 19:00 (in 6d)",
            "Shibuya",
            "registered",
            "meet two payment engineers",
            "Find a mentor",
            "Fiona Follow",
            "Rita Reciprocity",
        ):
            assert fact in facts
        assert f"Fintech mixer {SLASH_NAME}" in screen_text(app)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_enter_on_a_goal_says_goals_have_no_page_yet(store: Store, week: Week) -> None:
    """enter on a goal row opens nothing and says so."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "goals")
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ReviewScreen)
        assert "Find a mentor: goals have no page of their own yet" in told(app)


async def test_x_on_a_follow_up_deleted_elsewhere_says_so(store: Store, week: Week) -> None:
    """Fiona deleted by another netui, then d on her follow-up: a message, no crash, the row leaves."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        delete_elsewhere(week.fiona)
        assert names(app, "followups", 1)[0] == "Fiona Follow"  # still shown: nobody told us
        await press(app, pilot, "x")
        assert app.is_running
        assert f"follow-up {week.slides} no longer exists (deleted elsewhere)" in told(app)
        assert names(app, "followups", 1) == [CLICK_NAME]
        assert FollowUp.get_by_id(week.call).done_at is None  # the next row was not touched


async def test_z_on_a_follow_up_deleted_elsewhere_says_so(store: Store, week: Week) -> None:
    """s on a follow-up whose contact another netui deleted: a message, no crash."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "followups")
        delete_elsewhere(week.fiona)
        await press(app, pilot, "z")
        assert f"follow-up {week.slides} no longer exists (deleted elsewhere)" in told(app)


async def test_plus_l_f_and_enter_on_a_contact_deleted_elsewhere_say_so(
    store: Store, week: Week
) -> None:
    """+, l, f and enter on a contact another netui deleted each say it no longer exists; nothing opens."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        for key, contact_id in (("plus", week.olga), ("l", week.wes)):
            delete_elsewhere(contact_id)
            await press(app, pilot, key)
            assert isinstance(app.screen, ReviewScreen), key
            assert f"contact {contact_id} no longer exists" in told(app)
        assert "Nothing overdue this week." in screen_text(app)  # both rows left once read again
        await focus_section(app, pilot, "new_contacts")
        delete_elsewhere(week.nina)
        await press(app, pilot, "f")
        assert isinstance(app.screen, ReviewScreen)
        assert f"contact {week.nina} no longer exists" in told(app)
        await focus_section(app, pilot, "reciprocity")
        delete_elsewhere(week.rita)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ReviewScreen)
        assert f"contact {week.rita} no longer exists (deleted elsewhere)" in told(app)
        assert names(app, "reciprocity") == ["Uma Unreturned"]


async def test_a_give_saved_after_the_contact_was_deleted_says_so_in_the_form(
    store: Store, week: Week
) -> None:
    """The contact vanishes while the give form is open: ctrl+s shows why beside the form and saves nothing."""
    async with running(store) as (app, pilot):
        await open_review(app, pilot)
        await focus_section(app, pilot, "reciprocity")
        await press(app, pilot, "plus", *"an intro")
        delete_elsewhere(week.rita)
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, LedgerForm)
        assert "it was deleted meanwhile; nothing was saved" in screen_text(app)
        assert LedgerEntry.select().where(LedgerEntry.direction == "give").count() == 0
        await press(app, pilot, "escape", "y")
        assert isinstance(app.screen, ReviewScreen)
        assert names(app, "reciprocity") == ["Uma Unreturned"]
