"""UI fixtures: the known network of uikit.build_network, and quick ways to add contacts and events.

Helpers that drive the app live in uikit.py (imported as `uikit`: pytest puts
this folder on sys.path), so test modules import them rather than a conftest.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from uikit import Network, build_network

from netui.domain.records import ContactDraft
from netui.state import Store


@pytest.fixture
def net(store: Store) -> Network:
    """The known dataset, in the fixture store."""
    return build_network(store)


@pytest.fixture
def add_contact(store: Store) -> Callable[..., int]:
    """Create a contact from keyword fields and return its id."""

    def add(name: str, **fields: Any) -> int:
        return store.contacts.create(ContactDraft(name=name, **fields))

    return add


@pytest.fixture
def add_event(store: Store) -> Callable[[str, dt.datetime], int]:
    """Create an event (the Store has no command for events yet) and return its id."""
    from netui.data.models import Event

    def add(title: str, starts_at: dt.datetime) -> int:
        return Event.insert(title=title, starts_at=starts_at).execute()

    return add


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool]) -> Callable[..., bool]:
    """pytest-textual-snapshot's snap_compare, with the text cursors held still for the picture.

    A focused Input or TextArea blinks its cursor every 0.5 s, so a screenshot taken a
    moment later than usual, on a machine busy with parallel test workers, caught it hidden
    and differed from the snapshot. Once the test's own steps and keys have run, every
    cursor stops blinking and stays shown, as the snapshots draw it.
    """

    def compare(
        app: Any,
        *,
        press: Iterable[str] = (),
        run_before: Callable[[Pilot[Any]], Awaitable[None] | None] | None = None,
        **kwargs: Any,
    ) -> bool:
        async def then_hold_cursors(pilot: Pilot[Any]) -> None:
            # The plugin's own order: run_before, a pause, the keys.
            if run_before is not None:
                result = run_before(pilot)
                if inspect.isawaitable(result):
                    await result
            await pilot.pause()
            await pilot.press(*press)
            for screen in pilot.app.screen_stack:
                for widget in screen.query("*"):
                    if isinstance(widget, Input | TextArea):
                        widget.cursor_blink = False

        return snap_compare(app, run_before=then_hold_cursors, **kwargs)

    return compare
