"""After a capture is saved: the notice names the people, and `o` opens them."""

from __future__ import annotations

from textual.widgets import OptionList
from textual_private import told
from uikit import Network, press, running

from netui.screens.capture.saved import SavedPeopleScreen
from netui.screens.contacts.detail import ContactDetailScreen
from netui.screens.contacts.list_screen import ContactsScreen
from netui.screens.review.screen import ReviewScreen
from netui.state import Store


async def save(app, pilot, *lines: str) -> None:
    """c, the lines typed, ctrl+s."""
    await press(app, pilot, "c")
    for number, line in enumerate(lines):
        if number:
            await pilot.press("enter")
        await pilot.press(*line)
    await press(app, pilot, "ctrl+s")


async def test_the_notice_names_the_people_and_o_lists_them_to_open(
    store: Store, net: Network
) -> None:
    """Two saved: the notice names both and says o; o lists them, enter opens one, escape is back."""
    async with running(store) as (app, pilot):
        await save(app, pilot, "Zoe Park; next: fri coffee", "Bob Brown")
        assert isinstance(app.screen, ContactsScreen)
        assert "Saved 2 people (1 new, 1 follow-up): Bob Brown, Zoe Park. o opens them" in told(app)
        await press(app, pilot, "o")
        assert isinstance(app.screen, SavedPeopleScreen)
        people = app.screen.query_one("#people", OptionList)
        names = [str(people.get_option_at_index(i).prompt) for i in range(people.option_count)]
        assert names == ["Bob Brown", "Zoe Park"]
        await press(app, pilot, "down", "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id != net.bob
        await press(app, pilot, "escape")
        assert isinstance(app.screen, SavedPeopleScreen)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ContactsScreen)


async def test_one_saved_person_opens_at_once_and_escape_returns(
    store: Store, net: Network
) -> None:
    """From the review, one person saved: o opens their page over it, and escape is the review."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "5")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await save(app, pilot, "Bob Brown; next: fri coffee")
        assert "Saved 1 person (1 follow-up): Bob Brown. o opens their page" in told(app)
        await press(app, pilot, "o")
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == net.bob
        await press(app, pilot, "escape")
        assert app.screen is review


async def test_o_before_any_capture_says_so(store: Store, net: Network) -> None:
    """Nothing saved yet: o says how to capture instead of opening anything."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "o")
        assert isinstance(app.screen, ContactsScreen)
        assert "No capture saved yet: press c to write one" in told(app)
