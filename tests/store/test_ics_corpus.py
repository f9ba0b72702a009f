"""Real .ics files from other projects' test suites (shared/corpus/ics, SOURCES.md there): every
well-formed one imports, with its titles and times checked by hand, and imports again unchanged;
every broken one is refused naming where.

The files are read where they are, beside the repository (../shared/corpus), never copied
into it; NETUI_TEST_CORPUS names another folder holding them. Without them the tests skip,
saying so. Times are read in Tokyo at the suite's fixed now (2026-11-21 10:00).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from netui.interop.ics import read_ics
from netui.interop.records import FileRefused, ImportReport, ParsedFile
from netui.state import Store

NOW = dt.datetime(2026, 11, 21, 10, 0, 0)
TOKYO = ZoneInfo("Asia/Tokyo")
_ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("NETUI_TEST_CORPUS") or _ROOT.parent / "shared" / "corpus") / "ics"


def _read(name: str, now: dt.datetime = NOW) -> ParsedFile:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{path}: the shared corpus is not beside the repository (see SOURCES.md)")
    return read_ics(path.read_bytes(), now=now, zone=TOKYO)


def _label(report: ImportReport) -> str:
    return "Imported the corpus file"


# file -> (title, start, end) of the events it must give, in the file's order
WELL_FORMED: dict[str, list[tuple[str, dt.datetime, dt.datetime | None]]] = {
    # Evolution: a /freeassociation.sourceforge.net/ TZID defined by its VTIMEZONE; 17:00
    # in Vienna in October (CEST, +02:00) is midnight in Tokyo.
    "ical4android_vienna-evolution.ics": [
        (
            "Test-Ereignis im schönen Wien",
            dt.datetime(2013, 10, 10, 0, 0),
            dt.datetime(2013, 10, 10, 1, 0),
        )
    ],
    # Outlook's "(UTC-03:00) Brasília" (non-ASCII, quoted): 13:30 at -03:00 is 01:30 the
    # next day in Tokyo; no UID and no SUMMARY.
    "icalendar_issue_237_non_ascii_tzid.ics": [
        ("(no title)", dt.datetime(2017, 5, 12, 1, 30), dt.datetime(2017, 5, 12, 2, 0))
    ],
    # Outlook 2007: "Canberra, Melbourne, Sydney" with commas; 15:00 at +10:00 (May:
    # standard time) is 14:00 in Tokyo; no DTEND.
    "vobject_ms_tzid.ics": [("(no title)", dt.datetime(2008, 5, 30, 14, 0), None)],
    # Google's "Contacts' birthdays": all-day events. The master (2014_BIRTHDAY_...) recurs
    # in 2012-2014 only, outside the window; the three RECURRENCE-ID events carry another
    # UID, so they are events of their own.
    "icaljs_google_birthday.ics": [
        ("PErson #2's birthday", dt.datetime(year, 12, 10), dt.datetime(year, 12, 11))
        for year in (2012, 2013, 2014)
    ],
}


@pytest.mark.parametrize("name", sorted(WELL_FORMED))
def test_a_well_formed_file_imports_its_events(
    store: Store, name: str, dump: Callable[[], dict[str, list[tuple[Any, ...]]]]
) -> None:
    """Its events, with the titles and local times worked out by hand, are saved; a second
    import changes nothing."""
    parsed = _read(name)
    assert parsed.problems == ()
    seen = [(e.draft.title, e.draft.starts_at, e.draft.ends_at) for e in parsed.events]
    assert seen == WELL_FORMED[name]
    report = store.events.save_import(parsed, _label)
    assert report.count("create") == len(WELL_FORMED[name])
    before = dump()
    again = store.events.save_import(_read(name), _label)
    assert again.count("unchanged") == len(WELL_FORMED[name])
    assert dump() == before


def test_googles_birthday_series_is_counted_outside_the_window() -> None:
    """The recurring master's dates (2012-2014) are outside the window: counted, not imported;
    read in 2013, its 2013-12-10 date is imported (its RDATE 20131210Z mended to a date)."""
    assert _read("icaljs_google_birthday.ics").outside_window == 1
    then = _read("icaljs_google_birthday.ics", now=dt.datetime(2013, 12, 1))
    master = [e for e in then.events if e.external_id.startswith("2014_BIRTHDAY")]
    assert [(e.draft.starts_at, e.external_id.rpartition("#")[2]) for e in master] == [
        (dt.datetime(2013, 12, 10), "20131210")
    ]


def test_a_weekday_all_day_series_is_expanded_for_the_window(store: Store) -> None:
    """Google's all-day event every weekday since 2012: the weekdays from 90 days before now
    to 180 after, each a day from 00:00 to 00:00, each with its own key."""
    parsed = _read("icaljs_day_long_recur_yearly.ics")
    assert parsed.problems == ()
    days = [e.draft.starts_at for e in parsed.events]
    assert days[0] == dt.datetime(2026, 8, 24)  # the first Monday in the window
    assert days[-1] == dt.datetime(2027, 5, 20)
    assert all(day.weekday() < 5 and day.time() == dt.time(0) for day in days)
    assert all(e.draft.ends_at == e.draft.starts_at + dt.timedelta(days=1) for e in parsed.events)
    assert len(days) == len(set(days)) == 194
    assert {e.draft.title for e in parsed.events} == {"Day Long Event"}
    report = store.events.save_import(parsed, _label)
    assert report.count("create") == 194


def _refused(name: str) -> str:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{path}: the shared corpus is not beside the repository (see SOURCES.md)")
    with pytest.raises(FileRefused) as caught:
        read_ics(path.read_bytes(), now=NOW, zone=TOKYO)
    return str(caught.value)


@pytest.mark.parametrize(
    ("name", "said"),
    [
        # Latin-1 bytes in a file that should be UTF-8 (its SUMMARY, line 6).
        ("ical4android_latin1.ics", "not UTF-8 text: line 6 holds byte 0xE4"),
        # A vCalendar 1.0 file in Shift_JIS (its DESCRIPTION, line 6).
        ("symbian_IShiftJis.VCS", "not UTF-8 text: line 6 holds byte 0x83"),
        # A BOM, then a calendar holding nothing.
        ("icalendar_bom_calendar.ics", "no events in the file (it has no VEVENT)"),
    ],
)
def test_a_broken_file_is_refused_whole(name: str, said: str) -> None:
    """Bytes that are not UTF-8 or a calendar without events: refused, naming the line."""
    assert _refused(name) == said


@pytest.mark.parametrize(
    ("name", "problems"),
    [
        # "20131009T170000T": a stray T where the Z of UTC belongs.
        (
            "ical4android_utf8.ics",
            ["event 1 (line 3): line 12: DTSTART: Wrong datetime format: 20131009T170000T"],
        ),
        # DTSTART;;VALUE=DATE-TIME: an empty parameter.
        (
            "icalendar_broken_ical.ics",
            ["event 1 (line 2): line 4: cannot be read: DTSTART;;VALUE=DATE-TIME:20140409T093000"],
        ),
        # A VEVENT with only a RECURRENCE-ID, another with only RDATEs: no start.
        (
            "icalendar_issue_722_missing_timezones.ics",
            [
                "event 2 (line 9): no DTSTART: an event needs its start",
                "event 3 (line 15): no DTSTART: an event needs its start",
            ],
        ),
    ],
)
def test_a_file_with_broken_events_names_each(
    store: Store, name: str, problems: list[str], dump: Callable[[], dict[str, list[Any]]]
) -> None:
    """Each broken event is named by its number and line, and the import saves nothing."""
    from netui.interop.records import BadEvents

    parsed = _read(name)
    assert [str(p) for p in parsed.problems] == problems
    before = dump()
    with pytest.raises(BadEvents):
        store.events.save_import(parsed, _label)
    assert dump() == before
