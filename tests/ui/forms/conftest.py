"""Fixtures for the form modal tests: quick ways to put contacts and events in the Store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from netui.domain.records import ContactDraft
from netui.state import Store


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
