"""How the weekly review's records become lines and table cells: pure functions, no widgets.

Every piece of user text (names, what to do, intents, notes) goes into a
`rich.text.Text` cell or a `Content`, never into markup, so `[/]` in a name
shows as typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.content import Content

from netui.domain.dates import day_label, format_relative
from netui.domain.review import (
    ACTIVITY_WEEKS,
    BALANCE_ALERT,
    UNRETURNED_DAYS,
    UPCOMING_DAYS,
    Activity,
    FollowUpItem,
    GoalProgress,
    NewContactItem,
    OverdueItem,
    ReciprocityItem,
    ReviewRecord,
    UpcomingEvent,
    WeeklyReview,
)
from netui.domain.words import lateness, plural
from netui.i18n import _, ngettext

Cells = tuple[Text, ...]

LATE = "bold red"
MUTED = "dim"


def _one_line(text: str) -> str:
    # A newline inside a one-line cell would break the row.
    return " ".join(text.split("\n")).replace("\t", " ")


def _cell(text: str, style: str = "") -> Text:
    return Text(_one_line(text), style=style, no_wrap=True, overflow="ellipsis")


def _late(days_overdue: int) -> Text:
    """How late a due date is against the review's day: "12 days overdue", "due today", "due in 3 days"."""
    style = LATE if days_overdue > 0 else "bold" if days_overdue == 0 else ""
    return _cell(lateness(days_overdue), style)


def _day(day: dt.date | None) -> Text:
    return _cell(day.isoformat() if day else "never", "" if day else MUTED)


# -- the sections' rows -----------------------------------------------------------------


def overdue_cells(item: OverdueItem, ref: dt.date) -> Cells:
    """Name, company, stage, last contact, how late."""
    return (
        _cell(item.name, "bold"),
        _cell(item.company),
        _cell(item.stage),
        _day(item.last_contact),
        _late(item.days_overdue),
    )


def followup_cells(item: FollowUpItem, ref: dt.date) -> Cells:
    """How late, who, what was promised, and whether it was snoozed before."""
    return (
        _late(item.days_overdue),
        _cell(item.name, "bold"),
        _cell(item.what),
        _cell("snoozed" if item.snoozed else "", MUTED),
    )


def _why(item: ReciprocityItem, ref: dt.date) -> str:
    if item.reason == "balance":
        return f"took {-item.balance} more than gave"
    if item.last_take is not None:
        return f"got something {(ref - item.last_take).days} days ago, gave nothing since"
    return f"nothing given in {UNRETURNED_DAYS} days"


def reciprocity_cells(item: ReciprocityItem, ref: dt.date) -> Cells:
    """Who, the balance, why it is here, the last take and give."""
    balance_style = LATE if item.balance <= BALANCE_ALERT else ""
    return (
        _cell(item.name, "bold"),
        _cell(f"{item.balance:+d}", balance_style),
        _cell(_why(item, ref)),
        _day(item.last_take),
        _day(item.last_give),
    )


def new_contact_cells(item: NewContactItem, ref: dt.date) -> Cells:
    """Who, their company, when and how we met."""
    how = item.channel + (f" · {item.event}" if item.event else "")
    return (
        _cell(item.name, "bold"),
        _cell(item.company),
        _cell(f"{item.met_on.isoformat()} ({format_relative(item.met_on, ref)})"),
        _cell(how),
    )


def event_when(event: UpcomingEvent, ref: dt.date) -> str:
    """ "Fri 2026-11-27 19:00 (in 6d)"."""
    start = event.starts_at
    return f"{day_label(start.date())} {start:%H:%M} ({format_relative(start.date(), ref)})"


def _two(first: str, second: str, first_style: str = "", second_style: str = MUTED) -> Text:
    """A two-line cell: each line cut to one line by the column."""
    text = Text(_one_line(first), style=first_style, no_wrap=True, overflow="ellipsis")
    text.append("\n")
    text.append(_one_line(second), style=second_style)
    return text


def upcoming_cells(event: UpcomingEvent, ref: dt.date) -> Cells:
    """Two lines: when; what, its status and place; who I know is going; its goals and intent."""
    start = event.starts_at
    where = " · ".join(part for part in (event.status, event.place) if part)
    if event.solicitation:
        where += " · pitches"
    going = ", ".join(event.attendees) if event.attendees else "nobody known yet"
    goals = "for " + ", ".join(event.goals) if event.goals else "serves no goal"
    return (
        _two(
            f"{day_label(start.date())} {start:%H:%M}", format_relative(start.date(), ref), "", ""
        ),
        _two(event.title, where, "bold"),
        _two(going, f"{len(event.attendees)} known" if event.attendees else "", ""),
        _two(goals, event.intent or "no intent written", ""),
    )


def progress_bar(progress: float | None, width: int = 10) -> str:
    """A bar of `width` cells for a progress from 0 to 1, or "no target"."""
    if progress is None:
        return "no target"
    filled = round(progress * width)
    return "█" * filled + "░" * (width - filled) + f" {round(progress * 100):>3}%"


def goal_cells(goal: GoalProgress, ref: dt.date) -> Cells:
    """The goal, its progress to target, its contacts, its recent events, its date."""
    progress = progress_bar(goal.progress)
    if goal.target_count:
        progress += f" {goal.known_or_trusted}/{goal.target_count}"
    by = ""
    if goal.target_date:
        by = goal.target_date.isoformat()
        relative = format_relative(goal.target_date, ref)
        if relative != by:  # far dates are already shown as the date itself
            by += f" ({relative})"
    return (
        _cell(goal.title, "bold"),
        _cell(progress, "" if goal.target_count else MUTED),
        _cell(str(goal.linked)),
        _cell(str(goal.candidates)),
        _cell(str(goal.known_or_trusted)),
        _cell(str(goal.events_attended)),
        _cell(by or "—", "" if by else MUTED),
    )


# A column: its header and its width in cells (longer text ends in "…"; enter shows it all).
Column = tuple[str, int]


@dataclass(frozen=True)
class SectionSpec:
    """One section of the review: its WeeklyReview field, title, columns, cells, empty sentence."""

    key: str
    title: str
    columns: tuple[Column, ...]
    cells: Callable[[Any, dt.date], Cells]
    empty: str  # "{week}" becomes "this week" or "that week"
    row_height: int = 1
    empty_past: str = ""  # for a past week, when it says something else than `empty`


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "overdue",
        "Overdue",
        (("Contact", 28), ("Company", 22), ("Stage", 10), ("Last contact", 12), ("Due", 18)),
        overdue_cells,
        "Nothing overdue {week}.",
    ),
    SectionSpec(
        "followups",
        "Follow-ups due",
        (("Due", 18), ("Contact", 28), ("What", 50), ("", 7)),
        followup_cells,
        "No follow-ups due {week}.",
    ),
    SectionSpec(
        "reciprocity",
        "Give and take",
        (("Contact", 28), ("Balance", 7), ("Why", 46), ("Last got", 10), ("Last gave", 10)),
        reciprocity_cells,
        "Nobody to give back to: give and take are in balance.",
    ),
    SectionSpec(
        "new_contacts",
        "New contacts without a follow-up",
        (("Contact", 28), ("Company", 22), ("Met", 20), ("How", 36)),
        new_contact_cells,
        "No new contacts waiting for a follow-up.",
    ),
    SectionSpec(
        "upcoming_events",
        f"Events in the next {UPCOMING_DAYS} days",
        (("When", 20), ("Event", 28), ("Who is going", 24), ("For", 32)),
        upcoming_cells,
        f"No events in the next {UPCOMING_DAYS} days.",
        row_height=2,
        # A past week is seen from its Sunday: only that day's events are left in it.
        empty_past=_("No events left that week."),
    ),
    SectionSpec(
        "goals",
        "Goals",
        (
            ("Goal", 24),
            ("Progress", 20),
            ("Linked", 6),
            ("Candidates", 10),
            ("Known/trusted", 13),
            ("Events", 6),
            ("By", 20),
        ),
        goal_cells,
        "No active goals.",
    ),
)


def section_items(review: WeeklyReview, key: str) -> tuple[tuple[Any, ...], int]:
    """A section's listed items and its total count."""
    if key == "goals":
        return review.goals, len(review.goals)
    section = getattr(review, key)
    return section.items, section.total


def heading(title: str, shown: int, total: int) -> Content:
    """ "Overdue (14)", or "Overdue (showing 100 of 14,122)" when not all are listed."""
    count = f"{total:,}" if shown >= total else f"showing {shown:,} of {total:,}"
    return Content.assemble((title, "bold"), (f" ({count})", "$text-muted"))


def which_week(week_start: dt.date, this_week: dt.date) -> str:
    """ "this week", "last week", "3 weeks ago", "next week", "in 2 weeks"."""
    weeks = (this_week - week_start).days // 7
    if weeks == 0:
        return "this week"
    if weeks == 1:
        return "last week"
    if weeks == -1:
        return "next week"
    return f"{weeks} weeks ago" if weeks > 0 else f"in {-weeks} weeks"


def week_line(review: WeeklyReview, this_week: dt.date) -> Content:
    """The header: which week, whether its review is done, and how to move."""
    when = which_week(review.week_start, this_week)
    parts: list[Content] = [
        Content.assemble(
            (f"Week of {day_label(review.week_start)} – {day_label(review.week_end)}", "bold"),
            f"  ({when})",
        )
    ]
    done = review.completed
    if done is not None and done.completed_at is not None:
        parts.append(Content.styled(f"done {done.completed_at:%Y-%m-%d %H:%M}", "$success"))
    else:
        parts.append(Content.styled("not done yet: R when you are through", "$warning"))
    parts.append(Content.styled("[ ] other weeks", "$text-muted"))
    return Content("  ·  ").join(parts)


def streak_line(streak: int) -> Content:
    """ "Streak: 3 weeks in a row", or how to start one."""
    if streak == 0:
        return Content.assemble(("Streak: ", "bold"), "none yet")
    return Content.assemble(("Streak: ", "bold"), f"{plural(streak, 'week')} in a row")


def history_lines(streak: int, reviews: Sequence[ReviewRecord]) -> Content:
    """The streak, then the last completed reviews, newest first, one line each, notes as plain text."""
    lines = [streak_line(streak) + Content.styled("   ·   recent reviews", "$text-muted")]
    if not reviews:
        lines.append(Content.styled("No completed reviews yet.", "$text-muted"))
    for record in reviews:
        head = Content.styled(f"{day_label(record.week_start)}  ", "bold")
        if record.notes:
            lines.append(head + Content(" / ".join(record.notes.splitlines())))
        else:
            lines.append(head + Content.styled("no notes", "$text-muted"))
    return Content("\n").join(lines)


def activity_heading(activity: Activity, past: bool = False) -> Content:
    """ "Activity (5 this week)", or "(5 that week)" for a past week."""
    count = activity.this_week
    if past:
        detail = ngettext("{count} that week", "{count} that week", count)
    else:
        detail = ngettext("{count} this week", "{count} this week", count)
    return heading_text(_("Activity"), detail.format(count=count))


def heading_text(title: str, detail: str) -> Content:
    """A heading with a free detail in parentheses."""
    return Content.assemble((title, "bold"), (f" ({detail})", "$text-muted"))


def activity_lines(activity: Activity, week: str) -> Content:
    """This week's interactions by kind, against the average of the weeks before."""
    if activity.this_week == 0 and not any(activity.previous_weeks):
        return Content.styled(
            f"No interactions {week} or in the {ACTIVITY_WEEKS} weeks before.", "$text-muted"
        )
    kinds = ", ".join(f"{kind} {count}" for kind, count in activity.by_kind)
    average = activity.previous_average
    if activity.this_week > average:
        trend = "above"
    elif activity.this_week < average:
        trend = "below"
    else:
        trend = "level with"
    first = f"{plural(activity.this_week, 'interaction')} {week}"
    if kinds:
        first += f" ({kinds})"
    second = (
        f"{trend} the {average:.1f} a week of the {ACTIVITY_WEEKS} weeks before: "
        + " ".join(str(n) for n in activity.previous_weeks)
        + " (oldest first)"
    )
    return Content(first + "\n" + second)
