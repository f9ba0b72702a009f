"""`netui review`: the weekly review from the shell, on a database seeded for one week.

The tests run on a database seeded for the week of Saturday 2026-11-21 and pass
--week, because the command line runs on the real clock; those that need that week
to be this week put the command's Store on its clock (`seeded_clock`). They run on each
engine (`cli_db`), but for the real processes and the README's examples, which run on a file.
The JSON and Markdown forms themselves are pinned in tests/unit/test_review_format.py.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Result, one_error_line, run_process, write_behind

from netui.data.models import Attendance, ContactGoal, EventGoal, Goal
from netui.domain.records import ContactDraft
from netui.domain.review import week_bounds
from netui.state import Store

Run = Callable[..., Result]

DESIGN_KEYS = {
    "week_start",
    "week_end",
    "overdue",
    "followups",
    "reciprocity",
    "new_contacts",
    "upcoming_events",
    "goals",
    "activity",
}
SECTIONS = ("overdue", "followups", "reciprocity", "new_contacts", "upcoming_events", "goals")
NOW = dt.datetime(2026, 11, 21, 10, 0)
WEEK = "2026-11-21"
HOSTILE = "*bold* [x](y)"


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# -- the command ----------------------------------------------------------------------------------


@pytest.fixture
def seeded_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's Store on the seeded week's clock, for tests of this week's review: a week
    already over (by the real clock, the seeded one) is reviewed as of its Sunday."""
    import netui.state

    real = netui.state.Store
    monkeypatch.setattr(netui.state, "Store", lambda *a, **k: real(*a, clock=lambda: NOW, **k))


def seed_week(target: Path | str) -> dict[str, int]:
    """One of everything in the week of 2026-11-21 written at `target`, closed; the ids."""
    store = Store(target, clock=lambda: NOW)
    try:
        ids = {
            "overdue": store.contacts.create(
                ContactDraft(
                    name=HOSTILE, company="Acme_Inc", stage="trusted", met_on=d("2026-10-01")
                )
            ),
            "jane": store.contacts.create(
                ContactDraft(name="Jane Smith", stage="trusted", met_on=d("2026-11-10"))
            ),
            "lee": store.contacts.create(ContactDraft(name="Lee Min")),
            "kim": store.contacts.create(
                ContactDraft(name="Kim Ara", company="Initech", met_on=d("2026-11-19"))
            ),
        }
        store.interactions.log(ids["jane"], dt.datetime(2026, 11, 18, 12, 0))
        ids["followup"] = store.followups.add(ids["jane"], d("2026-11-20"), "send the slides")
        store.ledger.add(ids["lee"], "take", "advice", "pricing", 3, d("2026-11-10"))
        ids["event"] = store.events.create(
            "Fintech Night", dt.datetime(2026, 11, 25, 19, 0), place="Shibuya"
        )
        with store.db.atomic():
            ids["goal"] = Goal.create(title="Investors", target_count=2).id
            ContactGoal.create(contact=ids["jane"], goal=ids["goal"])
            EventGoal.create(event=ids["event"], goal=ids["goal"])
            Attendance.create(
                contact=ids["jane"], event=ids["event"], known_before=True, status="expected"
            )
        store.review.complete(d("2026-11-21"), "good week")
    finally:
        store.close()
    return ids


@pytest.fixture
def seeded(cli_db: str) -> dict[str, int]:
    """The database of the engine under test, with one of everything in the week of
    2026-11-21 (seed_week); returns the ids."""
    return seed_week(cli_db)


@pytest.fixture
def seeded_file(db_path: Path) -> dict[str, int]:
    """A database file with one of everything in the week of 2026-11-21 (seed_week); the ids."""
    return seed_week(db_path)


def review_json(run: Run, db: str, *args: str) -> dict[str, Any]:
    result = run("--db", db, "review", "--format", "json", *args)
    assert (result.code, result.err) == (0, ""), result
    data: dict[str, Any] = json.loads(result.out)
    return data


@pytest.mark.usefixtures("seeded_clock")
def test_review_json_from_the_shell_has_every_section_with_ids(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """`netui review --format json` prints the week's review with the database's ids in every section."""
    data = review_json(run, cli_db, "--week", WEEK)

    assert set(data) >= DESIGN_KEYS
    assert (data["week_start"], data["week_end"]) == ("2026-11-16", "2026-11-22")
    ((overdue,), (followup,), (taker,), (new,), (event,), (goal,)) = (
        data[name]["items"] for name in SECTIONS
    )
    assert (overdue["contact_id"], overdue["name"], overdue["due"]) == (
        seeded["overdue"],
        HOSTILE,
        "2026-10-31",
    )
    assert (followup["followup_id"], followup["contact_id"]) == (seeded["followup"], seeded["jane"])
    assert (taker["contact_id"], taker["balance"]) == (seeded["lee"], -3)
    assert (new["contact_id"], new["company"]) == (seeded["kim"], "Initech")
    assert (event["event_id"], event["goals"], event["attendees"]) == (
        seeded["event"],
        ["Investors"],
        ["Jane Smith"],
    )
    assert (goal["goal_id"], goal["known_or_trusted"], goal["progress"]) == (seeded["goal"], 1, 0.5)
    assert data["activity"]["this_week"] == 1
    assert data["completed"]["notes"] == "good week"
    assert data["streak"] == 1


def test_review_markdown_from_the_shell_counts_and_escapes(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """The default Markdown has a heading with each count and the hostile name escaped, exit 0."""
    result = run("--db", cli_db, "review", "--week", WEEK)

    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert lines[0] == "# Weekly review 2026-11-16 to 2026-11-22"
    for heading in ("## Overdue (1)", "## Follow-ups due (1)", "## Goals (1)"):
        assert heading in lines
    assert any(line.startswith(r"- \*bold\* \[x\](y) (Acme\_Inc)") for line in lines)
    assert "Completed" in result.out and "good week" in result.out


def seed_goals(target: Path | str) -> dict[str, int]:
    """A goal with two key results and one set in July that stood still since, at `target`."""
    from netui.domain.goal_progress import KeyResult
    from netui.domain.goals import GoalDraft, TargetProfile

    store = Store(target, clock=lambda: NOW)
    try:
        fintech = store.goals.create(
            GoalDraft(
                "Fintech people",
                target_profile=TargetProfile(tags=("fintech",)),
                key_results=(
                    KeyResult("known_or_trusted", 1, 4, by=d("2027-03-31")),
                    KeyResult("new_matching", 0, 2, period="month"),
                ),
            )
        )
        store.contacts.create(ContactDraft(name="Ana", stage="known", tags=("fintech",)))
        quiet = store.goals.create(GoalDraft(HOSTILE, why="raise a [b]round[/b]"))
        with store.db.atomic():
            july = dt.datetime(2026, 7, 1, 9, 0)
            Goal.update(created_at=july, updated_at=july).where(Goal.id == quiet).execute()
    finally:
        store.close()
    return {"fintech": fintech, "quiet": quiet}


@pytest.mark.usefixtures("seeded_clock")
def test_review_json_has_each_goals_key_results_and_the_quarters_questions(
    run: Run, cli_db: str
) -> None:
    """Each goal lists its key results (metric, start, current, target, period, by, pace);
    goal_questions names the goal that stood still since July, its title as typed."""
    ids = seed_goals(cli_db)

    data = review_json(run, cli_db, "--week", WEEK)

    fintech, quiet = data["goals"]["items"]
    assert (fintech["goal_id"], fintech["candidates"], fintech["known_or_trusted"]) == (
        ids["fintech"],
        1,
        1,
    )
    assert [
        {key: result[key] for key in ("metric", "start", "current", "target", "period", "by")}
        for result in fintech["key_results"]
    ] == [
        {"metric": "known_or_trusted", "start": 1, "current": 1, "target": 4, "period": None,
         "by": "2027-03-31"},
        {"metric": "new_matching", "start": 0, "current": 0, "target": 2, "period": "month",
         "by": None},
    ]  # fmt: skip
    # Both set today: nothing is due yet, so both keep pace.
    assert [result["pace"] for result in fintech["key_results"]] == ["on track", "on track"]
    assert fintech["pace"] == "on track"
    assert (quiet["goal_id"], quiet["key_results"], quiet["pace"]) == (ids["quiet"], [], None)
    assert data["goal_questions"] == {
        "total": 1,
        "items": [
            {
                "goal_id": ids["quiet"],
                "title": HOSTILE,
                "why": "raise a [b]round[/b]",
                "created_on": "2026-07-01",
                "quiet_days": 90,
            }
        ],
    }


@pytest.mark.usefixtures("seeded_clock")
def test_review_markdown_asks_about_the_goal_that_stood_still(run: Run, cli_db: str) -> None:
    """The Markdown has the key results under their goal, and the question under its heading."""
    seed_goals(cli_db)

    result = run("--db", cli_db, "review", "--week", WEEK)

    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert "  - known or trusted: 1 of 4 by 2027-03-31, from 1 (0%), on track" in lines
    assert "## Still why you network? (1)" in lines
    assert any(line.startswith(r"- \*bold\* \[x\](y) (set 2026-07-01)") for line in lines)


def test_any_day_of_the_week_reviews_the_same_week(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """--week with the Monday, the Sunday or a date phrase for them all give the week of 11-16."""
    for week in ("2026-11-16", "2026-11-22", "2026/11/19", "2026年11月20日"):
        data = review_json(run, cli_db, "--week", week)
        assert (data["week_start"], data["week_end"]) == ("2026-11-16", "2026-11-22"), week


def test_week_phrases_count_from_today_and_the_default_is_this_week(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """No --week is this week; `last week`, `先週` and `2w ago` go back from the real today."""
    before = dt.date.today()
    default = review_json(run, cli_db)["week_start"]
    phrases = {
        phrase: review_json(run, cli_db, "--week", phrase)["week_start"]
        for phrase in ("this week", "last week", "先週", "2w ago", "14d ago", "yesterday")
    }
    after = dt.date.today()

    def monday(days_back: int) -> set[str]:
        # Either side of a midnight that may fall during the test.
        return {
            week_bounds(today - dt.timedelta(days=days_back))[0].isoformat()
            for today in (before, after)
        }

    assert default in monday(0)
    assert phrases["this week"] in monday(0)
    assert phrases["last week"] in monday(7) and phrases["先週"] in monday(7)
    assert phrases["2w ago"] in monday(14) and phrases["14d ago"] in monday(14)
    assert phrases["yesterday"] in monday(1)


def test_limit_cuts_items_but_not_totals(run: Run, cli_db: str) -> None:
    """--limit 2 lists two of five overdue contacts and still counts five."""
    store = Store(cli_db, clock=lambda: NOW)
    try:
        for n in range(5):
            store.contacts.create(
                ContactDraft(name=f"P{n}", stage="trusted", met_on=d("2026-09-01"))
            )
    finally:
        store.close()

    overdue = review_json(run, cli_db, "--week", WEEK, "--limit", "2")["overdue"]

    assert (overdue["total"], [i["name"] for i in overdue["items"]]) == (5, ["P0", "P1"])
    markdown = run("--db", cli_db, "review", "--week", WEEK, "--limit", "2").out
    assert "## Overdue (5)" in markdown and "- … and 3 more" in markdown


def test_an_empty_database_reviews_fine_with_exit_0(run: Run, cli_db: str) -> None:
    """A database with nothing in it prints every heading with (0) and its nothing line, exit 0."""
    Store(cli_db).close()

    result = run("--db", cli_db, "review", "--week", WEEK)

    assert (result.code, result.err) == (0, "")
    assert "## Overdue (0)\n\nNothing overdue." in result.out
    assert "Not completed yet; streak 0 weeks." in result.out
    assert review_json(run, cli_db, "--week", WEEK)["overdue"] == {"total": 0, "items": []}


def test_hostile_stored_text_is_inert_in_markdown_and_exact_in_json(
    run: Run, cli_db: str, seeded: dict[str, int]
) -> None:
    """Escape sequences, C1 and bidi controls stored behind the Store's back never reach the terminal."""
    hostile = "Evil\x1b[2J\x1b]0;owned\x07 \x9b31mName\u202e\nend"
    write_behind(cli_db, ("UPDATE contact SET name = ? WHERE id = ?", (hostile, seeded["overdue"])))

    markdown = run("--db", cli_db, "review", "--week", WEEK).out
    raw = run("--db", cli_db, "review", "--week", WEEK, "--format", "json").out

    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in markdown and bad not in raw
    assert r"- Evil\[2J\]0;owned 31mName end (Acme\_Inc)" in markdown
    assert json.loads(raw)["overdue"]["items"][0]["name"] == hostile


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("--week", "someday"), "argument --week"),
        (("--week", "2026-02-30"), "argument --week"),
        (("--format", "html"), "argument --format"),
        (("--limit", "0"), "argument --limit"),
    ],
    ids=["phrase", "no-such-day", "format", "limit"],
)
def test_bad_arguments_are_one_line_and_exit_1(
    run: Run, cli_db: str, seeded: dict[str, int], args: tuple[str, ...], names: str
) -> None:
    """An unparseable --week, an unknown --format or a bad --limit: one line naming it, exit 1, no output."""
    result = run("--db", cli_db, "review", *args)

    line = one_error_line(result)
    assert line.startswith("netui review: ") and names in line
    assert result.out == ""


def test_a_missing_database_is_one_line_and_not_created(run: Run, tmp_path: Path) -> None:
    """Reviewing a database that does not exist says so in one line and leaves no file behind (a
    file path's own case: netui never creates a server's database)."""
    missing = tmp_path / "nowhere.db"

    line = one_error_line(run("--db", str(missing), "review"))

    assert str(missing) in line and "no netui database" in line
    assert not missing.exists()


def test_review_runs_as_a_real_process(db_path: Path, seeded_file: dict[str, int]) -> None:
    """`python -m netui review` in a real process prints the JSON and the Markdown, exit 0 (on a
    file: the process is what is tested, alike on either engine)."""
    data = run_process("--db", str(db_path), "review", "--week", WEEK, "--format", "json")
    markdown = run_process("--db", str(db_path), "review", "--week", "2026-11-16")

    assert (data.code, data.err, markdown.code, markdown.err) == (0, "", 0, "")
    assert json.loads(data.out)["overdue"]["items"][0]["contact_id"] == seeded_file["overdue"]
    assert markdown.out.startswith("# Weekly review 2026-11-16 to 2026-11-22\n")


# -- the README ------------------------------------------------------------------------------------

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def test_readme_review_examples_run(
    tmp_path: Path, seeded_file: dict[str, int], db_path: Path
) -> None:
    """Every `netui review` example in the README's "Weekly review" section runs in bash, exit 0
    (on a file: the examples are what is tested, alike on either engine)."""
    blocks = re.findall(r"^```sh\n(.*?)^```$", readme_section("Weekly review"), re.M | re.S)
    script = "\n".join(textwrap.dedent(b) for b in blocks)
    assert script.count("netui review") == 3
    env = dict(os.environ, NETUI_DB=str(db_path), NETUI_PYTHON=sys.executable)

    done = subprocess.run(
        ["bash", "-c", 'set -euo pipefail\nnetui() { "$NETUI_PYTHON" -m netui "$@"; }\n' + script],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )

    assert (done.returncode, done.stderr) == (0, ""), done
    assert (tmp_path / "last-week.md").read_text(encoding="utf-8").startswith("# Weekly review")
    assert '"overdue"' in done.stdout


def test_readme_names_the_review_area_key_and_the_command() -> None:
    """The section names the area key 5, and the Command line block lists `netui review`."""
    assert "`5` opens the review area" in readme_section("Weekly review")
    assert (
        "netui [--db PATH] review [--week DATE] [--format markdown|json] [--limit N]"
        in readme_section("Command line")
    )
