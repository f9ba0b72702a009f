"""The stored due date: the Store keeps contact.next_due right on every write that moves it."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from netui.data.models import Contact
from netui.domain.cadence import DEFAULT_STAGE_CADENCE, STAGES, effective_cadence, next_due
from netui.domain.records import ContactDraft
from netui.state import Store

MET = dt.date(2026, 9, 1)


def _due(store: Store, cid: int) -> dt.date | None:
    """The stored due date, read both from the row and from the detail (they must agree)."""
    with store.session.read():
        stored = Contact.get_by_id(cid).next_due
    assert store.contacts.get(cid).next_due == stored
    return stored


def test_own_cadence_beats_stage_default(store: Store) -> None:
    """A contact's own cadence decides its due date, whatever its stage's default."""
    cid = store.contacts.create(
        ContactDraft(name="A", met_on=MET, stage="trusted", cadence_days=10)
    )
    assert _due(store, cid) == MET + dt.timedelta(days=10)
    assert store.contacts.get(cid).effective_cadence == 10


def test_stage_default_applies_without_own_cadence(store: Store) -> None:
    """Without an own cadence, the stage's default (acquainted: 180 days) sets the due date."""
    cid = store.contacts.create(ContactDraft(name="A", met_on=MET, stage="acquainted"))
    assert _due(store, cid) == MET + dt.timedelta(days=180)


def test_stage_met_is_never_due(store: Store) -> None:
    """Someone only met (no own cadence) has no due date, even after interactions."""
    cid = store.contacts.create(ContactDraft(name="Card Exchange", met_on=MET, stage="met"))
    assert _due(store, cid) is None
    store.interactions.log(cid, dt.datetime(2026, 11, 1, 12))
    assert _due(store, cid) is None
    assert Contact.get_by_id(cid).last_contact == dt.date(2026, 11, 1)


def test_met_on_is_the_base_until_a_first_interaction(store: Store) -> None:
    """With no interaction the clock starts at met_on; without met_on either there is no due date."""
    dated = store.contacts.create(ContactDraft(name="Dated", met_on=MET, stage="known"))
    undated = store.contacts.create(ContactDraft(name="Undated", stage="known"))
    assert _due(store, dated) == MET + dt.timedelta(days=90)
    assert _due(store, undated) is None
    store.interactions.log(undated, dt.datetime(2026, 10, 5, 9))
    assert _due(store, undated) == dt.date(2026, 10, 5) + dt.timedelta(days=90)


def test_logging_an_interaction_moves_the_due_date(store: Store) -> None:
    """A new latest interaction moves the due date; an older one logged later does not move it back."""
    cid = store.contacts.create(ContactDraft(name="A", met_on=MET, stage="trusted"))
    store.interactions.log(cid, dt.datetime(2026, 11, 10, 18, 30))
    assert _due(store, cid) == dt.date(2026, 12, 10)
    store.interactions.log(cid, dt.datetime(2026, 10, 1, 9))
    assert _due(store, cid) == dt.date(2026, 12, 10)
    assert store.contacts.get(cid).last_contact == dt.date(2026, 11, 10)


def test_changing_stage_moves_the_due_date(store: Store) -> None:
    """Moving a contact between stages moves its due date to the new stage's cadence, and to none for met."""
    cid = store.contacts.create(ContactDraft(name="A", met_on=MET, stage="acquainted"))
    store.contacts.set_stage(cid, "known")
    assert _due(store, cid) == MET + dt.timedelta(days=90)
    store.contacts.set_stage(cid, "trusted")
    assert _due(store, cid) == MET + dt.timedelta(days=30)
    store.contacts.set_stage(cid, "met")
    assert _due(store, cid) is None


def test_editing_met_on_or_cadence_moves_the_due_date(store: Store) -> None:
    """Updating met_on or the own cadence through update_contact recomputes the due date."""
    cid = store.contacts.create(ContactDraft(name="A", met_on=MET, stage="known"))
    store.contacts.update(cid, ContactDraft(name="A", met_on=dt.date(2026, 10, 1), stage="known"))
    assert _due(store, cid) == dt.date(2026, 10, 1) + dt.timedelta(days=90)
    store.contacts.update(
        cid, ContactDraft(name="A", met_on=dt.date(2026, 10, 1), stage="known", cadence_days=7)
    )
    assert _due(store, cid) == dt.date(2026, 10, 8)


def test_reopening_with_other_stage_cadences_recomputes_every_due_date(
    store: Store, reopen
) -> None:
    """A Store opened with different stage cadences recomputes all stored due dates, and back again."""
    known = store.contacts.create(ContactDraft(name="Known", met_on=MET, stage="known"))
    met = store.contacts.create(ContactDraft(name="Met", met_on=MET, stage="met"))
    own = store.contacts.create(ContactDraft(name="Own", met_on=MET, stage="known", cadence_days=5))
    store.interactions.log(known, dt.datetime(2026, 10, 1, 10))

    custom = dict(DEFAULT_STAGE_CADENCE, known=14, met=60)
    again = reopen(stage_cadence=custom)
    assert _due(again, known) == dt.date(2026, 10, 15)
    assert _due(again, met) == MET + dt.timedelta(days=60)
    assert _due(again, own) == MET + dt.timedelta(days=5)
    assert again.contacts.get(known).effective_cadence == 14

    back = reopen()
    assert _due(back, known) == dt.date(2026, 10, 1) + dt.timedelta(days=90)
    assert _due(back, met) is None
    assert _due(back, own) == MET + dt.timedelta(days=5)


def test_set_stage_cadence_recomputes_and_announces(
    store: Store, announced: list[frozenset[str]]
) -> None:
    """Changing the stage defaults on a live Store recomputes due dates and announces contacts."""
    cid = store.contacts.create(ContactDraft(name="A", met_on=MET, stage="acquainted"))
    announced.clear()
    store.set_stage_cadence(dict(DEFAULT_STAGE_CADENCE, acquainted=21))
    assert _due(store, cid) == MET + dt.timedelta(days=21)
    assert announced == [frozenset({"contacts"})]


# A grid over stage x own cadence x met_on x latest interaction, with month ends, a leap
# day and a year end, checked against the pure rule in netui.domain.cadence.
OWN = (None, 1, 45, 366)
MET_ON = (None, dt.date(2024, 2, 28), dt.date(2026, 1, 31))
LAST = (None, dt.datetime(2027, 12, 31, 23, 59, 59), dt.datetime(2026, 8, 31, 0, 0))
STAGE_CADENCE = {"met": None, "acquainted": 400, "known": 29, "trusted": 1}


@pytest.mark.parametrize(
    "cadences", [DEFAULT_STAGE_CADENCE, STAGE_CADENCE], ids=["default", "custom"]
)
def test_stored_due_date_agrees_with_the_domain_rule(
    store: Store, reopen, cadences: dict[str, int | None]
) -> None:
    """For every combination, the SQL-maintained due date equals netui.domain.cadence.next_due."""
    s = reopen(stage_cadence=cadences)
    cases = []
    for stage, own, met_on, last in itertools.product(STAGES, OWN, MET_ON, LAST):
        cid = s.contacts.create(
            ContactDraft(
                name=f"{stage} {own} {met_on} {last}", stage=stage, cadence_days=own, met_on=met_on
            )
        )
        if last is not None:
            s.interactions.log(cid, last - dt.timedelta(days=3))
            s.interactions.log(cid, last)
        cases.append((cid, stage, own, met_on, last))
    for cid, stage, own, met_on, last in cases:
        expected = next_due(
            last.date() if last else None, met_on, effective_cadence(own, stage, cadences)
        )
        assert _due(s, cid) == expected, (stage, own, met_on, last)
