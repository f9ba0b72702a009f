"""The interactions and follow-ups services, and merge's announcement: what each command writes and tells."""

from __future__ import annotations

import datetime as dt

from netui.data.models import Contact, FollowUp, Interaction
from netui.domain.records import ContactDraft
from netui.state import Store

# -- interactions and follow-ups ---------------------------------------------------------------


def test_log_interaction(store: Store, announced: list[frozenset[str]], direct) -> None:
    """log_interaction stores a cleaned interaction, moves last contact and due date, and announces both topics."""
    cid = store.contacts.create(ContactDraft(name="Caller", stage="trusted"))
    event = direct.event("Study group", dt.datetime(2026, 11, 19, 19))
    announced.clear()
    when = dt.datetime(2026, 11, 19, 20, 30)
    iid = store.interactions.log(
        cid, when, kind="call", initiator="them", summary=" \x1b[1mpricing\x07 ", event_id=event
    )
    assert announced == [frozenset({"interactions", "contacts"})]
    row = Interaction.get_by_id(iid)
    assert (row.contact_id, row.when, row.kind, row.initiator, row.summary, row.event_id) == (
        cid,
        when,
        "call",
        "them",
        "[1mpricing",
        event,
    )
    assert row.created_at == store.now()
    contact = Contact.get_by_id(cid)
    assert contact.last_contact == when.date()
    assert contact.next_due == when.date() + dt.timedelta(days=30)


def test_add_followup(store: Store, announced: list[frozenset[str]]) -> None:
    """add_followup stores an open follow-up with cleaned text and announces followups."""
    cid = store.contacts.create(ContactDraft(name="Promised"))
    announced.clear()
    fid = store.followups.add(cid, dt.date(2026, 11, 27), "  send the slides\x00 ")
    assert announced == [frozenset({"followups"})]
    row = FollowUp.get_by_id(fid)
    assert (row.contact_id, row.due, row.what, row.done_at, row.snoozed_until) == (
        cid,
        dt.date(2026, 11, 27),
        "send the slides",
        None,
        None,
    )
    assert [f.id for f in store.contacts.get(cid).open_followups] == [fid]
    assert store.contacts.counts().open_followups == 1


def test_complete_followup(store: Store, announced: list[frozenset[str]]) -> None:
    """complete_followup stamps done_at with now, closes it, and announces followups."""
    cid = store.contacts.create(ContactDraft(name="Promised"))
    fid = store.followups.add(cid, dt.date(2026, 11, 27), "send the slides")
    announced.clear()
    store.followups.complete(fid)
    assert announced == [frozenset({"followups"})]
    assert FollowUp.get_by_id(fid).done_at == store.now()
    assert store.contacts.get(cid).open_followups == ()
    assert store.contacts.counts().open_followups == 0


def test_snooze_followup(store: Store, announced: list[frozenset[str]]) -> None:
    """snooze_followup stores the later date, which becomes the effective due date, and announces followups."""
    cid = store.contacts.create(ContactDraft(name="Promised"))
    fid = store.followups.add(cid, store.today(), "call back")
    announced.clear()
    until = store.today() + dt.timedelta(days=7)
    store.followups.snooze(fid, until)
    assert announced == [frozenset({"followups"})]
    assert FollowUp.get_by_id(fid).snoozed_until == until
    (record,) = store.contacts.get(cid).open_followups
    assert record.effective_due == until


def test_merge_contacts_announces_and_removes_the_other(
    store: Store, announced: list[frozenset[str]]
) -> None:
    """merge_contacts keeps one contact, removes the other, and announces every topic it moved."""
    keep = store.contacts.create(ContactDraft(name="Keep"))
    drop = store.contacts.create(ContactDraft(name="Drop"))
    announced.clear()
    store.merge.apply(keep, drop)
    assert len(announced) == 1
    assert {"contacts", "interactions", "followups", "ledger", "tags"} <= announced[0]
    assert store.contacts.exists(keep) and not store.contacts.exists(drop)
