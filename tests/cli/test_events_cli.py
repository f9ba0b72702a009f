"""`netui events list|add|show|prep|stats`: the planner from the shell, on hand-built data
with answers worked out by hand; JSON shapes with ids, errors as one line and exit 1 with
nothing saved, and reads that write nothing. Each test runs on every engine (`cli_db`).

The commands run on the fixed clock of Saturday 2026-11-21 10:00 (`clocked`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Result, footprint, one_error_line, rows

from netui.data.models import Event, EventGoal
from netui.domain.events import EventDraft
from netui.domain.goals import GoalDraft
from netui.domain.records import ContactDraft
from netui.state import Store

Run = Callable[..., Result]

NOW = dt.datetime(2026, 11, 21, 10, 0)
HOSTILE = "Mixer [b]x[/] [@click=app.quit]y[/]"


@pytest.fixture
def clocked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's Store on the clock of Saturday 2026-11-21, 10:00."""
    import netui.state

    real = netui.state.Store
    monkeypatch.setattr(netui.state, "Store", lambda *a, **k: real(*a, clock=lambda: NOW, **k))


def seed(target: Path | str) -> dict[str, int]:
    """A past study group (2026-07-24 19:00-21:00, 120 days ago, 1000 JPY, pitches, series
    Py, serving Hire) where Aoki (met; a message 2026-11-11, on or after day + 90 =
    10-22) and Baba (known) were met; the next one on Tuesday 11-24 19:00, where Aoki is
    expected and Baba, there, is a regular (2 visits); a mixer with a hostile title on
    2026-10-01 (51 days ago). Aoki needs a frontend engineer and is owed a thank-you."""
    store = Store(target, clock=lambda: NOW)
    try:
        ids = {"hire": store.goals.create(GoalDraft("Hire"), ["a backend lead"])}
        ids["py1"] = store.events.add(
            EventDraft("Py #1", dt.datetime(2026, 7, 24, 19), ends_at=dt.datetime(2026, 7, 24, 21),
                       kind="study group", series="Py", organizer="PyJP", cost=Decimal("1000"),
                       solicitation=True, status="attended", goal_ids=(ids["hire"],))
        )  # fmt: skip
        ids["py2"] = store.events.add(
            EventDraft("Py #2", dt.datetime(2026, 11, 24, 19), kind="study group", series="Py",
                       organizer="PyJP", intent="meet a backend lead")
        )  # fmt: skip
        ids["mixer"] = store.events.add(
            EventDraft(HOSTILE, dt.datetime(2026, 10, 1, 19), kind="mixer", status="attended")
        )
        ids["aoki"] = store.contacts.create(ContactDraft("Aoki", needs="frontend engineer"))
        ids["baba"] = store.contacts.create(ContactDraft("Baba", stage="known"))
        store.events.attend(ids["py1"], ids["aoki"], "present", known_before=False)
        store.events.attend(ids["py1"], ids["baba"], "present", known_before=False)
        store.events.attend(ids["py2"], ids["aoki"], "expected", known_before=True)
        store.events.attend(ids["py2"], ids["baba"], "present", known_before=True)
        store.interactions.log(ids["aoki"], dt.datetime(2026, 11, 11, 12), "message", summary="hi")
        store.followups.add(ids["aoki"], dt.date(2026, 12, 1), "Thank Aoki for the intro")
    finally:
        store.close()
    return ids


@pytest.fixture
def seeded(cli_db: str, clocked: None) -> dict[str, int]:
    return seed(cli_db)


def run_json(run: Run, *args: str) -> Any:
    result = run(*args)
    assert (result.code, result.err) == (0, ""), result
    return json.loads(result.out)


# -- list ---------------------------------------------------------------------------------


def test_list_json_is_upcoming_soonest_then_past_newest(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """Py #2 ahead, then the mixer (10-01) and Py #1 (07-24); Py #1 met 2, both in touch."""
    events = run_json(run, "events", "list", "--db", cli_db, "--format", "json")
    assert [(e["event_id"], e["upcoming"]) for e in events] == [
        (seeded["py2"], True),
        (seeded["mixer"], False),
        (seeded["py1"], False),
    ]
    py1 = events[2]
    assert py1 == {
        "event_id": seeded["py1"],
        "title": "Py #1",
        "kind": "study group",
        "starts_at": "2026-07-24T19:00:00",
        "ends_at": "2026-07-24T21:00:00",
        "place": "",
        "cost": "1000.00",
        "currency": "JPY",
        "status": "attended",
        "series_id": py1["series_id"],
        "series": "Py",
        "goals": ["Hire"],
        "met": 2,
        "in_touch": 2,
        "rating": None,
        "solicitation": True,
        "upcoming": False,
    }
    upcoming = run_json(run, "events", "list", "--db", cli_db, "--upcoming", "--format", "json")
    past = run_json(run, "events", "list", "--db", cli_db, "--past", "--format", "json")
    assert [e["event_id"] for e in upcoming] == [seeded["py2"]]
    assert [e["event_id"] for e in past] == [seeded["mixer"], seeded["py1"]]


def test_list_table_shows_titles_as_typed(run: Run, cli_db: str, seeded: dict[str, int]) -> None:
    """The table names each event by #id with its title literally, and when it is."""
    result = run("events", "list", "--db", cli_db)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == [
        "ID",
        "WHEN",
        "TITLE",
        "KIND",
        "STATUS",
        "SERIES",
        "MET",
        "IN",
        "TOUCH",
    ]
    assert lines[1].split()[:6] == [f"#{seeded['py2']}", "Tue", "11/24", "19:00", "Py", "#2"]
    assert lines[2].split()[:3] == [f"#{seeded['mixer']}", "2026-10-01", "19:00"]
    assert HOSTILE in result.out


# -- add --------------------------------------------------------------------------------------


def test_add_reads_its_phrases_against_the_clock(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """`fri 19:00` on Saturday 11-21 is Friday 11-27; `2h` ends it at 21:00; the series Py
    is found, the goal linked; the new event is on the list."""
    result = run("events", "add", "Py #3", "--db", cli_db, "--at", "fri 19:00", "--end", "2h",
                 "--kind", "study group", "--series", "py", "--cost", "1,000",
                 "--goal", f"#{seeded['hire']}")  # fmt: skip
    assert result.code == 0, result
    assert result.out.splitlines()[0].endswith(": Py #3, Fri 11/27 19:00")
    (added,) = [e for e in run_json(run, "events", "list", "--db", cli_db, "--format", "json")
                if e["title"] == "Py #3"]  # fmt: skip
    assert (added["starts_at"], added["ends_at"], added["series"], added["goals"]) == (
        "2026-11-27T19:00:00", "2026-11-27T21:00:00", "Py", ["Hire"]
    )  # fmt: skip
    assert added["cost"] == "1000.00"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--at", "someday"], "argument --at"),
        (["--at", "12/3"], "add a time"),
        (["--at", "fri 19:00", "--end", "18:00"], "before the start"),
        (["--at", "fri 19:00", "--cost", "-5"], "argument --cost"),
        (["--at", "fri 19:00", "--kind", "party"], "argument --kind"),
        (["--at", "fri 19:00", "--goal", "x"], "argument --goal"),
        (["--at", "fri 19:00", "--goal", "99"], "no goal with id 99"),
        (["--at", "fri 19:00", "--currency", "dollars"], "currency"),
    ],
)
def test_add_refuses_in_one_line_and_saves_nothing(
    run: Run, cli_db: str, seeded: dict[str, int], args: list[str], says: str
) -> None:
    """Each bad argument is one line on stderr, exit 1, and no event is added."""
    before = rows(cli_db, Event.select(Event.id))
    line = one_error_line(run("events", "add", "Nope", "--db", cli_db, *args))
    assert says in line
    assert rows(cli_db, Event.select(Event.id)) == before
    assert rows(cli_db, EventGoal.select(EventGoal.event).where(EventGoal.goal == 99)) == []


@pytest.mark.parametrize(
    "args", [["--at", "fri 25:00"], ["--at", "fri 19:00", "--goal", "3"]], ids=["time", "goal"]
)
def test_a_refused_add_creates_no_database(run: Run, tmp_path: Path, args: list[str]) -> None:
    """A phrase refused when the command line is read, or a goal a new database cannot
    hold, leaves no file behind."""
    target = tmp_path / "never.db"
    one_error_line(run("events", "add", "X", "--db", str(target), *args))
    assert not target.exists()


# -- show, prep, stats -----------------------------------------------------------------------


def test_show_a_past_event_with_its_worth_it_card(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """Py #1, 120 days ago: 2 hours, 1000 JPY, met Aoki and Baba; in touch at 30 days both
    (Baba known, Aoki's message 11-11), at 90 days both: 500 per lasting relationship; the
    goal Hire served, nothing moved."""
    shown = run_json(run, "events", "show", str(seeded["py1"]), "--db", cli_db, "--format", "json")
    assert (shown["event_id"], shown["series"], shown["cost"]) == (seeded["py1"], "Py", "1000.00")
    assert [(p["contact_id"], p["known_before"]) for p in shown["people"]] == [
        (seeded["aoki"], False),
        (seeded["baba"], False),
    ]
    card = shown["worth_it_card"]
    assert {k: card[k] for k in ("hours", "days_since", "people_met", "in_touch_30",
                                 "in_touch_90", "cost_per_lasting")} == {
        "hours": 2.0, "days_since": 120, "people_met": 2, "in_touch_30": 2, "in_touch_90": 2,
        "cost_per_lasting": "500.00",
    }  # fmt: skip
    assert card["goals"] == [{"goal_id": seeded["hire"], "title": "Hire", "served": True,
                              "linked": 0, "slots_filled": 0, "promoted": 0}]  # fmt: skip
    assert card["followups"] == {"total": 0, "done": 0, "overdue": 0}


def test_show_an_upcoming_event_has_no_card_yet(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """An event ahead is shown without a worth-it card; as Markdown its hostile title is
    escaped, never markup."""
    shown = run_json(run, "events", "show", f"#{seeded['py2']}", "--db", cli_db, "--format", "json")
    assert shown["worth_it_card"] is None
    text = run("events", "show", str(seeded["mixer"]), "--db", cli_db).out
    assert text.startswith(r"# Mixer \[b\]x\[/\] \[@click=app.quit\]y\[/\]")
    assert "## Worth it? " in text and "### People met" in text


def test_prep_with_my_profile(
    run: Run, cli_db: str, seeded: dict[str, int], tmp_path: Path
) -> None:
    """Py #2: Aoki is coming and owed a thank-you, Baba is a regular (present at both); my
    offer "frontend engineering" meets Aoki's need; the introduction is my profile's; 1 of
    the 1 earlier series event came with pitches."""
    (tmp_path / "config.toml").write_text(
        '[profile]\nname = "Sato Aiko"\none_line = "I design fintech apps."\n'
        'offers = ["frontend engineering", "legal advice"]\n',
        encoding="utf-8",
    )
    card = run_json(run, "events", "prep", str(seeded["py2"]), "--db", cli_db, "--format", "json")
    assert [
        (p["contact_id"], p["attendance"], p["visits"], p["regular"]) for p in card["people"]
    ] == [
        (seeded["aoki"], "expected", 1, False),
        (seeded["baba"], "present", 2, True),
    ]
    aoki = card["people"][0]
    assert aoki["open_followups"][0]["thanks"] is True
    assert aoki["last_interaction"] == {"when": "2026-11-11T12:00:00", "kind": "message",
                                        "summary": "hi"}  # fmt: skip
    assert card["offers"] == [{"offer": "frontend engineering", "contact_id": seeded["aoki"],
                               "name": "Aoki", "need": "frontend engineer"}]  # fmt: skip
    assert card["introduction"] == "I'm Sato Aiko — I design fintech apps."
    assert (card["pitches"]["series_events"], card["pitches"]["series_pitched"]) == (1, 1)
    text = run("events", "prep", str(seeded["py2"]), "--db", cli_db)
    assert (text.code, text.err) == (0, "")
    assert "thank-you owed: Thank Aoki for the intro (due 2026-12-01)" in text.out


def test_stats_by_kind_series_and_since(run: Run, cli_db: str, seeded: dict[str, int]) -> None:
    """By kind: the study group (Py #1: both met in touch at 90 days, 1000 JPY, pitches) and
    the mixer (nobody met); by series: Py; since 2026-09-01 the July study group is out."""
    by_kind = run_json(run, "events", "stats", "--db", cli_db, "--format", "json")
    assert (by_kind["by"], by_kind["since"], by_kind["today"]) == ("kind", None, "2026-11-21")
    study, mixer = by_kind["rows"]
    assert {k: study[k] for k in ("label", "events", "people_met", "due_90", "in_touch_90",
                                  "in_touch_share", "cost", "cost_per_lasting", "pitch_share")} == {
        "label": "study group", "events": 1, "people_met": 2, "due_90": 2, "in_touch_90": 2,
        "in_touch_share": 1.0, "cost": "1000.00", "cost_per_lasting": "500.00", "pitch_share": 1.0,
    }  # fmt: skip
    assert (mixer["label"], mixer["events"], mixer["in_touch_share"]) == ("mixer", 1, None)
    series = run_json(run, "events", "stats", "--by", "series", "--db", cli_db, "--format", "json")
    assert [row["label"] for row in series["rows"]] == ["Py"]
    recent = run_json(run, "events", "stats", "--since", "2026-09-01", "--db", cli_db,
                      "--format", "json")  # fmt: skip
    assert (recent["since"], [row["label"] for row in recent["rows"]]) == ("2026-09-01", ["mixer"])
    table = run("events", "stats", "--db", cli_db).out
    assert "██████████ 100% 2/2" in table


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["show", "99"], "events show: no event with id 99"),
        (["prep", "#99"], "events prep: no event with id 99"),
        (["show", "abc"], "argument ID"),
        (["stats", "--by", "place"], "argument --by"),
        (["stats", "--since", "someday"], "argument --since"),
    ],
)
def test_read_errors_are_one_line(
    run: Run, cli_db: str, seeded: dict[str, int], args: list[str], says: str
) -> None:
    """An unknown event, a bad id, grouping or day: one line, exit 1."""
    assert says in one_error_line(run("events", *args, "--db", cli_db))


def test_reads_write_nothing(run: Run, cli_db: str, seeded: dict[str, int]) -> None:
    """list, show, prep and stats leave the database exactly as it was."""
    before = footprint(cli_db)
    for args in (["list"], ["list", "--format", "json"], ["show", str(seeded["py1"])],
                 ["prep", str(seeded["py2"]), "--format", "json"], ["stats", "--by", "channel"]):  # fmt: skip
        assert run("events", *args, "--db", cli_db).code == 0
    assert footprint(cli_db) == before


def test_a_read_of_a_missing_database_creates_nothing(run: Run, tmp_path: Path) -> None:
    """A read names the missing database and leaves no file."""
    target = tmp_path / "missing.db"
    assert "no netui database here" in one_error_line(run("events", "list", "--db", str(target)))
    assert not target.exists()
