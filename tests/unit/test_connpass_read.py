"""Reading a saved connpass API response into drafts, and refusing what is not one."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from icskit import NOW, TOKYO

from netui.interop.connpass import read_connpass
from netui.interop.records import FileRefused, ParsedFile


def _event(**fields: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": 364,
        "title": "BPStudy#56",
        "catch": "株式会社ビープラウドが主催するWeb系技術討論の会",
        "url": "https://bpstudy.connpass.com/event/364/",
        "started_at": "2026-12-10T18:30:00+09:00",
        "ended_at": "2026-12-10T20:30:00+09:00",
        "place": "BPオフィス",
        "address": "東京都豊島区東池袋3-1-1",
        "group": {"id": 1, "title": "BPStudy", "url": "https://bpstudy.connpass.com/"},
        "owner_display_name": "佐藤 治夫",
        "open_status": "open",
    }
    event.update(fields)
    return event


def _read(*events: Any, **top: Any) -> ParsedFile:
    document = {"results_returned": len(events), "results_available": len(events), **top}
    document.setdefault("events", list(events))
    data = json.dumps(document, ensure_ascii=False, indent=2).encode()
    return read_connpass(data, now=NOW, zone=TOKYO)


def test_an_event_becomes_a_draft_keyed_by_its_id() -> None:
    """Title, times, place with its address, URL, group as series, owner as organizer."""
    (event,) = _read(_event()).events
    assert (event.source, event.external_id) == ("connpass", "364")
    draft = event.draft
    assert draft.title == "BPStudy#56"
    assert draft.starts_at == dt.datetime(2026, 12, 10, 18, 30)
    assert draft.ends_at == dt.datetime(2026, 12, 10, 20, 30)
    assert draft.place == "BPオフィス (東京都豊島区東池袋3-1-1)"
    assert draft.url == "https://bpstudy.connpass.com/event/364/"
    assert draft.series == "BPStudy"
    assert draft.organizer == "佐藤 治夫"
    assert draft.status == "registered"


def test_times_are_converted_to_the_local_zone() -> None:
    """+09:00 is Tokyo's: read in Berlin, 18:30 there is 10:30."""
    from zoneinfo import ZoneInfo

    data = json.dumps({"events": [_event()]}).encode()
    (event,) = read_connpass(data, now=NOW, zone=ZoneInfo("Europe/Berlin")).events
    assert event.draft.starts_at == dt.datetime(2026, 12, 10, 10, 30)


def test_a_group_given_as_a_string_is_the_series() -> None:
    """Some saved responses hold the group's name alone."""
    (event,) = _read(_event(group="Python 勉強会")).events
    assert event.draft.series == "Python 勉強会"
    assert event.draft.kind == "study group"


def test_the_older_apis_field_names_are_read() -> None:
    """event_id, event_url and series (the API's first version) mean id, url and group."""
    old = _event(
        event_id=99, event_url="https://x.connpass.com/event/99/", series={"title": "朝活"}
    )
    for name in ("id", "url", "group"):
        del old[name]
    (event,) = _read(old).events
    assert event.external_id == "99"
    assert event.draft.url == "https://x.connpass.com/event/99/"
    assert event.draft.series == "朝活"


def test_a_past_event_was_attended_and_a_cancelled_one_is_cancelled() -> None:
    """The response lists attended events: an ended one is attended, unless cancelled."""
    past = _event(id=1, started_at="2026-10-01T19:00:00+09:00", ended_at=None)
    cancelled = _event(id=2, open_status="cancelled")
    first, second = _read(past, cancelled).events
    assert (first.draft.status, first.draft.ends_at) == ("attended", None)
    assert second.draft.status == "cancelled"


def test_a_time_without_an_offset_is_japans() -> None:
    """connpass's times are Japan's: one saved without its offset is read as +09:00."""
    from zoneinfo import ZoneInfo

    data = json.dumps({"events": [_event(started_at="2026-12-10T18:30:00", ended_at=None)]})
    (event,) = read_connpass(data.encode(), now=NOW, zone=ZoneInfo("UTC")).events
    assert event.draft.starts_at == dt.datetime(2026, 12, 10, 9, 30)


def test_markup_in_a_title_stays_literal() -> None:
    """A title like [b]x[/] is stored as typed."""
    (event,) = _read(_event(title="[b]x[/] [@click=app.quit]y[/]")).events
    assert event.draft.title == "[b]x[/] [@click=app.quit]y[/]"


def test_bad_events_are_problems_with_number_and_line() -> None:
    """No id, no title, a start that is not a date-time, an end before the start: each is
    the event's problem, named by its number and the line its object starts on."""
    parsed = _read(
        _event(id=1),
        _event(id=None),
        _event(id=3, title=""),
        _event(id=4, started_at="next friday"),
        _event(id=5, ended_at="2026-12-10T17:00:00+09:00"),
        "not an object",
    )
    assert [e.external_id for e in parsed.events] == ["1"]
    messages = [str(p) for p in parsed.problems]
    assert messages[0].startswith("event 2 (line ")
    assert "no id" in messages[0]
    assert "no title" in messages[1]
    assert "started_at is not an ISO date-time" in messages[2]
    assert "ended_at is before started_at" in messages[3]
    assert messages[4].startswith("event 6 (line ")
    lines = [p.position.line for p in parsed.problems]
    assert lines == sorted(lines)
    assert len(set(lines)) == 5


def test_the_same_id_twice_is_a_problem() -> None:
    """One connpass event listed twice would be saved twice: the second is refused."""
    parsed = _read(_event(), _event())
    assert len(parsed.events) == 1
    assert "the same id as event 1" in str(parsed.problems[0])


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"{", "not JSON: line 1"),
        (b"[]", 'expected an object with an "events" list'),
        (b'{"results": []}', 'expected an object with an "events" list'),
        (b'{"events": {}}', 'expected an object with an "events" list'),
        (b'{"events": []}', "no events"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_a_file_that_is_not_connpass_is_refused(data: bytes, said: str) -> None:
    """Not JSON, not the API's shape, no events, not UTF-8: one line saying which."""
    with pytest.raises(FileRefused, match=said):
        read_connpass(data, now=NOW, zone=TOKYO)
