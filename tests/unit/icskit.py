"""Building small .ics files for the reader's tests, and reading them with a fixed zone and now."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from netui.interop.ics import read_ics
from netui.interop.records import ImportedEvent, ParsedFile

TOKYO = ZoneInfo("Asia/Tokyo")
# The test suite's NOW (tests/conftest.py): a Saturday.
NOW = dt.datetime(2026, 11, 21, 10, 0, 0)


def vevent(*lines: str, uid: str | None = "ev-1@example.com") -> str:
    """A VEVENT of `lines` (a UID first unless None)."""
    head = [f"UID:{uid}"] if uid else []
    return "\r\n".join(["BEGIN:VEVENT", *head, "DTSTAMP:20260101T000000Z", *lines, "END:VEVENT"])


def calendar(*events: str, header: tuple[str, ...] = ("PRODID:-//test//EN",)) -> bytes:
    """A VCALENDAR holding `events`, CRLF-terminated."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", *header, *events, "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()


def read(data: bytes, *, zone: dt.tzinfo = TOKYO, now: dt.datetime = NOW) -> ParsedFile:
    """The file read in Tokyo (unless told) at the suite's NOW."""
    return read_ics(data, now=now, zone=zone)


def only(data: bytes, **kwargs: object) -> ImportedEvent:
    """The one event of a file with no problems."""
    parsed = read(data, **kwargs)  # type: ignore[arg-type]
    assert parsed.problems == ()
    assert len(parsed.events) == 1, parsed.events
    return parsed.events[0]
