"""The contacts area's palette commands: jump to a contact, new contact, sort, archived."""

from __future__ import annotations

from textual_private import told
from uikit import (
    CLICK_NAME,
    DUE_ORDER,
    Network,
    press,
    running,
    screen_text,
    table_names,
)

from netui.screens.contacts.detail import ContactDetailScreen
from netui.screens.contacts.list_screen import ContactsScreen
from netui.state import Store

# -- the command palette -----------------------------------------------------------------


async def test_palette_jumps_to_a_contact_by_romaji(store: Store, net: Network) -> None:
    """ctrl+p, `tanaka`, enter opens 田中 優希's detail screen."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "ctrl+p", *"tanaka")
        assert "contacts: jump to 田中 優希" in screen_text(app)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == net.tanaka


async def test_palette_shows_a_markup_name_literally_and_opens_it(
    store: Store, net: Network
) -> None:
    """A contact named with `[@click=app.quit]x[/]` is listed literally in the palette and enter opens it, not quits."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "ctrl+p", *"mallo")
        assert f"contacts: jump to {CLICK_NAME}" in screen_text(app)
        await press(app, pilot, "enter")
        assert app.is_running
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == net.mallory


async def test_palette_lists_new_contact(store: Store, net: Network) -> None:
    """The palette offers "New contact", both when opened empty and when searched."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "ctrl+p")
        assert "New contact" in screen_text(app)
        await press(app, pilot, *"new c")
        assert "New contact" in screen_text(app)


async def test_palette_sorts_and_shows_archived(store: Store, net: Network) -> None:
    """The palette's "sort by next due" and "show or hide archived" commands change the list."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "ctrl+p", *"next due", "enter")
        assert isinstance(app.screen, ContactsScreen)
        assert table_names(app) == list(DUE_ORDER)
        await press(app, pilot, "ctrl+p", *"archived", "enter")
        assert "Carol Chen" in table_names(app)


async def test_a_palette_command_never_discards_an_open_form(store: Store, net: Network) -> None:
    """'contacts: sort by next due' from the palette over a half-filled form keeps the form and says why."""
    from netui.screens.contacts.form import ContactForm

    async with running(store) as (app, pilot):
        await press(app, pilot, "n", *"Half typed")
        assert isinstance(app.screen, ContactForm)
        await press(app, pilot, "ctrl+p", *"sort by next due", "enter")
        assert isinstance(app.screen, ContactForm)
        assert "Close the open dialog first" in told(app)
