"""The weekly review's events section reads the planner's records: who is known to attend
(known before the event, expected or there; not absent, not met there), its series' title,
and no event that will not happen. Hand-built through the events service, on each engine.
The fixture clock is Saturday 2026-11-21 10:00."""

from __future__ import annotations

import datetime as dt

from netui.domain.events import EventDraft
from netui.domain.records import ContactDraft
from netui.state import Store

SOON = dt.datetime(2026, 11, 25, 19, 0)


def person(store: Store, name: str) -> int:
    return store.contacts.create(ContactDraft(name=name))


def test_known_to_attend_means_known_before_and_expected_or_there(store: Store) -> None:
    """Expected and present contacts known before it are going; the absent one and the one met
    there are not, nor an archived one; names in name order."""
    eid = store.events.add(EventDraft("Python勉強会 #42", SOON, kind="study group"))
    expected, present, absent, met, archived = (
        person(store, name)
        for name in ("Zoe Expected", "Abe Present", "Ann Absent", "Met Mia", "Arc")
    )
    store.events.attend(eid, expected, "expected", known_before=True)
    store.events.attend(eid, present, "present", known_before=True)
    store.events.attend(eid, absent, "absent", known_before=True)
    store.events.attend(eid, met, "present", known_before=False)
    store.events.attend(eid, archived, "expected", known_before=True)
    store.contacts.archive(archived)

    (event,) = store.review.week().upcoming_events.items

    assert event.attendees == ("Abe Present", "Zoe Expected")


def test_marking_someone_absent_takes_them_off_the_known_going(store: Store) -> None:
    """An expected contact is listed until marked absent, then no longer."""
    eid = store.events.add(EventDraft("Mixer", SOON, kind="mixer"))
    kim = person(store, "Kim Ara")
    store.events.attend(eid, kim, "expected", known_before=True)
    assert store.review.week().upcoming_events.items[0].attendees == ("Kim Ara",)

    store.events.attend(eid, kim, "absent", known_before=True)

    assert store.review.week().upcoming_events.items[0].attendees == ()


def test_an_event_carries_its_series_title(store: Store) -> None:
    """An event of a series names it, as the series is titled (not as typed again); one of none
    has an empty series."""
    first = store.events.add(
        EventDraft("朝活 #1", SOON, kind="morning session", series="朝活 [b]circle[/]")
    )
    again = store.events.add(
        EventDraft(
            "朝活 #2",
            SOON + dt.timedelta(days=1),
            kind="morning session",
            series="朝活 [B]CIRCLE[/]",
        )
    )
    alone = store.events.add(EventDraft("Standalone", SOON + dt.timedelta(days=2)))

    items = store.review.week().upcoming_events.items

    assert [(e.event_id, e.series) for e in items] == [
        (first, "朝活 [b]circle[/]"),
        (again, "朝活 [b]circle[/]"),
        (alone, ""),
    ]


def test_skipped_and_cancelled_events_are_left_out_with_their_people(store: Store) -> None:
    """An event set to skipped or cancelled leaves the section (and its total), its expected
    people with it; the one still on stays."""
    kept = store.events.add(EventDraft("Still on", SOON, status="registered"))
    skipped = store.events.add(EventDraft("Skipped", SOON, status="registered"))
    cancelled = store.events.add(EventDraft("Cancelled", SOON))
    kim = person(store, "Kim Ara")
    for eid in (kept, skipped, cancelled):
        store.events.attend(eid, kim, "expected", known_before=True)
    store.events.set_status(skipped, "skipped")
    store.events.set_status(cancelled, "cancelled")

    section = store.review.week().upcoming_events

    assert [(e.event_id, e.attendees) for e in section.items] == [(kept, ("Kim Ara",))]
    assert section.total == 1
