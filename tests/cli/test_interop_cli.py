"""`netui import ics|connpass FILE` and `netui export ics`: idempotent imports, dry runs that
write nothing, exports other calendars read and netui reads back to the same events, and one
error line for a bad file."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
from cli_helpers import Result, footprint, one_error_line
from pgkit import dump_database

from netui.domain.events import EventDraft
from netui.state import Store

Run = Callable[..., Result]

EVENTS = [
    "\r\n".join(
        [
            "BEGIN:VEVENT",
            "UID:mixer-1@example.com",
            "DTSTAMP:20260101T000000Z",
            "SUMMARY:Fintech 交流会 [b]x[/]",
            "DTSTART;TZID=Asia/Tokyo:20261210T190000",
            "DTEND;TZID=Asia/Tokyo:20261210T210000",
            "LOCATION:Shibuya",
            "URL:https://example.com/1",
            "END:VEVENT",
        ]
    ),
    "\r\n".join(
        [
            "BEGIN:VEVENT",
            "UID:study-2@example.com",
            "DTSTAMP:20260101T000000Z",
            "SUMMARY:Python 勉強会",
            "DTSTART:20261215T100000Z",
            "END:VEVENT",
        ]
    ),
]


def ics(*events: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *events, "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()


@pytest.fixture(autouse=True)
def tokyo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """netui's local zone is Tokyo in these tests, whatever the machine's is."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    yield


@pytest.fixture
def calendar_file(tmp_path: Path) -> Path:
    path = tmp_path / "calendar.ics"
    path.write_bytes(ics(*EVENTS))
    return path


def dump(target: str | Path) -> dict[str, list[tuple[Any, ...]]]:
    store = Store(target, read_only=True)
    try:
        with store.session.read():
            return dump_database(store)
    finally:
        store.close()


def vevents(data: bytes) -> dict[str, dict[str, str]]:
    """The VEVENTs of an export by UID, each property as text, DTSTAMP left out."""
    calendar = icalendar.Calendar.from_ical(data)
    return {
        str(event["UID"]): {
            name: value.to_ical().decode() if hasattr(value, "to_ical") else str(value)
            for name, value in event.items()
            if name != "DTSTAMP"
        }
        for event in calendar.walk("VEVENT")
    }


def test_an_import_says_what_it_did_and_a_second_changes_nothing(
    run: Run, cli_db: str, calendar_file: Path
) -> None:
    """The first import creates both events; the second reports them unchanged and the
    database's rows are the same, byte for byte."""
    first = run("--db", cli_db, "import", "ics", str(calendar_file))
    assert first.code == 0, first
    assert first.out == "2 events: 2 created, 0 updated, 0 unchanged\n"
    before = dump(cli_db)
    again = run("--db", cli_db, "import", "ics", str(calendar_file))
    assert (again.code, again.out) == (0, "2 events: 0 created, 0 updated, 2 unchanged\n")
    assert dump(cli_db) == before


def test_a_changed_upstream_event_is_updated(run: Run, cli_db: str, calendar_file: Path) -> None:
    """A new title and a cancellation upstream update the event, reported as updated."""
    run("--db", cli_db, "import", "ics", str(calendar_file))
    changed = (
        EVENTS[0]
        .replace("交流会 [b]x[/]", "交流会 (moved)")
        .replace("URL:", "STATUS:CANCELLED\r\nURL:")
    )
    calendar_file.write_bytes(ics(changed, EVENTS[1]))
    result = run("--db", cli_db, "import", "ics", str(calendar_file))
    assert result.out == "2 events: 0 created, 1 updated, 1 unchanged\n"
    store = Store(cli_db, read_only=True)
    try:
        (row,) = [r for r in store.events.listing().upcoming if "moved" in r.title]
        assert row.status == "cancelled"
    finally:
        store.close()


def test_a_dry_run_writes_nothing_and_says_event_by_event(
    run: Run, cli_db: str, calendar_file: Path
) -> None:
    """--dry-run on an existing database prints each event's fate and leaves it untouched."""
    run("--db", cli_db, "import", "ics", str(calendar_file), "--dry-run")  # no database yet
    Store(cli_db).close()
    before = footprint(cli_db)
    result = run("--db", cli_db, "import", "ics", str(calendar_file), "--dry-run")
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert lines == [
        "create     2026-12-10 19:00  Fintech 交流会 [b]x[/]",
        "create     2026-12-15 19:00  Python 勉強会",
        "dry run, nothing saved: 2 events: 2 to create, 0 to update, 0 unchanged",
    ]
    assert footprint(cli_db) == before


def test_a_dry_run_creates_no_database(run: Run, db_path: Path, calendar_file: Path) -> None:
    """With no database at --db, a dry run refuses in one line and leaves no file."""
    result = run("--db", str(db_path), "import", "ics", str(calendar_file), "--dry-run")
    assert "no netui database here" in one_error_line(result)
    assert not db_path.exists()


def test_one_import_is_one_undo(run: Run, cli_db: str, calendar_file: Path) -> None:
    """netui undo takes the whole import back and names it by the file."""
    run("--db", cli_db, "import", "ics", str(calendar_file))
    result = run("--db", cli_db, "undo")
    assert result.out == "undid: Imported 2 events from calendar.ics\n"
    store = Store(cli_db, read_only=True)
    try:
        assert store.events.exported() == []
    finally:
        store.close()


def test_the_export_holds_every_event_with_its_uid(
    run: Run, cli_db: str, calendar_file: Path
) -> None:
    """stdout is a calendar icalendar reads: the imported events keep their UIDs, a typed one
    gets netui's, with its TZID and VTIMEZONE."""
    run("--db", cli_db, "import", "ics", str(calendar_file))
    store = Store(cli_db)
    try:
        typed = store.events.add(EventDraft("朝活 [/]", _at("2026-12-20 07:00")))
    finally:
        store.close()
    result = run("--db", cli_db, "export", "ics")
    assert (result.code, result.err) == (0, "")
    exported = vevents(result.out.encode())
    assert set(exported) == {
        "mixer-1@example.com",
        "study-2@example.com",
        next(uid for uid in exported if uid.startswith(f"netui-event-{typed}-")),
    }
    calendar = icalendar.Calendar.from_ical(result.out.encode())
    assert calendar.get_missing_tzids() == set()
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert summaries == {"Fintech 交流会 [b]x[/]", "Python 勉強会", "朝活 [/]"}


def _at(text: str) -> Any:
    import datetime as dt

    return dt.datetime.fromisoformat(text)


def test_export_import_export_gives_the_same_events(
    run: Run, cli_db: str, calendar_file: Path, tmp_path: Path
) -> None:
    """An export imported into a fresh database exports again as the same events."""
    run("--db", cli_db, "import", "ics", str(calendar_file))
    store = Store(cli_db)
    try:
        store.events.add(
            EventDraft(
                "Typed",
                _at("2026-12-20 07:00"),
                series="朝活 club",
                intent="meet a PM",
                status="attended",
            )
        )
        store.events.add(EventDraft("All day", _at("2026-12-24 00:00")))
    finally:
        store.close()
    first = tmp_path / "first.ics"
    assert run("--db", cli_db, "export", "ics", "-o", str(first)).code == 0
    fresh = tmp_path / "fresh.db"
    result = run("--db", str(fresh), "import", "ics", str(first))
    assert result.out == "4 events: 4 created, 0 updated, 0 unchanged\n"
    second = run("--db", str(fresh), "export", "ics")
    assert vevents(second.out.encode()) == vevents(first.read_bytes())


def test_our_own_export_imported_again_changes_nothing(
    run: Run, cli_db: str, tmp_path: Path
) -> None:
    """Typed, .ics and connpass events exported and imported back into their database: all
    unchanged, not a row different."""
    store = Store(cli_db)
    try:
        store.events.add(EventDraft("Typed", _at("2026-12-20 07:00"), series="朝活 club"))
    finally:
        store.close()
    connpass = tmp_path / "connpass.json"
    connpass.write_text(json.dumps({"events": [_connpass_event()]}), encoding="utf-8")
    assert run("--db", cli_db, "import", "connpass", str(connpass)).code == 0
    calendar = tmp_path / "calendar.ics"
    calendar.write_bytes(ics(*EVENTS))
    assert run("--db", cli_db, "import", "ics", str(calendar)).code == 0
    export = tmp_path / "export.ics"
    run("--db", cli_db, "export", "ics", "-o", str(export))
    before = dump(cli_db)
    result = run("--db", cli_db, "import", "ics", str(export))
    assert result.out == "4 events: 0 created, 0 updated, 4 unchanged\n"
    assert dump(cli_db) == before


def test_export_to_a_file_says_so_and_upcoming_leaves_the_past_out(
    run: Run, cli_db: str, tmp_path: Path
) -> None:
    """-o writes the file whole and names it on stderr; --upcoming keeps what is not over."""
    store = Store(cli_db)
    try:
        store.events.add(EventDraft("Long ago", _at("2001-01-01 19:00")))
        store.events.add(EventDraft("Far ahead", _at("2099-01-01 19:00")))
    finally:
        store.close()
    out = tmp_path / "out.ics"
    result = run("--db", cli_db, "export", "ics", "-o", str(out), "--upcoming")
    assert (result.code, result.out) == (0, "")
    assert result.err == f"netui: export ics: wrote {out}\n"
    summaries = [
        str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    ]
    assert summaries == ["Far ahead"]


def _connpass_event(**fields: Any) -> dict[str, Any]:
    event = {
        "id": 364,
        "title": "BPStudy#56",
        "url": "https://bpstudy.connpass.com/event/364/",
        "started_at": "2026-12-10T18:30:00+09:00",
        "ended_at": "2026-12-10T20:30:00+09:00",
        "place": "BPオフィス",
        "address": "東京都豊島区",
        "group": {"title": "BPStudy"},
    }
    event.update(fields)
    return event


def test_a_connpass_import_is_idempotent_too(run: Run, cli_db: str, tmp_path: Path) -> None:
    """A saved connpass response imports its events once; again, nothing changes."""
    path = tmp_path / "attended.json"
    path.write_text(json.dumps({"events": [_connpass_event(), _connpass_event(id=365)]}))
    assert run("--db", cli_db, "import", "connpass", str(path)).out == (
        "2 events: 2 created, 0 updated, 0 unchanged\n"
    )
    before = dump(cli_db)
    assert run("--db", cli_db, "import", "connpass", str(path)).out == (
        "2 events: 0 created, 0 updated, 2 unchanged\n"
    )
    assert dump(cli_db) == before


BAD_FILES = {
    "truncated": (ics(*EVENTS).replace(b"END:VCALENDAR\r\n", b""), "cut short"),
    "no-vevent": (ics(), "no VEVENT"),
    "unknown-tzid": (
        ics(EVENTS[0].replace("TZID=Asia/Tokyo", "TZID=Nowhere/Atlantis")),
        'event 1 (line 4): line 8: DTSTART: unknown time zone "Nowhere/Atlantis"',
    ),
    "not-utf8": (
        ics(*EVENTS).replace("交流会".encode(), "交流会".encode("shift_jis")),
        "not UTF-8",
    ),
    "no-dtstart": (
        ics(EVENTS[0], EVENTS[1].replace("DTSTART:20261215T100000Z\r\n", "")),
        "event 2 (line 13): no DTSTART",
    ),
    "end-before-start": (
        ics(EVENTS[0].replace("T210000", "T180000")),
        "event 1 (line 4): line 9: DTEND is before DTSTART",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_ics_is_one_error_line_and_nothing_saved(
    run: Run, cli_db: str, tmp_path: Path, case: str
) -> None:
    """Each bad file: exit 1, one stderr line naming the file and where, the database as it was."""
    data, said = BAD_FILES[case]
    path = tmp_path / f"{case}.ics"
    path.write_bytes(data)
    Store(cli_db).close()
    before = dump(cli_db)
    line = one_error_line(run("--db", cli_db, "import", "ics", str(path)))
    assert line.startswith(f"netui: import ics: {path}: ")
    assert said in line
    assert dump(cli_db) == before


def test_a_refused_file_creates_no_database(run: Run, db_path: Path, tmp_path: Path) -> None:
    """A file that cannot be read is refused before the database is opened: none is made."""
    path = tmp_path / "bad.ics"
    path.write_bytes(ics())
    one_error_line(run("--db", str(db_path), "import", "ics", str(path)))
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("[]", 'not a connpass API response: expected an object with an "events" list'),
        ('{"events": [', "not JSON: line 1"),
        ('{"events": [{"id": 1}]}', "event 1 (line 1): no title"),
    ],
)
def test_a_file_not_of_connpass_shape_is_one_error_line(
    run: Run, db_path: Path, tmp_path: Path, content: str, said: str
) -> None:
    """JSON that is not connpass's (or not JSON): exit 1, one line, nothing created."""
    path = tmp_path / "attended.json"
    path.write_text(content)
    line = one_error_line(run("--db", str(db_path), "import", "connpass", str(path)))
    assert said in line
    assert not db_path.exists()


def test_a_missing_file_is_one_error_line(run: Run, db_path: Path, tmp_path: Path) -> None:
    """A FILE that is not there is named, and nothing is created."""
    missing = tmp_path / "nope.ics"
    line = one_error_line(run("--db", str(db_path), "import", "ics", str(missing)))
    assert line == f"netui: import ics: {missing}: no such file"
    assert not db_path.exists()


def test_skip_bad_saves_the_rest_and_reports_each_bad_one(
    run: Run, cli_db: str, tmp_path: Path
) -> None:
    """--skip-bad: the good event is saved, the bad one said on stderr with its position."""
    path = tmp_path / "mixed.ics"
    path.write_bytes(ics(EVENTS[0], EVENTS[1].replace("DTSTART:20261215T100000Z\r\n", "")))
    result = run("--db", cli_db, "import", "ics", str(path), "--skip-bad")
    assert result.code == 0, result
    assert result.out == "2 events: 1 created, 0 updated, 0 unchanged, 1 skipped\n"
    assert result.err.splitlines()[-1] == (
        f"netui: import ics: {path}: skipped event 2 (line 13): no DTSTART: an event needs its start"
    )


def test_a_dry_run_with_skip_bad_lists_what_it_would_skip(
    run: Run, cli_db: str, tmp_path: Path
) -> None:
    """--dry-run --skip-bad: each event's fate, the bad one as "skip" with its position."""
    path = tmp_path / "mixed.ics"
    path.write_bytes(ics(EVENTS[0], EVENTS[1].replace("DTSTART:20261215T100000Z\r\n", "")))
    Store(cli_db).close()
    result = run("--db", cli_db, "import", "ics", str(path), "--dry-run", "--skip-bad")
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines() == [
        "create     2026-12-10 19:00  Fintech 交流会 [b]x[/]",
        "skip       event 2 (line 13): no DTSTART: an event needs its start",
        "dry run, nothing saved: 2 events: 1 to create, 0 to update, 0 unchanged, 1 to skip",
    ]


def test_without_skip_bad_a_bad_event_saves_nothing(run: Run, cli_db: str, tmp_path: Path) -> None:
    """One bad event among good ones: nothing saved, the line says how to save the rest."""
    path = tmp_path / "mixed.ics"
    path.write_bytes(ics(EVENTS[0], EVENTS[1].replace("DTSTART:20261215T100000Z\r\n", "")))
    Store(cli_db).close()
    before = dump(cli_db)
    line = one_error_line(run("--db", cli_db, "import", "ics", str(path)))
    assert line.endswith("(nothing saved; --skip-bad saves the rest)")
    assert dump(cli_db) == before


def test_import_reads_stdin(
    run: Run, cli_db: str, calendar_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FILE - reads the calendar from stdin, and the undo names it so."""
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(calendar_file.read_bytes())))
    result = run("--db", cli_db, "import", "ics", "-")
    assert result.out == "2 events: 2 created, 0 updated, 0 unchanged\n"
    assert run("--db", cli_db, "undo", "--list").out.endswith("Imported 2 events from stdin\n")
