"""`netui goals list|show|add`: the goals from the shell, on hand-built data with answers worked out by hand.

The goals are seeded on a clock that moves (set 2026-10-01, linked and filled later),
and the commands run on the fixed clock of Saturday 2026-11-21 (`clocked`), so every
key result's current value, pace and history is known. The tests run on each engine
(`cli_db`); the ones about the file itself take `db_path`.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Result, footprint, one_error_line, rows

from netui.data.models import GoalKeyResult, GoalSlot
from netui.domain.goal_progress import KeyResult
from netui.domain.goals import GoalDraft, TargetProfile
from netui.domain.records import ContactDraft
from netui.state import Store

Run = Callable[..., Result]

NOW = dt.datetime(2026, 11, 21, 10, 0)
SET = dt.datetime(2026, 10, 1, 9, 0)
HOSTILE = "[b]x[/] [@click=app.quit] *y*"


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture
def clocked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's Store on the clock of Saturday 2026-11-21, 10:00."""
    import netui.state

    real = netui.state.Store
    monkeypatch.setattr(netui.state, "Store", lambda *a, **k: real(*a, clock=lambda: NOW, **k))


def seed_goals(target: Path | str) -> dict[str, int]:
    """Contacts, three goals and the first goal's links, slots, events and ledger, written on
    a clock moved along by hand; closed; the ids.

    Goal "Meet people in fintech" (set 2026-10-01, profile #fintech): its people are the
    live #fintech contacts (Tanaka known, Smith trusted, Lee acquainted; the archived
    Park, trusted, is not one) and the linked Sato (met). Its key results:
    known or trusted from 1 to 4 by 2027-01-31 (2 now: 1 of 3 done after 51 of 122
    days, at risk); introductions, 2 a month (1 this November, after 20 of 29 days:
    at risk); goal events attended, 1 (1 attended on 2026-11-05: achieved).
    """
    now = [SET]
    store = Store(target, clock=lambda: now[0])
    try:
        ids = {
            "tanaka": store.contacts.create(
                ContactDraft(
                    name="田中 優希",
                    reading="たなか ゆうき",
                    company="Acme 株式会社",
                    stage="known",
                    channel="study group",
                    tags=("fintech",),
                )
            ),
            "smith": store.contacts.create(
                ContactDraft(
                    name="Jane Smith",
                    company="Kestrel Capital",
                    stage="trusted",
                    channel="mixer",
                    tags=("fintech", "vc"),
                )
            ),
            "lee": store.contacts.create(
                ContactDraft(name="Lee Min", stage="acquainted", channel="SNS", tags=("fintech",))
            ),
            "sato": store.contacts.create(ContactDraft(name="Sato Ken", company="Globex")),
            "park": store.contacts.create(
                ContactDraft(name="Park Ji-woo", stage="trusted", tags=("fintech",))
            ),
        }
        store.contacts.archive(ids["park"])
        fintech = GoalDraft(
            title="Meet people in fintech",
            why="switch industry\nwithin a year",
            target_profile=TargetProfile(tags=("fintech",)),
            target_date=d("2027-01-31"),
            key_results=(
                KeyResult("known_or_trusted", 1, 4, by=d("2027-01-31")),
                KeyResult("introductions", 0, 2, period="month"),
                KeyResult("events_attended", 0, 1),
            ),
        )
        ids["fintech"] = store.goals.create(
            fintech, ["an investor in climate", "a hiring manager at a Tokyo fintech"]
        )
        ids["paused"] = store.goals.create(GoalDraft(title="Old idea", status="paused"))
        now[0] = dt.datetime(2026, 10, 15, 9, 0)
        ids["english"] = store.goals.create(GoalDraft(title="英語で話せる仲間を増やす"))
        store.goals.link(ids["fintech"], ids["sato"], "introducer")
        now[0] = dt.datetime(2026, 11, 1, 9, 0)
        investor, _hiring = store.goals.get(ids["fintech"]).slots
        store.goals.fill_slot(investor.id, ids["smith"])
        ids["night"] = store.events.create(
            "FinTech Night", dt.datetime(2026, 11, 5, 19, 0), kind="mixer", status="attended"
        )
        ids["demo_day"] = store.events.create(
            "Demo Day", dt.datetime(2026, 12, 1, 18, 0), kind="conference"
        )
        store.goals.link_event(ids["fintech"], ids["night"])
        store.goals.link_event(ids["fintech"], ids["demo_day"])
        now[0] = NOW
        ids["intro"] = store.ledger.add(
            ids["smith"], "take", "introduction", "met a fintech PM", 3, d("2026-11-10"),
            goal_id=ids["fintech"],
        )  # fmt: skip
    finally:
        store.close()
    return ids


@pytest.fixture
def seeded(cli_db: str) -> dict[str, int]:
    """The database of the engine under test holding seed_goals's records; the ids."""
    return seed_goals(cli_db)


def run_json(run: Run, *args: str) -> Any:
    result = run(*args)
    assert (result.code, result.err) == (0, ""), result
    return json.loads(result.out)


def fintech_summary(ids: dict[str, int], results: list[int]) -> dict[str, Any]:
    """The goal "Meet people in fintech" as `goals list --format json` prints it."""
    return {
        "id": ids["fintech"],
        "title": "Meet people in fintech",
        "why": "switch industry\nwithin a year",
        "status": "active",
        "pace": "at risk",
        "target_date": "2027-01-31",
        "created_on": "2026-10-01",
        "key_results": [
            {
                "id": results[0],
                "metric": "known_or_trusted",
                "label": "linked or matching contacts at stage known or trusted",
                "start": 1,
                "current": 2,
                "target": 4,
                "period": None,
                "by": "2027-01-31",
                "started_on": "2026-10-01",
                "pace": "at risk",
                "fraction": 0.3333,
            },
            {
                "id": results[1],
                "metric": "introductions",
                "label": "introductions received for the goal",
                "start": 0,
                "current": 1,
                "target": 2,
                "period": "month",
                "by": None,
                "started_on": "2026-10-01",
                "pace": "at risk",
                "fraction": 0.5,
            },
            {
                "id": results[2],
                "metric": "events_attended",
                "label": "goal events attended",
                "start": 0,
                "current": 1,
                "target": 1,
                "period": None,
                "by": None,
                "started_on": "2026-10-01",
                "pace": "achieved",
                "fraction": 1.0,
            },
        ],
        "slots": {"total": 2, "open": 1, "filled": 1},
        "linked": 2,
    }


def result_ids(target: str, goal_id: int) -> list[int]:
    query = (
        GoalKeyResult.select(GoalKeyResult.id)
        .where(GoalKeyResult.goal == goal_id)
        .order_by(GoalKeyResult.position)
    )
    return [rid for (rid,) in rows(target, query)]


# -- list -------------------------------------------------------------------------------


@pytest.mark.usefixtures("clocked")
def test_list_json_is_the_active_goals_with_their_key_results(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """`goals list --format json` holds the active goals, newest first, each with its ids,
    why, target date, key results computed from the records, slots and linked count."""
    data = run_json(run, "--db", cli_db, "goals", "list", "--format", "json")
    english = {
        "id": seeded["english"],
        "title": "英語で話せる仲間を増やす",
        "why": "",
        "status": "active",
        "pace": None,
        "target_date": None,
        "created_on": "2026-10-15",
        "key_results": [],
        "slots": {"total": 0, "open": 0, "filled": 0},
        "linked": 0,
    }
    results = result_ids(cli_db, seeded["fintech"])
    assert data == [english, fintech_summary(seeded, results)]


@pytest.mark.usefixtures("clocked")
def test_list_all_adds_the_closed_goals_after_the_active_ones(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """--all lists every goal: the active ones first, then the paused one."""
    data = run_json(run, "--db", cli_db, "goals", "list", "--all", "--format", "json")
    assert [(goal["id"], goal["status"]) for goal in data] == [
        (seeded["english"], "active"),
        (seeded["fintech"], "active"),
        (seeded["paused"], "paused"),
    ]


@pytest.mark.usefixtures("clocked")
def test_list_table_is_aligned_with_wide_characters_counted_twice(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """The table's columns line up under their headers, a Japanese title taking two columns
    a character, and the key results are the last column, unpadded."""
    result = run("--db", cli_db, "goals", "list", "--all")
    assert (result.code, result.err) == (0, "")
    english, fintech, paused = seeded["english"], seeded["fintech"], seeded["paused"]
    assert result.out.splitlines() == [
        "ID  TITLE                     STATUS  PACE     BY          OPEN SLOTS  LINKED  KEY RESULTS",
        f"#{english}  英語で話せる仲間を増やす  active  -        -           -           0       -",
        f"#{fintech}  Meet people in fintech    active  at risk  2027-01-31  1 of 2      2       "
        "known or trusted 2/4 · introductions 1/2 a month · events 1/1",
        f"#{paused}  Old idea                  paused  -        -           -           0       -",
    ]


def test_list_with_no_goals_says_so_on_stderr(run: Run, seeded_db: str) -> None:
    """No goals: the table prints nothing and says how to add one, exit 0; JSON is []."""
    result = run("--db", seeded_db, "goals", "list")
    assert (result.code, result.out) == (0, "")
    assert result.err == "netui: no active goals; `netui goals list --all` shows the others\n"
    everything = run("--db", seeded_db, "goals", "list", "--all")
    assert everything.err == "netui: no goals yet; `netui goals add TITLE` adds one\n"
    assert run_json(run, "--db", seeded_db, "goals", "list", "--format", "json") == []


# -- show -------------------------------------------------------------------------------


@pytest.mark.usefixtures("clocked")
def test_show_json_adds_profile_slots_people_candidates_events_and_channels(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """`goals show ID --format json` is the list's goal with each result's last 12 weeks,
    its profile, open and filled slots, members with their parts, candidates with their
    total, events, the ledger and the channels, all worked out by hand."""
    data = run_json(
        run, "--db", cli_db, "goals", "show", str(seeded["fintech"]), "--format", "json"
    )
    results = result_ids(cli_db, seeded["fintech"])
    expected = fintech_summary(seeded, results)
    # Weeks ending 2026-09-06 ... 2026-11-15 and today; before the goal was set, the start.
    histories = (
        [1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2],
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1],
    )
    for result, history in zip(expected["key_results"], histories, strict=True):
        result["history"] = history
    slots = GoalSlot.select(GoalSlot.id).where(GoalSlot.goal == seeded["fintech"])
    [(investor,), (hiring,)] = rows(cli_db, slots.order_by(GoalSlot.position))
    expected.update(
        {
            "target_profile": {
                "tags": ["fintech"],
                "words": [],
                "channel": "",
                "location": "",
                "min_stage": None,
            },
            "open_slots": [{"id": hiring, "description": "a hiring manager at a Tokyo fintech"}],
            "filled_slots": [
                {
                    "id": investor,
                    "description": "an investor in climate",
                    "contact_id": seeded["smith"],
                    "contact_name": "Jane Smith",
                    "filled_on": "2026-11-01",
                }
            ],
            "members": [
                {
                    "contact_id": seeded["smith"],
                    "name": "Jane Smith",
                    "company": "Kestrel Capital",
                    "stage": "trusted",
                    "role": "an investor in climate",
                    "linked_on": "2026-11-01",
                },
                {
                    "contact_id": seeded["sato"],
                    "name": "Sato Ken",
                    "company": "Globex",
                    "stage": "met",
                    "role": "introducer",
                    "linked_on": "2026-10-15",
                },
            ],
            "candidates": {
                "total": 2,
                "items": [
                    {
                        "contact_id": seeded["tanaka"],
                        "name": "田中 優希",
                        "company": "Acme 株式会社",
                        "role": "",
                        "stage": "known",
                    },
                    {
                        "contact_id": seeded["lee"],
                        "name": "Lee Min",
                        "company": "",
                        "role": "",
                        "stage": "acquainted",
                    },
                ],
            },
            "events": {
                "upcoming": [
                    {
                        "id": seeded["demo_day"],
                        "title": "Demo Day",
                        "starts_at": "2026-12-01T18:00:00",
                        "status": "planned",
                        "kind": "conference",
                    }
                ],
                "attended": [
                    {
                        "id": seeded["night"],
                        "title": "FinTech Night",
                        "starts_at": "2026-11-05T19:00:00",
                        "status": "attended",
                        "kind": "mixer",
                    }
                ],
            },
            "ledger": [
                {
                    "id": seeded["intro"],
                    "contact_id": seeded["smith"],
                    "name": "Jane Smith",
                    "direction": "take",
                    "kind": "introduction",
                    "description": "met a fintech PM",
                    "date": "2026-11-10",
                    "for_goal": True,
                }
            ],
            "channels": [
                {"channel": "mixer", "people": 1, "known_or_trusted": 1, "introductions": 1},
                {"channel": "study group", "people": 1, "known_or_trusted": 1, "introductions": 0},
                {"channel": "SNS", "people": 1, "known_or_trusted": 0, "introductions": 0},
                {"channel": "other", "people": 1, "known_or_trusted": 0, "introductions": 0},
            ],
        }
    )
    assert data == expected


@pytest.mark.usefixtures("clocked")
def test_show_markdown_is_the_goal_for_notes(run: Run, cli_db: str, seeded: dict[str, int]) -> None:
    """The Markdown has the title with its #ID, state, why, criteria, and a section for
    each part, contacts named with their @ID for capture."""
    result = run("--db", cli_db, "goals", "show", f"#{seeded['fintech']}")
    assert (result.code, result.err) == (0, ""), result
    s = seeded
    assert result.out == "\n".join(
        [
            f"# Meet people in fintech (#{s['fintech']})",
            "",
            "active · at risk · by Sun 2027-01-31 · set on 2026-10-01",
            "",
            "switch industry",
            "within a year",
            "",
            "Who: #fintech",
            "",
            "## Key results (3)",
            "",
            "- linked or matching contacts at stage known or trusted: 2 of 4 (33%) from 1,"
            " by Sun 2027-01-31: at risk",
            "- introductions received for the goal: 1 of 2 this month (50%): at risk",
            "- goal events attended: 1 of 1 (100%) from 0: achieved",
            "",
            "## Who I still need (1 open of 2)",
            "",
            f"- [x] an investor in climate: Jane Smith (@{s['smith']}), filled 2026-11-01",
            "- [ ] a hiring manager at a Tokyo fintech",
            "",
            "## People (2)",
            "",
            f"- Jane Smith (@{s['smith']}) · Kestrel Capital · trusted · an investor in climate",
            f"- Sato Ken (@{s['sato']}) · Globex · met · introducer",
            "",
            "## Candidates (2)",
            "",
            f"- 田中 優希 (@{s['tanaka']}) · Acme 株式会社 · known",
            f"- Lee Min (@{s['lee']}) · acquainted",
            "",
            "## Events",
            "",
            f"- upcoming: 2026-12-01 18:00 · Demo Day (#{s['demo_day']}, planned)",
            f"- attended: 2026-11-05 19:00 · FinTech Night (#{s['night']}, attended)",
            "",
            "## Ledger",
            "",
            "- 2026-11-10 · got introduction from Jane Smith: met a fintech PM (for this goal)",
            "",
            "## Channels",
            "",
            "- mixer: 1 person, 1 known or trusted, 1 introduction",
            "- study group: 1 person, 1 known or trusted, 0 introductions",
            "- SNS: 1 person, 0 known or trusted, 0 introductions",
            "- other: 1 person, 0 known or trusted, 0 introductions",
            "",
        ]
    )


@pytest.mark.usefixtures("clocked")
def test_show_an_empty_goal_says_what_it_lacks(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """A goal with nothing yet has one line for each empty part, not an empty heading."""
    result = run("--db", cli_db, "goals", "show", str(seeded["paused"]))
    assert result.code == 0, result
    assert result.out.splitlines()[:12] == [
        f"# Old idea (#{seeded['paused']})",
        "",
        "paused · set on 2026-10-01",
        "",
        "Who: no criteria yet, so no contact is a candidate.",
        "",
        "## Key results (0)",
        "",
        "No key results yet: progress is measured once the goal has one.",
        "",
        "## Who I still need",
        "",
    ]
    assert "No one linked yet." in result.out and "No events serve this goal yet." in result.out


@pytest.mark.usefixtures("clocked")
def test_show_takes_a_title_as_capture_takes_goal(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """A goal can be named by its title (folded: case and width do not matter) instead of its id."""
    by_title = run_json(run, "--db", cli_db, "goals", "show", "ＭＥＥＴ people", "--format", "json")
    assert by_title["id"] == seeded["fintech"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("99", "netui: goals show: no goal #99; `netui goals list --all` lists them", id="id"),
        pytest.param(
            "nobody",
            'netui: goals show: no goal is called "nobody"; `netui goals list --all` lists them',
            id="title",
        ),
    ],
)  # fmt: skip
def test_show_of_no_goal_is_one_line(
    run: Run, cli_db: str, seeded: dict[str, int], name: str, expected: str
) -> None:
    """An id or a title naming no goal is one line, exit 1."""
    assert one_error_line(run("--db", cli_db, "goals", "show", name)) == expected


def test_show_of_a_title_naming_several_goals_lists_them(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """A title several active goals start with lists them with their ids and says how to
    pick one; of an active and a paused goal, the active one is meant."""
    assert (
        run_json(run, "--db", cli_db, "goals", "show", "i", "--format", "json")["id"]
        == (seeded["fintech"])
    )
    store = Store(cli_db)
    try:
        other = store.goals.create(GoalDraft(title="Meet investors"))
    finally:
        store.close()
    line = one_error_line(run("--db", cli_db, "goals", "show", "meet"))
    assert line == (
        f'netui: goals show: "meet" names 2 goals (#{seeded["fintech"]} Meet people in fintech,'
        f" #{other} Meet investors); give its #ID"
    )


# -- reads write nothing ------------------------------------------------------------------

READS = (
    ["goals", "list"],
    ["goals", "list", "--all", "--format", "json"],
    ["goals", "show", "1"],
    ["goals", "show", "1", "--format", "json"],
    ["goals", "show", "99"],
)


@pytest.mark.parametrize("args", READS, ids=[" ".join(a[1:]) for a in READS])
def test_reads_leave_the_database_as_it_was(
    run: Run, cli_db: str, seeded: dict[str, int], args: list[str]
) -> None:
    """list and show (even of a goal that is not there) leave every row, and on SQLite the
    file's bytes, mtime and the names beside it, as they were."""
    before = footprint(cli_db)
    run("--db", cli_db, *args)
    assert footprint(cli_db) == before


@pytest.mark.parametrize("args", [["goals", "list"], ["goals", "show", "1"]], ids=["list", "show"])
def test_a_read_of_a_missing_database_creates_nothing(
    run: Run, tmp_path: Path, args: list[str]
) -> None:
    """A read on a mistyped --db is refused in one line and leaves no file or folder behind."""
    path = tmp_path / "typo" / "netui.db"
    assert "no netui database here" in one_error_line(run("--db", str(path), *args))
    assert not path.parent.exists()


# -- add -------------------------------------------------------------------------------


@pytest.mark.usefixtures("clocked")
def test_add_with_a_target_by_a_date_counts_its_start_from_the_records(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """--target N --by DATE makes a known-or-trusted key result starting from the goal's
    people at that stage now (the live #fintech contacts: Tanaka and Smith, 2), with the
    date on the result and the goal; --tags sets the profile's tags."""
    result = run(
        "--db", cli_db, "goals", "add", "Find 5 in fintech", "--why", "a new job",
        "--tags", "#FinTech, vc", "--target", "5", "--by", "2027-03-31",
    )  # fmt: skip
    assert (result.code, result.err) == (0, ""), result
    new = seeded["english"] + 1
    assert result.out.splitlines() == [
        f"added goal #{new}: Find 5 in fintech",
        "  key result: linked or matching contacts at stage known or trusted,"
        " from 2 to 5 by Wed 2027-03-31",
        "  #fintech #vc finds 3 contacts, 2 known or trusted",
    ]
    data = run_json(run, "--db", cli_db, "goals", "show", str(new), "--format", "json")
    assert (data["title"], data["why"], data["status"]) == (
        "Find 5 in fintech",
        "a new job",
        "active",
    )
    assert data["target_date"] == "2027-03-31"
    assert data["target_profile"]["tags"] == ["fintech", "vc"]
    [kr] = data["key_results"]
    assert {k: kr[k] for k in ("metric", "start", "current", "target", "period", "by")} == {
        "metric": "known_or_trusted",
        "start": 2,
        "current": 2,
        "target": 5,
        "period": None,
        "by": "2027-03-31",
    }
    assert (kr["started_on"], kr["pace"], kr["fraction"]) == ("2026-11-21", "on track", 0.0)
    assert data["candidates"]["total"] == 3


@pytest.mark.usefixtures("clocked")
def test_add_per_month_is_a_rate_from_nothing(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """--per month makes the result so many a month, counted afresh each month: its start is 0
    whatever the level now, and it has no date; a date phrase in --by is read forward."""
    result = run("--db", cli_db, "goals", "add", "Deepen fintech", "--tags", "fintech",
                 "--target", "1", "--per", "month")  # fmt: skip
    assert result.code == 0, result
    assert result.out.splitlines()[1] == (
        "  key result: linked or matching contacts at stage known or trusted, 1 a month"
    )
    goal = run_json(run, "--db", cli_db, "goals", "list", "--format", "json")[0]
    [kr] = goal["key_results"]
    assert (kr["start"], kr["target"], kr["period"], kr["by"], goal["target_date"]) == (
        0, 1, "month", None, None,
    )  # fmt: skip
    dated = run("--db", cli_db, "goals", "add", "Soon", "--by", "fri")
    assert dated.code == 0, dated
    assert run_json(run, "--db", cli_db, "goals", "list", "--format", "json")[0]["target_date"] == (
        "2026-11-27"
    )


def test_add_without_options_saves_the_title_alone_and_says_it_has_no_criteria(
    run: Run, cli_db: str
) -> None:
    """A title alone is a goal (on a new database, which is created and said); with no
    criteria nobody is a candidate, which is said, not refused."""
    result = run("--db", cli_db, "goals", "add", "Find a mentor")
    assert result.code == 0, result
    assert result.out == "added goal #1: Find a mentor\n"
    assert result.err.splitlines()[-1] == (
        "netui: goals add: warning: the target profile has no criteria,"
        " so no contact is a candidate"
    )
    assert [
        g["title"] for g in run_json(run, "--db", cli_db, "goals", "list", "--format", "json")
    ] == ["Find a mentor"]


@pytest.mark.usefixtures("clocked")
def test_add_with_a_past_date_warns_and_saves(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """A date already past is said once on stderr, and the goal is saved with it."""
    result = run("--db", cli_db, "goals", "add", "Late", "--tags", "fintech", "--target", "9",
                 "--by", "2026-01-05")  # fmt: skip
    assert result.code == 0, result
    assert (
        result.err == "netui: goals add: warning: the target date Mon 2026-01-05 is already past\n"
    )
    goal = run_json(run, "--db", cli_db, "goals", "list", "--format", "json")[0]
    assert (goal["title"], goal["target_date"], goal["key_results"][0]["pace"]) == (
        "Late", "2026-01-05", "overdue",
    )  # fmt: skip


@pytest.mark.usefixtures("clocked")
def test_add_with_tags_nobody_has_warns_and_saves(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """Criteria that match no contact are said on stderr, not refused."""
    result = run("--db", cli_db, "goals", "add", "Climbers", "--tags", "climbing")
    assert result.code == 0, result
    assert result.out == f"added goal #{seeded['english'] + 1}: Climbers\n"
    assert result.err == "netui: goals add: warning: no contact matches the target profile yet\n"


def test_add_shows_markup_in_a_title_literally(run: Run, cli_db: str) -> None:
    """A title that looks like markup is saved and printed as typed, and escaped in Markdown."""
    assert run("--db", cli_db, "goals", "add", HOSTILE).out == f"added goal #1: {HOSTILE}\n"
    table = run("--db", cli_db, "goals", "list").out
    assert table.splitlines()[1].startswith(f"#1  {HOSTILE}  active")
    markdown = run("--db", cli_db, "goals", "show", "1").out
    assert markdown.splitlines()[0] == r"# \[b\]x\[/\] \[@click=app.quit\] \*y\* (#1)"


def test_add_can_be_undone(run: Run, cli_db: str) -> None:
    """A goal added from the shell is one undoable command."""
    assert run("--db", cli_db, "goals", "add", "Try it").code == 0
    undone = run("--db", cli_db, "undo")
    assert (undone.code, undone.out) == (0, "undid: Added goal Try it\n")
    assert run_json(run, "--db", cli_db, "goals", "list", "--all", "--format", "json") == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["  "], "netui: goals add: title: a title is required", id="empty-title"),
        pytest.param(
            ["x", "--target", "0"],
            "netui goals add: argument --target: expected 1 or more, not 0"
            " (see netui goals add --help)",
            id="target-0",
        ),
        pytest.param(["x", "--target", "-3"], "argument --target: expected 1 or more, not -3", id="target-negative"),
        pytest.param(
            ["x", "--target", "2.5"], "argument --target: expected a whole number, not '2.5'", id="target-fraction"
        ),
        pytest.param(["x", "--target", "five"], "expected a whole number, not 'five'", id="target-word"),
        pytest.param(["x", "--by", "someday"], 'argument --by: date "someday": expected', id="by-unparsed"),
        pytest.param(["x", "--by", "2/30"], 'argument --by: date "2/30": no such day', id="by-no-day"),
        pytest.param(
            ["x", "--target", "3", "--by", "fri", "--per", "month"],
            "argument --per: not allowed with argument --by",
            id="by-and-per",
        ),
        pytest.param(["x", "--per", "month"], "netui: goals add: --per needs --target N (N a month)", id="per-alone"),
        pytest.param(["x", "--per", "year", "--target", "2"], "argument --per: invalid choice", id="per-year"),
        pytest.param(["x", "--tags", "ux, #UX"], "argument --tags: #ux is given twice", id="tag-twice"),
        pytest.param(["x", "--tags", "ux", "--tags", "ux"], "netui: goals add: tags: #ux is given twice", id="tags-twice"),
        pytest.param(
            ["x", "--tags", "fintech", "--target", "2"],
            "netui: goals add: --target 2 is not above the 2 contacts the goal already counts"
            " known or trusted; give more than 2",
            id="target-not-above-start",
        ),
        pytest.param(["x" * 501], "netui: goals add: title: is longer than 500 characters", id="long-title"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_saves_nothing(
    run: Run, cli_db: str, seeded: dict[str, int], args: list[str], expected: str
) -> None:
    """Each bad `goals add` prints one line saying what was wrong, exits 1 and writes nothing."""
    before = footprint(cli_db)
    result = run("--db", cli_db, "goals", "add", *args)
    line = one_error_line(result)
    assert line.startswith(expected) if expected.startswith("netui") else expected in line, line
    assert result.out == ""
    assert footprint(cli_db) == before


def test_a_refused_add_creates_no_database(run: Run, tmp_path: Path) -> None:
    """What can be refused without the database is refused before it is opened: no file is made."""
    path = tmp_path / "new.db"
    one_error_line(run("--db", str(path), "goals", "add", "", "--target", "3"))
    one_error_line(run("--db", str(path), "goals", "add", "x", "--per", "week"))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "config.toml") == []


def test_goals_without_a_command_is_a_usage_line(run: Run, cli_db: str) -> None:
    """`netui goals` alone names what is missing in one line, exit 1."""
    assert one_error_line(run("--db", cli_db, "goals")) == (
        "netui goals: the following arguments are required: COMMAND (see netui goals --help)"
    )


def test_goals_help_stays_light(tmp_path: Path) -> None:
    """`netui goals add --help` loads neither the Store, the engine nor Textual."""
    code = (
        "import sys\n"
        "from netui.cli import main\n"
        "main(['goals', 'add', '--help'])\n"
        "heavy = ('textual', 'rich', 'peewee', 'pykakasi', 'netui.app', 'netui.state', 'netui.data')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "[]"
    assert "--target N" in done.stdout
