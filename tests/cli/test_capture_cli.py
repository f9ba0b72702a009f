"""`netui capture`: the capture grammar from the shell, its output, its flags and its refusals."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Result, fingerprint, footprint, one_error_line, rows

from netui.data.models import Attendance, Contact, FollowUp, Interaction, LedgerEntry
from netui.domain.dates import day_label
from netui.state import Store

Run = Callable[..., Result]

JAPANESE = "田中 優希\n　次：明日 資料を送る\n山田 花子（アクメ、デザイナー）＃ux\n　与：情報 勉強会の日程\n"


@pytest.fixture
def with_event(seeded_db: str) -> int:
    """The seeded database plus an event, closed again; returns its id."""
    store = Store(seeded_db)
    try:
        return store.events.create("JS Meetup", dt.datetime(2026, 1, 15, 19, 0), kind="study group")
    finally:
        store.close()


def today() -> dt.date:
    # The command line runs on the real clock.
    return dt.date.today()


def contact_id(db: Path | str, name: str) -> int:
    """The id of the one contact of that name."""
    ((found,),) = rows(db, Contact.select(Contact.id).where(Contact.name == name))
    return int(found)


def days_met(db: str, contact: int | None = None) -> list[dt.date]:
    """The days of the interactions (of one contact, or all), in order."""
    query = Interaction.select(Interaction.when).order_by(Interaction.id)
    if contact is not None:
        query = query.where(Interaction.contact == contact)
    return [when.date() for (when,) in rows(db, query)]


def followups(db: str, contact: int | None = None) -> list[tuple[Any, ...]]:
    """(contact id, due, what) of the follow-ups (of one contact, or all), by due date."""
    query = FollowUp.select(FollowUp.contact, FollowUp.due, FollowUp.what)
    if contact is not None:
        query = query.where(FollowUp.contact == contact)
    return rows(db, query.order_by(FollowUp.due, FollowUp.id))


def stdin_bytes(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Make `data` what the in-process command reads from stdin."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def run_process_with_stdin(data: bytes, *args: str) -> Result:
    """Run `python -m netui` as a real process with `data` on its stdin."""
    done = subprocess.run(
        [sys.executable, "-m", "netui", *args],
        input=data,
        capture_output=True,
        timeout=120,
        env=dict(os.environ),
        check=False,
    )
    return Result(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


# -- saving -----------------------------------------------------------------------------------


def test_capture_prints_summary_and_people_and_saves(run: Run, seeded_db: str) -> None:
    """A capture prints the summary then one line per new and updated person, exits 0, and is
    in the database."""
    result = run(
        "--db", seeded_db, "capture", "Jane Smith; next: 3d call back\nSuzuki Ken (Globex) #ux"
    )
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Saved 2 people (1 new, 1 follow-up)\n  new: Suzuki Ken (@4)\n  updated: Jane Smith (@2)\n"
    )
    suzuki = Contact.select(Contact.company).where(
        (Contact.id == 4) & (Contact.name == "Suzuki Ken")
    )
    assert rows(seeded_db, suzuki) == [("Globex",)]
    due = today() + dt.timedelta(days=3)
    assert followups(seeded_db) == [(2, due, "call back")]
    assert days_met(seeded_db).count(today()) == 2


def test_capture_from_stdin_reads_japanese_lines(
    run: Run, seeded_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-` reads a multi-line UTF-8 capture from stdin: full-width punctuation and Japanese keys work."""
    stdin_bytes(monkeypatch, JAPANESE.encode("utf-8"))
    result = run("--db", seeded_db, "capture", "-")
    assert result.code == 0, result
    assert result.out.splitlines() == [
        "Saved 2 people (1 new, 1 follow-up, 1 ledger entry)",
        "  new: 山田 花子 (@4)",
        "  updated: 田中 優希 (@1)",
    ]
    assert followups(seeded_db) == [(1, today() + dt.timedelta(days=1), "資料を送る")]
    yamada = Contact.select(Contact.company, Contact.role, Contact.reading).where(Contact.id == 4)
    assert rows(seeded_db, yamada) == [("アクメ", "デザイナー", "やまだ はなこ")]
    ledger = LedgerEntry.select(
        LedgerEntry.contact, LedgerEntry.direction, LedgerEntry.kind, LedgerEntry.description
    )
    assert rows(seeded_db, ledger.order_by(LedgerEntry.id)) == [
        (4, "give", "information", "勉強会の日程")
    ]


def test_on_yesterday_dates_the_meeting_and_counts_phrases_from_it(
    run: Run, seeded_db: str
) -> None:
    """`--on yesterday` sets met_on, the meeting's day and the ledger date, and `next: 1d` is due today."""
    result = run(
        "--db",
        seeded_db,
        "capture",
        "--on",
        "yesterday",
        "Suzuki Ken; next: 1d write; got: help x",
    )
    assert result.code == 0, result
    yesterday = today() - dt.timedelta(days=1)
    cid = contact_id(seeded_db, "Suzuki Ken")
    assert rows(seeded_db, Contact.select(Contact.met_on).where(Contact.id == cid)) == [
        (yesterday,)
    ]
    assert days_met(seeded_db, cid) == [yesterday]
    assert followups(seeded_db, cid) == [(cid, today(), "write")]
    ledger = LedgerEntry.select(LedgerEntry.date).where(LedgerEntry.contact == cid)
    assert rows(seeded_db, ledger) == [(yesterday,)]


def test_event_links_people_to_it(run: Run, seeded_db: str, with_event: int) -> None:
    """`--event ID` names the event in the summary, and each person meets there at its start, with attendance."""
    result = run(
        "--db", seeded_db, "capture", "--event", str(with_event), "--on", "yesterday",
        "Lee Min\nSuzuki Ken",
    )  # fmt: skip
    assert result.code == 0, result
    assert result.out.splitlines()[0] == "Saved 2 people at JS Meetup (1 new)"
    suzuki = contact_id(seeded_db, "Suzuki Ken")
    met = Interaction.select(Interaction.contact, Interaction.when, Interaction.event)
    start = dt.datetime(2026, 1, 15, 19, 0)
    assert rows(
        seeded_db, met.where(Interaction.event.is_null(False)).order_by(Interaction.contact)
    ) == [
        (3, start, with_event),
        (suzuki, start, with_event),
    ]
    attended = Attendance.select(Attendance.contact, Attendance.known_before)
    assert rows(seeded_db, attended.order_by(Attendance.contact)) == [(3, True), (suzuki, False)]
    suzuki_row = Contact.select(Contact.channel, Contact.met_at).where(Contact.id == suzuki)
    assert rows(seeded_db, suzuki_row) == [("study group", with_event)]


def test_event_without_on_dates_everything_by_the_event_s_day(run: Run, seeded_db: str) -> None:
    """`--event ID` alone: met-on, the meeting, `next:` phrases and the thank-you follow the event's
    day (two days ago), as the capture box does, not today."""
    event_day = today() - dt.timedelta(days=2)
    store = Store(seeded_db)
    try:
        event = store.events.create("Morning session", dt.datetime.combine(event_day, dt.time(7)))
    finally:
        store.close()
    result = run(
        "--db", seeded_db, "capture", "--event", str(event), "--thanks", "Ono Aki; next: 1d call",
    )  # fmt: skip
    assert result.code == 0, result
    ono = contact_id(seeded_db, "Ono Aki")
    dates = Contact.select(Contact.met_on, Contact.last_contact).where(Contact.id == ono)
    assert rows(seeded_db, dates) == [(event_day, event_day)]
    met = Interaction.select(Interaction.when).where(Interaction.contact == ono)
    assert rows(seeded_db, met) == [(dt.datetime.combine(event_day, dt.time(7)),)]
    # 1d after the event is yesterday; the thank-you, the next day being gone, is due tomorrow.
    assert followups(seeded_db, ono) == [
        (ono, event_day + dt.timedelta(days=1), "call"),
        (ono, today() + dt.timedelta(days=1), "thank-you"),
    ]


def test_event_of_yesterday_gives_a_thank_you_due_today(run: Run, seeded_db: str) -> None:
    """An event yesterday: the thank-you is due the day after it, today (before: tomorrow)."""
    store = Store(seeded_db)
    try:
        yesterday = today() - dt.timedelta(days=1)
        event = store.events.create("Mixer", dt.datetime.combine(yesterday, dt.time(19)))
    finally:
        store.close()
    assert run("--db", seeded_db, "capture", "--event", str(event), "--thanks", "Kim Ara").code == 0
    assert thanks_rows(seeded_db) == [("Kim Ara", today())]


def test_markup_looking_names_print_literally(run: Run, seeded_db: str) -> None:
    """Names that look like markup are printed and saved exactly as typed."""
    result = run("--db", seeded_db, "capture", "[bold]x[/] (ACME [red]); note: [/]")
    assert result.code == 0, result
    assert "  new: [bold]x[/] (@4)" in result.out.splitlines()
    saved = Contact.select(Contact.company, Contact.notes).where(Contact.name == "[bold]x[/]")
    assert rows(seeded_db, saved) == [("ACME [red]", "[/]")]


# -- thank-you follow-ups ---------------------------------------------------------------------


def thanks_rows(db: str) -> list[tuple[Any, ...]]:
    """(name, due) of each thank-you follow-up, by name."""
    thanks = FollowUp.select(Contact.name, FollowUp.due).join(Contact)
    return rows(db, thanks.where(FollowUp.what == "thank-you").order_by(Contact.name))


def test_thanks_flag_adds_thank_you_for_new_people(run: Run, seeded_db: str) -> None:
    """`--thanks` gives each new person, not an existing one, a thank-you due the next day."""
    assert run("--db", seeded_db, "capture", "--thanks", "Suzuki Ken\nLee Min").code == 0
    assert thanks_rows(seeded_db) == [("Suzuki Ken", today() + dt.timedelta(days=1))]


def test_no_thank_you_by_default(run: Run, seeded_db: str) -> None:
    """Without a flag or config, no thank-you follow-up is written."""
    assert run("--db", seeded_db, "capture", "Suzuki Ken").code == 0
    assert contact_id(seeded_db, "Suzuki Ken") == 4
    assert thanks_rows(seeded_db) == []


def test_config_thanks_true_is_the_default_and_no_thanks_overrides_it(
    run: Run, seeded_db: str, tmp_path: Path
) -> None:
    """`[capture] thanks = true` in the config turns thank-yous on; `--no-thanks` turns them off again."""
    (tmp_path / "config.toml").write_text("[capture]\nthanks = true\n", encoding="utf-8")
    assert run("--db", seeded_db, "capture", "Suzuki Ken").code == 0
    assert run("--db", seeded_db, "capture", "--no-thanks", "Kim Ara").code == 0
    assert thanks_rows(seeded_db) == [("Suzuki Ken", today() + dt.timedelta(days=1))]


def test_thanks_and_no_thanks_together_are_refused(run: Run, seeded_db: str) -> None:
    """`--thanks --no-thanks` is a usage error: one line, exit 1, nothing written."""
    before = footprint(seeded_db)
    line = one_error_line(run("--db", seeded_db, "capture", "--thanks", "--no-thanks", "X"))
    assert "not allowed with argument" in line
    assert footprint(seeded_db) == before


# -- --dry-run --------------------------------------------------------------------------------


def test_dry_run_shows_the_plan_and_writes_nothing(run: Run, seeded_db: str) -> None:
    """`--dry-run` prints who is new or existing and what each gets, and writes nothing (a file is
    left byte for byte)."""
    before = footprint(seeded_db)
    result = run(
        "--db", seeded_db, "capture", "--dry-run", "--thanks",
        "Jane Smith; next: 3d call\nSuzuki Ken (Globex); got: advice pricing; via: Jane Smith",
    )  # fmt: skip
    assert (result.code, result.err) == (0, "")
    in3 = (today() + dt.timedelta(days=3)).isoformat()
    tomorrow = (today() + dt.timedelta(days=1)).isoformat()
    assert result.out.splitlines() == [
        f"meeting: {day_label(today())}, no event",
        "2 people: 1 new, 1 existing · 2 follow-ups · 1 ledger entry",
        "Jane Smith: existing @2",
        f"  follow-up {in3}: call",
        "Suzuki Ken (Globex): new",
        "  introduced by Jane Smith @2",
        f"  follow-up {tomorrow}: thank-you",
        "  got advice: pricing",
    ]
    assert footprint(seeded_db) == before


# -- refusals: one line, exit 1, the file unchanged -------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["--on", "tomorrow", "Suzuki Ken"], "is in the future", id="future-on"),
        pytest.param(["--event", "99", "Suzuki Ken"], "capture: no event with id 99", id="event"),
        pytest.param(
            ["Suzuki Ken\n  every: often"],
            'capture: line 2, column 10: cadence "often": expected',
            id="parse-error",
        ),
        pytest.param(
            ["Suzuki Ken; via: Nobody"], "capture: line 1, column 18: via: no contact", id="via"
        ),
        pytest.param(["Jane Smith @77"], "capture: line 1, column 1: no contact @77", id="at-id"),
        pytest.param(["--on", "someday", "Suzuki Ken"], "--on", id="bad-on"),
    ],
)
def test_refused_capture_is_one_line_and_leaves_the_database(
    run: Run, seeded_db: str, with_event: int, args: list[str], expected: str
) -> None:
    """Each refusal prints one line naming the problem (with line and column for the text), exits 1, writes nothing."""
    before = footprint(seeded_db)
    result = run("--db", seeded_db, "capture", *args)
    line = one_error_line(result)
    assert expected in line, line
    assert result.out == ""
    assert footprint(seeded_db) == before


def test_non_utf8_stdin_is_refused(
    run: Run, seeded_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """stdin that is not UTF-8 (Shift_JIS here) is one line naming the byte, exit 1, database unchanged."""
    before = footprint(seeded_db)
    stdin_bytes(monkeypatch, "田中 優希\n".encode("shift_jis"))
    line = one_error_line(run("--db", seeded_db, "capture", "-"))
    assert line == "netui: capture: stdin is not UTF-8 text (byte 0)"
    assert footprint(seeded_db) == before


def test_dry_run_of_a_bad_capture_is_refused(run: Run, seeded_db: str) -> None:
    """`--dry-run` reports the same error as saving would, exit 1."""
    line = one_error_line(run("--db", seeded_db, "capture", "--dry-run", "Suzuki Ken; stage: boss"))
    assert "line 1, column 20" in line and '"boss" is not a stage' in line


def test_refused_capture_creates_no_database(run: Run, tmp_path: Path) -> None:
    """A capture refused on a path with no database yet leaves no file behind (a file path's own
    case: a server's database is never created by netui)."""
    missing = tmp_path / "new" / "netui.db"
    one_error_line(run("--db", str(missing), "capture", "Suzuki Ken\n  every: often"))
    one_error_line(run("--db", str(missing), "capture", "--on", "tomorrow", "Suzuki Ken"))
    assert not missing.exists()


def test_capture_creates_a_missing_database(run: Run, tmp_path: Path) -> None:
    """A good capture on a path with no database creates it and saves there (a file path's own
    case: a server's database is never created by netui)."""
    path = tmp_path / "fresh.db"
    assert not path.exists()
    assert run("--db", str(path), "capture", "Suzuki Ken").code == 0
    assert rows(path, Contact.select(Contact.name)) == [("Suzuki Ken",)]


# -- as a real process ------------------------------------------------------------------------


def test_real_process_reads_japanese_from_stdin_and_saves(seeded: Path) -> None:
    """`python -m netui capture -` in a subprocess reads UTF-8 from a pipe, saves, and prints Japanese
    intact (on a file: the pipe and the process are what is tested, alike on either engine)."""
    result = run_process_with_stdin(JAPANESE.encode("utf-8"), "--db", str(seeded), "capture", "-")
    assert (result.code, result.err) == (0, "")
    assert "  new: 山田 花子 (@4)" in result.out.splitlines()
    assert rows(seeded, Contact.select(Contact.id).order_by(Contact.id)) == [(1,), (2,), (3,), (4,)]


def test_real_process_refusal_has_no_traceback(seeded: Path) -> None:
    """A parse error from a real process is one stderr line with its position, exit 1, the file
    unchanged (on a file: the process is what is tested, alike on either engine)."""
    before = fingerprint(seeded)
    result = run_process_with_stdin(b"Suzuki Ken\n  bogus\n", "--db", str(seeded), "capture", "-")
    line = one_error_line(result)
    assert line.startswith("netui: capture: line 2, column 3:")
    assert fingerprint(seeded) == before
