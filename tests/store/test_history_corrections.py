"""Correcting history: an interaction, a follow-up or a ledger entry edited, deleted, reopened.

Each correction is one command: the row changes, the contact's stored values
that derive from it (last contact, next due, the ledger aggregates) follow in
the same transaction, and the topics are announced after commit.
"""

from __future__ import annotations

import datetime as dt

import pytest

from netui.data.models import Contact, FollowUp, Interaction, LedgerEntry
from netui.domain.records import ContactDraft
from netui.state import NotFound, Store, ValidationError


@pytest.fixture
def contact(store: Store) -> int:
    return store.contacts.create(ContactDraft(name="Hana History", stage="trusted"))


# -- interactions -------------------------------------------------------------------------


def test_an_edited_interaction_moves_last_contact_and_due(
    store: Store, contact: int, announced: list[frozenset[str]]
) -> None:
    """Moving the only interaction earlier moves last contact and next due with it."""
    iid = store.interactions.log(contact, dt.datetime(2026, 11, 19, 20), summary="coffee")
    announced.clear()
    store.interactions.update(iid, dt.datetime(2026, 11, 2, 9), "call", "them", " pricing ")
    assert announced == [frozenset({"interactions", "contacts"})]
    record = store.interactions.get(iid)
    assert (record.when, record.kind, record.initiator, record.summary) == (
        dt.datetime(2026, 11, 2, 9),
        "call",
        "them",
        "pricing",
    )
    row = Contact.get_by_id(contact)
    assert row.last_contact == dt.date(2026, 11, 2)
    assert row.next_due == dt.date(2026, 11, 2) + dt.timedelta(days=30)


def test_a_deleted_interaction_gives_back_the_previous_last_contact(
    store: Store, contact: int
) -> None:
    """With the latest interaction deleted, the one before it is the last contact again."""
    store.interactions.log(contact, dt.datetime(2026, 10, 1, 9))
    latest = store.interactions.log(contact, dt.datetime(2026, 11, 19, 9))
    store.interactions.delete(latest)
    assert Interaction.get_or_none(Interaction.id == latest) is None
    assert Contact.get_by_id(contact).last_contact == dt.date(2026, 10, 1)


def test_an_interaction_edit_with_a_bad_kind_changes_nothing(store: Store, contact: int) -> None:
    """A refused edit names the field and leaves the row as it was."""
    iid = store.interactions.log(contact, dt.datetime(2026, 11, 19, 9), summary="coffee")
    with pytest.raises(ValidationError) as refused:
        store.interactions.update(iid, dt.datetime(2026, 11, 2, 9), "telepathy", "me", "x")
    assert refused.value.field == "kind"
    assert store.interactions.get(iid).summary == "coffee"


# -- follow-ups ---------------------------------------------------------------------------


def test_a_done_follow_up_reopens_due_as_before(
    store: Store, contact: int, announced: list[frozenset[str]]
) -> None:
    """Un-marking done clears the done time; the due date is untouched."""
    fid = store.followups.add(contact, dt.date(2026, 11, 27), "send the slides")
    store.followups.complete(fid)
    announced.clear()
    store.followups.reopen(fid)
    assert announced == [frozenset({"followups"})]
    record = store.followups.get(fid)
    assert (record.done_at, record.due, record.what) == (
        None,
        dt.date(2026, 11, 27),
        "send the slides",
    )


def test_an_edited_follow_up_takes_the_new_date_over_its_snooze(store: Store, contact: int) -> None:
    """A corrected date is the date: an earlier snooze no longer applies."""
    fid = store.followups.add(contact, dt.date(2026, 11, 27), "send the slides")
    store.followups.snooze(fid, dt.date(2026, 12, 10))
    store.followups.update(fid, dt.date(2026, 12, 4), "send the deck")
    record = store.followups.get(fid)
    assert (record.due, record.what, record.snoozed_until) == (
        dt.date(2026, 12, 4),
        "send the deck",
        None,
    )


def test_a_follow_up_edit_needs_something_to_do(store: Store, contact: int) -> None:
    fid = store.followups.add(contact, dt.date(2026, 11, 27), "send the slides")
    with pytest.raises(ValidationError):
        store.followups.update(fid, dt.date(2026, 12, 4), "   ")
    assert store.followups.get(fid).what == "send the slides"


def test_a_deleted_follow_up_is_gone(store: Store, contact: int) -> None:
    fid = store.followups.add(contact, dt.date(2026, 11, 27), "send the slides")
    store.followups.delete(fid)
    assert FollowUp.get_or_none(FollowUp.id == fid) is None
    with pytest.raises(NotFound):
        store.followups.get(fid)


# -- the ledger ---------------------------------------------------------------------------


def test_a_give_corrected_to_a_take_moves_the_aggregates(
    store: Store, contact: int, announced: list[frozenset[str]]
) -> None:
    """The contact's stored gives and takes follow an entry turned from a give into a take."""
    entry = store.ledger.add(contact, "give", "advice", "pricing", 2, dt.date(2026, 11, 19))
    before = Contact.get_by_id(contact)
    assert (before.balance, before.last_give, before.last_take) == (2, dt.date(2026, 11, 19), None)
    announced.clear()
    store.ledger.update(entry, "take", "introduction", "intro to Sato", 3, dt.date(2026, 11, 18))
    assert announced == [frozenset({"ledger", "contacts"})]
    after = Contact.get_by_id(contact)
    assert (after.balance, after.last_give, after.last_take) == (-3, None, dt.date(2026, 11, 18))
    record = store.ledger.get(entry)
    assert (record.direction, record.kind, record.description, record.weight, record.date) == (
        "take",
        "introduction",
        "intro to Sato",
        3,
        dt.date(2026, 11, 18),
    )


def test_a_deleted_ledger_entry_leaves_the_aggregates(store: Store, contact: int) -> None:
    entry = store.ledger.add(contact, "give", "advice", "pricing", 2, dt.date(2026, 11, 19))
    store.ledger.delete(entry)
    assert LedgerEntry.get_or_none(LedgerEntry.id == entry) is None
    after = Contact.get_by_id(contact)
    assert (after.balance, after.last_give) == (0, None)


def test_a_ledger_edit_into_the_future_is_refused(store: Store, contact: int) -> None:
    entry = store.ledger.add(contact, "give", "advice", "pricing", 2, dt.date(2026, 11, 19))
    with pytest.raises(ValidationError) as refused:
        store.ledger.update(entry, "give", "advice", "pricing", 2, store.today() + dt.timedelta(1))
    assert refused.value.field == "date"
    assert store.ledger.get(entry).date == dt.date(2026, 11, 19)


@pytest.mark.parametrize(
    "correct",
    [
        lambda s: s.interactions.delete(999),
        lambda s: s.interactions.update(999, dt.datetime(2026, 11, 1), "call", "me", ""),
        lambda s: s.followups.reopen(999),
        lambda s: s.followups.update(999, dt.date(2026, 12, 1), "x"),
        lambda s: s.followups.delete(999),
        lambda s: s.ledger.delete(999),
        lambda s: s.ledger.get(999),
    ],
)
def test_a_correction_of_a_row_deleted_elsewhere_is_not_found(store: Store, correct) -> None:
    with pytest.raises(NotFound):
        correct(store)
