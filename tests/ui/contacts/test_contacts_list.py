"""The contact list, driven by the keys a person would press, checked on screen and in the database."""

from __future__ import annotations

import pytest
from textual.widgets import Input
from uikit import (
    DUE_ORDER,
    NAME_ORDER,
    Network,
    help_rows,
    list_status,
    move_to,
    press,
    running,
    screen_text,
    table_names,
)

from netui.screens.common.confirm import ConfirmScreen
from netui.screens.common.help import HelpScreen
from netui.screens.contacts.detail import ContactDetailScreen
from netui.screens.contacts.list_screen import ContactsScreen
from netui.screens.contacts.table import ContactTable
from netui.state import Store


def filter_box(app) -> Input:
    return app.screen.query_one("#filter", Input)


# -- what the list shows ---------------------------------------------------------------


async def test_list_shows_live_contacts_in_reading_order(store: Store, net: Network) -> None:
    """Live contacts are listed Latin A-Z then Japanese in 五十音順 by reading; archived ones are not."""
    async with running(store) as (app, _pilot):
        assert isinstance(app.screen, ContactsScreen)
        assert table_names(app) == list(NAME_ORDER)
        assert app.screen.query_one(ContactTable).row_count == len(NAME_ORDER)
        text = screen_text(app)
        assert "7 contacts" in text
        assert "Carol Chen" not in text
        # Rows on screen appear in the same order as the table's rows.
        positions = [text.index(name if len(name) < 20 else name[:20]) for name in NAME_ORDER]
        assert positions == sorted(positions)


async def test_list_starts_focused_on_the_table(store: Store, net: Network) -> None:
    """The list opens with the table focused, so letter keys act at once."""
    async with running(store) as (app, _pilot):
        assert isinstance(app.focused, ContactTable)


async def test_opening_reads_the_list_once(
    store: Store, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first page is read once at start (the resume after mounting adds no second
    read and redraw), and coming back to the list reads it again."""
    counts: list[int] = []
    count = store.contacts.count

    def counting(query):
        counts.append(1)
        return count(query)

    monkeypatch.setattr(store.contacts, "count", counting)
    async with running(store) as (app, pilot):
        assert len(counts) == 1
        assert table_names(app) == list(NAME_ORDER)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ContactsScreen)
        assert len(counts) == 2


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("suz", ["Alice Suzuki", "鈴木 一郎"]),
        ("tanaka", ["田中 優希"]),
        ("たなか", ["田中 優希"]),
        ("田中", ["田中 優希"]),
        ("#design", ["Alice Suzuki", "田中 優希"]),
        ("kumo", ["佐藤 健"]),
    ],
)
async def test_slash_then_typing_narrows_the_list(
    store: Store, net: Network, typed: str, expected: list[str]
) -> None:
    """`/` puts the cursor in the filter and each typed query (romaji, kana, kanji, #tag) narrows the list."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "slash")
        assert app.focused is filter_box(app)
        await press(app, pilot, *typed)
        assert filter_box(app).value == typed
        assert table_names(app) == expected
        assert f"{len(expected)} contact" in list_status(app)


async def test_escape_clears_the_filter_and_refocuses_the_table(store: Store, net: Network) -> None:
    """escape in the filter empties it, shows every contact again and gives the table the keys."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "slash", *"tanaka")
        assert table_names(app) == ["田中 優希"]
        await press(app, pilot, "escape")
        assert filter_box(app).value == ""
        assert table_names(app) == list(NAME_ORDER)
        assert isinstance(app.focused, ContactTable)


async def test_enter_in_the_filter_moves_to_the_list(store: Store, net: Network) -> None:
    """enter in the filter keeps the narrowed list and focuses it, so a second enter opens the match."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "slash", *"sato", "enter")
        assert isinstance(app.focused, ContactTable)
        assert table_names(app) == ["佐藤 健"]
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == net.sato


async def test_letter_keys_in_the_filter_are_typed_not_fired(store: Store, net: Network) -> None:
    """In the filter, n e l f a d m s c A ? 2 are text: no form, no capture, no sort, no archive, no help."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "slash", *"nelfadmscA?2")
        assert filter_box(app).value == "nelfadmscA?2"
        assert isinstance(app.screen, ContactsScreen)
        assert len(app.screen_stack) == 1
        assert app.screen.contact_query.sort == "name"
        assert not app.screen.contact_query.show_archived
        assert not store.contacts.get(net.alice, history_limit=0).archived
        assert store.contacts.exists(net.alice)


# -- sort and archived -------------------------------------------------------------------


async def test_s_cycles_sort_name_last_due(store: Store, net: Network) -> None:
    """`s` sorts by last contact (most recent first), then next due (overdue first), then name again."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "s")
        assert "sorted by last contact" in list_status(app)
        assert table_names(app)[:4] == ["鈴木 一郎", "佐藤 健", "Alice Suzuki", "田中 優希"]
        await press(app, pilot, "s")
        assert "sorted by next due" in list_status(app)
        assert table_names(app) == list(DUE_ORDER)
        overdue = app.screen.query_one(ContactTable).row_at(0)
        assert overdue is not None and overdue.overdue_days(store.today()) == 51
        await press(app, pilot, "s")
        assert "sorted by name" in list_status(app)
        assert table_names(app) == list(NAME_ORDER)


async def test_capital_a_shows_and_hides_archived(store: Store, net: Network) -> None:
    """`A` adds archived contacts to the list, marked "(archived)", and a second `A` hides them."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "A")
        assert "Carol Chen" in table_names(app)
        assert "Carol Chen  (archived)" in screen_text(app)
        assert "archived shown" in list_status(app)
        await press(app, pilot, "A")
        assert "Carol Chen" not in table_names(app)


async def test_a_archives_and_restores_the_contact_under_the_cursor(
    store: Store, net: Network
) -> None:
    """`a` archives the contact under the cursor (gone from the list, archived in the DB); on an archived one it restores."""
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "Bob Brown")
        await press(app, pilot, "a")
        assert store.contacts.get(net.bob, history_limit=0).archived
        assert "Bob Brown" not in table_names(app)
        assert len(table_names(app)) == len(NAME_ORDER) - 1

        await press(app, pilot, "A")
        await move_to(app, pilot, "Bob Brown")
        await press(app, pilot, "a")
        assert not store.contacts.get(net.bob, history_limit=0).archived
        await press(app, pilot, "A")
        assert "Bob Brown" in table_names(app)


async def test_d_asks_and_y_deletes(store: Store, net: Network) -> None:
    """`d` asks first; `y` deletes the contact under the cursor from the database and the list."""
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "Bob Brown")
        await press(app, pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert store.contacts.exists(net.bob)
        await press(app, pilot, "y")
        assert isinstance(app.screen, ContactsScreen)
        assert not store.contacts.exists(net.bob)
        assert "Bob Brown" not in table_names(app)


@pytest.mark.parametrize("answer", ["n", "escape"])
async def test_d_then_no_keeps_the_contact(store: Store, net: Network, answer: str) -> None:
    """Answering the delete question with `n` or escape keeps the contact."""
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "Bob Brown")
        await press(app, pilot, "d", answer)
        assert isinstance(app.screen, ContactsScreen)
        assert store.contacts.exists(net.bob)
        assert "Bob Brown" in table_names(app)


# -- moving and opening ------------------------------------------------------------------


async def test_enter_opens_the_contact_under_the_cursor(store: Store, net: Network) -> None:
    """enter on a row opens that contact's detail screen."""
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "鈴木 一郎")
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == net.suzuki
        assert "Hikari Bank" in screen_text(app)


async def test_vim_keys_move_the_cursor(store: Store, net: Network) -> None:
    """j/k move down/up one row, G jumps to the last and g to the first, as the README says."""
    async with running(store) as (app, pilot):
        table = app.screen.query_one(ContactTable)
        await press(app, pilot, "j", "j")
        assert table.cursor_row == 2
        await press(app, pilot, "k")
        assert table.cursor_row == 1
        await press(app, pilot, "G")
        assert table.current is not None and table.current.name == NAME_ORDER[-1]
        await press(app, pilot, "g")
        assert table.cursor_row == 0


async def test_arrows_and_pages_move_the_cursor(store: Store, net: Network) -> None:
    """down/up, end/home and pgdn/pgup move the cursor within the list's bounds."""
    async with running(store) as (app, pilot):
        table = app.screen.query_one(ContactTable)
        await press(app, pilot, "down")
        assert table.cursor_row == 1
        await press(app, pilot, "end")
        assert table.cursor_row == len(NAME_ORDER) - 1
        await press(app, pilot, "up")
        assert table.cursor_row == len(NAME_ORDER) - 2
        await press(app, pilot, "home")
        assert table.cursor_row == 0
        await press(app, pilot, "pagedown")
        assert table.cursor_row == len(NAME_ORDER) - 1
        await press(app, pilot, "pageup")
        assert table.cursor_row == 0


async def test_2_goes_to_the_contacts_area(store: Store, net: Network) -> None:
    """`2` comes back to the contacts area from another area (the review, key 5), list and cursor intact."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "j")
        await press(app, pilot, "5")
        assert app.current_mode == "review"
        assert not isinstance(app.screen, ContactsScreen)
        await press(app, pilot, "2")
        assert app.current_mode == "contacts"
        assert isinstance(app.screen, ContactsScreen)
        assert table_names(app) == list(NAME_ORDER)
        assert app.screen.query_one(ContactTable).cursor_row == 1


# -- help, quit, escape ------------------------------------------------------------------

LIST_KEYS = {
    "Filter": "/",
    "Clear": "esc",
    "New": "n",
    "Edit": "e",
    "Log": "l",
    "Follow-up": "f",
    "Sort": "s",
    "Archived": "A",
    "Archive": "a",
    "Delete": "d",
    "Merge": "m",
    "Open": "⏎",
    "Contacts": "2",
    "Review": "5",
    "Capture": "c",
    "Quit": "^q",
    "Help": "?",
}


async def test_question_mark_lists_every_key_the_list_advertises(
    store: Store, net: Network
) -> None:
    """`?` opens help with each of the list's keys beside its description."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = help_rows(app)
        for description, key in LIST_KEYS.items():
            assert rows.get(description) == key, description
        assert "Keys: Contacts" in screen_text(app)


async def test_help_lists_no_key_that_does_nothing(store: Store, net: Network) -> None:
    """Help on the list does not advertise sideways scrolling, which the table never does."""
    async with running(store) as (app, pilot):
        table = app.screen.query_one(ContactTable)
        await press(app, pilot, "right", "ctrl+pagedown")
        assert table.scroll_x == 0  # the keys really do nothing here
        await press(app, pilot, "question_mark")
        dead = {"Scroll Left", "Scroll Right", "Page Left", "Page Right"}
        assert not dead & help_rows(app).keys()


@pytest.mark.parametrize("key", ["escape", "q", "question_mark"])
async def test_help_closes_with_escape_q_or_question_mark(
    store: Store, net: Network, key: str
) -> None:
    """escape, q and ? each close help and return to the list, which keeps the keys."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "question_mark", key)
        assert isinstance(app.screen, ContactsScreen)
        assert app.is_running
        await press(app, pilot, "j")
        assert app.screen.query_one(ContactTable).cursor_row == 1


async def test_a_filter_matching_more_than_it_shows_says_so(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past SHOWN_MATCHES the list holds the first ones and the status says there are more."""
    from netui.domain.records import ContactDraft

    for module in ("netui.state.search_rank", "netui.screens.contacts.list_screen"):
        monkeypatch.setattr(f"{module}.SHOWN_MATCHES", 3)
    for i in range(5):
        store.contacts.create(ContactDraft(name=f"Member {i}"))
    async with running(store) as (app, pilot):
        await press(app, pilot, "slash", *"mem")
        assert table_names(app) == ["Member 2", "Member 3", "Member 4"]  # the newest
        assert list_status(app).startswith("over 3 contacts, the first 3 shown  ·  matching “mem”")
