"""Change notices between netuis on one PostgreSQL database, and a watcher that sees the
server go and come back.

Two Stores on one database stand for two netuis (each has an engine, and
so a name in its notices, of its own); one test runs the real `netui
capture` in another process. Waits end when the notice arrives; the
timeout is only how long a test may hang before it fails.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pgkit import cluster, own_server

from netui.data.postgres_notices import read_notice
from netui.domain.records import ContactDraft
from netui.state import ALL_TOPICS, ContactQuery, Store, StoreUnavailable, Topic

CLOCK = dt.datetime(2026, 11, 21, 10, 0, 0)
WAIT = 20.0  # seconds a test waits for a notice before failing (they arrive in milliseconds)


class Heard:
    """What a Store's watcher was told, in order, for a test to take one by one."""

    def __init__(self) -> None:
        self.changes: queue.Queue[frozenset[Topic]] = queue.Queue()
        self.reachable: queue.Queue[bool] = queue.Queue()

    def next_change(self) -> frozenset[Topic]:
        return self.changes.get(timeout=WAIT)

    def next_reachable(self) -> bool:
        return self.reachable.get(timeout=WAIT)

    def nothing_more(self) -> bool:
        return self.changes.empty() and self.reachable.empty()


def watched(store: Store) -> tuple[Heard, Callable[[], None]]:
    heard = Heard()
    stop = store.watch_elsewhere(heard.changes.put, heard.reachable.put)
    assert stop is not None, "PostgreSQL sends notices"
    return heard, stop


@pytest.fixture
def two(pg_url: str) -> Iterator[tuple[Store, Store]]:
    """Two netuis on one new database."""
    first = Store(pg_url, clock=lambda: CLOCK)
    second = Store(pg_url, clock=lambda: CLOCK)
    yield first, second
    first.close()
    second.close()


def test_a_command_in_one_netui_is_heard_by_another_with_its_topics(
    two: tuple[Store, Store],
) -> None:
    writer, reader = two
    heard, stop = watched(reader)
    own, own_stop = watched(writer)
    try:
        writer.contacts.create(ContactDraft(name="Aiko Tanaka"))
        topics = heard.next_change()
        assert Topic.CONTACTS in topics and topics != ALL_TOPICS
        # The other netui reads it at once.
        assert [row.name for row in reader.contacts.page(ContactQuery(), 0, 10)] == ["Aiko Tanaka"]
        # A netui's own command is announced in-process only, never heard back.
        reader.contacts.create(ContactDraft(name="Ken Sato"))
        assert Topic.CONTACTS in own.next_change()  # the writer hears the reader's ...
        assert heard.nothing_more()  # ... and the reader does not hear itself
    finally:
        stop()
        own_stop()


def test_a_command_that_rolls_back_sends_nothing(two: tuple[Store, Store]) -> None:
    writer, reader = two
    heard, stop = watched(reader)
    try:
        with pytest.raises(RuntimeError), writer.session.write(Topic.EVENTS):
            writer.contacts.create(ContactDraft(name="Never Committed"))
            raise RuntimeError("the command fails before its commit")
        writer.followups  # noqa: B018  (any service: the Store is still usable)
        with writer.session.write(Topic.TAGS):
            pass
        # The first notice heard is the committed one's.
        assert heard.next_change() == frozenset({Topic.TAGS})
    finally:
        stop()


def test_a_capture_by_netui_in_another_process_is_heard(pg_url: str) -> None:
    reader = Store(pg_url, clock=lambda: CLOCK)
    heard, stop = watched(reader)
    try:
        env = {**os.environ, "NETUI_DB": pg_url}
        done = subprocess.run(
            [sys.executable, "-m", "netui", "capture", "Yuki Mori (Acme) #ux"],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        topics = heard.next_change()
        assert {Topic.CONTACTS, Topic.TAGS} <= topics and topics != ALL_TOPICS
        assert [row.name for row in reader.contacts.find("mori")] == ["Yuki Mori"]
    finally:
        stop()
        reader.close()


def test_a_lost_server_is_said_commands_fail_at_once_and_all_is_read_again(
    tmp_path: Path,
) -> None:
    with own_server() as (url, folder):
        store = Store(url, clock=lambda: CLOCK)
        heard, stop = watched(store)
        try:
            store.contacts.create(ContactDraft(name="Before"))
            cluster("down", folder)
            assert heard.next_reachable() is False
            with pytest.raises(StoreUnavailable, match="cannot be reached; netui is reconnecting"):
                store.contacts.create(ContactDraft(name="Not Saved"))
            cluster("up", folder)
            assert heard.next_reachable() is True
            # What others committed while it was away was not heard: everything is read again.
            assert heard.next_change() == ALL_TOPICS
            # The connection the outage broke is replaced: the next command works.
            store.contacts.create(ContactDraft(name="After"))
            other = Store(url, clock=lambda: CLOCK)
            other.contacts.create(ContactDraft(name="Elsewhere"))
            other.close()
            assert Topic.CONTACTS in heard.next_change()
            names = sorted(row.name for row in store.contacts.find(""))
            assert names == ["After", "Before", "Elsewhere"]
        finally:
            stop()
            store.close()


def test_a_file_sends_no_notices_so_the_app_polls(tmp_path: Path) -> None:
    store = Store(tmp_path / "netui.db", clock=lambda: CLOCK)
    try:
        assert store.watch_elsewhere(lambda topics: None, lambda up: None) is None
    finally:
        store.close()


def test_a_notice_names_its_sender_and_a_strange_one_means_anything_changed() -> None:
    assert read_notice('{"from": "me", "topics": ["contacts"]}', "me") == frozenset()
    assert read_notice('{"from": "you", "topics": ["contacts"]}', "me") == {"contacts"}
    assert read_notice("not json", "me") is None
    assert read_notice('{"topics": ["contacts"]}', "me") is None
    assert read_notice('{"from": "you", "topics": "contacts"}', "me") is None
