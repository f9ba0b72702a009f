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


def test_a_past_week_reads_the_later_entries_off_the_covering_date_index(store: Store) -> None:
    """A past week's reciprocity sums the entries after its Sunday from the ledger's date
    index alone, and looks up the last give or take by then per contact by index too."""
    cid = store.contacts.create(ContactDraft(name="Giver"))
    for weight, days_back in ((4, 40), (2, 3)):
        day = store.today() - dt.timedelta(days_back)
        store.ledger.add(cid, "take", "advice", "", weight, day)
    past = store.today() - dt.timedelta(weeks=2)
    sent = _statements(store, lambda: store.review.week(past))
    (then,) = [s for s in sent if "tilted_then" in s]

    plan = _plan(store, then)

    covering = "COVERING INDEX ledger_entry_date_contact_id_direction_weight (date>?)"
    assert f"SEARCH ledger_entry USING {covering}" in plan
    assert "SEARCH e USING INDEX ledger_entry_contact_id_date (contact_id=? AND date<?)" in plan
    assert "SCAN contact USING INDEX contact_reciprocity" in plan
    assert "SCAN ledger_entry" not in plan
    # As it stood then: the first take alone.
    (item,) = store.review.week(past).reciprocity.items
    assert (item.balance, item.last_take) == (-4, store.today() - dt.timedelta(40))
