"""`netui review` and the review's two text forms: JSON for scripts, Markdown for notes.

The format tests build a WeeklyReview by hand, so they pin the output shape whatever
the Store computes; the command tests run on a database seeded for the week of
Saturday 2026-11-21 and pass --week, because the command line runs on the real clock.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Result, one_error_line, run_process

from netui.data.models import Attendance, ContactGoal, EventGoal, Goal
from netui.domain.records import ContactDraft
from netui.domain.review import (
    Activity,
    FollowUpItem,
    GoalProgress,
    NewContactItem,
    OverdueItem,
    ReciprocityItem,
    ReviewRecord,
    Section,
    UpcomingEvent,
    WeeklyReview,
    week_bounds,
)
from netui.domain.review_format import md_escape, review_to_json, review_to_markdown
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


def sample(**changes: Any) -> WeeklyReview:
    """A review with one item in every section (and more counted than listed in overdue)."""
    fields: dict[str, Any] = {
        "reference": d("2026-11-21"),
        "week_start": d("2026-11-16"),
        "week_end": d("2026-11-22"),
        "overdue": Section(
            (OverdueItem(7, HOSTILE, "Acme_Inc", "trusted", None, d("2026-11-10"), 11),), 14
        ),
        "followups": Section(
            (FollowUpItem(3, 8, "Jane Smith", "send the slides", d("2026-11-22"), True, -1),), 1
        ),
        "reciprocity": Section(
            (ReciprocityItem(9, "Lee Min", -4, d("2026-09-01"), None, "balance"),), 1
        ),
        "new_contacts": Section(
            (NewContactItem(10, "Kim Ara", "Initech", d("2026-11-19"), "mixer", "JS Meetup"),), 1
        ),
        "upcoming_events": Section(
            (
                UpcomingEvent(
                    4,
                    "Fintech Night",
                    dt.datetime(2026, 11, 25, 19, 0),
                    "Shibuya",
                    "registered",
                    "meet founders",
                    ("Investors",),
                    ("Jane Smith", "Lee Min"),
                    True,
                ),
            ),
            1,
        ),
        "goals": (GoalProgress(2, "Investors", 3, 5, 1, 2, 4, d("2027-03-31")),),
        "activity": Activity(6, (1, 2, 3, 4, 5, 6, 7, 8), (("meeting", 4), ("call", 2))),
        "completed": ReviewRecord(d("2026-11-16"), NOW, "good week\n*two* founders"),
        "streak": 3,
        "recent_reviews": (),
    }
    fields.update(changes)
    return WeeklyReview(**fields)


def empty() -> WeeklyReview:
    """A review with nothing in it and not completed."""
    nothing: Section[Any] = Section((), 0)
    return sample(
        overdue=nothing,
        followups=nothing,
        reciprocity=nothing,
        new_contacts=nothing,
        upcoming_events=nothing,
        goals=(),
        activity=Activity(0, (0,) * 8, ()),
        completed=None,
        streak=0,
    )


# -- JSON -----------------------------------------------------------------------------------------


def test_json_has_the_design_keys_and_a_total_and_items_per_section() -> None:
    """The top level holds DESIGN.md's keys plus reference, completed and streak; sections are {total, items}."""
    data = review_to_json(sample())

    assert set(data) == DESIGN_KEYS | {"reference", "completed", "streak"}
    for name in SECTIONS:
        assert set(data[name]) == {"total", "items"}, name
    assert (data["week_start"], data["week_end"], data["reference"]) == (
        "2026-11-16",
        "2026-11-22",
        "2026-11-21",
    )
    assert (data["overdue"]["total"], len(data["overdue"]["items"])) == (14, 1)


def test_json_items_carry_their_ids_and_the_fields_shown_with_iso_dates() -> None:
    """Each item type's exact keys and values: ids, names as typed, ISO dates, null for no date."""
    data = review_to_json(sample())

    assert data["overdue"]["items"] == [
        {
            "contact_id": 7,
            "name": HOSTILE,  # JSON keeps names exactly as typed: escaping is Markdown's job
            "company": "Acme_Inc",
            "stage": "trusted",
            "last_contact": None,
            "due": "2026-11-10",
            "days_overdue": 11,
        }
    ]
    assert data["followups"]["items"] == [
        {
            "followup_id": 3,
            "contact_id": 8,
            "name": "Jane Smith",
            "what": "send the slides",
            "due": "2026-11-22",
            "snoozed": True,
            "days_overdue": -1,
        }
    ]
    assert data["reciprocity"]["items"] == [
        {
            "contact_id": 9,
            "name": "Lee Min",
            "balance": -4,
            "last_take": "2026-09-01",
            "last_give": None,
            "reason": "balance",
        }
    ]
    assert data["new_contacts"]["items"] == [
        {
            "contact_id": 10,
            "name": "Kim Ara",
            "company": "Initech",
            "met_on": "2026-11-19",
            "channel": "mixer",
            "event": "JS Meetup",
        }
    ]
    assert data["upcoming_events"]["items"] == [
        {
            "event_id": 4,
            "title": "Fintech Night",
            "starts_at": "2026-11-25T19:00:00",
            "place": "Shibuya",
            "status": "registered",
            "intent": "meet founders",
            "goals": ["Investors"],
            "attendees": ["Jane Smith", "Lee Min"],
            "solicitation": True,
        }
    ]


def test_json_goals_activity_and_completion() -> None:
    """Goals carry their counts and progress, activity its weeks and kinds, completion its record."""
    data = review_to_json(sample())

    assert data["goals"] == {
        "total": 1,
        "items": [
            {
                "goal_id": 2,
                "title": "Investors",
                "linked": 3,
                "candidates": 5,
                "known_or_trusted": 1,
                "events_attended": 2,
                "target_count": 4,
                "target_date": "2027-03-31",
                "progress": 0.25,
            }
        ],
    }
    assert data["activity"] == {
        "this_week": 6,
        "previous_weeks": [1, 2, 3, 4, 5, 6, 7, 8],
        "previous_average": 4.5,
        "by_kind": [{"kind": "meeting", "count": 4}, {"kind": "call", "count": 2}],
    }
    assert data["completed"] == {
        "week_start": "2026-11-16",
        "completed_at": "2026-11-21T10:00:00",
        "notes": "good week\n*two* founders",
    }
    assert data["streak"] == 3


def test_json_of_an_empty_review_is_zero_totals_and_null_completion() -> None:
    """Nothing to review still gives every key: zero totals, empty lists, completed null."""
    data = review_to_json(empty())

    assert all(data[name] == {"total": 0, "items": []} for name in SECTIONS)
    assert (data["completed"], data["streak"]) == (None, 0)
    assert json.loads(json.dumps(data)) == data  # plain JSON values only


# -- Markdown --------------------------------------------------------------------------------------


def test_markdown_has_a_title_with_the_week_and_a_heading_with_each_count() -> None:
    """The title names the week; each section heading carries its total, more than listed said so."""
    text = review_to_markdown(sample())
    lines = text.splitlines()

    assert lines[0] == "# Weekly review 2026-11-16 to 2026-11-22"
    assert "Week 47 of 2026." in lines
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == [
        "## Overdue (14)",
        "## Follow-ups due (1)",
        "## Reciprocity (1)",
        "## New contacts without a follow-up (1)",
        "## Upcoming events (1)",
        "## Goals (1)",
        "## Activity",
        "## Review",
    ]
    assert "- … and 13 more" in lines
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_markdown_items_read_as_sentences() -> None:
    """Each bullet says what matters: how late, what is due, the balance, where met, the plan, progress."""
    lines = review_to_markdown(sample()).splitlines()

    assert (
        r"- \*bold\* \[x\](y) (Acme\_Inc) · trusted · due 2026-11-10 (11 days overdue)"
        " · last contact never"
    ) in lines
    assert "- 2026-11-22 · Jane Smith: send the slides (due in 1 day, snoozed)" in lines
    assert (
        "- Lee Min: balance -4, took more than gave · last got 2026-09-01, last gave never"
    ) in lines
    assert "- Kim Ara (Initech) · met 2026-11-19 at JS Meetup (mixer)" in lines
    assert (
        "- 2026-11-25 19:00 · Fintech Night @ Shibuya (registered) · intent: meet founders"
        " · for: Investors · known going: Jane Smith, Lee Min · expect a pitch"
    ) in lines
    assert (
        "- Investors: 1 of 4 known or trusted (25%) by 2027-03-31 · 3 linked, 5 candidates"
        " · 2 events attended in 30 days"
    ) in lines
    assert (
        "6 interactions in the week; 4.5 a week over the previous 8 (1, 2, 3, 4, 5, 6, 7, 8)."
        " By kind: meeting 4, call 2."
    ) in lines


def test_markdown_completion_shows_streak_and_notes_as_a_quote() -> None:
    """A completed review shows when, the streak and each line of its notes, escaped, as a quote."""
    lines = review_to_markdown(sample()).splitlines()

    assert "Completed 2026-11-21 10:00; streak 3 weeks." in lines
    assert lines[-2:] == ["> good week", r"> \*two\* founders"]


def test_markdown_of_an_empty_review_says_nothing_for_each_section() -> None:
    """Every empty section keeps its heading with (0) and one "nothing" line instead of bullets."""
    text = review_to_markdown(empty())

    for heading, nothing in (
        ("## Overdue (0)", "Nothing overdue."),
        ("## Follow-ups due (0)", "Nothing due."),
        ("## Reciprocity (0)", "Nothing to return."),
        ("## New contacts without a follow-up (0)", "Nothing new to follow up."),
        ("## Upcoming events (0)", "Nothing in the next 14 days."),
        ("## Goals (0)", "No active goals."),
    ):
        assert f"{heading}\n\n{nothing}\n" in text
    assert "\n- " not in text
    assert "Not completed yet; streak 0 weeks." in text
    assert "0 interactions in the week; 0.0 a week over the previous 8" in text


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("*bold*", r"\*bold\*"),
        ("[x](y)", r"\[x\](y)"),
        ("snake_case", r"snake\_case"),
        ("`code`", r"\`code\`"),
        ("<b>hi</b>", r"\<b\>hi\</b\>"),
        ("a & b", r"a \& b"),
        ("~~gone~~", r"\~\~gone\~\~"),
        ("a|b", r"a\|b"),
        ("back\\slash", r"back\\slash"),
        ("# Heading", r"\# Heading"),
        ("> quote", r"\> quote"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("1. First", r"1\. First"),
        ("2) Second", r"2\) Second"),
        ("line\nbreak\r\ttab", "line break  tab"),
        ("bell\x07 esc\x1b[2J", r"bell esc\[2J"),
        ("田中 優希", "田中 優希"),
    ],
)
def test_md_escape_makes_user_text_literal_on_one_line(typed: str, escaped: str) -> None:
    """Markdown-significant characters are backslash-escaped, breaks become spaces, controls go."""
    assert md_escape(typed) == escaped


NASTY_NAMES = (
    "*bold*",
    "[x](y)",
    "_under_",
    "`tick`",
    "<b>tag</b>",
    "# Heading",
    "1. First",
    "- dash",
    "> quote",
    "---",
    "&amp;",
    "![img](z)",
    "trailing\\",
)


def test_markdown_renders_every_nasty_name_as_literal_text() -> None:
    """Rendered by a CommonMark parser, each name is one list item's plain text: no emphasis, link, code or block."""
    markdown_it = pytest.importorskip("markdown_it")
    items = tuple(
        NewContactItem(n, name, "", d("2026-11-19"), "mixer", "")
        for n, name in enumerate(NASTY_NAMES)
    )
    text = review_to_markdown(replace(empty(), new_contacts=Section(items, len(items))))

    rendered = markdown_it.MarkdownIt("commonmark").render(text)

    section = rendered.split("<h2>New contacts without a follow-up (13)</h2>")[1].split("<h2>")[0]
    bullets = re.findall(r"<li>(.*?)</li>", section, re.S)
    assert [html.unescape(b) for b in bullets] == [
        f"{name} · met 2026-11-19 (mixer)" for name in NASTY_NAMES
    ]
    for tag in ("<em>", "<strong>", "<a ", "<code>", "<img", "<h1>Heading", "<blockquote>", "<ol"):
        assert tag not in section, tag


# -- the command ----------------------------------------------------------------------------------


@pytest.fixture
def seeded(db_path: Path) -> dict[str, int]:
    """A database with one of everything in the week of 2026-11-21, closed; returns the ids."""
    store = Store(db_path, clock=lambda: NOW)
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
            Attendance.create(contact=ids["jane"], event=ids["event"])
        store.review.complete(d("2026-11-21"), "good week")
    finally:
        store.close()
    return ids


def review_json(run: Run, db: Path, *args: str) -> dict[str, Any]:
    result = run("--db", str(db), "review", "--format", "json", *args)
    assert (result.code, result.err) == (0, ""), result
    data: dict[str, Any] = json.loads(result.out)
    return data


def test_review_json_from_the_shell_has_every_section_with_ids(
    run: Run, db_path: Path, seeded: dict[str, int]
) -> None:
    """`netui review --format json` prints the week's review with the database's ids in every section."""
    data = review_json(run, db_path, "--week", WEEK)

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
    run: Run, db_path: Path, seeded: dict[str, int]
) -> None:
    """The default Markdown has a heading with each count and the hostile name escaped, exit 0."""
    result = run("--db", str(db_path), "review", "--week", WEEK)

    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert lines[0] == "# Weekly review 2026-11-16 to 2026-11-22"
    for heading in ("## Overdue (1)", "## Follow-ups due (1)", "## Goals (1)"):
        assert heading in lines
    assert any(line.startswith(r"- \*bold\* \[x\](y) (Acme\_Inc)") for line in lines)
    assert "Completed" in result.out and "good week" in result.out


def test_any_day_of_the_week_reviews_the_same_week(
    run: Run, db_path: Path, seeded: dict[str, int]
) -> None:
    """--week with the Monday, the Sunday or a date phrase for them all give the week of 11-16."""
    for week in ("2026-11-16", "2026-11-22", "2026/11/19", "2026年11月20日"):
        data = review_json(run, db_path, "--week", week)
        assert (data["week_start"], data["week_end"]) == ("2026-11-16", "2026-11-22"), week


def test_week_phrases_count_from_today_and_the_default_is_this_week(
    run: Run, db_path: Path, seeded: dict[str, int]
) -> None:
    """No --week is this week; `last week`, `先週` and `2w ago` go back from the real today."""
    before = dt.date.today()
    default = review_json(run, db_path)["week_start"]
    phrases = {
        phrase: review_json(run, db_path, "--week", phrase)["week_start"]
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


def test_limit_cuts_items_but_not_totals(run: Run, db_path: Path) -> None:
    """--limit 2 lists two of five overdue contacts and still counts five."""
    store = Store(db_path, clock=lambda: NOW)
    try:
        for n in range(5):
            store.contacts.create(
                ContactDraft(name=f"P{n}", stage="trusted", met_on=d("2026-09-01"))
            )
    finally:
        store.close()

    overdue = review_json(run, db_path, "--week", WEEK, "--limit", "2")["overdue"]

    assert (overdue["total"], [i["name"] for i in overdue["items"]]) == (5, ["P0", "P1"])
    markdown = run("--db", str(db_path), "review", "--week", WEEK, "--limit", "2").out
    assert "## Overdue (5)" in markdown and "- … and 3 more" in markdown


def test_an_empty_database_reviews_fine_with_exit_0(run: Run, db_path: Path) -> None:
    """A database with nothing in it prints every heading with (0) and its nothing line, exit 0."""
    Store(db_path).close()

    result = run("--db", str(db_path), "review", "--week", WEEK)

    assert (result.code, result.err) == (0, "")
    assert "## Overdue (0)\n\nNothing overdue." in result.out
    assert "Not completed yet; streak 0 weeks." in result.out
    assert review_json(run, db_path, "--week", WEEK)["overdue"] == {"total": 0, "items": []}


def test_hostile_stored_text_is_inert_in_markdown_and_exact_in_json(
    run: Run, db_path: Path, seeded: dict[str, int]
) -> None:
    """Escape sequences, C1 and bidi controls stored behind the Store's back never reach the terminal."""
    hostile = "Evil\x1b[2J\x1b]0;owned\x07 \x9b31mName\u202e\nend"
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE contact SET name = ? WHERE id = ?", (hostile, seeded["overdue"]))
    conn.close()

    markdown = run("--db", str(db_path), "review", "--week", WEEK).out
    raw = run("--db", str(db_path), "review", "--week", WEEK, "--format", "json").out

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
    run: Run, db_path: Path, seeded: dict[str, int], args: tuple[str, ...], names: str
) -> None:
    """An unparseable --week, an unknown --format or a bad --limit: one line naming it, exit 1, no output."""
    result = run("--db", str(db_path), "review", *args)

    line = one_error_line(result)
    assert line.startswith("netui review: ") and names in line
    assert result.out == ""


def test_a_missing_database_is_one_line_and_not_created(run: Run, tmp_path: Path) -> None:
    """Reviewing a database that does not exist says so in one line and leaves no file behind."""
    missing = tmp_path / "nowhere.db"

    line = one_error_line(run("--db", str(missing), "review"))

    assert str(missing) in line and "no netui database" in line
    assert not missing.exists()


def test_review_runs_as_a_real_process(db_path: Path, seeded: dict[str, int]) -> None:
    """`python -m netui review` in a real process prints the JSON and the Markdown, exit 0."""
    data = run_process("--db", str(db_path), "review", "--week", WEEK, "--format", "json")
    markdown = run_process("--db", str(db_path), "review", "--week", "2026-11-16")

    assert (data.code, data.err, markdown.code, markdown.err) == (0, "", 0, "")
    assert json.loads(data.out)["overdue"]["items"][0]["contact_id"] == seeded["overdue"]
    assert markdown.out.startswith("# Weekly review 2026-11-16 to 2026-11-22\n")


# -- the README ------------------------------------------------------------------------------------

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def test_readme_review_examples_run(tmp_path: Path, seeded: dict[str, int], db_path: Path) -> None:
    """Every `netui review` example in the README's "Weekly review" section runs in bash, exit 0."""
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
