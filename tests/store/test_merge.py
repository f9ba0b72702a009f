"""Merging two contacts loses nothing: history, links, tags, goals and fields all end up on the kept one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from enginekit import broken_links, search_rows, short_rows

from netui.data.models import Attendance, Contact, ContactGoal, Goal, LedgerEntry
from netui.domain.records import ContactDraft
from netui.state import NotFound, Store


@dataclass
class Pair:
    keep: int
    drop: int
    third: int
    introduced_by_keep: int
    introduced_by_drop: int
    shared_event: int
    keep_event: int
    drop_event: int
    goal_keep: int
    goal_drop: int
    third_ledger: int


def _goal(store: Store, title: str, contact_id: int) -> int:
    with store.db.atomic():
        goal = Goal.create(title=title)
        ContactGoal.create(contact=contact_id, goal=goal.id)
    return goal.id


@pytest.fixture
def pair(store: Store, direct) -> Pair:
    """Two records of one person, each with its own history, and a third contact linked to the dropped one."""
    keep = store.contacts.create(
        ContactDraft(
            name="Tanaka Yuki",
            email="yuki@example.com",
            stage="acquainted",
            met_on=dt.date(2026, 6, 1),
            notes="climbs on weekends",
            needs="frontend engineer",
            tags=("ux", "fintech"),
        )
    )
    drop = store.contacts.create(
        ContactDraft(
            name="Yuki T.",
            reading="ゆうき",
            company="Acme",
            role="designer",
            email="other@example.com",
            phone="+81 90 0000 0000",
            channel="mixer",
            stage="known",
            cadence_days=45,
            met_on=dt.date(2026, 3, 1),
            notes="zebracorn enthusiast",
            needs="frontend engineer",
            offers="legal advice",
            solicitation=True,
            tags=("fintech", "design"),
        )
    )
    third = store.contacts.create(ContactDraft(name="Third Party"))
    introduced_by_keep = store.contacts.create(ContactDraft(name="Intro K", introduced_by_id=keep))
    introduced_by_drop = store.contacts.create(ContactDraft(name="Intro D", introduced_by_id=drop))

    shared = direct.event("Fintech mixer", dt.datetime(2026, 6, 1, 19))
    keep_only = direct.event("UX meetup", dt.datetime(2026, 7, 1, 19))
    drop_only = direct.event("Design night", dt.datetime(2026, 8, 1, 19))
    direct.attendance(keep, shared, known_before=False)
    direct.attendance(drop, shared, known_before=True)
    direct.attendance(keep, keep_only)
    direct.attendance(drop, drop_only)

    for day in (2, 9):
        store.interactions.log(keep, dt.datetime(2026, 10, day, 12), summary=f"keep {day}")
    for day in (3, 10, 17):
        store.interactions.log(drop, dt.datetime(2026, 11, day, 12), summary=f"drop {day}")
    store.followups.add(keep, dt.date(2026, 11, 25), "send slides")
    store.followups.add(drop, dt.date(2026, 11, 26), "intro to Sato")
    store.followups.add(drop, dt.date(2026, 11, 27), "lunch")
    direct.ledger(keep, "give", 3, dt.date(2026, 10, 2))
    direct.ledger(keep, "take", 1, dt.date(2026, 10, 9))
    direct.ledger(drop, "take", 2, dt.date(2026, 11, 3))
    third_ledger = direct.ledger(
        third, "give", 4, dt.date(2026, 11, 4), kind="introduction", introduced=drop
    )
    return Pair(
        keep=keep,
        drop=drop,
        third=third,
        introduced_by_keep=introduced_by_keep,
        introduced_by_drop=introduced_by_drop,
        shared_event=shared,
        keep_event=keep_only,
        drop_event=drop_only,
        goal_keep=_goal(store, "Hire a designer", keep),
        goal_drop=_goal(store, "Find a lawyer", drop),
        third_ledger=third_ledger,
    )


def _count(store: Store, table: str, contact_id: int) -> int:
    return store.db.execute_sql(
        f"SELECT count(*) FROM {table} WHERE contact_id = {store.db.param}", [contact_id]
    ).fetchone()[0]


def test_history_is_summed(store: Store, pair: Pair) -> None:
    """Interactions, follow-ups and ledger entries of both end up on the kept contact, none lost."""
    totals = {
        t: _count(store, t, pair.keep) + _count(store, t, pair.drop)
        for t in ("interaction", "follow_up", "ledger_entry")
    }
    store.merge.apply(pair.keep, pair.drop)
    for table, total in totals.items():
        assert _count(store, table, pair.keep) == total, table
        assert _count(store, table, pair.drop) == 0, table
    detail = store.contacts.get(pair.keep)
    assert detail.interaction_count == 5
    assert len(detail.open_followups) == 3
    assert detail.balance == 3 - 1 - 2
    summaries = {item.detail for item in detail.history if item.kind == "interaction"}
    assert summaries == {"keep 2", "keep 9", "drop 3", "drop 10", "drop 17"}


def test_attendance_is_deduplicated_with_known_before_ored(store: Store, pair: Pair) -> None:
    """One attendance per event remains; at the shared event it is 'known before' if either said so."""
    store.merge.apply(pair.keep, pair.drop)
    attended = {
        a.event_id: a.known_before
        for a in Attendance.select().where(Attendance.contact == pair.keep)
    }
    assert attended == {pair.shared_event: True, pair.keep_event: False, pair.drop_event: False}
    assert _count(store, "attendance", pair.keep) == 3
    assert Attendance.select().where(Attendance.contact == pair.drop).count() == 0


def test_known_before_stays_true_when_only_the_kept_one_knew(store: Store, direct) -> None:
    """OR, not overwrite: the kept contact's 'known before' survives a dropped 'met there'."""
    keep = store.contacts.create(ContactDraft(name="K"))
    drop = store.contacts.create(ContactDraft(name="D"))
    event = direct.event("Mixer", dt.datetime(2026, 11, 1, 19))
    direct.attendance(keep, event, known_before=True)
    direct.attendance(drop, event, known_before=False)
    store.merge.apply(keep, drop)
    assert Attendance.get(Attendance.contact == keep, Attendance.event == event).known_before


def test_tags_and_goals_are_the_union(store: Store, pair: Pair) -> None:
    """The kept contact carries every tag and goal either had, once each."""
    store.merge.apply(pair.keep, pair.drop)
    assert store.contacts.get(pair.keep).draft.tags == ("design", "fintech", "ux")
    goals = {g.goal_id for g in ContactGoal.select().where(ContactGoal.contact == pair.keep)}
    assert goals == {pair.goal_keep, pair.goal_drop}
    assert [r.id for r in store.contacts.find("#design")] == [pair.keep]


def test_links_to_the_dropped_contact_point_at_the_kept_one(store: Store, pair: Pair) -> None:
    """People the dropped one introduced, and ledger introductions of it, now point at the kept one."""
    store.merge.apply(pair.keep, pair.drop)
    assert Contact.get_by_id(pair.introduced_by_drop).introduced_by_id == pair.keep
    assert Contact.get_by_id(pair.introduced_by_keep).introduced_by_id == pair.keep
    assert LedgerEntry.get_by_id(pair.third_ledger).introduced_id == pair.keep
    introduced = {ref.id for ref in store.contacts.get(pair.keep).introduced}
    assert introduced == {pair.introduced_by_keep, pair.introduced_by_drop}
    assert store.contacts.get(pair.introduced_by_drop).introducer.id == pair.keep


def test_fields_are_filled_and_joined(store: Store, pair: Pair) -> None:
    """Empty fields take the dropped one's value, filled ones stay (the other value goes to the
    notes line), notes are joined, the closer stage and the earlier meeting win."""
    store.merge.apply(pair.keep, pair.drop)
    draft = store.contacts.get(pair.keep).draft
    assert draft.name == "Tanaka Yuki"
    assert draft.email == "yuki@example.com"
    assert (draft.company, draft.role, draft.phone) == ("Acme", "designer", "+81 90 0000 0000")
    assert draft.reading == "ゆうき"
    assert Contact.get_by_id(pair.keep).sort_key == "ゆうき"
    assert draft.notes == (
        "climbs on weekends\nzebracorn enthusiast\n"
        "merged from Yuki T. on 2026-11-21: email other@example.com, met 2026-06-01, stage acquainted"
    )
    assert draft.needs == "frontend engineer"
    assert draft.offers == "legal advice"
    assert draft.channel == "mixer"
    assert draft.stage == "known"
    assert draft.cadence_days == 45
    assert draft.met_on == dt.date(2026, 3, 1)
    assert draft.solicitation is True


def test_due_date_is_recomputed(store: Store, pair: Pair) -> None:
    """The kept contact's last contact is the latest of both histories and its due date follows."""
    store.merge.apply(pair.keep, pair.drop)
    detail = store.contacts.get(pair.keep)
    assert detail.last_contact == dt.date(2026, 11, 17)
    assert detail.next_due == dt.date(2026, 11, 17) + dt.timedelta(days=45)


def test_dropped_contact_is_gone_and_found_as_the_kept_one(store: Store, pair: Pair) -> None:
    """The dropped contact leaves contact and the search rows; its unique words now find the kept one."""
    store.merge.apply(pair.keep, pair.drop)
    assert not store.contacts.exists(pair.drop)
    with pytest.raises(NotFound):
        store.contacts.get(pair.drop)
    assert pair.drop not in search_rows(store) and pair.drop not in short_rows(store)
    assert [r.id for r in store.contacts.find("zebracorn")] == [pair.keep]
    assert [r.id for r in store.contacts.find("acme")] == [pair.keep]
    assert [r.id for r in store.contacts.find("legal advice")] == [pair.keep]


def test_nothing_else_changes(store: Store, pair: Pair, rows) -> None:
    """Only the dropped contact's row goes: other contacts, events and goals are all still there."""
    contacts = {cid for (cid,) in rows("SELECT id FROM contact")}
    events = rows("SELECT * FROM event ORDER BY id")
    goals = rows("SELECT * FROM goal ORDER BY id")
    store.merge.apply(pair.keep, pair.drop)
    assert {cid for (cid,) in rows("SELECT id FROM contact")} == contacts - {pair.drop}
    assert rows("SELECT * FROM event ORDER BY id") == events
    assert rows("SELECT * FROM goal ORDER BY id") == goals
    assert broken_links(store) == []


def test_dropped_introduced_by_kept_does_not_become_self_introduced(store: Store) -> None:
    """When the kept one introduced the dropped one, the kept one is not recorded as introducing itself."""
    keep = store.contacts.create(ContactDraft(name="K"))
    drop = store.contacts.create(ContactDraft(name="D", introduced_by_id=keep))
    store.merge.apply(keep, drop)
    assert Contact.get_by_id(keep).introduced_by_id is None


def test_introducer_survives_when_the_kept_one_was_introduced_by_the_dropped_one(
    store: Store,
) -> None:
    """If the kept record says 'introduced by' the dropped duplicate, the dropped one's introducer carries over."""
    introducer = store.contacts.create(ContactDraft(name="Sato Ken"))
    drop = store.contacts.create(ContactDraft(name="Yuki T.", introduced_by_id=introducer))
    keep = store.contacts.create(ContactDraft(name="Tanaka Yuki", introduced_by_id=drop))
    store.merge.apply(keep, drop)
    assert Contact.get_by_id(keep).introduced_by_id == introducer


def test_merge_announces_events_and_goals(
    store: Store, pair: Pair, announced: list[frozenset[str]]
) -> None:
    """A merge changes event attendee lists and goal links, so events and goals are announced."""
    announced.clear()
    store.merge.apply(pair.keep, pair.drop)
    assert {"events", "goals"} <= announced[0]
