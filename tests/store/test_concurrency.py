"""Two writers on one database file: the Store waits for the other instead of failing."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from netui.domain.records import ContactDraft
from netui.state import ContactQuery, Store

HOLD_SECONDS = 0.3


def _hold_write_lock(path: Path, locked: threading.Event, errors: list[BaseException]) -> None:
    """Another netui, as raw sqlite3: take the write lock, write, keep it a while, commit."""
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=5)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "INSERT INTO tag (name, created_at, updated_at)"
                " VALUES ('from-the-other', '2026-11-21 10:00:00', '2026-11-21 10:00:00')"
            )
            locked.set()
            time.sleep(HOLD_SECONDS)
            conn.execute("COMMIT")
        finally:
            conn.close()
    except BaseException as error:  # surfaced by the test, not lost in the thread
        errors.append(error)
        locked.set()


def test_command_waits_for_another_writer_and_succeeds(store: Store, db_path: Path) -> None:
    """While another connection holds a write transaction, a Store command waits, then commits."""
    locked = threading.Event()
    errors: list[BaseException] = []
    other = threading.Thread(target=_hold_write_lock, args=(db_path, locked, errors))
    other.start()
    assert locked.wait(5)
    started = time.monotonic()
    cid = store.contacts.create(ContactDraft(name="Patient Writer", tags=("waited",)))
    waited = time.monotonic() - started
    other.join()
    assert errors == []
    assert waited >= HOLD_SECONDS * 0.5  # it really had to wait for the lock
    assert store.contacts.get(cid).name == "Patient Writer"
    assert {t.name for t in store.contacts.tags()} >= {"waited", "from-the-other"}


def test_reads_do_not_wait_for_another_writer(store: Store, db_path: Path) -> None:
    """In WAL mode a Store read answers at once while another connection holds the write lock."""
    cid = store.contacts.create(ContactDraft(name="Readable"))
    locked = threading.Event()
    errors: list[BaseException] = []
    other = threading.Thread(target=_hold_write_lock, args=(db_path, locked, errors))
    other.start()
    assert locked.wait(5)
    started = time.monotonic()
    assert store.contacts.get(cid).name == "Readable"
    assert store.contacts.count(ContactQuery()) == 1
    read_time = time.monotonic() - started
    other.join()
    assert errors == []
    assert read_time < HOLD_SECONDS


def test_store_commands_from_two_threads_all_land(store: Store) -> None:
    """Commands from two threads, each on its own connection, all commit without a locked error."""
    errors: list[BaseException] = []

    def writer(prefix: str) -> None:
        try:
            with store.connection():
                for i in range(25):
                    cid = store.contacts.create(ContactDraft(name=f"{prefix} {i}"))
                    store.interactions.log(cid, store.now(), summary=prefix)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(p,)) for p in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.contacts.count(ContactQuery()) == 50
    assert store.contacts.counts().interactions == 50
