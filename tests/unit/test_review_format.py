"""The weekly review's two text forms: JSON for scripts, Markdown for notes.

The tests build a WeeklyReview by hand, so they pin the output shape whatever
the Store computes; `netui review` itself is tested in tests/cli/test_review_cli.py.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import replace
from typing import Any

import pytest

from netui.domain.goal_progress import KeyResult
from netui.domain.goal_records import KeyResultProgress
from netui.domain.review import (
    Activity,
    FollowUpItem,
    GoalProgress,
    GoalQuestion,
    NewContactItem,
    OverdueItem,
    ReciprocityItem,
    ReviewRecord,
    Section,
    UpcomingEvent,
    WeeklyReview,
)
from netui.domain.review_format import md_escape, review_to_json, review_to_markdown

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
SECTIONS = (
    "overdue",
    "followups",
    "reciprocity",
    "new_contacts",
    "upcoming_events",
    "goals",
    "goal_questions",
)
NOW = dt.datetime(2026, 11, 21, 10, 0)
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
                    "Fintech *Nights*",
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

    assert set(data) == DESIGN_KEYS | {"reference", "completed", "streak", "goal_questions"}
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
            "series": "Fintech *Nights*",
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
                "key_results": [],
                "progress": 0.25,
                "pace": None,
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


def key_results() -> tuple[KeyResultProgress, ...]:
    """Two key results: 3 of 6 known or trusted from 2 by March (at risk), 2 of 2 a month."""
    by_march = KeyResult("known_or_trusted", 2, 6, by=d("2027-03-31"))
    monthly = KeyResult("new_matching", 0, 2, period="month")
    return (
        KeyResultProgress(11, by_march, d("2026-10-01"), 3, 0.25, "at risk"),
        KeyResultProgress(12, monthly, d("2026-10-01"), 2, 1.0, "achieved"),
    )


def goal_with_key_results(title: str = "Investors") -> GoalProgress:
    return GoalProgress(2, title, 3, 5, 1, 2, None, None, key_results())


def test_json_goal_carries_its_key_results_their_pace_and_its_worst_pace() -> None:
    """Each key result: metric, start, current, target, period, by, pace, fraction; the goal's
    progress is their fractions' mean and its pace the worst of theirs."""
    data = review_to_json(sample(goals=(goal_with_key_results(),)))

    (goal,) = data["goals"]["items"]
    assert goal["key_results"] == [
        {
            "metric": "known_or_trusted",
            "start": 2,
            "current": 3,
            "target": 6,
            "period": None,
            "by": "2027-03-31",
            "pace": "at risk",
            "fraction": 0.25,
        },
        {
            "metric": "new_matching",
            "start": 0,
            "current": 2,
            "target": 2,
            "period": "month",
            "by": None,
            "pace": "achieved",
            "fraction": 1.0,
        },
    ]
    assert (goal["progress"], goal["pace"]) == (0.625, "at risk")
    assert json.loads(json.dumps(data)) == data


def test_json_goal_questions_list_the_quiet_goals() -> None:
    """A goal asked about: its id, title and why as typed, the day it was set, the quiet days."""
    question = GoalQuestion(5, HOSTILE, "raise [b]a round[/b]", d("2026-05-01"), 90)
    data = review_to_json(sample(goal_questions=(question,)))

    assert data["goal_questions"] == {
        "total": 1,
        "items": [
            {
                "goal_id": 5,
                "title": HOSTILE,
                "why": "raise [b]a round[/b]",
                "created_on": "2026-05-01",
                "quiet_days": 90,
            }
        ],
    }


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
        "- 2026-11-25 19:00 · Fintech Night @ Shibuya (registered) · series: Fintech \\*Nights\\*"
        " · intent: meet founders · for: Investors · known going: Jane Smith, Lee Min"
        " · expect a pitch"
    ) in lines
    assert (
        "- Investors: 1 of 4 known or trusted (25%) by 2027-03-31 · 3 linked, 5 candidates"
        " · 2 events attended in 30 days"
    ) in lines
    assert (
        "6 interactions in the week; 4.5 a week over the previous 8 (1, 2, 3, 4, 5, 6, 7, 8)."
        " By kind: meeting 4, call 2."
    ) in lines


def test_an_event_of_no_series_says_none_in_markdown_and_an_empty_series_in_json() -> None:
    """Without a series the Markdown line has no "series:" part and the JSON item's series is ""."""
    [event] = sample().upcoming_events.items
    review = sample(upcoming_events=Section((replace(event, series=""),), 1))

    [line] = [line for line in review_to_markdown(review).splitlines() if "Fintech Night" in line]
    assert "series:" not in line and line.startswith("- 2026-11-25 19:00 · Fintech Night @")
    assert review_to_json(review)["upcoming_events"]["items"][0]["series"] == ""


def test_markdown_goal_with_key_results_lists_each_with_its_pace() -> None:
    """A goal with key results: its counts, then a bullet per result with its value, share and pace."""
    lines = review_to_markdown(sample(goals=(goal_with_key_results(HOSTILE),))).splitlines()

    at = lines.index(
        r"- \*bold\* \[x\](y) · 3 linked, 5 candidates · 1 known or trusted"
        " · 2 events attended in 30 days"
    )
    assert lines[at + 1 : at + 3] == [
        "  - known or trusted: 3 of 6 by 2027-03-31, from 2 (25%), at risk",
        "  - new matching people: 2 of 2 this month (100%), achieved",
    ]


def test_markdown_asks_about_each_quiet_goal_under_its_own_heading() -> None:
    """The quarter's question has a heading after the goals, one bullet per goal, title escaped."""
    question = GoalQuestion(5, HOSTILE, "", d("2026-05-01"), 90)
    lines = review_to_markdown(sample(goal_questions=(question,))).splitlines()

    heading = lines.index("## Still why you network? (1)")
    assert lines[heading - 2].startswith("- Investors: ")  # right after the goals
    assert lines[heading + 2] == (
        r"- \*bold\* \[x\](y) (set 2026-05-01): no progress in 90 days. Still why you network?"
        " Pause, drop or keep it in the review area (5)."
    )


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
    assert "Still why you network?" not in text  # asked only when a goal stood still
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


def test_a_past_week_says_as_of_when_and_that_no_event_is_left_in_it() -> None:
    """A past week's Markdown names the day it stood on; its empty events section says "that week"."""
    review = sample(reference=d("2026-11-22"), past=True, upcoming_events=Section((), 0))
    text = review_to_markdown(review)
    assert "Week 47 of 2026, as it stood on 2026-11-22." in text
    assert "## Upcoming events (0)\n\nNo events left that week." in text
    assert "Nothing in the next" not in text
