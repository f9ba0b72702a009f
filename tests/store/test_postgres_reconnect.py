"""A PostgreSQL server that goes away under a running netui: nothing committed is lost, the
command that could not commit says so and wrote nothing, and netui goes on once it is back.

The test runs a server of its own (scripts/pg-cluster), since it stops it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pgkit import cluster, own_server

from netui.domain.records import ContactDraft
from netui.state import ContactQuery, Store, StoreUnavailable

CLOCK = dt.datetime(2026, 11, 21, 10, 0, 0)


@pytest.fixture(name="own_server")
def own_server_fixture() -> Iterator[tuple[str, Path]]:
    with own_server() as server:
        yield server


def test_a_lost_server_loses_nothing_committed_and_netui_goes_on(
    own_server: tuple[str, Path],
) -> None:
    url, folder = own_server
    store = Store(url, clock=lambda: CLOCK)
    try:
        kept = store.contacts.create(ContactDraft(name="Committed Before"))
        cluster("down", folder)
        with pytest.raises(StoreUnavailable) as lost:
            store.contacts.create(ContactDraft(name="Never Saved"))
        message = str(lost.value)
        assert message.startswith(f"{store.label}: ") and "\n" not in message.strip()
        with pytest.raises(StoreUnavailable):
            store.contacts.count(ContactQuery())
        cluster("up", folder)
        # The next command reconnects by itself and works.
        again = store.contacts.create(ContactDraft(name="Saved After"))
        names = sorted(row.name for row in store.contacts.find(""))
        assert names == ["Committed Before", "Saved After"]
        assert store.contacts.exists(kept) and again != kept
    finally:
        store.close()
