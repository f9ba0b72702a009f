"""Bad .ics files and bad events: each refused with one line naming where."""

from __future__ import annotations

import pytest
from icskit import calendar, read, vevent

from netui.interop.records import FileRefused


def _refused(data: bytes) -> str:
    with pytest.raises(FileRefused) as caught:
        read(data)
    return str(caught.value)


def test_bytes_that_are_not_utf8_are_refused_with_their_line() -> None:
    """A Latin-1 ä on line 7 is named: not UTF-8, line 7, its byte."""
    data = calendar(vevent("SUMMARY:x", "DTSTART:20261201T100000Z")).replace(
        b"SUMMARY:x", b"SUMMARY:\xe4"
    )
    message = _refused(data)
    assert "UTF-8" in message
    assert "line 7" in message  # after VCALENDAR, VERSION, PRODID, VEVENT, UID, DTSTAMP
    assert "0xE4" in message


def test_a_byte_order_mark_is_fine() -> None:
    """A UTF-8 BOM before BEGIN:VCALENDAR (Outlook, Windows tools) is dropped, not refused."""
    data = b"\xef\xbb\xbf" + calendar(vevent("SUMMARY:x", "DTSTART:20261201T100000Z"))
    assert len(read(data).events) == 1


def test_a_truncated_file_is_refused() -> None:
    """No END:VCALENDAR (a download cut short): the open BEGIN is named with its line."""
    data = calendar(vevent("SUMMARY:x", "DTSTART:20261201T100000Z")).replace(
        b"END:VCALENDAR\r\n", b""
    )
    message = _refused(data)
    assert "cut short" in message
    assert "BEGIN:VCALENDAR of line 1" in message


def test_a_truncated_event_is_refused() -> None:
    """A file ending inside a VEVENT names that VEVENT's BEGIN line."""
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261201T100000Z\r\n"
    )
    assert "BEGIN:VEVENT of line 3" in _refused(data)


def test_a_file_with_no_vevent_is_refused() -> None:
    """A calendar holding no event is said so, not imported as nothing."""
    assert "no VEVENT" in _refused(calendar())


@pytest.mark.parametrize("data", [b"", b"   \r\n", b"hello\r\n", b'{"events": []}'])
def test_what_is_not_icalendar_is_refused(data: bytes) -> None:
    """Empty files and other formats get one line saying what they are not."""
    message = _refused(data)
    assert "empty" in message or "not an iCalendar file" in message


def test_an_end_that_closes_the_wrong_component_is_refused() -> None:
    """END:VEVENT while a VALARM is open is named with both lines."""
    data = calendar("BEGIN:VEVENT\r\nUID:a\r\nBEGIN:VALARM\r\nEND:VEVENT")
    assert "line 7: END:VEVENT where BEGIN:VALARM of line 6 is open" in _refused(data)


def test_an_event_without_dtstart_is_a_problem_with_its_number_and_line() -> None:
    """The second VEVENT, starting on line 10, has no DTSTART: "event 2 (line 10)"."""
    data = calendar(
        vevent("SUMMARY:ok", "DTSTART:20261201T100000Z"),
        vevent("SUMMARY:no start", uid="ev-2"),
    )
    parsed = read(data)
    assert [e.draft.title for e in parsed.events] == ["ok"]
    assert [str(p) for p in parsed.problems] == [
        "event 2 (line 10): no DTSTART: an event needs its start"
    ]


def test_dtend_before_dtstart_names_the_dtend_line() -> None:
    """An end before the start is the event's problem, at DTEND's own line."""
    data = calendar(vevent("SUMMARY:x", "DTSTART:20261201T100000Z", "DTEND:20261201T090000Z"))
    (problem,) = read(data).problems
    assert str(problem) == "event 1 (line 4): line 9: DTEND is before DTSTART"


def test_an_unknown_tzid_is_refused_not_read_as_local() -> None:
    """A TZID no VTIMEZONE, IANA or Windows name defines is a problem naming it."""
    data = calendar(vevent("SUMMARY:x", "DTSTART;TZID=Mars/Olympus_Mons:20261201T100000"))
    (problem,) = read(data).problems
    assert 'unknown time zone "Mars/Olympus_Mons"' in str(problem)
    assert "line 8" in str(problem)


def test_a_broken_date_time_is_a_problem_at_its_line() -> None:
    """20131009T170000T (a stray T for the Z) cannot be a start: named with its line."""
    data = calendar(vevent("SUMMARY:x", "DTSTART:20131009T170000T"))
    (problem,) = read(data).problems
    assert "event 1 (line 4): line 8: DTSTART" in str(problem)


def test_a_line_that_cannot_be_read_is_a_problem_at_that_line() -> None:
    """DTSTART;;VALUE=... (an empty parameter) is shown as the line it is."""
    data = calendar(vevent("SUMMARY:x", "DTSTART;;VALUE=DATE-TIME:20140409T093000"))
    (problem,) = read(data).problems
    assert "line 8: cannot be read: DTSTART;;VALUE=DATE-TIME:20140409T093000" in str(problem)


def test_a_broken_property_netui_does_not_read_is_ignored() -> None:
    """A bad ATTENDEE or X- property refuses nothing: netui reads neither."""
    data = calendar(
        vevent("SUMMARY:x", "DTSTART:20261201T100000Z", "X-NETUI-TEST;VALUE=DATE:notadate")
    )
    parsed = read(data)
    assert parsed.problems == ()
    assert len(parsed.events) == 1


def test_two_events_with_one_uid_are_a_problem() -> None:
    """A UID twice (without RECURRENCE-ID) would be one event saved twice: the second is refused."""
    data = calendar(
        vevent("SUMMARY:a", "DTSTART:20261201T100000Z", uid="same"),
        vevent("SUMMARY:b", "DTSTART:20261202T100000Z", uid="same"),
    )
    parsed = read(data)
    assert [e.draft.title for e in parsed.events] == ["a"]
    assert "the same UID as event 1 (line 4)" in str(parsed.problems[0])


def test_a_bad_moved_instance_leaves_the_rules_date() -> None:
    """A RECURRENCE-ID VEVENT without DTSTART is reported; its date stays as the rule says."""
    master = vevent(
        "SUMMARY:weekly",
        "DTSTART:20261202T010000Z",
        "RRULE:FREQ=WEEKLY;COUNT=2",
        uid="w",
    )
    moved = vevent("SUMMARY:moved", "RECURRENCE-ID:20261209T010000Z", uid="w")
    parsed = read(calendar(master, moved))
    assert [e.draft.title for e in parsed.events] == ["weekly", "weekly"]
    assert [p.position.number for p in parsed.problems] == [2]
