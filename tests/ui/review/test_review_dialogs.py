"""The review's modals on their own: the give/take form, snooze-to-a-day, the event view, completing.

Each runs in a bare harness app that pushes the modal and records what it
dismissed with; the review screen's tests pin how its keys open them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from formkit import Harness
from textual.widgets import Input, Select, Static
from uikit import screen_text

from netui.data.models import FollowUp, LedgerEntry, Review
from netui.domain.records import ContactDraft
from netui.domain.review import UpcomingEvent
from netui.screens.common.confirm import ConfirmScreen
from netui.screens.common.ledger_form import LedgerForm
from netui.screens.review.complete import CompleteReviewScreen
from netui.screens.review.event_view import EventView
from netui.screens.review.snooze_form import SnoozeForm
from netui.state import Store

SIZE = (100, 30)


def contact(store: Store, name: str = "Kim Ara") -> int:
    return store.contacts.create(ContactDraft(name=name))


def event(**changes: Any) -> UpcomingEvent:
    fields: dict[str, Any] = {
        "event_id": 1,
        "title": "Study group [/]",
        "starts_at": dt.datetime(2026, 11, 23, 19, 30),
        "place": "Otemachi",
        "status": "planned",
        "intent": "",
        "goals": (),
        "attendees": (),
        "solicitation": False,
    }
    return UpcomingEvent(**(fields | changes))


# -- LedgerForm --------------------------------------------------------------------------


async def test_a_take_is_recorded_with_the_typed_day(store: Store) -> None:
    """direction="take": the title says got from, "yesterday" resolves beside the field, enter saves."""
    kim = contact(store)
    app = Harness(lambda: LedgerForm(store, kim, direction="take"))
    async with app.run_test(size=SIZE) as pilot:
        assert "Something you got from Kim Ara" in screen_text(app)
        assert "Sat 2026-11-21" in screen_text(app)  # "today", resolved
        date = app.screen.query_one("#date", Input)
        date.value = "yesterday"
        await pilot.pause()
        assert "Fri 2026-11-20" in screen_text(app)
        await pilot.press(*"advice on pricing", "enter")
        await pilot.pause()
    entry = LedgerEntry.get()
    assert app.results == [entry.id]
    assert (entry.direction, entry.description, entry.date) == (
        "take",
        "advice on pricing",
        dt.date(2026, 11, 20),
    )


async def test_the_weights_are_one_to_five(store: Store) -> None:
    """The weight choice starts at 1 and, opened, offers 1 to 5 with what the ends mean."""
    kim = contact(store)
    app = Harness(lambda: LedgerForm(store, kim))
    async with app.run_test(size=SIZE) as pilot:
        weight = app.screen.query_one("#weight", Select)
        assert weight.value == 1
        await pilot.press("tab", "tab", "enter")
        await pilot.pause()
        text = screen_text(app)
        for label in ("1 · a small thing", "2", "3 · real effort", "4", "5 · a big one"):
            assert label in text
        await pilot.press("end", "enter")
        await pilot.pause()
        assert weight.value == 5


async def test_a_date_that_is_not_a_date_is_refused_beside_the_field(store: Store) -> None:
    """A bad date phrase shows its error under the date and nothing is saved."""
    kim = contact(store)
    app = Harness(lambda: LedgerForm(store, kim))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#date", Input).value = "someday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LedgerForm)
        assert 'date "someday"' in screen_text(app)
        assert app.focused is app.screen.query_one("#date", Input)
    assert LedgerEntry.select().count() == 0


async def test_escape_on_an_untouched_ledger_form_closes_without_asking(store: Store) -> None:
    """Nothing typed: escape closes at once with None."""
    kim = contact(store)
    app = Harness(lambda: LedgerForm(store, kim))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (LedgerForm, ConfirmScreen))
    assert app.results == [None]


async def test_a_ledger_form_for_a_vanished_contact_closes_with_a_message(store: Store) -> None:
    """Opened for a contact that no longer exists, the form says so and closes."""
    app = Harness(lambda: LedgerForm(store, 999))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert app.results == [None]
        assert "contact 999 no longer exists" in screen_text(app)


# -- SnoozeForm --------------------------------------------------------------------------


async def test_snooze_takes_a_japanese_phrase_and_refuses_an_empty_one(store: Store) -> None:
    """enter on nothing asks for a day; 来週金曜 snoozes to next week's Friday."""
    kim = contact(store)
    followup = store.followups.add(kim, dt.date(2026, 11, 20), "send the deck")
    app = Harness(lambda: SnoozeForm(store, followup, "send the deck"))
    async with app.run_test(size=SIZE) as pilot:
        assert "Snooze: send the deck" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "type a day to snooze to" in screen_text(app)
        app.screen.query_one("#until", Input).value = "来週金曜"
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [dt.date(2026, 11, 27)]
    assert FollowUp.get_by_id(followup).snoozed_until == dt.date(2026, 11, 27)


async def test_snooze_to_a_day_before_the_due_date_is_refused_as_it_is_typed(
    store: Store,
) -> None:
    """Due Tue 12-01: "fri" (11-27) is refused beside the field, naming the due date; 12/4 snoozes."""
    kim = contact(store)
    followup = store.followups.add(kim, dt.date(2026, 12, 1), "send the deck")
    app = Harness(lambda: SnoozeForm(store, followup, "send the deck", dt.date(2026, 12, 1)))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#until", Input).value = "fri"
        await pilot.pause()
        assert "Fri 2026-11-27 is before it is due (Tue 2026-12-01)" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeForm)
        assert FollowUp.get_by_id(followup).snoozed_until is None
        app.screen.query_one("#until", Input).value = "12/4"
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [dt.date(2026, 12, 4)]
    assert FollowUp.get_by_id(followup).snoozed_until == dt.date(2026, 12, 4)


# -- EventView ---------------------------------------------------------------------------


async def test_event_view_says_what_is_missing_and_warns_of_pitches(store: Store) -> None:
    """No intent, goals or known attendees each say so; a pitching event is flagged; q closes."""
    app = Harness(lambda: EventView(event(solicitation=True), dt.date(2026, 11, 21)))
    async with app.run_test(size=SIZE) as pilot:
        facts = str(app.screen.query_one("#event-facts", Static).content)
        assert "Mon 2026-11-23 19:30 (in 2d)" in facts
        assert "not written: what do you want from it?" in facts
        assert "serves no goal yet" in facts
        assert "nobody you know yet" in facts
        assert "expect people here to pitch or sell" in facts
        assert "Study group [/]" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    assert app.results == [None]


async def test_event_view_lists_every_known_attendee(store: Store) -> None:
    """Three attendees are listed one per line."""
    people = ("Ann", "Ben [b]x[/b]", "Cho")
    app = Harness(lambda: EventView(event(attendees=people), dt.date(2026, 11, 21)))
    async with app.run_test(size=SIZE):
        facts = str(app.screen.query_one("#event-facts", Static).content)
        lines = [line.strip() for line in facts.splitlines()]
        assert lines[lines.index("Going       Ann") + 1 :][:2] == ["Ben [b]x[/b]", "Cho"]


async def test_event_view_names_its_series_only_when_it_has_one(store: Store) -> None:
    """An event of a series shows a Series line with its title as written; one of none shows none."""
    app = Harness(lambda: EventView(event(series="朝活 [b]circle[/]"), dt.date(2026, 11, 21)))
    async with app.run_test(size=SIZE):
        facts = str(app.screen.query_one("#event-facts", Static).content)
        assert "Series      朝活 [b]circle[/]" in facts.splitlines()
    app = Harness(lambda: EventView(event(), dt.date(2026, 11, 21)))
    async with app.run_test(size=SIZE):
        assert "Series" not in str(app.screen.query_one("#event-facts", Static).content)


# -- CompleteReviewScreen ----------------------------------------------------------------


async def test_completing_without_notes_stores_an_empty_note(store: Store) -> None:
    """ctrl+s with no notes completes the week holding the day given, with empty notes."""
    app = Harness(lambda: CompleteReviewScreen(store, dt.date(2026, 11, 18)))
    async with app.run_test(size=SIZE) as pilot:
        assert "Mon 2026-11-16 – Sun 2026-11-22" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    stored = Review.get()
    assert (stored.week_start, stored.notes) == (dt.date(2026, 11, 16), "")
    assert app.results[0].week_start == dt.date(2026, 11, 16)


async def test_escape_on_untouched_notes_closes_at_once(store: Store) -> None:
    """Opened with stored notes and left unchanged, escape closes without asking and stores nothing."""
    app = Harness(lambda: CompleteReviewScreen(store, dt.date(2026, 11, 18), "kept"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]
    assert Review.select().count() == 0
