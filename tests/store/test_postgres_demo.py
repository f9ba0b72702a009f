"""The demo on PostgreSQL holds the same network as on SQLite, from the same seed.

`netui demo` writes through a per-engine writer (netui.state.demo.writers):
these tests build one seed on both engines and compare what a person sees
through the Store (every table's records, search, the review), then what
PostgreSQL must add (sequences past the demo's ids, a clean check, undo).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from netui.data.models import MODELS
from netui.domain.records import ContactDraft
from netui.state import ContactQuery, Store
from netui.state.check import check_database
from netui.state.demo import generate_demo
from netui.state.demo.generator import DemoSummary

CLOCK = dt.datetime(2026, 11, 21, 10, 0, 0)
SIZE = 300
SEED = 7
# Latin, romaji, kana, kanji, 1 and 2 characters, tags, two words, nothing.
QUERIES = ("tanaka", "yuki", "さとう", "サトウ", "田", "田中", "t", "ke", "#u", "#ux acme", "sato ken", "qzx")  # fmt: skip


@pytest.fixture
def both(tmp_path: Path, pg_url: str) -> Iterator[tuple[Store, Store]]:
    """The same demo on a SQLite file and on a PostgreSQL database."""
    sqlite = Store(tmp_path / "demo.db", clock=lambda: CLOCK)
    postgres = Store(pg_url, clock=lambda: CLOCK)
    try:
        for store in (sqlite, postgres):
            generate_demo(store, SIZE, SEED)
        yield sqlite, postgres
    finally:
        sqlite.close()
        postgres.close()


def _records(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every model table's rows through peewee, values as Python types on either engine."""
    found = {}
    for model in MODELS:
        if model._meta.table_name in ("undo_command", "undo_change", "netui_meta"):
            continue
        query = model.select().order_by(*model._meta.get_primary_keys()).tuples()
        found[model._meta.table_name] = [tuple(_plain(v) for v in row) for row in query]
    return found


def _plain(value: object) -> object:
    """A stored value as one engine or the other returns it: bools as ints, times as text."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat(" ") if isinstance(value, dt.datetime) else value.isoformat()
    return value


def test_the_same_seed_writes_the_same_records_on_both(both: tuple[Store, Store]) -> None:
    """Every record of every table is the same on both engines, id for id."""
    sqlite, postgres = both
    with sqlite.session.read():
        on_sqlite = _records(sqlite)
    with postgres.session.read():
        on_postgres = _records(postgres)
    assert on_postgres.keys() == on_sqlite.keys()
    for table in on_sqlite:
        assert on_postgres[table] == on_sqlite[table], table


def test_the_summary_is_the_same_and_counts_every_row(both: tuple[Store, Store]) -> None:
    sqlite, postgres = both
    again_sqlite = generate_demo(sqlite, SIZE, SEED, force=True)
    again_postgres = generate_demo(postgres, SIZE, SEED, force=True)
    assert again_postgres == again_sqlite
    assert isinstance(again_postgres, DemoSummary)
    assert dataclasses.asdict(again_postgres)["contacts"] == SIZE


def test_search_and_the_review_are_the_same_on_both(both: tuple[Store, Store]) -> None:
    """The list's search (counts and pages, each sort) and the weekly review agree."""
    sqlite, postgres = both
    for text in QUERIES:
        for sort in ("name", "last", "due"):
            query = ContactQuery(text=text, sort=sort, show_archived=text == "t")
            assert postgres.contacts.count(query) == sqlite.contacts.count(query), query
            left = [row.id for row in sqlite.contacts.page(query, 0, 100)]
            right = [row.id for row in postgres.contacts.page(query, 0, 100)]
            assert right == left, query
    assert postgres.review.week() == sqlite.review.week()
    previous = CLOCK.date() - dt.timedelta(days=14)
    assert postgres.review.week(previous) == sqlite.review.week(previous)


def test_after_the_demo_new_records_get_new_ids_and_undo_works(
    both: tuple[Store, Store],
) -> None:
    """The sequences are past the demo's ids; netui check is clean; a delete is undone."""
    _sqlite, postgres = both
    assert check_database(postgres) == []
    cid = postgres.contacts.create(ContactDraft(name="After Demo", tags=("fresh",)))
    assert cid == SIZE + 1
    assert postgres.events.create("After Mixer", CLOCK) > 0
    postgres.contacts.delete(cid)
    assert postgres.undo.undo() is not None
    assert [row.id for row in postgres.contacts.find("after demo")] == [cid]
    assert check_database(postgres) == []


def test_the_demo_refuses_records_on_postgresql_and_writes_nothing(pg_url: str) -> None:
    store = Store(pg_url, clock=lambda: CLOCK)
    try:
        store.contacts.create(ContactDraft(name="Mine"))
        from netui.state.demo import DemoError

        with pytest.raises(DemoError, match="already has records; use --force"):
            generate_demo(store, 20)
        assert [row.name for row in store.contacts.find("")] == ["Mine"]
    finally:
        store.close()
