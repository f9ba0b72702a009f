"""Importing events into the Store: the upsert by source and external id, idempotent, keeping
the person's own fields, all or nothing, undoable; and the export's read. On both engines."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from undokit import records

from netui.domain.events import EventDraft
from netui.domain.goals import GoalDraft
from netui.domain.records import ContactDraft
from netui.interop.records import (
    BadEvents,
    ImportedEvent,
    ImportReport,
    ParsedFile,
    Position,
    Problem,
)
from netui.state import Store
from netui.state.errors import StoreError

NOW = dt.datetime(2026, 11, 21, 10, 0, 0)
Dump = Callable[[], dict[str, list[tuple[Any, ...]]]]


def _label(report: ImportReport) -> str:
    return f"Imported {len(report.outcomes)} events"


def _item(number: int, **fields: Any) -> ImportedEvent:
    draft = EventDraft(
        title=f"Python 勉強会 #{number}",
        starts_at=dt.datetime(2026, 12, number, 19, 0),
        ends_at=dt.datetime(2026, 12, number, 21, 0),
        kind="study group",
        place="Shibuya",
        url=f"https://example.com/{number}",
        status="registered",
        series="Python 勉強会",
        organizer="PyData",
    )
    key = fields.pop("external_id", f"uid-{number}@example.com")
    source = fields.pop("source", "ics")
    own = fields.pop("own", None)
    return ImportedEvent(
        Position(number, number * 10), source, key, dataclasses.replace(draft, **fields), own
    )


def _file(*items: ImportedEvent, problems: tuple[Problem, ...] = ()) -> ParsedFile:
    return ParsedFile(tuple(items), problems)


def _counts(report: ImportReport) -> tuple[int, int, int]:
    return report.count("create"), report.count("update"), report.count("unchanged")


def test_an_import_creates_its_events_with_their_keys_and_series(store: Store) -> None:
    """Three new events, one series made for them (found again by its folded title)."""
    report = store.events.save_import(_file(_item(1), _item(2), _item(3)), _label)
    assert _counts(report) == (3, 0, 0)
    listing = store.events.listing()
    assert [row.title for row in listing.upcoming] == [f"Python 勉強会 #{n}" for n in (1, 2, 3)]
    (series,) = store.events.series()
    assert (series.title, series.organizer, series.kind, series.events) == (
        "Python 勉強会",
        "PyData",
        "study group",
        3,
    )
    detail = store.events.detail(listing.upcoming[0].id)
    assert (detail.source, detail.external_id) == ("ics", "uid-1@example.com")


def test_a_typed_series_is_joined_not_made_twice(store: Store) -> None:
    """An imported event naming an existing series (folded: 'python勉強会') joins it."""
    store.events.add(EventDraft("#0", dt.datetime(2026, 11, 30, 19), series="python勉強会"))
    store.events.save_import(_file(_item(1)), _label)
    (series,) = store.events.series()
    assert series.events == 2


def test_importing_the_same_file_again_changes_nothing(store: Store, dump: Dump) -> None:
    """The second import: 0 created, 0 updated, all unchanged, and not a row different (no
    undo entry either)."""
    parsed = _file(_item(1), _item(2))
    store.events.save_import(parsed, _label)
    before = dump()
    report = store.events.save_import(parsed, _label)
    assert _counts(report) == (0, 0, 2)
    assert dump() == before


def test_what_changed_upstream_is_updated_and_the_persons_fields_are_kept(store: Store) -> None:
    """A new title, time, place and URL upstream are saved; the rating, outcome, intent,
    goals, attendance, kind and status the person gave stay."""
    store.events.save_import(_file(_item(1)), _label)
    (row,) = store.events.listing().upcoming
    goal = store.goals.create(GoalDraft("Meet backend people"))
    contact = store.contacts.create(ContactDraft(name="Aiko"))
    detail = store.events.detail(row.id)
    mine = dataclasses.replace(detail.draft, kind="mixer", intent="meet two PMs", goal_ids=(goal,))
    store.events.update(row.id, mine)
    store.events.retrospect(row.id, 4, "good talks", True)
    store.events.attend(row.id, contact, "present", known_before=False)

    moved = _item(
        1,
        title="Python 勉強会 #1 (room change)",
        starts_at=dt.datetime(2026, 12, 1, 18, 30),
        ends_at=None,
        place="Ebisu",
        url="https://example.com/1b",
        intent="",
        kind="other",
        status="registered",
    )
    report = store.events.save_import(_file(moved), _label)
    assert _counts(report) == (0, 1, 0)
    assert set(report.outcomes[0].changed) == {"title", "starts_at", "ends_at", "place", "url"}
    after = store.events.detail(row.id)
    assert after.draft.title == "Python 勉強会 #1 (room change)"
    assert (after.draft.starts_at, after.draft.ends_at) == (dt.datetime(2026, 12, 1, 18, 30), None)
    assert (after.draft.place, after.draft.url) == ("Ebisu", "https://example.com/1b")
    assert (after.draft.kind, after.draft.intent, after.draft.status) == (
        "mixer",
        "meet two PMs",
        "attended",
    )
    assert (after.rating, after.outcome, after.worth_it) == (4, "good talks", True)
    assert after.goals == ((goal, "Meet backend people"),)
    assert [p.contact_id for p in after.people] == [contact]


def test_a_cancellation_upstream_is_the_one_status_an_import_changes(store: Store) -> None:
    """Cancelled upstream: the event is cancelled; any other upstream status leaves the
    person's (registered stays registered, attended stays attended)."""
    store.events.save_import(_file(_item(1), _item(2)), _label)
    first, second = store.events.listing().upcoming
    store.events.set_status(second.id, "attended")
    report = store.events.save_import(
        _file(_item(1, status="cancelled"), _item(2, status="planned")), _label
    )
    assert _counts(report) == (0, 1, 1)
    assert store.events.detail(first.id).draft.status == "cancelled"
    assert store.events.detail(second.id).draft.status == "attended"


def test_one_import_is_one_undo(store: Store) -> None:
    """netui undo takes the whole import back, creations, updates and series alike."""
    store.events.save_import(_file(_item(1)), _label)
    before = records(store)
    entries = len(store.undo.entries())
    renamed = _item(1, title="renamed")
    store.events.save_import(_file(renamed, _item(2), _item(3, series="Another")), _label)
    assert len(store.undo.entries()) == entries + 1
    assert store.undo.entries()[0].label == "Imported 3 events"
    store.undo.undo()
    assert records(store) == before


def test_a_plan_writes_nothing(store: Store, dump: Dump) -> None:
    """The dry run says what would be created, updated and left, and changes no row."""
    store.events.save_import(_file(_item(1), _item(2)), _label)
    before = dump()
    report = store.events.plan_import(_file(_item(1), _item(2, title="new"), _item(3)))
    assert [o.action for o in report.outcomes] == ["unchanged", "update", "create"]
    assert report.outcomes[1].changed == ("title",)
    assert dump() == before


def test_bad_events_refuse_the_import_unless_skipped(store: Store, dump: Dump) -> None:
    """A problem refuses the whole file (nothing saved); with skip_bad the rest is saved and
    the bad ones are reported."""
    problem = Problem(Position(2, 20), "no DTSTART: an event needs its start")
    parsed = _file(_item(1), _item(3), problems=(problem,))
    before = dump()
    with pytest.raises(BadEvents) as refused:
        store.events.save_import(parsed, _label)
    assert str(refused.value) == "event 2 (line 20): no DTSTART: an event needs its start"
    with pytest.raises(BadEvents):
        store.events.plan_import(parsed)
    assert dump() == before
    report = store.events.save_import(parsed, _label, skip_bad=True)
    assert _counts(report) == (2, 0, 0)
    assert report.skipped == (problem,)


def test_a_database_failure_saves_nothing(store: Store, dump: Dump) -> None:
    """Two events with one key (a reader never makes them, but the index refuses them):
    the unique index fails the second, and the first is not saved either."""
    store.events.save_import(_file(_item(5)), _label)
    before = dump()
    twice = _file(_item(1), _item(2), _item(3, external_id="uid-1@example.com"))
    with pytest.raises(StoreError):
        store.events.save_import(twice, _label)
    assert dump() == before


def test_an_event_netui_exported_is_found_by_its_id_and_left_alone(
    store: Store, dump: Dump
) -> None:
    """A typed event's own id and creation time find it: its export re-imported changes
    nothing, even where the event was edited since."""
    event_id = store.events.add(EventDraft("Typed", dt.datetime(2026, 12, 1, 19)))
    (exported,) = store.events.exported()
    before = dump()
    own = (event_id, exported.created_at)
    item = _item(1, title="Typed (old export)", external_id="netui-event-x@netui", own=own)
    report = store.events.save_import(_file(item), _label)
    assert _counts(report) == (0, 0, 1)
    assert dump() == before


def test_an_own_uid_from_another_database_is_an_event_like_any(store: Store) -> None:
    """The id exists here but was made at another time: another database's event, imported."""
    store.events.add(EventDraft("Mine", dt.datetime(2026, 12, 1, 19)))
    item = _item(1, own=(1, dt.datetime(2001, 1, 1, 0, 0)))
    report = store.events.save_import(_file(item), _label)
    assert _counts(report) == (1, 0, 0)


def test_many_events_are_saved_in_batches(store: Store, dump: Dump) -> None:
    """450 events (three insert batches, one lookup batch) save and re-import unchanged."""
    items = [
        dataclasses.replace(
            _item(1, external_id=f"bulk-{n}"),
            draft=dataclasses.replace(_item(1).draft, title=f"e{n}", series=f"s{n % 7}"),
        )
        for n in range(450)
    ]
    assert _counts(store.events.save_import(_file(*items), _label)) == (450, 0, 0)
    assert len(store.events.series()) == 7
    before = dump()
    assert _counts(store.events.save_import(_file(*items), _label)) == (0, 0, 450)
    assert dump() == before


def test_the_export_read_gives_every_event_soonest_first(store: Store) -> None:
    """exported() holds each event's fields with its series' title; upcoming only those
    not over at the Store's now."""
    store.events.add(EventDraft("Past", dt.datetime(2026, 10, 1, 19), status="attended"))
    store.events.save_import(_file(_item(2), _item(1)), _label)
    everything = store.events.exported()
    assert [e.title for e in everything] == ["Past", "Python 勉強会 #1", "Python 勉強会 #2"]
    first = everything[1]
    assert (first.series, first.organizer, first.source, first.external_id) == (
        "Python 勉強会",
        "PyData",
        "ics",
        "uid-1@example.com",
    )
    assert first.created_at == NOW
    assert [e.title for e in store.events.exported(upcoming=True)] == [
        "Python 勉強会 #1",
        "Python 勉強会 #2",
    ]
