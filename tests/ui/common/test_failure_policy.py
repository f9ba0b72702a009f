"""The one failure policy, driven through the real app: what each Store failure looks like.

A busy database keeps a form open with what was typed, and saving again once
it is free works; any other Store failure is a notice; a rule's refusal from
the Store is shown at its field. The Store is made to fail by replacing one
of its methods (`uikit.make_fail`), as another netui holding the database
would.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea
from textual_private import told
from uikit import Network, make_fail, move_to, open_detail, press, running, table_names

from netui.screens.capture.preview import CapturePreviewView
from netui.screens.capture.screen import CaptureScreen
from netui.screens.common.failure import BUSY
from netui.screens.common.interaction_form import InteractionForm
from netui.screens.contacts.detail import ContactDetailScreen
from netui.screens.contacts.form import ContactForm
from netui.screens.contacts.list_screen import ContactsScreen
from netui.state import Store, StoreBusy, StoreUnavailable, ValidationError
from netui.widgets.form_field import FormError, FormField

KEPT = "nothing was saved, and what you typed is kept"


async def test_a_busy_database_keeps_the_new_contact_form_and_saving_again_works(
    store: Store, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ctrl+s while another netui writes: the form stays with the name typed and says to try
    again; ctrl+s once the database is free saves the contact."""
    async with running(store) as (app, pilot):
        with monkeypatch.context() as patch:
            make_fail(patch, store.contacts.create, StoreBusy("database is locked"))
            await press(app, pilot, "n", *"Zoe Park", "ctrl+s")
            assert isinstance(app.screen, ContactForm)
            assert app.screen.query_one("#name", Input).value == "Zoe Park"
            assert app.screen.query_one(FormError).message == f"{BUSY} ({KEPT})"
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, ContactDetailScreen)
        assert "Zoe Park" in [row.name for row in store.contacts.find("Zoe Park", 5)]


async def test_a_lost_database_is_said_on_the_form_and_the_summary_is_kept(
    store: Store, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Logging an interaction when the database cannot be reached: its message on the form's
    error line, the summary still there, the app up."""
    make_fail(monkeypatch, store.interactions.log, StoreUnavailable("the server went away"))
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "Bob Brown")
        await press(app, pilot, "l")
        app.screen.query_one("#summary", TextArea).text = "Talked pricing"
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, InteractionForm)
        assert app.screen.query_one("#summary", TextArea).text == "Talked pricing"
        assert app.screen.query_one(FormError).message == f"the server went away ({KEPT})"
    assert store.contacts.get(net.bob).interaction_count == 0


async def test_a_refusal_from_the_store_is_shown_at_its_field(
    store: Store, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ValidationError the Store raises on saving is shown beside the field it names."""
    refusal = ValidationError("summary", "a summary of at most 10,000 characters")
    make_fail(monkeypatch, store.interactions.log, refusal)
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "Bob Brown")
        await press(app, pilot, "l", "ctrl+s")
        box = app.screen.query_one("#summary-field", FormField)
        assert box.error == "a summary of at most 10,000 characters"
        assert app.focused is app.screen.query_one("#summary", TextArea)


async def test_a_busy_database_keeps_the_capture_open_with_its_text(
    store: Store, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving a capture while another netui writes: the preview says so, the text stays, and so
    does the draft."""
    make_fail(monkeypatch, store.capture.save, StoreBusy("database is locked"))
    async with running(store) as (app, pilot):
        await press(app, pilot, "c", *"Kim Ara; next: fri coffee")
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, CaptureScreen)
        assert app.screen.text == "Kim Ara; next: fri coffee"
        assert BUSY in app.screen.query_one(CapturePreviewView).text
        await press(app, pilot, "escape", "y")
    assert store.capture.draft() == "Kim Ara; next: fri coffee"


async def test_a_busy_database_on_a_list_key_is_a_notice_and_changes_nothing(
    store: Store, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`a` (archive) while another netui writes: the busy notice, the contact still listed."""
    make_fail(monkeypatch, store.contacts.archive, StoreBusy("database is locked"))
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "Bob Brown")
        await press(app, pilot, "a")
        assert app.is_running
        assert BUSY in told(app)
        assert "Archived Bob Brown" not in told(app)
        assert "Bob Brown" in table_names(app)


async def test_a_contact_page_that_cannot_be_read_says_why(
    store: Store, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a contact when the database is unreachable: a notice, the app up, escape goes back."""
    async with running(store) as (app, pilot):
        make_fail(monkeypatch, store.contacts.get, StoreUnavailable("the server went away"))
        await open_detail(app, pilot, "Bob Brown")
        assert app.is_running
        assert "the server went away" in told(app)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ContactsScreen)


async def test_a_form_that_cannot_read_what_it_shows_does_not_open(
    store: Store, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`l` when the contact's name cannot be read: a notice, no half-made form."""
    make_fail(monkeypatch, store.contacts.refs, StoreUnavailable("the server went away"))
    async with running(store) as (app, pilot):
        await move_to(app, pilot, "Bob Brown")
        await press(app, pilot, "l")
        assert isinstance(app.screen, ContactsScreen)
        assert "the server went away" in told(app)


async def test_a_busy_database_on_a_page_key_is_a_notice_and_the_follow_up_stays_open(
    store: Store, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`x` on a contact's open follow-up while another netui writes: the busy notice, still open."""
    make_fail(monkeypatch, store.followups.complete, StoreBusy("database is locked"))
    async with running(store) as (app, pilot):
        await open_detail(app, pilot, "田中 優希")
        await press(app, pilot, "x")
        assert isinstance(app.screen, ContactDetailScreen)
        assert BUSY in told(app)
        assert "Follow-up done" not in told(app)
    assert [f.id for f in store.contacts.get(net.tanaka).open_followups] == [net.open_followup]
