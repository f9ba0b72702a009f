"""`u` and the palette's "Undo": the last delete or archive taken back from any area, and said."""

from __future__ import annotations

from textual_private import told
from uikit import Network, move_to, press, running, table_names

from netui.screens.common.confirm import ConfirmScreen
from netui.screens.contacts.list_screen import ContactsScreen
from netui.state import Store


async def test_u_brings_back_a_contact_deleted_on_the_list(store: Store, net: Network) -> None:
    """d y deletes Bob and says u undoes it; u brings him back to the database and the list."""
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "Bob Brown")
        await press(app, pilot, "d", "y")
        assert "Bob Brown" not in table_names(app)
        assert "Deleted Bob Brown (u undoes)" in told(app)
        await press(app, pilot, "u")
        assert isinstance(app.screen, ContactsScreen)
        assert store.contacts.exists(net.bob)
        assert "Bob Brown" in table_names(app)
        assert "Undone: Deleted Bob Brown" in told(app)


async def test_undo_in_the_palette_restores_an_archived_contact(store: Store, net: Network) -> None:
    """ctrl+p "Undo" takes back the archive `a` just did."""
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "Bob Brown")
        await press(app, pilot, "a")
        assert "Archived Bob Brown (u undoes)" in told(app)
        await press(app, pilot, "ctrl+p", *"undo", "enter")
        assert not store.contacts.get(net.bob, history_limit=0).archived
        assert "Bob Brown" in table_names(app)
        assert "Undone: Archived Bob Brown" in told(app)


async def test_u_with_nothing_to_undo_says_so(store: Store) -> None:
    """An empty journal: u says there is nothing to undo."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "u")
        assert "Nothing to undo" in told(app)


async def test_u_does_nothing_over_a_dialog(store: Store, net: Network) -> None:
    """With the delete question open, u neither answers it nor undoes anything."""
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "Bob Brown")
        await press(app, pilot, "a")
        await press(app, pilot, "d", "u")
        assert isinstance(app.screen, ConfirmScreen)
        assert store.contacts.get(net.bob, history_limit=0).archived
        assert "Undone" not in told(app)
