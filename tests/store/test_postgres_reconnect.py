"""A PostgreSQL server that goes away under a running netui: nothing committed is lost, the
command that could not commit says so and wrote nothing, and netui goes on once it is back.

The test runs a server of its own (scripts/pg-cluster), since it stops it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pgkit import pg_server

from netui.domain.records import ContactDraft
from netui.state import ContactQuery, Store, StoreUnavailable

ROOT = Path(__file__).resolve().parents[2]
CLUSTER = ROOT / "scripts" / "pg-cluster"
CLOCK = dt.datetime(2026, 11, 21, 10, 0, 0)


def cluster(command: str, folder: Path) -> str:
    done = subprocess.run(
        [str(CLUSTER), command, str(folder)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def own_server() -> Iterator[tuple[str, Path]]:
    """A server of this test's own, and its folder (for down/up): directly in the temp
    directory, which the server's own user (as root, `postgres`) can reach."""
    pg_server()  # skips without PostgreSQL (fails under CI), like every PostgreSQL test
    folder = Path(tempfile.mkdtemp(prefix="netui-pg-"))
    url = cluster("start", folder)
    try:
        yield url, folder
    finally:
        cluster("stop", folder)
        shutil.rmtree(folder, ignore_errors=True)


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
