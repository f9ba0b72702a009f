"""The app on PostgreSQL: another netui's commit shows as it is made, and a lost server is
a status in every header, not a crash; what was typed stays until the server is back.

Waits end as soon as the screen shows what is awaited; WAIT is only how long a
test may hang before it fails, never a measure of speed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from pgkit import cluster, own_server
from textual.widgets import Input
from textual_private import exit_requested, header_title, told
from uikit import press, running, settle, table_names

from netui.app import BACK, LOST_STATUS, NetuiApp
from netui.data.models import Contact
from netui.domain.records import ContactDraft
from netui.screens.capture.screen import CaptureScreen
from netui.screens.common.confirm import QuitScreen
from netui.screens.contacts.form import ContactForm
from netui.state import Store
from netui.widgets.form_field import FormError

NOW = dt.datetime(2026, 11, 21, 10, 0)
WAIT = 20.0


async def until(app: NetuiApp, shown: Callable[[], bool]) -> None:
    """Let the app run until `shown()` holds (fails after WAIT seconds)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while not shown():
        assert loop.time() < deadline, "the app never showed it"
        await asyncio.sleep(0.02)
        await app.workers.wait_for_complete()


def header_text(app: NetuiApp) -> str:
    """What the header under the open capture box (the contact list's) shows now."""
    return header_title(app.screen_stack[0])


async def test_another_netuis_commit_shows_without_a_poll(pg_url: str) -> None:
    """A contact saved by a second netui appears in the list by its notice: the App's
    poll (SQLite's way) does not run on PostgreSQL."""
    mine = Store(pg_url, clock=lambda: NOW)
    other = Store(pg_url, clock=lambda: NOW)
    try:
        mine.contacts.create(ContactDraft(name="Aoki Ren"))
        async with running(mine) as (app, _pilot):
            assert table_names(app) == ["Aoki Ren"]
            other.contacts.create(ContactDraft(name="Baba Mio"))
            await until(app, lambda: table_names(app) == ["Aoki Ren", "Baba Mio"])
            assert not app.database_lost
    finally:
        other.close()
        mine.close()


async def test_a_lost_server_is_a_status_and_the_capture_waits_for_it(tmp_path: Path) -> None:
    """The server stops while a capture is being typed: every header says it is
    reconnecting, a notice says nothing is saved meanwhile, ctrl+s saves nothing and
    keeps the text, closing with "keep" does not close the box (the draft cannot be
    written), and once the server is back the same ctrl+s saves it."""
    with own_server() as (url, folder):
        store = Store(url, clock=lambda: NOW)
        try:
            async with running(store) as (app, pilot):
                await press(app, pilot, "c")
                assert isinstance(app.screen, CaptureScreen)
                await press(app, pilot, *"Kato Sora (Acme)")
                text = app.screen.text

                cluster("down", folder)
                await until(app, lambda: app.database_lost)
                assert LOST_STATUS in header_text(app)
                assert "Nothing is saved until it is back" in told(app)

                await press(app, pilot, "ctrl+s")
                assert isinstance(app.screen, CaptureScreen), "a failed save keeps the box"
                assert app.screen.text == text

                await press(app, pilot, "escape")  # close: keep the draft?
                await press(app, pilot, "y")
                assert isinstance(app.screen, CaptureScreen), "the draft could not be kept"
                assert app.screen.text == text
                assert "the box stays open" in told(app)

                cluster("up", folder)
                await until(app, lambda: not app.database_lost)
                assert LOST_STATUS not in header_text(app)
                assert BACK.format(database=store.label) in told(app)

                await press(app, pilot, "ctrl+s")
                await settle(app, pilot)
                assert not isinstance(app.screen, CaptureScreen), told(app)
                assert table_names(app) == ["Kato Sora"]
            with store.connection():
                assert [c.name for c in Contact.select()] == ["Kato Sora"]
        finally:
            store.close()


async def test_a_form_saved_while_the_server_is_away_keeps_what_was_typed(
    tmp_path: Path,
) -> None:
    """A new contact's form saved while the server is down stays open with every field as
    typed and says nothing was saved; the same ctrl+s saves it once the server is back."""
    with own_server() as (url, folder):
        store = Store(url, clock=lambda: NOW)
        try:
            async with running(store) as (app, pilot):
                await press(app, pilot, "n")
                assert isinstance(app.screen, ContactForm)
                await press(app, pilot, *"Mori Aya")

                cluster("down", folder)
                await until(app, lambda: app.database_lost)
                await press(app, pilot, "ctrl+s")
                assert isinstance(app.screen, ContactForm), "a failed save keeps the form"
                assert app.screen.query_one("#name", Input).value == "Mori Aya"
                error = app.screen.query_one(FormError).message
                assert "nothing was saved, and what you typed is kept" in error

                cluster("up", folder)
                await until(app, lambda: not app.database_lost)
                await press(app, pilot, "ctrl+s")
                await settle(app, pilot)
                assert not isinstance(app.screen, ContactForm), told(app)
                assert app.screen.sub_title == "Mori Aya"  # the new contact's page
            with store.connection():
                assert [c.name for c in Contact.select()] == ["Mori Aya"]
        finally:
            store.close()


async def test_quitting_while_the_server_is_away_asks_before_losing_the_capture(
    tmp_path: Path,
) -> None:
    """With the server down the capture's text cannot become a draft, so ctrl+q asks first
    and n keeps the box as typed; once the server is back ctrl+q quits at once, keeping it."""
    with own_server() as (url, folder):
        store = Store(url, clock=lambda: NOW)
        try:
            async with running(store) as (app, pilot):
                await press(app, pilot, "c", *"Kato Sora (Acme)")
                text = app.screen.text  # type: ignore[attr-defined]
                cluster("down", folder)
                await until(app, lambda: app.database_lost)
                await press(app, pilot, "ctrl+q")
                assert isinstance(app.screen, QuitScreen)
                await press(app, pilot, "n")
                assert isinstance(app.screen, CaptureScreen) and app.screen.text == text
                assert not exit_requested(app)

                cluster("up", folder)
                await until(app, lambda: not app.database_lost)
                await press(app, pilot, "ctrl+q")
                assert exit_requested(app)
            assert store.capture.draft() == text
        finally:
            store.close()
