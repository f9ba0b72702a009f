"""The weekly review's pinned SQLite plans: what each section's statement asks of the planner.

The statements are caught as the review runs them (sqlite3's trace callback), so
these tests read the very SQL the Store sends, and EXPLAIN QUERY PLAN says how
SQLite will run it. A plan that reads every due contact to sort them costs
~120 ms at L against a 300 ms budget for the whole review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from netui.domain.records import ContactDraft
from netui.state import Store


@pytest.fixture(autouse=True)
def sqlite_only(store: Store) -> None:
    """These plans are SQLite's own (netui.state.sql.sqlite)."""
    if store.session.engine.name != "sqlite":
        pytest.skip("SQLite's query plans")


def _statements(store: Store, run: Callable[[], object]) -> list[str]:
    """Every statement `run` sends through the store's connection."""
    sent: list[str] = []
    connection = store.db.connection()
    connection.set_trace_callback(sent.append)
    try:
        run()
    finally:
        connection.set_trace_callback(None)
    return sent


def _plan(store: Store, statement: str) -> str:
    """EXPLAIN QUERY PLAN of a traced statement (its parameters are inlined by the trace)."""
    return " | ".join(row[3] for row in store.db.execute_sql("EXPLAIN QUERY PLAN " + statement))


def test_overdue_page_walks_the_due_order_index_without_sorting(store: Store) -> None:
    """The overdue section's page comes off contact_due_order in order and stops after its limit."""
    for n in range(3):
        store.contacts.create(
            ContactDraft(name=f"Due {n}", stage="trusted", met_on=dt.date(2026, 1, 1 + n))
        )
    sent = _statements(store, lambda: store.review.week())
    (page,) = [s for s in sent if "next_due <=" in s and "LIMIT" in s]

    plan = _plan(store, page)

    assert "USING INDEX contact_due_order" in plan
    assert "TEMP B-TREE" not in plan
    assert [i.name for i in store.review.week().overdue.items] == ["Due 0", "Due 1", "Due 2"]
