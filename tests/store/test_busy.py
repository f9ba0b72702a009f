"""A lock held past the busy timeout is a StoreBusy that wrote nothing, never a crash."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from netui.domain.records import ContactDraft
from netui.state import ContactQuery, Store, StoreBusy, StoreError


@pytest.fixture
def held_lock(store: Store, db_path: Path) -> Iterator[None]:
    """Another netui holds the write lock for the whole test; this Store gives up after 20 ms.
    (PostgreSQL's twin: test_postgres_writers.py.)"""
    if store.session.engine.name != "sqlite":
        pytest.skip("SQLite's file lock (PostgreSQL's: test_postgres_writers.py)")
    store.db.execute_sql("PRAGMA busy_timeout = 20")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield
    other.execute("ROLLBACK")
    other.close()


def test_a_command_under_a_held_lock_raises_store_busy_and_writes_nothing(
    store: Store, held_lock: None
) -> None:
    """The write is refused as StoreBusy naming the database, and no contact appears."""
    with pytest.raises(StoreBusy) as refused:
        store.contacts.create(ContactDraft(name="Impatient Writer"))
    message = str(refused.value)
    assert str(store.path) in message
    assert "another netui is writing; try again" in message
    assert "\n" not in message
    assert store.contacts.count(ContactQuery()) == 0


def test_store_busy_is_a_store_error(store: Store, held_lock: None) -> None:
    """Faces catch StoreError: a busy database is one of them, not a peewee or sqlite3 error."""
    with pytest.raises(StoreError):
        store.review.complete(store.today(), "notes")


def test_the_store_works_again_once_the_lock_is_gone(store: Store, db_path: Path) -> None:
    """After a busy refusal the same Store commits normally: nothing is left half-open."""
    if store.session.engine.name != "sqlite":
        pytest.skip("SQLite's file lock (PostgreSQL's: test_postgres_writers.py)")
    store.db.execute_sql("PRAGMA busy_timeout = 20")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreBusy):
        store.contacts.create(ContactDraft(name="First Try"))
    other.execute("ROLLBACK")
    other.close()
    cid = store.contacts.create(ContactDraft(name="Second Try"))
    assert store.contacts.get(cid).draft.name == "Second Try"
