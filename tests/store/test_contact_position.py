"""A contact's row index in the list: where the list puts its cursor on a contact just created."""

from __future__ import annotations

import datetime as dt

import pytest

from netui.domain.records import ContactDraft
from netui.state import SORTS, ContactQuery, Store


@pytest.fixture
def many(store: Store) -> dict[str, int]:
    """Contacts with equal names, dates shared and missing, and an archived one."""
    ids: dict[str, int] = {}
    people = [
        ("Aoki Ren", dt.date(2026, 1, 5), 30),
        ("Sato Ken", dt.date(2026, 3, 1), None),
        ("Sato Ken", dt.date(2026, 3, 1), 60),
        ("Baba Mio", None, None),
        ("田中 優希", dt.date(2025, 12, 24), 90),
        ("Kato Aya", dt.date(2026, 3, 1), 30),
        ("Zed Ito", None, 14),
    ]
    for number, (name, met, cadence) in enumerate(people):
        cid = store.contacts.create(ContactDraft(name=name, met_on=met, cadence_days=cadence))
        ids[f"{name} {number}"] = cid
        if met is not None:
            store.interactions.log(cid, dt.datetime.combine(met, dt.time(12)))
    archived = store.contacts.create(ContactDraft(name="Abe Gone"))
    store.contacts.archive(archived)
    ids["archived"] = archived
    return ids


def _listed(store: Store, query: ContactQuery) -> list[int]:
    return [row.id for row in store.contacts.page(query, 0, 1000)]


@pytest.mark.parametrize("archived", [False, True])
@pytest.mark.parametrize("sort", SORTS)
def test_position_is_the_row_index_in_every_sort(
    store: Store, many: dict[str, int], sort: str, archived: bool
) -> None:
    """For each sort, archived shown or not, every contact's position is its index in the pages."""
    query = ContactQuery(sort=sort, show_archived=archived)
    listed = _listed(store, query)
    for cid in many.values():
        expected = listed.index(cid) if cid in listed else None
        assert store.contacts.position(query, cid) == expected, (sort, cid)


def test_position_with_a_filter_is_the_index_among_its_matches(
    store: Store, many: dict[str, int]
) -> None:
    """With filter text, the index in the filtered list; a contact it does not match is None."""
    query = ContactQuery(text="sato", sort="due")
    listed = _listed(store, query)
    assert len(listed) == 2
    for cid in many.values():
        expected = listed.index(cid) if cid in listed else None
        assert store.contacts.position(query, cid) == expected


def test_position_of_a_hidden_or_missing_contact_is_none(
    store: Store, many: dict[str, int]
) -> None:
    """An archived contact while archived ones are hidden, and an id no contact has: None."""
    assert store.contacts.position(ContactQuery(), many["archived"]) is None
    assert store.contacts.position(ContactQuery(), 10_000) is None
