"""Two Stores on two databases in one process: each reads and writes only its own."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from netui.data.models import Contact
from netui.domain.records import ContactDraft
from netui.state import ContactQuery, Store

ALL = ContactQuery()
NOW = dt.datetime(2026, 11, 21, 10, 0)


def _names(store: Store) -> list[str]:
    return [row.name for row in store.contacts.page(ALL, 0, 50)]


def test_two_stores_side_by_side_keep_their_own_records(tmp_path: Path) -> None:
    """Writes through one Store never land in the other, whichever was opened last."""
    first = Store(tmp_path / "first.db", clock=lambda: NOW)
    second = Store(tmp_path / "second.db", clock=lambda: NOW)
    a = first.contacts.create(ContactDraft(name="Aiko Ito", tags=("ux",)))
    b = second.contacts.create(ContactDraft(name="Ben Ode"))
    first.interactions.log(a, NOW)
    first.contacts.add_tags(a, ["fintech"])

    assert _names(first) == ["Aiko Ito"]
    assert _names(second) == ["Ben Ode"]
    assert first.contacts.get(a).draft.tags == ("fintech", "ux")
    assert second.contacts.get(b).interaction_count == 0
    assert [r.name for r in second.contacts.find("aiko")] == []
    first.close()
    second.close()


def test_a_thread_reading_one_store_while_another_writes(tmp_path: Path) -> None:
    """A worker thread's reads of one Store see that Store's file, not the other's."""
    first = Store(tmp_path / "first.db", clock=lambda: NOW)
    second = Store(tmp_path / "second.db", clock=lambda: NOW)
    first.contacts.create(ContactDraft(name="Aiko Ito"))
    seen: list[list[str]] = []

    def work() -> None:
        with first.connection():
            seen.append(_names(first))

    worker = threading.Thread(target=work)
    worker.start()
    second.contacts.create(ContactDraft(name="Ben Ode"))
    worker.join()
    assert seen == [["Aiko Ito"]]
    assert _names(second) == ["Ben Ode"]


def test_a_direct_query_with_two_open_refuses_to_guess(tmp_path: Path) -> None:
    """Outside a Session's block, a model query with two databases open fails instead of picking one."""
    first = Store(tmp_path / "first.db", clock=lambda: NOW)
    second = Store(tmp_path / "second.db", clock=lambda: NOW)
    first.contacts.create(ContactDraft(name="Aiko Ito"))
    with pytest.raises(RuntimeError, match="2 netui databases are open"):
        Contact.select().count()
    with second.session.read():
        assert Contact.select().count() == 0
    with first.session.read():
        assert Contact.select().count() == 1
