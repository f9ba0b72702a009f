"""The weekly review as data and as text: a JSON-ready dict and Markdown for pasting into notes.

JSON shape (``review_to_json``), stable for scripts:

- ``week_start``, ``week_end``, ``reference``: ISO dates (the reference is
  the day the review was asked for; "days overdue" and the 14-day windows
  count from it).
- ``overdue``, ``followups``, ``reciprocity``, ``new_contacts``,
  ``upcoming_events``, ``goals``: each ``{"total": N, "items": [...]}``, where
  ``items`` holds at most the requested limit and ``total`` counts them all.
  Items carry their ids (``contact_id``, ``followup_id``, ``event_id``,
  ``goal_id``) and every field shown on screen; dates are ISO
  (``2026-11-21``), times ISO without a zone (``2026-11-21T19:00:00``: local
  wall-clock, as stored), a missing date is ``null``.
- ``activity``: ``this_week``, ``previous_weeks`` (oldest first),
  ``previous_average`` and ``by_kind`` (``[{"kind": ..., "count": ...}]``,
  most first).
- ``completed``: ``null``, or ``{"week_start", "completed_at", "notes"}``;
  ``streak``: consecutive completed weeks.

Pure: no Peewee, no Textual, so the app, the command line and tests share it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import fields, is_dataclass
from typing import Any

from netui.domain.review import (
    GOAL_EVENT_DAYS,
    UPCOMING_DAYS,
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
)
from netui.domain.words import lateness, plural

__all__ = ["md_escape", "review_to_json", "review_to_markdown"]

# -- JSON ---------------------------------------------------------------------------


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime):  # before date: a datetime is a date too
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    return value


def _item(record: Any) -> dict[str, Any]:
    """A record's fields as JSON values, in declaration order."""
    assert is_dataclass(record)
    return {f.name: _value(getattr(record, f.name)) for f in fields(record)}


def _section(section: Section[Any]) -> dict[str, Any]:
    return {"total": section.total, "items": [_item(item) for item in section.items]}


def _goal(goal: GoalProgress) -> dict[str, Any]:
    return {**_item(goal), "progress": goal.progress}


def _activity(activity: Activity) -> dict[str, Any]:
    return {
        "this_week": activity.this_week,
        "previous_weeks": list(activity.previous_weeks),
        "previous_average": activity.previous_average,
        "by_kind": [{"kind": kind, "count": count} for kind, count in activity.by_kind],
    }


def _record(record: ReviewRecord | None) -> dict[str, Any] | None:
    return None if record is None else _item(record)


def review_to_json(review: WeeklyReview) -> dict[str, Any]:
    """The review as plain JSON values (see the module docstring for the shape)."""
    return {
        "week_start": review.week_start.isoformat(),
        "week_end": review.week_end.isoformat(),
        "reference": review.reference.isoformat(),
        "overdue": _section(review.overdue),
        "followups": _section(review.followups),
        "reciprocity": _section(review.reciprocity),
        "new_contacts": _section(review.new_contacts),
        "upcoming_events": _section(review.upcoming_events),
        # Goals are all listed (there are few); the same shape keeps scripts simple.
        "goals": {"total": len(review.goals), "items": [_goal(g) for g in review.goals]},
        "activity": _activity(review.activity),
        "completed": _record(review.completed),
        "streak": review.streak,
    }


# -- Markdown -------------------------------------------------------------------------

# Characters with a meaning anywhere in a line (emphasis, links, code, HTML,
# entities, GFM tables and strikethrough); CommonMark lets any ASCII
# punctuation be escaped with a backslash.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# At the start of a line (or right after a bullet) these would make a heading,
# a quote, a nested list or a rule: `# x`, `> x`, `- x`, `+ x`, `= x`, `1. x`, `1) x`.
_LEADING = re.compile(r"^([#>+=-]|\d+(?=[.)]))")
_BREAKS = "\t\n\r\v\f\x85\u2028\u2029"


def md_escape(text: str) -> str:
    """User text made literal in Markdown, on one line.

    Line breaks become spaces (a name or a note cannot start a new block),
    control characters are dropped, and the Markdown-significant characters
    are backslash-escaped, so `*bold*` and `[x](y)` print as typed.
    """
    flat = "".join(
        " " if ch in _BREAKS else ch
        for ch in text
        if ch in _BREAKS or unicodedata.category(ch) != "Cc"
    ).strip()
    flat = _INLINE.sub(r"\\\1", flat)
    match = _LEADING.match(flat)
    if match:
        if match.group(1)[0].isdigit():
            end = match.end()
            flat = f"{flat[:end]}\\{flat[end:]}"  # `1\.` stays a number, not a list
        else:
            flat = "\\" + flat
    return flat


def _day(value: dt.date | None, missing: str = "never") -> str:
    return value.isoformat() if value else missing


def _who(name: str, company: str = "") -> str:
    return md_escape(name) + (f" ({md_escape(company)})" if company else "")


def _overdue(item: OverdueItem) -> str:
    return (
        f"{_who(item.name, item.company)} · {item.stage} · due {item.due.isoformat()}"
        f" ({lateness(item.days_overdue)}) · last contact {_day(item.last_contact)}"
    )


def _followup(item: FollowUpItem) -> str:
    snoozed = ", snoozed" if item.snoozed else ""
    return (
        f"{item.due.isoformat()} · {md_escape(item.name)}: {md_escape(item.what)}"
        f" ({lateness(item.days_overdue)}{snoozed})"
    )


def _signed(number: int) -> str:
    return f"+{number}" if number > 0 else str(number)


def _reciprocity(item: ReciprocityItem) -> str:
    why = (
        "took more than gave"
        if item.reason == "balance"
        else "nothing given since the last thing received"
    )
    return (
        f"{md_escape(item.name)}: balance {_signed(item.balance)}, {why}"
        f" · last got {_day(item.last_take)}, last gave {_day(item.last_give)}"
    )


def _new_contact(item: NewContactItem) -> str:
    where = f" at {md_escape(item.event)}" if item.event else ""
    return (
        f"{_who(item.name, item.company)} · met {item.met_on.isoformat()}{where} ({item.channel})"
    )


def _event(item: UpcomingEvent) -> str:
    parts = [f"{item.starts_at:%Y-%m-%d %H:%M} · {md_escape(item.title)}"]
    if item.place:
        parts[0] += f" @ {md_escape(item.place)}"
    parts[0] += f" ({item.status})"
    if item.intent:
        parts.append(f"intent: {md_escape(item.intent)}")
    if item.goals:
        parts.append("for: " + ", ".join(md_escape(g) for g in item.goals))
    if item.attendees:
        parts.append("known going: " + ", ".join(md_escape(a) for a in item.attendees))
    if item.solicitation:
        parts.append("expect a pitch")
    return " · ".join(parts)


def _goal_line(goal: GoalProgress) -> str:
    progress = goal.progress
    if progress is None:
        head = f"{md_escape(goal.title)}: {goal.known_or_trusted} known or trusted"
    else:
        head = (
            f"{md_escape(goal.title)}: {goal.known_or_trusted} of {goal.target_count}"
            f" known or trusted ({progress:.0%})"
        )
    if goal.target_date:
        head += f" by {goal.target_date.isoformat()}"
    return (
        f"{head} · {goal.linked} linked, {plural(goal.candidates, 'candidate')}"
        f" · {plural(goal.events_attended, 'event')} attended in {GOAL_EVENT_DAYS} days"
    )


def _activity_line(activity: Activity) -> str:
    weeks = len(activity.previous_weeks)
    line = (
        f"{plural(activity.this_week, 'interaction')} in the week;"
        f" {activity.previous_average:.1f} a week over the previous {weeks}"
        f" ({', '.join(str(n) for n in activity.previous_weeks)})."
    )
    if activity.by_kind:
        line += " By kind: " + ", ".join(f"{kind} {n}" for kind, n in activity.by_kind) + "."
    return line


def _bullets(section: Section[Any], line: Any, nothing: str) -> list[str]:
    if not section.items and not section.total:
        return [nothing]
    lines = [f"- {line(item)}" for item in section.items]
    if section.total > len(section.items):
        lines.append(f"- … and {section.total - len(section.items)} more")
    return lines


def review_to_markdown(review: WeeklyReview) -> str:
    """The review as Markdown: a title with the week, a heading per section with its count.

    User text (names, companies, titles, notes) is escaped so it shows
    literally; empty sections say so in a line; the result ends with a newline.
    """
    year, week, _ = review.week_start.isocalendar()
    out = [
        f"# Weekly review {review.week_start.isoformat()} to {review.week_end.isoformat()}",
        "",
        f"Week {week} of {year}.",
    ]
    sections = (
        ("Overdue", review.overdue, _overdue, "Nothing overdue."),
        ("Follow-ups due", review.followups, _followup, "Nothing due."),
        ("Reciprocity", review.reciprocity, _reciprocity, "Nothing to return."),
        (
            "New contacts without a follow-up",
            review.new_contacts,
            _new_contact,
            "Nothing new to follow up.",
        ),
        (
            "Upcoming events",
            review.upcoming_events,
            _event,
            f"Nothing in the next {UPCOMING_DAYS} days.",
        ),
    )
    for title, section, line, nothing in sections:
        out += ["", f"## {title} ({section.total})", ""]
        out += _bullets(section, line, nothing)
    goals = Section(review.goals, len(review.goals))
    out += ["", f"## Goals ({len(review.goals)})", ""]
    out += _bullets(goals, _goal_line, "No active goals.")
    out += ["", "## Activity", "", _activity_line(review.activity)]
    out += ["", "## Review", ""]
    done = review.completed
    weeks = plural(review.streak, "week")
    if done is not None and done.completed_at is not None:
        out.append(f"Completed {done.completed_at:%Y-%m-%d %H:%M}; streak {weeks}.")
        notes = [md_escape(line) for line in done.notes.splitlines() if line.strip()]
        if notes:
            out += [""] + [f"> {line}" for line in notes]
    else:
        out.append(f"Not completed yet; streak {weeks}.")
    return "\n".join(out) + "\n"
