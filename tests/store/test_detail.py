"""One contact's detail: links, history of all four kinds, warmth and give/take balance."""

from __future__ import annotations

import datetime as dt

from netui.domain.records import ContactDraft, ContactRef, EventRef
from netui.domain.warmth import warmth
from netui.state import Store


def test_introducer_and_introduced(store: Store) -> None:
    """The detail names who introduced the contact and lists whom it introduced, by reading order."""
    hub = store.create_contact(ContactDraft(name="Sato Ken", company="Globex"))
    later = store.create_contact(
        ContactDraft(name="渡辺 翔", reading="わたなべ しょう", introduced_by_id=hub)
    )
    first = store.create_contact(
        ContactDraft(name="阿部 健", reading="あべ けん", introduced_by_id=hub)
    )
    store.create_contact(ContactDraft(name="Unrelated"))
    detail = store.contact(hub)
    assert detail.introducer is None
    assert detail.introduced == (ContactRef(first, "阿部 健", ""), ContactRef(later, "渡辺 翔", ""))
    assert store.contact(first).introducer == ContactRef(hub, "Sato Ken", "Globex")
    assert store.contact(first).introduced == ()


def test_met_at_event(store: Store, direct) -> None:
    """A contact met at an event shows that event by id, title and start."""
    starts = dt.datetime(2026, 11, 1, 19)
    event = direct.event("Fintech mixer", starts)
    cid = store.create_contact(ContactDraft(name="Met There", met_at_id=event))
    assert store.contact(cid).met_at == EventRef(event, "Fintech mixer", starts)


def test_history_newest_first_with_all_four_kinds(store: Store, direct) -> None:
    """History interleaves interactions, follow-ups, ledger entries and events, newest first."""
    cid = store.create_contact(ContactDraft(name="Busy"))
    other = store.create_contact(ContactDraft(name="Other"))
    event = direct.event("Study group", dt.datetime(2026, 10, 15, 19))
    direct.attendance(cid, event, known_before=True)
    store.log_interaction(cid, dt.datetime(2026, 11, 10, 12), summary="lunch", event_id=event)
    store.log_interaction(cid, dt.datetime(2026, 9, 1, 12), summary="first call", kind="call")
    done = store.add_followup(cid, dt.date(2026, 10, 20), "thank-you note")
    store.complete_followup(done)
    store.add_followup(cid, dt.date(2026, 11, 25), "send slides")
    direct.ledger(cid, "give", 2, dt.date(2026, 11, 1), description="intro to Sato")
    direct.ledger(cid, "take", 1, dt.date(2026, 8, 1), description="pricing advice")
    store.log_interaction(other, dt.datetime(2026, 11, 20, 9), summary="not mine")

    history = store.contact(cid).history
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
    warm = store.create_contact(ContactDraft(name="Warm"))
    stale = store.create_contact(ContactDraft(name="Stale"))
    never = store.create_contact(ContactDraft(name="Never"))
    for weeks in range(10):
        store.log_interaction(
            warm, now - dt.timedelta(weeks=weeks, days=1), initiator="them" if weeks % 2 else "me"
        )
    store.log_interaction(stale, now - dt.timedelta(days=700))
    scores = {cid: store.contact(cid).warmth for cid in (warm, stale, never)}
    assert all(0 <= score <= 100 for score in scores.values())
    assert scores[warm] > scores[stale] >= scores[never] == 0
    assert scores[warm] >= 60


def test_warmth_uses_last_year_and_who_reached_out(store: Store) -> None:
    """The detail feeds the warmth rule days since last contact, last year's count, theirs and the total."""
    now = store.now()
    cid = store.create_contact(ContactDraft(name="Mixed"))
    store.log_interaction(cid, now - dt.timedelta(days=400), initiator="them")
    store.log_interaction(cid, now - dt.timedelta(days=200))
    store.log_interaction(cid, now - dt.timedelta(days=3), initiator="them")
    assert store.contact(cid).warmth == warmth(3, 2, 2, 3)


def test_balance_is_gives_minus_takes(store: Store, direct) -> None:
    """Balance is the sum of give weights minus take weights, for this contact only."""
    cid = store.create_contact(ContactDraft(name="Trader"))
    other = store.create_contact(ContactDraft(name="Other"))
    assert store.contact(cid).balance == 0
    direct.ledger(cid, "give", 3, dt.date(2026, 10, 1))
    direct.ledger(cid, "give", 2, dt.date(2026, 10, 2))
    direct.ledger(cid, "take", 4, dt.date(2026, 10, 3))
    direct.ledger(other, "take", 5, dt.date(2026, 10, 3))
    assert store.contact(cid).balance == 1
    assert store.contact(other).balance == -5


def test_counts_and_open_followups(store: Store) -> None:
    """The detail counts interactions and lists only open follow-ups, earliest first."""
    cid = store.create_contact(ContactDraft(name="Counted", stage="known"))
    store.log_interaction(cid, dt.datetime(2026, 11, 1, 9))
    store.log_interaction(cid, dt.datetime(2026, 11, 8, 9))
    late = store.add_followup(cid, dt.date(2026, 12, 1), "b")
    early = store.add_followup(cid, dt.date(2026, 11, 22), "a")
    store.complete_followup(store.add_followup(cid, dt.date(2026, 11, 1), "done"))
    detail = store.contact(cid)
    assert detail.interaction_count == 2
    assert [f.id for f in detail.open_followups] == [early, late]
    assert detail.last_contact == dt.date(2026, 11, 8)
    assert detail.effective_cadence == 90
    assert detail.created_at == store.now()
