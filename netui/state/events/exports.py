"""The events an export writes: every event (or those still ahead), in time order, in one
statement with their series' titles."""

from __future__ import annotations

import datetime as dt

from peewee import JOIN, fn

from netui.data.models import Event, Series
from netui.interop.records import ExportedEvent
from netui.state.rows import as_datetime, tuples
from netui.state.session import Session


def exported(session: Session, *, upcoming: bool = False) -> list[ExportedEvent]:
    """Every event as an export writes it, soonest first; with `upcoming`, only those not
    yet over at the Store's now."""
    query = (
        Event.select(
            Event.id,
            Event.created_at,
            Event.updated_at,
            Event.title,
            Event.kind,
            Event.starts_at,
            Event.ends_at,
            Event.place,
            Event.url,
            Event.status,
            Event.intent,
            Series.title,
            Event.organizer,
            Event.source,
            Event.external_id,
        )
        .join(Series, JOIN.LEFT_OUTER, on=(Event.series == Series.id))
        .order_by(Event.starts_at, Event.id)
    )
    if upcoming:
        query = query.where(fn.COALESCE(Event.ends_at, Event.starts_at) >= session.now())
    with session.read():
        rows = tuples(query)
    return [_record(row) for row in rows]


def _record(row: tuple[object, ...]) -> ExportedEvent:
    (id_, created, updated, title, kind, starts, ends, place, url, status, intent) = row[:11]
    series, organizer, source, external_id = row[11:]
    starts_at = as_datetime(starts)
    assert starts_at is not None  # a NOT NULL column
    return ExportedEvent(
        id=int(str(id_)),
        created_at=as_datetime(created) or dt.datetime.min,
        updated_at=as_datetime(updated) or dt.datetime.min,
        title=str(title),
        kind=str(kind),
        starts_at=starts_at,
        ends_at=as_datetime(ends),
        place=str(place or ""),
        url=str(url or ""),
        status=str(status),
        intent=str(intent or ""),
        series=str(series or ""),
        organizer=str(organizer or ""),
        source=str(source or ""),
        external_id=str(external_id) if external_id is not None else None,
    )
