"""One contact's detail: links, history of all four kinds, warmth and give/take balance."""

from __future__ import annotations

import datetime as dt

from netui.domain.records import ContactDraft, ContactRef, EventRef
from netui.domain.warmth import warmth
from netui.state import Store


def test_introducer_and_introduced(store: Store) -> None:
    """The detail names who introduced the contact and lists whom it introduced, by reading order."""
    hub = store.contacts.create(ContactDraft(name="Sato Ken", company="Globex"))
    later = store.contacts.create(
        ContactDraft(name="渡辺 翔", reading="わたなべ しょう", introduced_by_id=hub)
    )
    first = store.contacts.create(
        ContactDraft(name="阿部 健", reading="あべ けん", introduced_by_id=hub)
    )
    store.contacts.create(ContactDraft(name="Unrelated"))
    detail = store.contacts.get(hub)
    assert detail.introducer is None
    assert detail.introduced == (ContactRef(first, "阿部 健", ""), ContactRef(later, "渡辺 翔", ""))
    assert store.contacts.get(first).introducer == ContactRef(hub, "Sato Ken", "Globex")
    assert store.contacts.get(first).introduced == ()


def test_met_at_event(store: Store, direct) -> None:
    """A contact met at an event shows that event by id, title and start."""
    starts = dt.datetime(2026, 11, 1, 19)
    event = direct.event("Fintech mixer", starts)
    cid = store.contacts.create(ContactDraft(name="Met There", met_at_id=event))
    assert store.contacts.get(cid).met_at == EventRef(event, "Fintech mixer", starts)


def test_history_newest_first_with_all_four_kinds(store: Store, direct) -> None:
    """History interleaves interactions, follow-ups, ledger entries and events, newest first."""
    cid = store.contacts.create(ContactDraft(name="Busy"))
    other = store.contacts.create(ContactDraft(name="Other"))
    event = direct.event("Study group", dt.datetime(2026, 10, 15, 19))
    direct.attendance(cid, event, known_before=True)
    store.interactions.log(cid, dt.datetime(2026, 11, 10, 12), summary="lunch", event_id=event)
    store.interactions.log(cid, dt.datetime(2026, 9, 1, 12), summary="first call", kind="call")
    done = store.followups.add(cid, dt.date(2026, 10, 20), "thank-you note")
    store.followups.complete(done)
    store.followups.add(cid, dt.date(2026, 11, 25), "send slides")
    direct.ledger(cid, "give", 2, dt.date(2026, 11, 1), description="intro to Sato")
    direct.ledger(cid, "take", 1, dt.date(2026, 8, 1), description="pricing advice")
    store.interactions.log(other, dt.datetime(2026, 11, 20, 9), summary="not mine")

    history = store.contacts.get(cid).history
    assert [(item.kind, item.detail) for item in history] == [
        ("followup", "send slides"),
        ("interaction", "lunch"),
        ("ledger", "intro to Sato"),
        ("followup", "thank-you note"),
        ("event", "Study group"),
        ("interaction", "first call"),
        ("ledger", "pricing advice"),
    ]
    whens = [item.when for item in history]
    assert whens == sorted(whens, reverse=True)
    assert [item.done for item in history if item.kind == "followup"] == [False, True]
    assert "known before" in next(item.title for item in history if item.kind == "event")
    assert "Study group" in next(item.title for item in history if item.detail == "lunch")


def test_warmth_is_a_bounded_score_that_favours_recent_frequent_contact(store: Store) -> None:
    """Warmth is within 0..100 and higher for someone contacted often and lately than for a stale contact."""
    now = store.now()
    warm = store.contacts.create(ContactDraft(name="Warm"))
    stale = store.contacts.create(ContactDraft(name="Stale"))
    never = store.contacts.create(ContactDraft(name="Never"))
    for weeks in range(10):
        store.interactions.log(
            warm, now - dt.timedelta(weeks=weeks, days=1), initiator="them" if weeks % 2 else "me"
        )
    store.interactions.log(stale, now - dt.timedelta(days=700))
    scores = {cid: store.contacts.get(cid).warmth for cid in (warm, stale, never)}
    assert all(0 <= score <= 100 for score in scores.values())
    assert scores[warm] > scores[stale] >= scores[never] == 0
    assert scores[warm] >= 60


def test_warmth_uses_last_year_and_who_reached_out(store: Store) -> None:
    """The detail feeds the warmth rule days since last contact, last year's count, theirs and the total."""
    now = store.now()
    cid = store.contacts.create(ContactDraft(name="Mixed"))
    store.interactions.log(cid, now - dt.timedelta(days=400), initiator="them")
    store.interactions.log(cid, now - dt.timedelta(days=200))
    store.interactions.log(cid, now - dt.timedelta(days=3), initiator="them")
    assert store.contacts.get(cid).warmth == warmth(3, 2, 2, 3)


def test_balance_is_gives_minus_takes(store: Store, direct) -> None:
    """Balance is the sum of give weights minus take weights, for this contact only."""
    cid = store.contacts.create(ContactDraft(name="Trader"))
    other = store.contacts.create(ContactDraft(name="Other"))
    assert store.contacts.get(cid).balance == 0
    direct.ledger(cid, "give", 3, dt.date(2026, 10, 1))
    direct.ledger(cid, "give", 2, dt.date(2026, 10, 2))
    direct.ledger(cid, "take", 4, dt.date(2026, 10, 3))
    direct.ledger(other, "take", 5, dt.date(2026, 10, 3))
    assert store.contacts.get(cid).balance == 1
    assert store.contacts.get(other).balance == -5


def test_counts_and_open_followups(store: Store) -> None:
    """The detail counts interactions and lists only open follow-ups, earliest first."""
    cid = store.contacts.create(ContactDraft(name="Counted", stage="known"))
    store.interactions.log(cid, dt.datetime(2026, 11, 1, 9))
    store.interactions.log(cid, dt.datetime(2026, 11, 8, 9))
    late = store.followups.add(cid, dt.date(2026, 12, 1), "b")
    early = store.followups.add(cid, dt.date(2026, 11, 22), "a")
    store.followups.complete(store.followups.add(cid, dt.date(2026, 11, 1), "done"))
    detail = store.contacts.get(cid)
    assert detail.interaction_count == 2
    assert [f.id for f in detail.open_followups] == [early, late]
    assert detail.last_contact == dt.date(2026, 11, 8)
    assert detail.effective_cadence == 90
    assert detail.created_at == store.now()
