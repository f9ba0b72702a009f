"""History you can correct: enter opens a row in full; e edits, d deletes, x toggles done; + and -.

Tanaka's history, newest first: the open follow-up "send the deck" (2026-11-25),
the call "Asked about the talk" (2026-09-01), the done follow-up "thank-you
note" (2026-08-01), the meeting "Coffee at the studio" (2026-06-15).
"""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, TextArea
from textual_private import told
from uikit import Network, open_detail, press, running, screen_text

from netui.data.models import FollowUp, Interaction, LedgerEntry
from netui.screens.common.confirm import ConfirmScreen
from netui.screens.common.interaction_form import InteractionForm
from netui.screens.common.ledger_form import LedgerForm
from netui.screens.contacts.detail import ContactDetailScreen
from netui.screens.contacts.history_entry import HistoryEntryScreen
from netui.state import Store

LONG = "We talked through the whole pricing model, " * 6 + "and the end of it is here."


async def test_enter_shows_a_long_summary_whole(store: Store, net: Network) -> None:
    """A summary the history's column cuts shows in full, wrapped, in the row's own view."""
    store.interactions.log(net.tanaka, dt.datetime(2026, 11, 20, 10), "call", "me", LONG)
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "down", "enter")
        assert isinstance(app.screen, HistoryEntryScreen)
        shown = " ".join(screen_text(app).split())
        assert "and the end of it is here." in shown
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ContactDetailScreen)


async def test_e_corrects_an_interaction_in_its_form(store: Store, net: Network) -> None:
    """e opens the form filled in; a new summary and ctrl+s update that row, not a new one."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "down", "enter", "e")
        assert isinstance(app.screen, InteractionForm)
        summary = app.screen.query_one("#summary", TextArea)
        assert summary.text == "Asked about the talk"
        summary.text = "Asked about the talk in Osaka"
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, ContactDetailScreen)
        rows = Interaction.select().where(Interaction.contact == net.tanaka)
        summaries = sorted(row.summary for row in rows)
        assert summaries == ["Asked about the talk in Osaka", "Coffee at the studio"]
        assert "Saved the interaction" in told(app)


async def test_d_deletes_a_row_after_asking(store: Store, net: Network) -> None:
    """d asks first; y deletes the interaction and the contact's last contact moves back."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "down", "enter", "d")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "y")
        assert isinstance(app.screen, ContactDetailScreen)
        assert [
            r.summary for r in Interaction.select().where(Interaction.contact == net.tanaka)
        ] == ["Coffee at the studio"]
        assert store.contacts.get(net.tanaka).last_contact == dt.date(2026, 6, 15)
        assert "Deleted the interaction: " in told(app)


async def test_n_keeps_the_row(store: Store, net: Network) -> None:
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "down", "enter", "d", "n")
        assert isinstance(app.screen, HistoryEntryScreen)
        assert Interaction.select().where(Interaction.contact == net.tanaka).count() == 2


async def test_x_opens_a_done_follow_up_again(store: Store, net: Network) -> None:
    """x on the done "thank-you note" un-marks it; x again marks it done."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "down", "down", "enter")
        assert isinstance(app.screen, HistoryEntryScreen)
        await press(app, pilot, "x")
        assert FollowUp.get_by_id(net.done_followup).done_at is None
        assert "Follow-up open again: thank-you note" in told(app)
        await press(app, pilot, "x")
        assert FollowUp.get_by_id(net.done_followup).done_at is not None


async def test_e_on_a_follow_up_corrects_its_date_and_task(store: Store, net: Network) -> None:
    """The follow-up's form opens as "date what"; a changed line replaces both."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "enter", "e")
        line = app.screen.query_one("#what", Input)
        assert line.value == "2026-11-25 send the deck"
        line.value = "2026-12-04 send the new deck"
        await press(app, pilot, "enter")
        followup = FollowUp.get_by_id(net.open_followup)
        assert (followup.due, followup.what) == (dt.date(2026, 12, 4), "send the new deck")


async def test_interactions_offer_no_done_key(store: Store, net: Network) -> None:
    """x belongs to follow-ups: on an interaction it is not in the footer and does nothing."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "down", "enter")
        footer = screen_text(app).splitlines()[-1]
        assert "Edit" in footer and "Delete" in footer
        assert "Done" not in footer
        await press(app, pilot, "x")
        assert isinstance(app.screen, HistoryEntryScreen)


async def test_plus_records_a_give_and_minus_a_take(store: Store, net: Network) -> None:
    """From the contact's page, + records a give and - a take, each in the ledger form."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "plus")
        assert isinstance(app.screen, LedgerForm)
        await press(app, pilot, *"reviewed the deck", "ctrl+s")
        await press(app, pilot, "minus")
        assert isinstance(app.screen, LedgerForm)
        assert "Something you got from 田中 優希" in screen_text(app)
        await press(app, pilot, *"an intro to Sato", "ctrl+s")
        entries = LedgerEntry.select().where(LedgerEntry.contact == net.tanaka)
        assert sorted((e.direction, e.description) for e in entries) == [
            ("give", "reviewed the deck"),
            ("take", "an intro to Sato"),
        ]
        assert "Recorded a take from 田中 優希" in told(app)


async def test_a_ledger_entry_is_corrected_in_place(store: Store, net: Network) -> None:
    """A give opened from the history edits that entry: its weight changes, no second entry."""
    store.ledger.add(net.tanaka, "give", "advice", "pricing", 2, dt.date(2026, 11, 20))
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "down", "enter", "e")
        assert isinstance(app.screen, LedgerForm)
        assert app.screen.query_one("#description", Input).value == "pricing"
        app.screen.query_one("#description", Input).value = "pricing, again"
        await press(app, pilot, "ctrl+s")
        entries = list(LedgerEntry.select().where(LedgerEntry.contact == net.tanaka))
        assert [(e.direction, e.description) for e in entries] == [("give", "pricing, again")]
