"""The demo fills the planner: series with their rhythm and organizers, events of every status
with looks back, attendance of every status, ledger entries traced to events, imported
events, and the series nudges the planner shows (plan the next one; stop going)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import pytest

from netui.data.models import Attendance, Contact, Event, LedgerEntry, Series
from netui.domain.events import ATTENDANCE_STATUSES, EVENT_STATUSES, NOT_HELD
from netui.domain.reading import name_key
from netui.state import Store
from netui.state.demo import generate_demo
from netui.state.rows import as_date, as_datetime

UPCOMING = ("idea", "planned", "registered")


def _events(store: Store) -> list[tuple[int, str, str, dt.datetime, str, int | None]]:
    """Every event: id, title, kind, start, status and series id, in id order."""
    query = Event.select(
        Event.id, Event.title, Event.kind, Event.starts_at, Event.status, Event.series
    ).order_by(Event.id)
    found = []
    for eid, title, kind, starts, status, series in query.tuples():
        start = as_datetime(starts)
        assert start is not None
        found.append((eid, title, kind, start, status, series))
    return found


def _rhythm(days: list[dt.date]) -> str:
    """How a series' days follow one another: "weekly" or "biweekly" (one weekday, 7 or 14
    days apart), "monthly" or "quarterly" (the same nth weekday of every month or third
    month), else ""."""
    if len({day.weekday() for day in days}) != 1:
        return ""
    gaps = {(later - day).days for day, later in zip(days, days[1:], strict=False)}
    if gaps in ({7}, {14}):
        return "weekly" if gaps == {7} else "biweekly"
    months = {
        later.year * 12 + later.month - day.year * 12 - day.month
        for day, later in zip(days, days[1:], strict=False)
    }
    if len({(day.day - 1) // 7 for day in days}) == 1 and months in ({1}, {3}):
        return "monthly" if months == {1} else "quarterly"
    return ""


def test_series_have_organizers_a_rhythm_and_hold_the_recurring_events(store: Store) -> None:
    """Each series has an organizer, its folded title as key, three events or more titled after
    it at one time of day and on its rhythm (weekly, every other week, monthly or quarterly);
    most study groups and morning sessions belong to one, and mixers and conferences of no
    series are there too."""
    generate_demo(store, contacts=600, seed=3)
    series = {
        sid: (title, key, organizer, kind)
        for sid, title, key, organizer, kind in Series.select(
            Series.id, Series.title, Series.title_key, Series.organizer, Series.kind
        ).tuples()
    }
    assert len(series) >= 8
    by_series: dict[int, list[tuple[str, str, dt.datetime]]] = defaultdict(list)
    alone: Counter[str] = Counter()
    belonging: Counter[str] = Counter()
    for _eid, title, kind, start, _status, sid in _events(store):
        if sid is None:
            alone[kind] += 1
        else:
            belonging[kind] += 1
            by_series[sid].append((title, kind, start))
    for sid, (title, key, organizer, kind) in series.items():
        assert organizer and key == name_key(title), title
        events = by_series[sid]
        assert len(events) >= 3, title
        assert all(t.startswith(f"{title} ") and k == kind for t, k, _start in events), title
        assert len({start.time() for *_, start in events}) == 1, title
        days = [start.date() for *_, start in events]
        assert _rhythm(days) in ("weekly", "biweekly", "monthly", "quarterly"), (title, days)
    for kind in ("study group", "morning session"):
        assert belonging[kind] > 2 * alone[kind], kind
    assert alone["mixer"] > 0 and alone["conference"] > 0


def test_events_have_every_status_in_its_place_and_a_look_back(store: Store) -> None:
    """Past events are attended, skipped or cancelled; upcoming ones an idea, planned or
    registered, some in a series; attended ones have ratings, outcomes and worth-it answers
    both ways (some unanswered), the others none; a few came from a calendar with a UID."""
    generate_demo(store, contacts=600, seed=3)
    now = store.now()
    statuses = Counter()
    for _eid, _title, _kind, start, status, sid in _events(store):
        statuses[status] += 1
        assert status in (UPCOMING if start >= now else ("attended", *NOT_HELD))
        statuses["in a series ahead"] += start >= now and sid is not None
    assert set(EVENT_STATUSES) <= set(statuses) and statuses["in a series ahead"] > 0
    looks = Event.select(Event.status, Event.rating, Event.outcome, Event.worth_it).tuples()
    answers = Counter()
    for status, rating, outcome, worth_it in looks:
        if status != "attended":
            assert (rating, outcome, worth_it) == (None, "", None)
            continue
        assert 1 <= rating <= 5
        answers[worth_it] += 1
        answers["outcome"] += bool(outcome)
    assert answers[True] and answers[False] and answers[None] and answers["outcome"]
    imported = Event.select(Event.source, Event.external_id).tuples()
    uids = [uid for source, uid in imported if source == "ics"]
    assert uids and len(set(uids)) == len(uids) and all("@" in uid for uid in uids)
    assert all(uid is None for source, uid in imported if source != "ics")
    pitches = Event.select(Event.kind).where(Event.solicitation == True).tuples()  # noqa: E712
    assert pitches and {kind for (kind,) in pitches} == {"mixer"}


def test_attendance_has_every_status_where_it_belongs(store: Store) -> None:
    """People met at an event are there and not known before (it is the contact's met-at
    event); known people are present or absent at attended events and expected at upcoming
    ones; nobody is at an event that did not happen."""
    generate_demo(store, contacts=600, seed=3)
    now = store.now()
    query = (
        Attendance.select(
            Attendance.known_before,
            Attendance.status,
            Event.status,
            Event.starts_at,
            Contact.met_at,
            Event.id,
        )
        .join(Event, on=Event.id == Attendance.event)
        .join(Contact, on=Contact.id == Attendance.contact)
        .tuples()
    )
    seen = Counter()
    for known, status, event_status, starts, met_at, eid in query:
        seen[status, bool(known)] += 1
        assert event_status not in NOT_HELD
        if not known:
            assert (status, met_at) == ("present", eid)
        elif as_datetime(starts) >= now:
            assert (status, event_status) == ("expected", event_status) and event_status in UPCOMING
        else:
            assert status in ("present", "absent") and event_status == "attended"
    assert {status for status, _known in seen} == set(ATTENDANCE_STATUSES)
    assert seen["present", True] and seen["present", False]


def test_some_ledger_entries_come_from_the_event_where_the_contact_was_met(store: Store) -> None:
    """An entry traced to an event is dated on its day, with someone met there."""
    generate_demo(store, contacts=600, seed=3)
    traced = (
        LedgerEntry.select(LedgerEntry.date, Event.starts_at, Contact.met_at, Event.id)
        .join(Event, on=Event.id == LedgerEntry.event)
        .join(Contact, on=Contact.id == LedgerEntry.contact)
        .tuples()
    )
    assert len(traced) > 20
    for date, starts, met_at, eid in traced:
        start = as_datetime(starts)
        assert start is not None and as_date(date) == start.date() and met_at == eid


@pytest.mark.parametrize(("contacts", "seed"), [(200, 1), (600, 3), (1000, 7)])
def test_the_series_nudges_occur(store: Store, contacts: int, seed: int) -> None:
    """One series that produced a known relationship has nothing planned (plan the next one),
    one with three visits or more produced nothing (stop going), and bigger demos have
    regulars."""
    generate_demo(store, contacts=contacts, seed=seed)
    rows = store.events.series()
    nudges = {row.nudge: row for row in rows}
    assert {"next", "stop"} <= set(nudges)
    assert nudges["next"].produced > 0 and nudges["next"].next_at is None
    assert nudges["stop"].attended >= 3 and nudges["stop"].produced == 0
    if contacts >= 600:
        assert any(row.regulars for row in rows)


def test_the_review_lists_upcoming_events_with_known_people_expected(store: Store) -> None:
    """This week's review has upcoming events, some with contacts known to attend, some in a
    series, as the planner's records say."""
    generate_demo(store, contacts=600, seed=3)
    events = store.review.week().upcoming_events.items
    assert any(event.attendees for event in events)
    assert any(event.series and event.title.startswith(event.series) for event in events)


@pytest.mark.parametrize("contacts", [1, 10, 40, 80])
def test_even_a_tiny_demo_has_a_series(store: Store, contacts: int) -> None:
    """However small, the demo has a series with an event in it, so every table has rows."""
    summary = generate_demo(store, contacts=contacts)
    assert summary.series >= 1
    assert Event.select().where(Event.series.is_null(False)).count() >= 1
