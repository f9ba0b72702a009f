"""The planner's reads: the event list (with its people counts), one event in full, and the
series with their regulars and what they produced. Each is a few aggregate statements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from peewee import JOIN, SQL, Case, fn

from netui.data.models import Attendance, Contact, Event, EventGoal, Goal, Interaction, Series
from netui.domain.events import (
    NOT_HELD,
    EventDetail,
    EventDraft,
    EventPerson,
    EventRow,
    SeriesRow,
    series_nudge,
)
from netui.i18n import _
from netui.state.errors import NotFound
from netui.state.rows import as_datetime, first_tuple, tuples
from netui.state.session import Session
from netui.state.sql import SEPARATOR

# Stages a relationship has reached once it counts as produced by an event or series.
PRODUCED_STAGES = ("known", "trusted")


@dataclass(frozen=True)
class EventListing:
    """The planner's list: upcoming events soonest first, past ones newest first."""

    upcoming: tuple[EventRow, ...]
    past: tuple[EventRow, ...]


@dataclass(frozen=True)
class Regular:
    """A contact present at two or more of a series' events."""

    contact_id: int
    name: str
    stage: str
    visits: int


@dataclass(frozen=True)
class SeriesDetail:
    """A series with its events (soonest upcoming first, then past newest first) and its
    regulars, most visits first."""

    row: SeriesRow
    events: EventListing
    regulars: tuple[Regular, ...]


def met_there() -> Any:
    """The attendance condition of someone first met at the event."""
    return (Attendance.known_before == False) & (Attendance.status == "present")  # noqa: E712


def in_touch_after(session: Session) -> Any:
    """Whether the attendance's contact is still in touch after the event: at stage
    acquainted or more, or with an interaction on a later day than the event's."""
    sql = session.sql
    later = Interaction.select(SQL("1")).where(
        (Interaction.contact == Attendance.contact)
        & (sql.date_of(Interaction.when) > sql.date_of(Event.starts_at))
    )
    return (Contact.stage != "met") | fn.EXISTS(later)


def _people_counts(session: Session) -> Any:
    met = met_there()
    return (
        Attendance.select(
            Attendance.event.alias("event_id"),
            fn.SUM(Case(None, [(met, 1)], 0)).alias("met"),
            fn.SUM(Case(None, [(met & in_touch_after(session), 1)], 0)).alias("in_touch"),
        )
        .join(Contact, on=(Contact.id == Attendance.contact))
        .join(Event, on=(Event.id == Attendance.event))
        .group_by(Attendance.event)
    )


def _goal_titles(session: Session) -> Any:
    return (
        EventGoal.select(
            EventGoal.event.alias("event_id"),
            session.sql.text_agg(Goal.title, SEPARATOR).alias("titles"),
        )
        .join(Goal, on=(Goal.id == EventGoal.goal))
        .group_by(EventGoal.event)
    )


def _rows(session: Session, where: Any, order: Any) -> list[EventRow]:
    counts = _people_counts(session).alias("counts")
    goals = _goal_titles(session).alias("goals")
    query = (
        Event.select(
            Event.id,
            Event.title,
            Event.kind,
            Event.starts_at,
            Event.ends_at,
            Event.place,
            Event.cost,
            Event.currency,
            Event.status,
            Event.series,
            Series.title,
            goals.c.titles,
            fn.COALESCE(counts.c.met, 0),
            fn.COALESCE(counts.c.in_touch, 0),
            Event.rating,
            Event.solicitation,
        )
        .join(Series, JOIN.LEFT_OUTER, on=(Series.id == Event.series))
        .join(counts, JOIN.LEFT_OUTER, on=(counts.c.event_id == Event.id))
        .join(goals, JOIN.LEFT_OUTER, on=(goals.c.event_id == Event.id))
        .where(where)
        .order_by(*order)
    )
    return [_row(values) for values in tuples(query)]


def _row(values: tuple[Any, ...]) -> EventRow:
    (eid, title, kind, starts, ends, place, cost, currency, status, series_id, series,
     goals, met, in_touch, rating, pitch) = values  # fmt: skip
    starts_at = as_datetime(starts)
    assert starts_at is not None  # the column is NOT NULL
    return EventRow(
        id=int(eid),
        title=str(title),
        kind=str(kind),
        starts_at=starts_at,
        ends_at=as_datetime(ends),
        place=str(place),
        cost=Decimal(str(cost)) if cost is not None else None,
        currency=str(currency),
        status=str(status),
        series_id=int(series_id) if series_id is not None else None,
        series=str(series or ""),
        goals=tuple(sorted(str(goals).split(SEPARATOR))) if goals else (),
        met=int(met),
        in_touch=int(in_touch),
        rating=int(rating) if rating is not None else None,
        solicitation=bool(pitch),
    )


def _ahead(now: dt.datetime) -> Any:
    return fn.COALESCE(Event.ends_at, Event.starts_at) >= now


def listing(session: Session, *, series_id: int | None = None) -> EventListing:
    """Every event (or a series' events): upcoming soonest first, past newest first."""
    now = session.now()
    scope: Any = Event.series == series_id if series_id is not None else SQL("1 = 1")
    with session.read():
        upcoming = _rows(session, scope & _ahead(now), (Event.starts_at, Event.id))
        past = _rows(session, scope & ~_ahead(now), (Event.starts_at.desc(), Event.id.desc()))
    return EventListing(tuple(upcoming), tuple(past))


def between(session: Session, start: dt.datetime, end: dt.datetime) -> list[EventRow]:
    """The events starting in [start, end), in time order (the month view)."""
    with session.read():
        where = (Event.starts_at >= start) & (Event.starts_at < end)
        return _rows(session, where, (Event.starts_at, Event.id))


def row(session: Session, event_id: int) -> EventRow:
    """One event as the list shows it.

    Raises:
        NotFound: no event has that id.
    """
    with session.read():
        found = _rows(session, Event.id == event_id, (Event.id,))
    if not found:
        raise NotFound(_("no event with id {id}").format(id=event_id))
    return found[0]


def detail(session: Session, event_id: int) -> EventDetail:
    """One event in full: its draft, retrospective, goals and people.

    Raises:
        NotFound: no event has that id.
    """
    with session.read():
        values = first_tuple(
            Event.select(
                Event.title,
                Event.starts_at,
                Event.ends_at,
                Event.kind,
                Event.place,
                Event.url,
                Event.cost,
                Event.currency,
                Event.status,
                Series.title,
                Event.organizer,
                Event.intent,
                Event.solicitation,
                Event.series,
                Event.outcome,
                Event.rating,
                Event.worth_it,
                Event.source,
                Event.external_id,
            )  # fmt: skip
            .join(Series, JOIN.LEFT_OUTER, on=(Series.id == Event.series))
            .where(Event.id == event_id)
        )
        if values is None:
            raise NotFound(_("no event with id {id}").format(id=event_id))
        goals = tuples(
            Goal.select(Goal.id, Goal.title)
            .join(EventGoal, on=(EventGoal.goal == Goal.id))
            .where(EventGoal.event == event_id)
            .order_by(Goal.title, Goal.id)
        )
        people = tuples(
            Attendance.select(
                Contact.id,
                Contact.name,
                Contact.company,
                Contact.stage,
                Attendance.known_before,
                Attendance.status,
            )  # fmt: skip
            .join(Contact, on=(Contact.id == Attendance.contact))
            .where(Attendance.event == event_id)
            .order_by(Attendance.known_before.desc(), Contact.sort_key, Contact.id)
        )
    (title, starts, ends, kind, place, url, cost, currency, status, series, organizer,
     intent, pitch, series_id, outcome, rating, worth_it, source, external_id) = values  # fmt: skip
    starts_at = as_datetime(starts)
    assert starts_at is not None
    draft = EventDraft(
        title=str(title),
        starts_at=starts_at,
        ends_at=as_datetime(ends),
        kind=str(kind),
        place=str(place),
        url=str(url),
        cost=Decimal(str(cost)) if cost is not None else None,
        currency=str(currency),
        status=str(status),
        series=str(series or ""),
        organizer=str(organizer),
        intent=str(intent),
        goal_ids=tuple(int(gid) for gid, _title in goals),
        solicitation=bool(pitch),
    )
    return EventDetail(
        id=event_id,
        draft=draft,
        series_id=int(series_id) if series_id is not None else None,
        outcome=str(outcome),
        rating=int(rating) if rating is not None else None,
        worth_it=bool(worth_it) if worth_it is not None else None,
        source=str(source),
        external_id=str(external_id) if external_id is not None else None,
        goals=tuple((int(gid), str(gtitle)) for gid, gtitle in goals),
        people=tuple(
            EventPerson(int(cid), str(name), str(company), str(stage), bool(known), str(state))
            for cid, name, company, stage, known, state in people
        ),
    )


def _series_rows(session: Session, where: Any) -> list[SeriesRow]:
    now = session.now()
    held = Event.status.not_in(NOT_HELD)
    events = (
        Event.select(
            Event.series.alias("series_id"),
            fn.COUNT(Event.id).alias("events"),
            fn.SUM(Case(None, [(Event.status == "attended", 1)], 0)).alias("attended"),
            fn.MIN(Case(None, [(held & (Event.starts_at >= now), Event.starts_at)], None)).alias(
                "next_at"
            ),
        )
        .where(Event.series.is_null(False))
        .group_by(Event.series)
        .alias("events")
    )
    visits = (
        Attendance.select(
            Event.series.alias("series_id"),
            Attendance.contact.alias("contact_id"),
            fn.COUNT(Attendance.id).alias("visits"),
        )
        .join(Event, on=(Event.id == Attendance.event))
        .where(Event.series.is_null(False) & (Attendance.status == "present"))
        .group_by(Event.series, Attendance.contact)
        .having(fn.COUNT(Attendance.id) >= 2)
    )
    regulars = (
        visits.select_from(visits.c.series_id, fn.COUNT(SQL("*")).alias("regulars"))
        .group_by(visits.c.series_id)
        .alias("regulars")
    )
    produced = (
        Attendance.select(
            Event.series.alias("series_id"),
            fn.COUNT(Attendance.contact.distinct()).alias("produced"),
        )
        .join(Event, on=(Event.id == Attendance.event))
        .join(Contact, on=(Contact.id == Attendance.contact))
        .where(Event.series.is_null(False) & met_there() & Contact.stage.in_(PRODUCED_STAGES))
        .group_by(Event.series)
        .alias("produced")
    )
    query = (
        Series.select(
            Series.id,
            Series.title,
            Series.organizer,
            Series.kind,
            fn.COALESCE(events.c.events, 0),
            fn.COALESCE(events.c.attended, 0),
            events.c.next_at,
            fn.COALESCE(regulars.c.regulars, 0),
            fn.COALESCE(produced.c.produced, 0),
        )
        .join(events, JOIN.LEFT_OUTER, on=(events.c.series_id == Series.id))
        .join(regulars, JOIN.LEFT_OUTER, on=(regulars.c.series_id == Series.id))
        .join(produced, JOIN.LEFT_OUTER, on=(produced.c.series_id == Series.id))
        .where(where)
        .order_by(Series.title_key, Series.id)
    )
    found = []
    for sid, title, organizer, kind, count, attended, next_at, regular, made in tuples(query):
        upcoming = as_datetime(next_at)
        found.append(
            SeriesRow(
                id=int(sid),
                title=str(title),
                organizer=str(organizer),
                kind=str(kind),
                events=int(count),
                attended=int(attended),
                next_at=upcoming,
                regulars=int(regular),
                produced=int(made),
                nudge=series_nudge(int(attended), int(made), upcoming is not None),
            )
        )
    return found


def series_list(session: Session) -> list[SeriesRow]:
    """Every series by title, with its counts and nudge."""
    with session.read():
        return _series_rows(session, SQL("1 = 1"))


def series_detail(session: Session, series_id: int) -> SeriesDetail:
    """One series: its counts, its events and its regulars.

    Raises:
        NotFound: no series has that id.
    """
    with session.read():
        found = _series_rows(session, Series.id == series_id)
        if not found:
            raise NotFound(_("no series with id {id}").format(id=series_id))
        visits = tuples(
            Attendance.select(Contact.id, Contact.name, Contact.stage, fn.COUNT(Attendance.id))
            .join(Event, on=(Event.id == Attendance.event))
            .join(Contact, on=(Contact.id == Attendance.contact), attr="person")
            .where((Event.series == series_id) & (Attendance.status == "present"))
            .group_by(Contact.id, Contact.name, Contact.stage, Contact.sort_key)
            .having(fn.COUNT(Attendance.id) >= 2)
            .order_by(fn.COUNT(Attendance.id).desc(), Contact.sort_key, Contact.id)
        )
    events = listing(session, series_id=series_id)
    return SeriesDetail(
        row=found[0],
        events=events,
        regulars=tuple(
            Regular(int(cid), str(name), str(stage), int(count))
            for cid, name, stage, count in visits
        ),
    )
