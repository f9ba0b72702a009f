"""Writing events as .ics: valid for other calendars, and read back by netui as the same events."""

from __future__ import annotations

import dataclasses
import datetime as dt

import icalendar
from icskit import TOKYO, read

from netui.interop.ics_export import all_day, uid_of, write_ics
from netui.interop.records import ExportedEvent

CREATED = dt.datetime(2026, 11, 1, 9, 30)


def _event(**fields: object) -> ExportedEvent:
    base = ExportedEvent(
        id=7,
        created_at=CREATED,
        updated_at=dt.datetime(2026, 11, 2, 8, 0),
        title="Python 勉強会 [b]#12[/]",
        kind="study group",
        starts_at=dt.datetime(2026, 12, 1, 19, 0),
        ends_at=dt.datetime(2026, 12, 1, 21, 0),
        place="Shibuya, 4F",
        url="https://example.com/e/12",
        status="attended",
        intent="meet two PMs",
        series="Python 勉強会",
        organizer="PyData Tokyo",
        source="",
        external_id=None,
    )
    return dataclasses.replace(base, **fields)  # type: ignore[arg-type]


def test_the_calendar_is_valid_with_a_vtimezone_for_its_tzid() -> None:
    """icalendar reads it back: one VEVENT in Asia/Tokyo, and the VTIMEZONE it names."""
    calendar = icalendar.Calendar.from_ical(write_ics([_event()], zone=TOKYO))
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert vevent["DTSTART"].dt == dt.datetime(2026, 12, 1, 19, 0, tzinfo=TOKYO)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    assert calendar.get_missing_tzids() == set()
    assert str(vevent["SUMMARY"]) == "Python 勉強会 [b]#12[/]"
    assert str(vevent["LOCATION"]) == "Shibuya, 4F"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert [str(c) for c in vevent.categories] == ["study group"]
    description = str(vevent["DESCRIPTION"])
    assert "meet two PMs" in description
    assert "PyData Tokyo" in description
    assert "DTSTAMP" in vevent


def test_uids_are_stable_and_tell_where_the_event_came_from() -> None:
    """A typed event's UID is its id and creation; an imported one keeps its own."""
    assert uid_of(_event()) == "netui-event-7-20261101T093000@netui"
    assert uid_of(_event(source="ics", external_id="abc@google.com")) == "abc@google.com"
    assert uid_of(_event(source="connpass", external_id="364")) == "connpass-364@netui"


def test_status_maps_to_icalendars_three() -> None:
    """Ideas and plans are TENTATIVE, registered and attended CONFIRMED, the rest CANCELLED."""
    statuses = {"idea": "TENTATIVE", "planned": "TENTATIVE", "registered": "CONFIRMED"}
    statuses |= {"skipped": "CANCELLED", "cancelled": "CANCELLED"}
    for status, expected in statuses.items():
        calendar = icalendar.Calendar.from_ical(write_ics([_event(status=status)], zone=TOKYO))
        assert str(calendar.walk("VEVENT")[0]["STATUS"]) == expected


def test_a_midnight_event_without_an_end_is_all_day() -> None:
    """00:00 with no end, or to a later 00:00, is written as VALUE=DATE."""
    assert all_day(_event(starts_at=dt.datetime(2026, 12, 1), ends_at=None))
    assert all_day(_event(starts_at=dt.datetime(2026, 12, 1), ends_at=dt.datetime(2026, 12, 3)))
    assert not all_day(
        _event(starts_at=dt.datetime(2026, 12, 1), ends_at=dt.datetime(2026, 12, 1, 2))
    )
    assert not all_day(_event())
    event = _event(starts_at=dt.datetime(2026, 12, 1), ends_at=dt.datetime(2026, 12, 2))
    vevent = icalendar.Calendar.from_ical(write_ics([event], zone=TOKYO)).walk("VEVENT")[0]
    assert vevent["DTSTART"].dt == dt.date(2026, 12, 1)
    assert vevent["DTEND"].dt == dt.date(2026, 12, 2)


def test_the_same_events_write_the_same_bytes() -> None:
    """DTSTAMP is the event's last change, not the export's time: two exports are equal."""
    events = [_event(), _event(id=8, title="x", starts_at=dt.datetime(2027, 1, 5, 7, 0))]
    assert write_ics(events, zone=TOKYO) == write_ics(events, zone=TOKYO)


def test_netui_reads_its_export_back_as_the_same_events() -> None:
    """Every field netui keeps comes back: title, times, place, URL, kind, status, series,
    organizer, intent, and each event's key."""
    events = [
        _event(),
        _event(id=8, source="ics", external_id="abc@google.com", status="planned", intent=""),
        _event(id=9, source="connpass", external_id="364", status="cancelled"),
        _event(id=10, starts_at=dt.datetime(2026, 12, 5), ends_at=None, kind="other"),
        _event(id=11, starts_at=dt.datetime(2026, 12, 5), ends_at=dt.datetime(2026, 12, 7)),
    ]
    parsed = read(write_ics(events, zone=TOKYO))
    assert parsed.problems == ()
    keys = [(e.source, e.external_id) for e in parsed.events]
    assert keys == [
        ("ics", "netui-event-7-20261101T093000@netui"),
        ("ics", "abc@google.com"),
        ("connpass", "364"),
        ("ics", "netui-event-10-20261101T093000@netui"),
        ("ics", "netui-event-11-20261101T093000@netui"),
    ]
    assert parsed.events[0].own == (7, CREATED)
    for event, back in zip(events, parsed.events, strict=True):
        draft = back.draft
        assert draft.title == event.title
        assert (draft.starts_at, draft.ends_at) == (event.starts_at, event.ends_at)
        assert (draft.place, draft.url, draft.kind, draft.status) == (
            event.place,
            event.url,
            event.kind,
            event.status,
        )
        assert (draft.series, draft.organizer, draft.intent) == (
            event.series,
            event.organizer,
            event.intent,
        )
