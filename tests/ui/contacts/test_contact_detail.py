"""The contact detail screen: what it shows, its own keys, and changes made while it is open."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, OptionList, Static
from uikit import (
    CLICK_NAME,
    SLASH_NAME,
    Network,
    help_rows,
    open_detail,
    press,
    running,
    screen_text,
    table_names,
)

from netui.data.models import FollowUp
from netui.screens.common.confirm import ConfirmScreen
from netui.screens.common.help import HelpScreen
from netui.screens.contacts.detail import ContactDetailScreen
from netui.screens.contacts.list_screen import ContactsScreen
from netui.screens.contacts.table import ContactTable
from netui.state import Store


def history_rows(app) -> list[tuple[str, str, str]]:
    """The history table's rows as (when, what, detail) text."""
    table = app.screen.query_one("#history", DataTable)
    return [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


def followup(followup_id: int) -> FollowUp:
    return FollowUp.get_by_id(followup_id)


async def test_detail_shows_every_part_of_the_contact(store: Store, net: Network) -> None:
    """The detail shows name, reading, company and role, stage, tags, how we met and the introducer."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        assert isinstance(app.screen, ContactDetailScreen)
        text = screen_text(app)
        for expected in (
            "Contact — 田中 優希",
            "たなか ゆうき",
            "Sakura Labs, Designer",
            "Stage          trusted",
            "Tags           #design #tokyo",
            "Next due       2026-10-01 (51 days overdue)",
            "How we met",
            "Channel        introduction",
            "Met on         2026-03-03",
            "Introduced by  佐藤 健   (i to open)",
            "yuki@example.com",
        ):
            assert expected in text, expected


async def test_history_lists_interactions_and_followups_newest_first(
    store: Store, net: Network
) -> None:
    """History holds every interaction and follow-up, newest date first, done ones marked done."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        assert history_rows(app) == [
            ("2026-11-25", "follow-up due", "send the deck"),
            ("2026-09-01", "call (they reached out)", "Asked about the talk"),
            ("2026-08-01", "follow-up done", "thank-you note"),
            ("2026-06-15", "meeting (I reached out)", "Coffee at the studio"),
        ]
        assert "History, newest first (4)" in screen_text(app)


async def test_i_opens_the_introducer_and_escape_comes_back(store: Store, net: Network) -> None:
    """`i` opens the contact who introduced this one; escape returns to the first contact, then to the list."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "i")
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == net.sato
        assert "Kumo Inc, CTO" in screen_text(app)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == net.tanaka
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ContactsScreen)


async def test_i_without_an_introducer_says_so_and_stays(store: Store, net: Network) -> None:
    """`i` on a contact nobody introduced stays put and says why."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "Bob Brown")
        await press(app, pilot, "i")
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == net.bob
        assert "Nobody is recorded as having introduced this contact" in screen_text(app)


async def test_enter_on_the_focused_introduced_list_opens_the_first(
    store: Store, net: Network
) -> None:
    """The "Introduced" list names who this contact introduced; focused, its first is selected and enter opens them."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "佐藤 健")
        assert "田中 優希 — Sakura Labs" in screen_text(app)
        await press(app, pilot, "shift+tab")
        assert isinstance(app.focused, OptionList)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == net.tanaka


async def test_escape_goes_back_to_the_list_on_the_same_row(store: Store, net: Network) -> None:
    """escape leaves the detail for the list, with the cursor still on the contact that was open."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "鈴木 一郎")
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ContactsScreen)
        current = app.screen.query_one(ContactTable).current
        assert current is not None and current.id == net.suzuki


# -- follow-ups ------------------------------------------------------------------------


async def test_x_marks_the_selected_followup_done(store: Store, net: Network) -> None:
    """`x` on an open follow-up marks it done in the database and in the history."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "x")
        assert followup(net.open_followup).done_at == store.now()
        assert store.contacts.get(net.tanaka).open_followups == ()
        assert history_rows(app)[0] == ("2026-11-25", "follow-up done", "send the deck")


async def test_x_on_an_interaction_changes_nothing(store: Store, net: Network) -> None:
    """`x` with an interaction selected leaves every follow-up open and asks for a follow-up."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "down", "x", "z")
        assert followup(net.open_followup).done_at is None
        assert followup(net.open_followup).snoozed_until is None
        assert "Select a follow-up in the history first" in screen_text(app)


async def test_z_snoozes_the_selected_followup_a_week(store: Store, net: Network) -> None:
    """`z` puts the selected follow-up, due Wed 11-25, off a week from that day (2026-12-02):
    a week from today (11-28) would have moved it earlier than it was due."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "z")
        assert followup(net.open_followup).snoozed_until == dt.date(2026, 12, 2)
        assert followup(net.open_followup).done_at is None
        assert history_rows(app)[0] == (
            "2026-12-02",
            "follow-up snoozed to 2026-12-02",
            "send the deck",
        )
        assert "Snoozed to 2026-12-02" in screen_text(app)


# -- archive and delete from the detail --------------------------------------------------


async def test_a_on_the_detail_archives_and_restores(store: Store, net: Network) -> None:
    """`a` on the detail archives the contact (shown as "Archived"), a second `a` restores it."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "Bob Brown")
        await press(app, pilot, "a")
        assert store.contacts.get(net.bob, history_limit=0).archived
        assert "Archived" in str(app.screen.query_one("#summary", Static).render())
        await press(app, pilot, "a")
        assert not store.contacts.get(net.bob, history_limit=0).archived
        assert "Archived" not in str(app.screen.query_one("#summary", Static).render())


async def test_d_then_y_on_the_detail_deletes_and_closes_it(store: Store, net: Network) -> None:
    """`d`, `y` on the detail deletes the contact and returns to the list without it."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "Bob Brown")
        await press(app, pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        await press(app, pilot, "y")
        assert not store.contacts.exists(net.bob)
        assert isinstance(app.screen, ContactsScreen)
        assert "Bob Brown" not in table_names(app)


async def test_deleted_elsewhere_closes_the_detail_with_a_message(
    store: Store, net: Network
) -> None:
    """A contact deleted by another path while its detail is open closes the detail and says why."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        store.contacts.delete(net.tanaka)
        await press(app, pilot)
        assert app.is_running
        assert isinstance(app.screen, ContactsScreen)
        assert "田中 優希" not in table_names(app)
        assert "This contact no longer exists (deleted elsewhere)" in screen_text(app)


async def test_deleted_while_covered_closes_when_uncovered(store: Store, net: Network) -> None:
    """A detail screen under another one whose contact is deleted closes once it would be shown again."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "i")
        store.contacts.delete(net.tanaka)
        await press(app, pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == net.sato
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ContactsScreen)
        assert "This contact no longer exists (deleted elsewhere)" in screen_text(app)


async def test_deleted_while_help_is_open_closes_after_help(store: Store, net: Network) -> None:
    """A contact deleted elsewhere while help covers its detail leaves help open; closing help lands on the list."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "question_mark")
        store.contacts.delete(net.tanaka)
        await press(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ContactsScreen)
        assert "This contact no longer exists (deleted elsewhere)" in screen_text(app)


async def test_a_store_change_redraws_the_open_detail(store: Store, net: Network) -> None:
    """An interaction logged through the Store while the detail is open shows in its history at once."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "Bob Brown")
        assert history_rows(app) == []
        store.interactions.log(net.bob, dt.datetime(2026, 11, 20, 18), "meal", "them", "Ramen")
        await press(app, pilot)
        assert history_rows(app) == [("2026-11-20", "meal (they reached out)", "Ramen")]
        assert "Last contact   2026-11-20" in screen_text(app)


# -- user text is never markup -----------------------------------------------------------


async def test_markup_in_names_and_notes_is_shown_literally(store: Store, net: Network) -> None:
    """A name and notes holding `[@click=app.quit]…[/]` are shown as typed, in the body and the header."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, CLICK_NAME)
        assert app.is_running
        summary = str(app.screen.query_one("#summary", Static).render())
        assert CLICK_NAME in summary
        text = screen_text(app)
        assert f"Contact — {CLICK_NAME}" in text
        assert "[@click=app.quit]click me[/]" in text


async def test_a_closing_tag_in_a_name_or_company_does_not_crash(
    store: Store, net: Network
) -> None:
    """A name with a bare `[/]` and a company with `[red]…[/red]` open without MarkupError and read literally."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, SLASH_NAME)
        assert isinstance(app.screen, ContactDetailScreen)
        text = screen_text(app)
        assert SLASH_NAME in text
        assert "[red]Red[/red] Co" in text


# -- help --------------------------------------------------------------------------------

DETAIL_KEYS = {
    "Back": "esc",
    "Edit": "e",
    "Log": "l",
    "Follow-up": "f",
    "Archive": "a",
    "Delete": "d",
    "Merge": "m",
    "Introducer": "i",
    "Done": "x",
    "Snooze": "z",
    "Quit": "^q",
    "Help": "?",
}


async def test_question_mark_on_the_detail_lists_its_keys(store: Store, net: Network) -> None:
    """`?` on the detail lists each of its keys, its own (i, x, z) and the shared contact keys."""
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = help_rows(app)
        for description, key in DETAIL_KEYS.items():
            assert rows.get(description) == key, description
        assert "Keys: 田中 優希" in screen_text(app)
