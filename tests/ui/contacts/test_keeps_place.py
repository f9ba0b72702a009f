"""Navigation keeps your place: the cursor goes to a contact just created, a palette jump comes back."""

from __future__ import annotations

from uikit import Network, press, running, table_names

from netui.screens.contacts.detail import ContactDetailScreen
from netui.screens.contacts.list_screen import ContactsScreen
from netui.screens.contacts.table import ContactTable
from netui.screens.review.screen import ReviewScreen
from netui.state import Store


def cursor_name(app) -> str | None:
    """The name under the list's cursor."""
    row = app.screen.query_one(ContactTable).current
    return row.name if row else None


def list_screen(app) -> ContactsScreen:
    return next(s for s in app.screen_stack if isinstance(s, ContactsScreen))


async def test_a_new_contact_is_under_the_cursor_when_its_page_is_closed(
    store: Store, net: Network
) -> None:
    """n, a name, ctrl+s opens the new page; escape shows the list with the cursor on it."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "n", *"Zoe Park", "ctrl+s")
        assert isinstance(app.screen, ContactDetailScreen)
        table = list_screen(app).query_one(ContactTable)
        assert table.current is not None and table.current.name == "Zoe Park"
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ContactsScreen)
        assert table_names(app).index("Zoe Park") == 4  # not the first row the cursor was on
        assert cursor_name(app) == "Zoe Park"


async def test_a_new_contact_is_found_in_the_sort_far_down(store: Store, net: Network) -> None:
    """Sorted by next due, a contact without a due date goes to the end: the cursor follows it."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "s", "s")  # name → last contact → next due
        await press(app, pilot, "n", *"Zoe Park", "ctrl+s", "escape")
        assert table_names(app)[-1] == "Zoe Park"
        assert cursor_name(app) == "Zoe Park"


async def test_a_filter_that_hides_the_new_contact_is_cleared(store: Store, net: Network) -> None:
    """Created while the list is filtered to `bob`: the filter is cleared to show the new contact."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "slash", *"bob", "enter")
        assert table_names(app) == ["Bob Brown"]
        await press(app, pilot, "n", *"Zoe Park", "ctrl+s", "escape")
        assert "Bob Brown" in table_names(app) and len(table_names(app)) == 8
        assert cursor_name(app) == "Zoe Park"


async def test_palette_jump_from_the_review_and_escape_returns_to_it(
    store: Store, net: Network
) -> None:
    """ctrl+p, a contact's name, enter on the review opens their page; escape is the review again."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "5")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await press(app, pilot, "ctrl+p", *"tanaka", "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == net.tanaka
        await press(app, pilot, "escape")
        assert app.screen is review


async def test_palette_jump_from_the_list_and_escape_returns_to_the_list(
    store: Store, net: Network
) -> None:
    """From the contact list the jump opens the page over it, and escape is the list again."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "ctrl+p", *"tanaka", "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ContactsScreen)
