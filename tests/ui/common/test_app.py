"""The App itself: global keys (ctrl+q, escape), remapped keys, the theme, the collector, the Store bridge."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Input, Static
from textual_private import exit_requested, notifications, poll_external_changes
from uikit import (
    NAME_ORDER,
    Network,
    list_status,
    press,
    running,
    screen_text,
    table_names,
)

from netui.config import Config, load_config
from netui.domain.records import ContactDraft
from netui.screens.common.confirm import QuitScreen
from netui.screens.contacts.form import ContactForm
from netui.screens.contacts.list_screen import ContactsScreen
from netui.state import Store


async def test_garbage_collection_resumes_after_the_first_frame(store: Store, net: Network) -> None:
    """`netui` starts the app with the collector off; the first frame turns it back on,
    with the objects that live as long as the app frozen out of later collections."""
    gc.disable()
    try:
        async with running(store) as (app, _pilot):
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
            assert table_names(app) == list(NAME_ORDER)
    finally:
        gc.unfreeze()
        gc.enable()


async def test_a_collector_left_on_is_not_frozen(store: Store, net: Network) -> None:
    """Run another way (tests, `python -m`), the app leaves the collector as it found it."""
    assert gc.isenabled()
    async with running(store) as (app, _pilot):
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0


async def test_remapped_key_from_config_replaces_the_default(store: Store, net: Network) -> None:
    """A [keys] entry in the config ("contacts.sort" = "S") moves the binding: S sorts, s no longer does."""
    async with running(store, Config(keys={"contacts.sort": "S"})) as (app, pilot):
        await press(app, pilot, "s")
        assert "sorted by name" in list_status(app)
        await press(app, pilot, "S")
        assert "sorted by last contact" in list_status(app)


@pytest.mark.parametrize("where", ["list", "filter", "detail", "help"])
async def test_ctrl_q_quits_from_anywhere(store: Store, net: Network, where: str) -> None:
    """ctrl+q ends the app from the list, from inside the filter, from a detail screen and from help."""
    keys = {
        "list": [],
        "filter": ["slash", "t"],
        "detail": ["enter"],
        "help": ["question_mark"],
    }[where]
    async with running(store) as (app, pilot):
        await press(app, pilot, *keys)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert exit_requested(app)
        assert app.return_code == 0
    assert not app.is_running


@pytest.mark.parametrize("form", ["new contact", "capture"])
async def test_ctrl_q_from_an_untouched_form_or_a_capture_quits_at_once(
    store: Store, net: Network, form: str
) -> None:
    """Nothing typed in a form, or a capture (its text kept as the draft): ctrl+q quits unasked."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "n" if form == "new contact" else "c")
        if form == "capture":
            await press(app, pilot, *"Kato Sora")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert exit_requested(app)
    assert store.capture.draft() == ("Kato Sora" if form == "capture" else "")


async def test_ctrl_q_with_a_changed_form_asks_first(store: Store, net: Network) -> None:
    """Typed and not saved, ctrl+q asks "Quit netui?": n keeps the form as typed, y quits,
    and ctrl+q again on the question quits too."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "n", *"Mori Aya")
        await press(app, pilot, "ctrl+q")
        assert isinstance(app.screen, QuitScreen)
        assert "What was typed in this form will be lost." in str(
            app.screen.query_one("#message", Static).content
        )
        await press(app, pilot, "n")
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#name", Input).value == "Mori Aya"
        assert not exit_requested(app)
        await press(app, pilot, "ctrl+q", "y")
        assert exit_requested(app)
    async with running(store) as (app, pilot):
        await press(app, pilot, "n", *"Mori Aya", "ctrl+q", "ctrl+q")
        assert exit_requested(app)
    assert "Mori Aya" not in [row.name for row in store.contacts.find("mori")]


async def test_escape_never_quits(store: Store, net: Network) -> None:
    """escape on the list, in the filter, on a detail screen and in help closes or clears, never quits."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "escape", "escape")
        await press(app, pilot, "slash", "x", "escape", "escape")
        await press(app, pilot, "enter", "escape", "escape")
        await press(app, pilot, "question_mark", "escape", "escape")
        assert app.is_running
        assert not exit_requested(app)
        assert isinstance(app.screen, ContactsScreen)


# -- changes made elsewhere --------------------------------------------------------------


async def test_a_store_change_shows_without_a_key(store: Store, net: Network) -> None:
    """A contact created through the Store while the list is open appears without any key press."""
    async with running(store) as (app, pilot):
        store.contacts.create(ContactDraft(name="Ada Lovelace", company="Engines"))
        await press(app, pilot)
        assert table_names(app)[0] == "Ada Lovelace"
        assert "Engines" in screen_text(app)


async def test_a_change_by_another_connection_shows_after_the_poll(
    store: Store, net: Network, db_path: Path
) -> None:
    """A commit by another connection (another netui) shows once the app polls data_version."""
    async with running(store) as (app, pilot):
        other = sqlite3.connect(db_path)
        try:
            other.execute("UPDATE contact SET company = 'Globex' WHERE id = ?", (net.bob,))
            other.commit()
        finally:
            other.close()
        await press(app, pilot)
        assert "Globex" not in screen_text(app)
        poll_external_changes(app)
        await press(app, pilot)
        assert "Globex" in screen_text(app)


async def test_palette_theme_is_saved_and_restored(store: Store, net: Network) -> None:
    """A theme chosen with ctrl+p → theme is written to the config file and used at the next start."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "ctrl+p", *"theme", "enter", *"nord", "enter")
        assert app.theme == "nord"
    assert load_config().theme == "nord"
    async with running(store, load_config()) as (again, _pilot):
        assert again.theme == "nord"


async def test_an_unknown_theme_falls_back_to_the_default_with_a_notice(
    store: Store, net: Network, tmp_path: Path
) -> None:
    """A theme netui does not have starts the default theme and says so, naming the theme and file."""
    config = Config(theme="nrod", path=tmp_path / "config.toml")
    async with running(store, config) as (app, _pilot):
        assert app.theme == "textual-dark"
        assert notifications(app) == [
            f"Unknown theme 'nrod' in {tmp_path / 'config.toml'}: using the default, textual-dark"
        ]
        assert "Unknown theme 'nrod'" in screen_text(app)
    assert not (tmp_path / "config.toml").exists()  # nothing saved over what the person wrote


async def test_a_read_only_database_is_said_at_start(
    db_path: Path, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a database it cannot write, the app opens it read-only and says so."""
    monkeypatch.setattr("netui.data.sqlite_file.can_write", lambda path: False)
    reader = Store(db_path)
    try:
        async with running(reader) as (app, _pilot):
            # The notice names the path, whose length (and so where the toast wraps) varies.
            assert any("cannot be written: it is open read-only" in n for n in notifications(app))
            assert table_names(app) == list(NAME_ORDER)
    finally:
        reader.close()


async def test_palette_goes_to_each_area(store: Store, net: Network) -> None:
    """The palette's "Go to Review" and "Go to Contacts" switch areas, as keys 5 and 2 do."""
    async with running(store) as (app, pilot):
        await press(app, pilot, "ctrl+p", *"go to review", "enter")
        assert app.current_mode == "review"
        await press(app, pilot, "ctrl+p", *"go to contacts", "enter")
        assert app.current_mode == "contacts"
        assert table_names(app) == list(NAME_ORDER)
