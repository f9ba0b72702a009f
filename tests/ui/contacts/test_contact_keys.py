"""The keys that open forms (n e l f m), pressed on the list and on the detail screen, through to the database.

The forms' own keys and validation are pinned by tests/ui/forms; these pin
that each screen's key opens the right form for the right contact and that
what is saved shows where the person is looking.
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable, Input
from uikit import Network, move_to, open_detail, press, running, screen_text, table_names

from netui.data.models import FollowUp, Interaction
from netui.screens.common.followup_form import FollowUpForm
from netui.screens.common.interaction_form import InteractionForm
from netui.screens.contacts.detail import ContactDetailScreen
from netui.screens.contacts.form import ContactForm
from netui.screens.contacts.list_screen import ContactsScreen
from netui.screens.contacts.merge_form import MergeForm
from netui.screens.contacts.picker import ContactPicker
from netui.screens.contacts.table import ContactTable
from netui.state import ContactQuery, Store


def contact_id_named(store: Store, name: str) -> int | None:
    rows = [r for r in store.contacts.find(name, 10, archived=True) if r.name == name]
    return rows[0].id if rows else None


def history_row(app, index: int = 0) -> tuple[str, ...]:
    """One row of the detail screen's history as (when, what, detail) text."""
    table = app.screen.query_one("#history", DataTable)
    return tuple(str(cell) for cell in table.get_row_at(index))


# -- n: new contact ----------------------------------------------------------------------


async def test_n_on_the_list_creates_a_contact_and_opens_it(store: Store, net: Network) -> None:
    """`n`, a typed name, ctrl+s: the contact is saved, its page opens, and escape shows it in the list."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "n")
        assert isinstance(app.screen, ContactForm)
        assert app.focused is app.screen.query_one("#name", Input)
        await press(app, pilot, *"Zoe Park", "ctrl+s")
        new_id = contact_id_named(store, "Zoe Park")
        assert new_id is not None
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == new_id
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ContactsScreen)
        assert "Zoe Park" in table_names(app)


async def test_escape_on_an_untouched_new_form_saves_nothing(store: Store, net: Network) -> None:
    """`n` then escape closes the form and adds no contact."""
    async with running(store) as (app, pilot):
        before = store.contacts.count(ContactQuery(show_archived=True))
        await press(app, pilot, "n", "escape")
        assert isinstance(app.screen, ContactsScreen)
        assert store.contacts.count(ContactQuery(show_archived=True)) == before


async def test_palette_new_contact_from_the_detail_screen(store: Store, net: Network) -> None:
    """The palette's "New contact" works from a detail screen (which has no `n`): the form opens and saves."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "Bob Brown")
        await press(app, pilot, "ctrl+p", *"new c", "enter")
        assert isinstance(app.screen, ContactForm)
        await press(app, pilot, *"Yui Mori", "ctrl+s")
        assert contact_id_named(store, "Yui Mori") is not None


# -- e: edit -----------------------------------------------------------------------------


async def test_e_on_the_list_edits_the_contact_under_the_cursor(store: Store, net: Network) -> None:
    """`e` opens the form filled with the contact under the cursor; ctrl+s saves the change to DB and list."""
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "Bob Brown")
        await press(app, pilot, "e")
        assert isinstance(app.screen, ContactForm)
        name = app.screen.query_one("#name", Input)
        assert name.value == "Bob Brown"
        await press(app, pilot, "end", *" Jr", "ctrl+s")
        assert store.contacts.get(net.bob, history_limit=0).name == "Bob Brown Jr"
        assert isinstance(app.screen, ContactsScreen)
        assert "Bob Brown Jr" in table_names(app)
        assert "Saved Bob Brown Jr" in screen_text(app)


async def test_e_on_the_detail_edits_that_contact(store: Store, net: Network) -> None:
    """`e` on a detail screen edits that contact, and the page shows the saved change."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "Bob Brown")
        await press(app, pilot, "e")
        assert isinstance(app.screen, ContactForm)
        await press(app, pilot, "end", *" Jr", "ctrl+s")
        assert store.contacts.get(net.bob, history_limit=0).name == "Bob Brown Jr"
        assert isinstance(app.screen, ContactDetailScreen)
        assert "Contact — Bob Brown Jr" in screen_text(app)


# -- l: log an interaction -----------------------------------------------------------------


async def test_l_on_the_list_logs_an_interaction(store: Store, net: Network) -> None:
    """`l`, ctrl+s logs a meeting today with the contact under the cursor; its last contact becomes today."""
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "Bob Brown")
        await press(app, pilot, "l")
        assert isinstance(app.screen, InteractionForm)
        await press(app, pilot, "ctrl+s")
        rows = list(Interaction.select().where(Interaction.contact == net.bob))
        assert [(r.kind, r.initiator, r.when.date()) for r in rows] == [
            ("meeting", "me", store.today())
        ]
        assert isinstance(app.screen, ContactsScreen)
        current = app.screen.query_one(ContactTable).current
        assert current is not None and current.last_contact == store.today()
        assert "Logged an interaction with Bob Brown" in screen_text(app)


async def test_l_on_the_detail_logs_and_moves_last_contact(store: Store, net: Network) -> None:
    """`l` on 田中's page logs a meeting today: it comes after the open follow-up due later, and Last contact moves."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "l", "ctrl+s")
        assert store.contacts.get(net.tanaka).last_contact == dt.date(2026, 11, 21)
        assert isinstance(app.screen, ContactDetailScreen)
        assert history_row(app, 0)[0] == "2026-11-25"  # the follow-up still due
        assert history_row(app, 1) == ("2026-11-21", "meeting (I reached out)", "")
        assert "Last contact   2026-11-21" in screen_text(app)


# -- f: follow-up ------------------------------------------------------------------------


async def test_f_on_the_list_adds_a_followup_from_a_phrase(store: Store, net: Network) -> None:
    """`f`, `fri call`, enter adds "call" due Friday 2026-11-27 for the contact under the cursor."""
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "Bob Brown")
        await press(app, pilot, "f")
        assert isinstance(app.screen, FollowUpForm)
        await press(app, pilot, *"fri call", "enter")
        rows = list(FollowUp.select().where(FollowUp.contact == net.bob))
        assert [(r.due, r.what, r.done_at) for r in rows] == [(dt.date(2026, 11, 27), "call", None)]
        assert isinstance(app.screen, ContactsScreen)
        assert "Follow-up added for Bob Brown" in screen_text(app)


async def test_f_on_the_detail_adds_a_followup_to_its_history(store: Store, net: Network) -> None:
    """`f`, `fri call`, ctrl+s on a page adds the follow-up and shows it in the history."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "Bob Brown")
        await press(app, pilot, "f", *"fri call", "ctrl+s")
        assert [f.what for f in store.contacts.get(net.bob).open_followups] == ["call"]
        assert history_row(app) == ("2026-11-27", "follow-up due", "call")


# -- m: merge ----------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["list", "detail"])
async def test_m_merges_a_picked_duplicate_with_ctrl_s(
    store: Store, net: Network, where: str
) -> None:
    """`m`, type the other's name, enter, then ctrl+s in the merge dialog: one contact is left
    holding both histories."""
    async with running(store) as (app, pilot):
        if where == "list":
            await move_to(app, pilot, "鈴木 一郎")
        else:
            await open_detail(app, pilot, "鈴木 一郎")
        await press(app, pilot, "m")
        assert isinstance(app.screen, ContactPicker)
        await press(app, pilot, *"alice")
        assert "Alice Suzuki" in screen_text(app)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, MergeForm)
        assert store.contacts.exists(net.alice)
        await press(app, pilot, "ctrl+s")
        assert not store.contacts.exists(net.alice)
        kept = store.contacts.get(net.suzuki)
        summaries = {item.detail for item in kept.history}
        assert {"Lunch near Otemachi", "Met at the booth"} <= summaries
        assert kept.interaction_count == 2
        assert "Merged Alice Suzuki into 鈴木 一郎" in screen_text(app)
        if where == "list":
            assert "Alice Suzuki" not in table_names(app)


async def test_m_then_escape_in_the_merge_dialog_keeps_both(store: Store, net: Network) -> None:
    """escape in the merge dialog, with no pick changed, keeps both contacts and their histories apart."""
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "鈴木 一郎")
        await press(app, pilot, "m", *"alice", "enter", "escape")
        assert isinstance(app.screen, ContactsScreen)
        assert store.contacts.exists(net.alice)
        assert store.contacts.get(net.suzuki).interaction_count == 1


async def test_m_then_escape_in_the_picker_merges_nothing(store: Store, net: Network) -> None:
    """escape in the merge picker closes it without asking or merging."""
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "鈴木 一郎")
        await press(app, pilot, "m", *"alice", "escape")
        assert isinstance(app.screen, ContactsScreen)
        assert store.contacts.exists(net.alice)
