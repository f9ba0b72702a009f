"""Events from files: the upsert an import is, planned (dry run) or saved as one undoable command.

An imported event is found again by its key, (source, external id): a re-import
updates it instead of adding it twice. What an update may change is what the source
owns (netui.interop.records.UPSTREAM_FIELDS: title, times, place, URL) and a status
turning "cancelled"; the person's own fields (kind, intent, series, rating, outcome,
worth it, goals, attendance, and any other status) are written when the event is
created and never again. An event netui exported from a typed one (its `own` id and
creation time) is found by those in the database it came from and left as it is:
netui is its source. Nothing to create or update writes nothing at all, not even an
undo entry, so a re-import leaves the database exactly as it was.

A file with bad events imports nothing (BadEvents) unless told to skip them. A save
is one transaction on the write lock with the events in batches: any database error
saves nothing, and `netui undo` takes the whole import back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from netui.data.models import Event, Series
from netui.domain.reading import name_key
from netui.interop.records import (
    UPSTREAM_FIELDS,
    BadEvents,
    ImportedEvent,
    ImportReport,
    Outcome,
    ParsedFile,
)
from netui.state.rows import as_datetime, tuples
from netui.state.session import Session
from netui.state.topics import Topic

# Keys looked up per statement, and rows inserted per statement: well under SQLite's
# 32,766 variables (17 columns a row) and PostgreSQL's 65,535.
_LOOKUP = 500
_INSERT = 200
_COLUMNS = (
    Event.id,
    Event.source,
    Event.external_id,
    Event.created_at,
    Event.title,
    Event.starts_at,
    Event.ends_at,
    Event.place,
    Event.url,
    Event.status,
)


def _chunks(values: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _existing(
    items: Sequence[ImportedEvent],
) -> tuple[dict[tuple[str, str], dict[str, Any]], set[int]]:
    """The stored events the items' keys find, by key; and the ids of the typed events
    the items netui exported itself are (inside a read)."""
    by_source: dict[str, list[str]] = {}
    for item in items:
        by_source.setdefault(item.source, []).append(item.external_id)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    names = [column.name for column in _COLUMNS]
    for source, keys in by_source.items():
        for chunk in _chunks(sorted(set(keys)), _LOOKUP):
            query = Event.select(*_COLUMNS).where(
                (Event.source == source) & Event.external_id.in_(list(chunk))
            )
            for row in tuples(query):
                values = dict(zip(names, row, strict=True))
                found[(source, str(values["external_id"]))] = values
    own = {item.own for item in items if item.own is not None}
    typed: set[int] = set()
    ids = sorted({event_id for event_id, _created in own})
    for chunk in _chunks(ids, _LOOKUP):
        query = Event.select(Event.id, Event.created_at).where(
            Event.id.in_(list(chunk)) & (Event.source == "")
        )
        for event_id, created in tuples(query):
            if (int(event_id), as_datetime(created)) in own:
                typed.add(int(event_id))
    return found, typed


def _changes(item: ImportedEvent, stored: dict[str, Any]) -> dict[str, Any]:
    """What updating the stored event with the item changes: upstream fields, cancellation."""
    draft = item.draft
    changes: dict[str, Any] = {}
    for name in UPSTREAM_FIELDS:
        new = getattr(draft, name)
        old = stored[name]
        if name in ("starts_at", "ends_at"):
            old = as_datetime(old)
        elif old is None:
            old = ""
        if new != old:
            changes[name] = new
    if draft.status == "cancelled" and stored["status"] != "cancelled":
        changes["status"] = "cancelled"
    return changes


def _outcomes(items: Sequence[ImportedEvent]) -> tuple[list[Outcome], dict[int, dict[str, Any]]]:
    """Each item's outcome, and the values each update writes, by event id (inside a read)."""
    found, typed = _existing(items)
    outcomes: list[Outcome] = []
    updates: dict[int, dict[str, Any]] = {}
    for item in items:
        if item.own is not None and item.own[0] in typed:
            outcomes.append(Outcome(item, "unchanged", item.own[0]))
            continue
        stored = found.get((item.source, item.external_id))
        if stored is None:
            outcomes.append(Outcome(item, "create"))
            continue
        event_id = int(stored["id"])
        changes = _changes(item, stored)
        if changes:
            updates[event_id] = changes
            outcomes.append(Outcome(item, "update", event_id, tuple(changes)))
        else:
            outcomes.append(Outcome(item, "unchanged", event_id))
    return outcomes, updates


def _checked(parsed: ParsedFile, skip_bad: bool) -> ParsedFile:
    if parsed.problems and not skip_bad:
        raise BadEvents(parsed.problems)
    return parsed


def plan(session: Session, parsed: ParsedFile, *, skip_bad: bool = False) -> ImportReport:
    """What importing the file's events would do, writing nothing (a dry run).

    Raises:
        BadEvents: the file has bad events and `skip_bad` is False.
    """
    _checked(parsed, skip_bad)
    with session.read():
        outcomes, _updates = _outcomes(parsed.events)
    return ImportReport(tuple(outcomes), parsed.problems)


def save(
    session: Session,
    parsed: ParsedFile,
    label: Callable[[ImportReport], str],
    *,
    skip_bad: bool = False,
) -> ImportReport:
    """Import the file's events: create the new ones, update the changed ones, in one
    undoable transaction named by `label` (given the plan); nothing to do writes nothing.

    Raises:
        BadEvents: the file has bad events and `skip_bad` is False; nothing saved.
    """
    report = plan(session, parsed, skip_bad=skip_bad)
    if not report.writes:
        return report
    items = parsed.events
    with session.write(Topic.EVENTS, Topic.GOALS, undo=lambda: label(report)):
        outcomes, updates = _outcomes(items)  # again, on the write lock: what is there now
        now = session.now()
        creates = [o.event for o in outcomes if o.action == "create"]
        series = _series_ids(session, creates)
        rows = [_row(item, series, now) for item in creates]
        for chunk in _chunks(rows, _INSERT):
            Event.insert_many(list(chunk)).execute()
        for event_id, changes in updates.items():
            Event.update(**changes, updated_at=now).where(Event.id == event_id).execute()
    return ImportReport(tuple(outcomes), parsed.problems)


def _row(item: ImportedEvent, series: dict[str, int], now: Any) -> dict[str, Any]:
    draft = item.draft
    return {
        "title": draft.title,
        "starts_at": draft.starts_at,
        "ends_at": draft.ends_at,
        "kind": draft.kind,
        "place": draft.place,
        "url": draft.url,
        "cost": draft.cost,
        "currency": draft.currency,
        "status": draft.status,
        "organizer": draft.organizer,
        "intent": draft.intent,
        "solicitation": draft.solicitation,
        "series": series[name_key(draft.series)] if draft.series else None,
        "source": item.source,
        "external_id": item.external_id,
        "created_at": now,
        "updated_at": now,
    }


def _series_ids(session: Session, items: Sequence[ImportedEvent]) -> dict[str, int]:
    """The series the new events name, by folded title: found as the planner finds them,
    or made with the organizer and kind of the first event naming them (inside a write)."""
    wanted: dict[str, ImportedEvent] = {}
    for item in items:
        if item.draft.series:
            wanted.setdefault(name_key(item.draft.series), item)
    ids: dict[str, int] = {}
    keys = sorted(wanted)
    for chunk in _chunks(keys, _LOOKUP):
        query = Series.select(Series.id, Series.title_key).where(Series.title_key.in_(list(chunk)))
        ids.update({str(key): int(series_id) for series_id, key in tuples(query)})
    now = session.now()
    for key in keys:
        if key in ids:
            continue
        draft = wanted[key].draft
        ids[key] = int(
            Series.insert(
                title=draft.series,
                title_key=key,
                organizer=draft.organizer,
                kind=draft.kind,
                created_at=now,
                updated_at=now,
            ).execute()
        )
    return ids
