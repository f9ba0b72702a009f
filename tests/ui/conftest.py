"""UI fixtures: the known network of uikit.build_network, and quick ways to add contacts and events.

Helpers that drive the app live in uikit.py (imported as `uikit`: pytest puts
this folder on sys.path), so test modules import them rather than a conftest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
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
