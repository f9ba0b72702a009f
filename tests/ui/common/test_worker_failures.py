"""Failed workers: the App's one handler says what could not be done, and the app stays up.

The Store is made to fail the way a lost or busy database does (its methods
raise the Store's errors) while a screen's reading worker runs.
"""

from __future__ import annotations

import pytest
from textual_private import told
from uikit import NAME_ORDER, Network, make_fail, press, running, table_names

from netui.screens.contacts.list_screen import ContactsScreen
from netui.screens.review.screen import ReviewScreen
from netui.state import Store, StoreBusy, StoreUnavailable

GONE = "the database server went away"


async def test_the_contact_list_loader_failing_keeps_the_app_up_and_says_so(
    store: Store, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list's loader meets a lost database on a filter keystroke: the app says so, keeps the
    rows it showed and answers keys; once the database is back the next keystroke reads again."""
    async with running(store) as (app, pilot):
        with monkeypatch.context() as patch:
            make_fail(patch, store.contacts.count, StoreUnavailable(GONE))
            await press(app, pilot, "slash", "t")
            assert app.is_running
            assert f"Could not read the contact list: {GONE}" in told(app)
            assert table_names(app) == list(NAME_ORDER)  # what it showed, not a blank screen
        await press(app, pilot, "a")
        assert table_names(app) == ["田中 優希"]  # "ta": read again, the database back


async def test_a_loader_that_fails_with_any_error_does_not_end_the_app(
    store: Store, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even an error that is not the Store's (a bug) ends only the worker: the app says so."""
    async with running(store) as (app, pilot):
        make_fail(monkeypatch, store.contacts.page, RuntimeError("unexpected"))
        await press(app, pilot, "slash", "x")
        assert app.is_running
        assert "Could not read the contact list: unexpected" in told(app)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, ContactsScreen)


async def test_the_review_loader_failing_keeps_the_app_up_and_says_so(
    store: Store, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review read while another netui holds the database: the busy sentence, no crash."""
    async with running(store) as (app, pilot):
        make_fail(monkeypatch, store.review.week, StoreBusy("database is locked"))
        await press(app, pilot, "5")
        assert app.is_running
        assert isinstance(app.screen, ReviewScreen)
        assert (
            "Could not read the review: Another netui is writing to the database: "
            "try again in a moment" in told(app)
        )
        await press(app, pilot, "2")
        assert isinstance(app.screen, ContactsScreen)


async def test_a_lost_database_at_launch_shows_an_empty_list_and_says_why(
    store: Store, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first page, read before the first frame, fails: the app opens anyway and says why."""
    make_fail(monkeypatch, store.contacts.count, StoreUnavailable(GONE))
    async with running(store) as (app, _pilot):
        assert app.is_running
        assert isinstance(app.screen, ContactsScreen)
        assert table_names(app) == []
        assert GONE in told(app)
