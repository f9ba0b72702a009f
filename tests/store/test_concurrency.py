"""Two writers on one database file: the Store waits for the other instead of failing."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from netui.domain.records import ContactDraft
from netui.state import ContactQuery, Store


@pytest.fixture(autouse=True)
def _sqlite_file(db_target: Path | str) -> None:
    """These writers are raw sqlite3 connections on the file (PostgreSQL's twins:
    test_postgres_writers.py)."""
    if not isinstance(db_target, Path):
        pytest.skip("SQLite's file lock (PostgreSQL's: test_postgres_writers.py)")


# Generous bounds on waits that succeed in microseconds when all is well: reached only
# when the behaviour under test is broken, they turn a hang into a failure.
WAIT_SECONDS = 20

# The statements that need SQLite's write lock, whichever way a transaction is begun.
LOCK_TAKING = ("BEGIN IMMEDIATE", "BEGIN EXCLUSIVE", "INSERT", "UPDATE", "DELETE", "REPLACE")


@dataclass
class Timeline:
    """What happened, in the order it happened, across the threads of one test."""

    events: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, event: str) -> None:
        with self.lock:
            self.events.append(event)


@dataclass
class OtherWriter:
    """Another netui, as raw sqlite3 in a thread: takes the write lock and writes, holds the
    transaction open until `release` is set (or WAIT_SECONDS pass), then commits."""

    path: Path
    timeline: Timeline
    release: threading.Event
    locked: threading.Event = field(default_factory=threading.Event)
    errors: list[BaseException] = field(default_factory=list)

    def run(self) -> None:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=5)
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(
                    "INSERT INTO tag (name, created_at, updated_at)"
                    " VALUES ('from-the-other', '2026-11-21 10:00:00', '2026-11-21 10:00:00')"
                )
                self.timeline.note("other holds the write lock")
                self.locked.set()
                self.release.wait(WAIT_SECONDS)
                # Noted before COMMIT: the lock is free only once COMMIT runs, so anything
                # that needed it is noted after this.
                self.timeline.note("other commits")
                conn.execute("COMMIT")
            finally:
                conn.close()
        except BaseException as error:  # surfaced by the test, not lost in the thread
            self.errors.append(error)
            self.locked.set()


@contextmanager
def other_writer(
    path: Path, timeline: Timeline, release: threading.Event | None = None
) -> Iterator[OtherWriter]:
    """An OtherWriter holding the write lock from the block's start until `release` is set,
    or until the block ends; joined after the block."""
    other = OtherWriter(path, timeline, release or threading.Event())
    thread = threading.Thread(target=other.run)
    thread.start()
    try:
        assert other.locked.wait(WAIT_SECONDS)
        assert other.errors == []
        yield other
    finally:
        other.release.set()
        thread.join()


@contextmanager
def noting_the_write_lock_request(
    store: Store, timeline: Timeline, asked: threading.Event
) -> Iterator[None]:
    """Note, and set `asked`, when this thread's Store connection starts its first statement
    that needs the write lock. SQLite calls the trace hook as a statement starts running,
    before the statement tries for the lock."""

    def trace(statement: str) -> None:
        if not asked.is_set() and statement.lstrip().upper().startswith(LOCK_TAKING):
            timeline.note("store asks for the write lock")
            asked.set()

    conn = store.db.connection()
    conn.set_trace_callback(trace)
    try:
        yield
    finally:
        conn.set_trace_callback(None)


def test_command_waits_for_another_writer_and_succeeds(store: Store, db_path: Path) -> None:
    """While another connection holds a write transaction, a Store command waits for its
    commit, then commits too: it neither fails with "database is locked" nor writes first."""
    timeline = Timeline()
    asked = threading.Event()  # the other writer lets go once the command asked for the lock
    with (
        other_writer(db_path, timeline, release=asked) as other,
        noting_the_write_lock_request(store, timeline, asked),
    ):
        cid = store.contacts.create(ContactDraft(name="Patient Writer", tags=("waited",)))
        timeline.note("store command returned")
    assert other.errors == []
    assert timeline.events == [
        "other holds the write lock",
        "store asks for the write lock",
        "other commits",
        "store command returned",
    ]
    assert store.contacts.get(cid).name == "Patient Writer"
    assert {t.name for t in store.contacts.tags()} >= {"waited", "from-the-other"}


def test_reads_do_not_wait_for_another_writer(store: Store, db_path: Path) -> None:
    """In WAL mode Store reads answer while another connection holds the write lock: the
    other writer commits only after the reads returned, so a read that waited would fail."""
    cid = store.contacts.create(ContactDraft(name="Readable"))
    timeline = Timeline()
    with other_writer(db_path, timeline) as other:
        assert store.contacts.get(cid).name == "Readable"
        assert store.contacts.count(ContactQuery()) == 1
        timeline.note("store reads answered")
    assert other.errors == []
    assert timeline.events == [
        "other holds the write lock",
        "store reads answered",
        "other commits",
    ]


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
