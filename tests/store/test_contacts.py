"""The contacts service: create, update, archive, delete, tags, stage and cadence."""

from __future__ import annotations

import datetime as dt

import pytest
from enginekit import search_rows, short_rows

from netui.data.models import Contact, LedgerEntry
from netui.domain.records import ContactDraft
from netui.state import Store, ValidationError

# -- create and update ---------------------------------------------------------------------


def test_create_contact_writes_row_tags_search_row_and_announces(
    store: Store, announced: list[frozenset[str]], rows
) -> None:
    """create_contact stores the cleaned draft, its tags and its search row, and announces contacts+tags."""
    met = dt.date(2026, 11, 1)
    cid = store.contacts.create(
        ContactDraft(
            name="  田中 優希 ",
            reading="たなか ゆうき",
            company="Acme",
            role="designer",
            email=" yuki@example.com ",
            channel="mixer",
            met_on=met,
            stage="known",
            notes="climbs on weekends",
            tags=("UX", "#fintech"),
        )
    )
    assert announced == [frozenset({"contacts", "tags"})]
    row = Contact.get_by_id(cid)
    assert (row.name, row.reading, row.sort_key) == ("田中 優希", "たなか ゆうき", "たなか ゆうき")
    assert (row.company, row.role, row.email, row.channel) == (
        "Acme",
        "designer",
        "yuki@example.com",
        "mixer",
    )
    assert row.created_at == store.now() and row.updated_at == store.now()
    assert row.met_on == met and row.stage == "known"
    assert row.next_due == met + dt.timedelta(days=90)
    detail = store.contacts.get(cid)
    assert detail.draft.tags == ("fintech", "ux")
    assert detail.draft.notes == "climbs on weekends"
    row = search_rows(store)[cid]
    name, reading, company, tags = row["name"], row["reading"], row["company"], row["tags"]
    # Folded, with word starts (\x1f) marked; tag starts too (\x1e: whitespace to split).
    assert name == "\x1f田中 \x1f優希" and "\x1ftanaka" in reading and company == "\x1facme"
    assert sorted(tags.split()) == ["fintech", "ux"]


def test_update_contact_replaces_fields_and_tags(
    store: Store, announced: list[frozenset[str]], rows
) -> None:
    """update_contact replaces fields and the tag set, refreshes search, and announces contacts+tags."""
    cid = store.contacts.create(ContactDraft(name="Suzuki Ken", company="Globex", tags=("old",)))
    announced.clear()
    store.contacts.update(
        cid, ContactDraft(name="Suzuki Kenji", company="Initech", tags=("new", "pitch"))
    )
    assert announced == [frozenset({"contacts", "tags"})]
    detail = store.contacts.get(cid)
    assert (detail.name, detail.draft.company, detail.draft.tags) == (
        "Suzuki Kenji",
        "Initech",
        ("new", "pitch"),
    )
    assert rows("SELECT count(*) FROM contact_tag WHERE contact_id = ?", cid) == [(2,)]
    assert [r.id for r in store.contacts.find("globex")] == []
    assert [r.id for r in store.contacts.find("initech")] == [cid]
    assert [r.id for r in store.contacts.find("#old")] == []


def test_update_contact_cannot_introduce_itself(store: Store, dump) -> None:
    """A contact named as its own introducer is refused and nothing changes."""
    cid = store.contacts.create(ContactDraft(name="Self"))
    before = dump()
    with pytest.raises(ValidationError) as error:
        store.contacts.update(cid, ContactDraft(name="Self", introduced_by_id=cid))
    assert error.value.field == "introduced_by"
    assert dump() == before


def test_archive_and_unarchive(store: Store, announced: list[frozenset[str]]) -> None:
    """Archiving hides a contact from lists and keeps it; unarchiving brings it back; both announce contacts."""
    cid = store.contacts.create(ContactDraft(name="Hidden Person"))
    store.interactions.log(cid, store.now())
    announced.clear()
    store.contacts.archive(cid)
    assert announced == [frozenset({"contacts"})]
    assert Contact.get_by_id(cid).archived is True
    assert store.contacts.find("hidden") == []
    assert [r.id for r in store.contacts.find("hidden", archived=True)] == [cid]
    assert store.contacts.get(cid).archived is True
    assert store.contacts.get(cid).interaction_count == 1
    assert (store.contacts.counts().contacts, store.contacts.counts().archived) == (0, 1)
    store.contacts.archive(cid, archived=False)
    assert announced[-1] == frozenset({"contacts"})
    assert [r.id for r in store.contacts.find("hidden")] == [cid]
    assert (store.contacts.counts().contacts, store.contacts.counts().archived) == (1, 0)


def test_delete_contact_takes_its_history(
    store: Store, announced: list[frozenset[str]], rows, direct
) -> None:
    """Deleting a contact removes it, its interactions, follow-ups, ledger, attendance, tags and search row only."""
    gone = store.contacts.create(ContactDraft(name="Gone Person", tags=("ux",)))
    other = store.contacts.create(ContactDraft(name="Other Person", tags=("ux",)))
    event = direct.event("Mixer", dt.datetime(2026, 11, 1, 19))
    for cid in (gone, other):
        store.interactions.log(cid, dt.datetime(2026, 11, 1, 19), event_id=event)
        store.followups.add(cid, dt.date(2026, 11, 30), "send slides")
        direct.ledger(cid, "give", 2, dt.date(2026, 11, 1))
        direct.attendance(cid, event)
    introduced_gone = direct.ledger(
        other, "give", 3, dt.date(2026, 11, 2), kind="introduction", introduced=gone
    )
    announced.clear()
    store.contacts.delete(gone)
    assert len(announced) == 1
    assert {"contacts", "interactions", "followups", "ledger"} <= announced[0]
    assert not store.contacts.exists(gone)
    for table in ("interaction", "follow_up", "ledger_entry", "attendance", "contact_tag"):
        assert rows(f"SELECT count(*) FROM {table} WHERE contact_id = ?", gone) == [(0,)]
        assert rows(f"SELECT count(*) FROM {table} WHERE contact_id = ?", other) != [(0,)]
    assert gone not in search_rows(store) and gone not in short_rows(store)
    assert rows("SELECT count(*) FROM event") == [(1,)]
    # The other contact's introduction stays in the ledger, without its dangling link.
    assert LedgerEntry.get_by_id(introduced_gone).introduced_id is None
    assert store.contacts.find("gone") == []


def test_delete_contact_announces_events_and_goals_it_changes(
    store: Store, announced: list[frozenset[str]], direct
) -> None:
    """Deleting an attendee changes event attendee lists and goal links, so events and goals are announced."""
    cid = store.contacts.create(ContactDraft(name="Attendee"))
    direct.attendance(cid, direct.event("Mixer", dt.datetime(2026, 11, 1, 19)))
    announced.clear()
    store.contacts.delete(cid)
    assert {"events", "goals"} <= announced[0]


# -- tags ------------------------------------------------------------------------------


def test_add_tags(store: Store, announced: list[frozenset[str]], rows) -> None:
    """add_tags adds normalized tags next to the existing ones, updates search, and announces contacts+tags."""
    cid = store.contacts.create(ContactDraft(name="Tagged", tags=("ux",)))
    announced.clear()
    store.contacts.add_tags(cid, ["#Fintech", "ＡＩ"])
    assert announced == [frozenset({"contacts", "tags"})]
    assert store.contacts.get(cid).draft.tags == ("ai", "fintech", "ux")
    assert Contact.get_by_id(cid).updated_at == store.now()
    assert [r.id for r in store.contacts.find("#fin")] == [cid]
    assert sorted(search_rows(store)[cid]["tags"].split()) == [
        "ai",
        "fintech",
        "ux",
    ]


def test_remove_tags(store: Store, announced: list[frozenset[str]]) -> None:
    """remove_tags drops just the named tags, updates search, and announces contacts+tags."""
    cid = store.contacts.create(ContactDraft(name="Tagged", tags=("ux", "fintech", "ai")))
    announced.clear()
    store.contacts.remove_tags(cid, ["#UX", "ai"])
    assert announced == [frozenset({"contacts", "tags"})]
    assert store.contacts.get(cid).draft.tags == ("fintech",)
    assert store.contacts.find("#ux") == []
    assert [r.id for r in store.contacts.find("#fintech")] == [cid]


# -- stage and cadence ----------------------------------------------------------------------


def test_set_stage(store: Store, announced: list[frozenset[str]]) -> None:
    """set_stage stores the stage, moves the due date to the new stage's cadence, and announces contacts."""
    met = dt.date(2026, 10, 1)
    cid = store.contacts.create(ContactDraft(name="Climber", met_on=met, stage="acquainted"))
    announced.clear()
    store.contacts.set_stage(cid, "trusted")
    assert announced == [frozenset({"contacts"})]
    row = Contact.get_by_id(cid)
    assert row.stage == "trusted"
    assert row.next_due == met + dt.timedelta(days=30)


def test_set_cadence(store: Store, announced: list[frozenset[str]]) -> None:
    """set_cadence stores the contact's own cadence (None falls back to the stage's) and announces contacts."""
    met = dt.date(2026, 10, 1)
    cid = store.contacts.create(ContactDraft(name="Regular", met_on=met, stage="known"))
    announced.clear()
    store.contacts.set_cadence(cid, 14)
    assert announced == [frozenset({"contacts"})]
    assert Contact.get_by_id(cid).cadence_days == 14
    assert store.contacts.get(cid).effective_cadence == 14
    assert store.contacts.get(cid).next_due == met + dt.timedelta(days=14)
    store.contacts.set_cadence(cid, None)
    assert Contact.get_by_id(cid).cadence_days is None
    assert store.contacts.get(cid).effective_cadence == 90
    assert store.contacts.get(cid).next_due == met + dt.timedelta(days=90)
