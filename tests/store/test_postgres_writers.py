"""Two netui processes on one PostgreSQL database: writers take turns and lose no update.

Each command is one transaction that first takes netui's advisory lock
(netui.data.postgres.WRITE_LOCK), as a SQLite write takes the file's lock: a
second writer waits for the first's commit and then sees it; a wait past the
lock timeout is StoreBusy with nothing written. (SQLite's twins of these tests:
test_concurrency.py and test_busy.py.)
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from netui.data.postgres import WRITE_LOCK
from netui.domain.records import ContactDraft
from netui.state import ContactQuery, Store, StoreBusy
from netui.state.check import check_database

# Generous bounds on waits that succeed in milliseconds when all is well.
WAIT_SECONDS = 20
CLOCK = dt.datetime(2026, 11, 21, 10, 0, 0)


@pytest.fixture
def url(pg_url: str) -> str:
    return pg_url


@pytest.fixture
def first(url: str) -> Iterator[Store]:
    store = Store(url, clock=lambda: CLOCK)
    yield store
    store.close()


@contextmanager
def other_netui_writing(url: str) -> Iterator[object]:
    """Another connection inside a write transaction holding netui's lock, having added a tag;
    it commits when the block ends."""
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
        conn.execute(
            "INSERT INTO tag (name, created_at, updated_at) VALUES ('from-the-other', %s, %s)",
            [CLOCK, CLOCK],
        )
        yield conn
        conn.commit()


def waiting_for_the_lock(url: str) -> int:
    """How many connections wait for an advisory lock."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        found = conn.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        ).fetchone()
        return int(found[0]) if found else 0


def test_a_command_waits_for_the_other_writer_then_commits_after_it(first: Store, url: str) -> None:
    """The Store's command waits while another netui holds the lock, then commits, and what
    the other wrote is there beside it: neither failed, neither overwrote the other."""
    done: list[object] = []
    with other_netui_writing(url):
        worker = threading.Thread(
            target=lambda: done.append(
                first.contacts.create(ContactDraft(name="Patient Writer", tags=("waited",)))
            )
        )
        worker.start()
        deadline = time.monotonic() + WAIT_SECONDS
        while waiting_for_the_lock(url) == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert waiting_for_the_lock(url) == 1  # the command is waiting, not failing
        assert done == []
    worker.join(WAIT_SECONDS)
    assert len(done) == 1 and isinstance(done[0], int)
    assert {tag.name for tag in first.contacts.tags()} == {"from-the-other", "waited"}


def test_a_lock_held_past_the_timeout_is_busy_and_writes_nothing(first: Store, url: str) -> None:
    """Past the lock timeout the command is StoreBusy, one line naming the database without
    its password; nothing was written, and the next command works."""
    first.db.execute_sql("SET lock_timeout = '20ms'")
    with other_netui_writing(url), pytest.raises(StoreBusy) as refused:
        first.contacts.create(ContactDraft(name="Impatient Writer"))
    message = str(refused.value)
    assert first.label in message and "\n" not in message
    assert "another netui is writing; try again" in message
    assert first.contacts.count(ContactQuery()) == 0
    cid = first.contacts.create(ContactDraft(name="Second Try"))
    assert first.contacts.get(cid).draft.name == "Second Try"


def test_two_netuis_adding_to_one_ledger_lose_no_update(first: Store, url: str) -> None:
    """Two Stores (two connections, as two netui processes) add ledger entries to one contact
    at once: every entry is kept and the stored balance, recomputed by each command from the
    entries, counts all of them; netui check finds nothing wrong."""
    cid = first.contacts.create(ContactDraft(name="Shared Contact"))
    second = Store(url, clock=lambda: CLOCK)
    errors: list[BaseException] = []

    def add(store: Store, direction: str) -> None:
        try:
            for i in range(15):
                store.ledger.add(cid, direction, "advice", f"{direction} {i}", 2, CLOCK.date())
        except BaseException as error:
            errors.append(error)

    try:
        threads = [
            threading.Thread(target=add, args=(first, "give")),
            threading.Thread(target=add, args=(second, "give")),
            threading.Thread(target=add, args=(second, "take")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(WAIT_SECONDS * 3)
    finally:
        second.close()
    assert errors == []
    balance = first.db.execute_sql("SELECT balance FROM contact WHERE id = %s", [cid]).fetchone()
    assert balance[0] == (15 + 15 - 15) * 2
    assert check_database(first) == []
