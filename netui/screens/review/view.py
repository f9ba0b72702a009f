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

from netui.areas import typed
from netui.domain.dates import day_label, format_relative
from netui.domain.goal_records import KeyResultProgress
from netui.domain.review import (
    ACTIVITY_WEEKS,
    BALANCE_ALERT,
    UNRETURNED_DAYS,
    UPCOMING_DAYS,
    Activity,
    FollowUpItem,
    GoalProgress,
    GoalQuestion,
    NewContactItem,
    OverdueItem,
    ReciprocityItem,
    ReviewRecord,
    UpcomingEvent,
    WeeklyReview,
)
from netui.domain.review_format import metric_name, pace_label
from netui.domain.words import lateness
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
    return _cell(day.isoformat() if day else _("never"), "" if day else MUTED)


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
        _cell(_("snoozed") if item.snoozed else "", MUTED),
    )


def _why(item: ReciprocityItem, ref: dt.date) -> str:
    if item.reason == "balance":
        return _("took {count} more than gave").format(count=-item.balance)
    if item.last_take is not None:
        days = (ref - item.last_take).days
        return ngettext(
            "got something {count} day ago, gave nothing since",
            "got something {count} days ago, gave nothing since",
            days,
        ).format(count=days)
    return _("nothing given in {count} days").format(count=UNRETURNED_DAYS)


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
        where += " · " + _("pitches")
    going = ", ".join(event.attendees) if event.attendees else _("nobody known yet")
    if event.goals:
        goals = _("for {goals}").format(goals=", ".join(event.goals))
    else:
        goals = _("serves no goal")
    known = _("{count} known").format(count=len(event.attendees)) if event.attendees else ""
    return (
        _two(
            f"{day_label(start.date())} {start:%H:%M}", format_relative(start.date(), ref), "", ""
        ),
        _two(event.title, where, "bold"),
        _two(going, known, ""),
        _two(goals, event.intent or _("no intent written"), ""),
    )


def progress_bar(progress: float | None, width: int = 10) -> str:
    """A bar of `width` cells for a progress from 0 to 1, or "no target"."""
    if progress is None:
        return _("no target")
    filled = round(progress * width)
    return "█" * filled + "░" * (width - filled) + f" {round(progress * 100):>3}%"


# A key result's bar, in cells.
KEY_RESULT_BAR = 6
# How each pace shows: behind is a warning, past the date an alarm.
PACE_STYLES = {"achieved": "green", "on track": "", "at risk": "yellow", "overdue": LATE}


def _lines(lines: Sequence[tuple[str, str]]) -> Text:
    """A cell of one line per (text, style), each cut to one line by the column."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for number, (line, style) in enumerate(lines):
        if number:
            text.append("\n")
        text.append(_one_line(line), style=style)
    return text


def key_result_line(result: KeyResultProgress, goal_date: dt.date | None = None) -> str:
    """ "███░░░ 1/2 known or trusted by 2027-03-31", "░░░░░░ 0/3 new matching people a month";
    a date that is the goal's own (`goal_date`, in the By column) is not said again."""
    kr = result.result
    if kr.period == "month":
        line = _("{bar} {current}/{target} {metric} a month")
    elif kr.period == "week":
        line = _("{bar} {current}/{target} {metric} a week")
    elif kr.by is not None and kr.by != goal_date:
        line = _("{bar} {current}/{target} {metric} by {date}")
    else:
        line = _("{bar} {current}/{target} {metric}")
    filled = round(result.fraction * KEY_RESULT_BAR)
    return line.format(
        bar="█" * filled + "░" * (KEY_RESULT_BAR - filled),
        current=result.current,
        target=kr.target,
        metric=metric_name(kr.metric),
        date=kr.by.isoformat() if kr.by else "",
    )


def goal_cells(goal: GoalProgress, ref: dt.date) -> Cells:
    """The goal; a line per key result (its bar and value, then its pace); its people,
    recent events and date. A goal without key results shows its target count's bar."""
    if goal.key_results:
        results = [(key_result_line(r, goal.target_date), "") for r in goal.key_results]
        paces = [(pace_label(r.pace), PACE_STYLES.get(r.pace, "")) for r in goal.key_results]
    else:
        progress = progress_bar(goal.progress)
        if goal.target_count:
            progress += _(" {count}/{target} known or trusted").format(
                count=goal.known_or_trusted, target=goal.target_count
            )
        results = [(progress, "" if goal.target_count else MUTED)]
        paces = [("—", MUTED)]
    by = goal.target_date.isoformat() if goal.target_date else ""
    return (
        _cell(goal.title, "bold"),
        _lines(results),
        _lines(paces),
        _cell(str(goal.linked)),
        _cell(str(goal.candidates)),
        _cell(str(goal.known_or_trusted)),
        _cell(str(goal.events_attended)),
        _cell(by or "—", "" if by else MUTED),
    )


def question_cells(question: GoalQuestion, ref: dt.date) -> Cells:
    """The goal, when it was set, and the question with the keys that answer it."""
    ask = _("no progress in {days} days · {pause} pause · {drop} drop · {keep} keep").format(
        days=question.quiet_days,
        pause=typed("review.goal_pause"),
        drop=typed("review.goal_drop"),
        keep=typed("review.goal_keep"),
    )
    return (
        _cell(question.title, "bold"),
        _cell(question.created_on.isoformat(), MUTED),
        _cell(question.why or _("no why written"), "" if question.why else MUTED),
        _cell(ask),
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
    row_height: int = 1  # 0: each row as tall as its tallest cell
    empty_past: str = ""  # for a past week, when it says something else than `empty`
    hide_empty: bool = False  # not shown at all while it has no rows


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "overdue",
        _("Overdue"),
        (
            (_("Contact"), 28),
            (_("Company"), 22),
            (_("Stage"), 10),
            (_("Last contact"), 12),
            (_("Due"), 18),
        ),
        overdue_cells,
        _("Nothing overdue {week}."),
    ),
    SectionSpec(
        "followups",
        _("Follow-ups due"),
        ((_("Due"), 18), (_("Contact"), 28), (_("What"), 50), ("", 7)),
        followup_cells,
        _("No follow-ups due {week}."),
    ),
    SectionSpec(
        "reciprocity",
        _("Give and take"),
        (
            (_("Contact"), 28),
            (_("Balance"), 7),
            (_("Why"), 46),
            (_("Last got"), 10),
            (_("Last gave"), 10),
        ),
        reciprocity_cells,
        _("Nobody to give back to: give and take are in balance."),
    ),
    SectionSpec(
        "new_contacts",
        _("New contacts without a follow-up"),
        ((_("Contact"), 28), (_("Company"), 22), (_("Met"), 20), (_("How"), 36)),
        new_contact_cells,
        _("No new contacts waiting for a follow-up."),
    ),
    SectionSpec(
        "upcoming_events",
        _("Events in the next {count} days").format(count=UPCOMING_DAYS),
        ((_("When"), 20), (_("Event"), 28), (_("Who is going"), 24), (_("For"), 32)),
        upcoming_cells,
        _("No events in the next {count} days.").format(count=UPCOMING_DAYS),
        row_height=2,
        # A past week is seen from its Sunday: only that day's events are left in it.
        empty_past=_("No events left that week."),
    ),
    SectionSpec(
        "goals",
        _("Goals"),
        (
            (_("Goal"), 24),
            (_("Key results"), 42),
            (_("Pace"), 9),
            (_("Linked"), 6),
            (_("Candidates"), 10),
            (_("Known/trusted"), 13),
            (_("Events"), 6),
            (_("By"), 12),
        ),
        goal_cells,
        _("No active goals."),
        row_height=0,
    ),
    SectionSpec(
        "goal_questions",
        _("Still why you network?"),
        ((_("Goal"), 24), (_("Set on"), 10), (_("Why"), 20), (_("Question"), 50)),
        question_cells,
        "",
        hide_empty=True,
    ),
)


def section_items(review: WeeklyReview, key: str) -> tuple[tuple[Any, ...], int]:
    """A section's listed items and its total count."""
    if key == "goals":
        return review.goals, len(review.goals)
    if key == "goal_questions":
        return review.goal_questions, len(review.goal_questions)
    section = getattr(review, key)
    return section.items, section.total


def heading(title: str, shown: int, total: int) -> Content:
    """ "Overdue (14)", or "Overdue (showing 100 of 14,122)" when not all are listed."""
    if shown >= total:
        count = f"{total:,}"
    else:
        count = _("showing {shown} of {total}").format(shown=f"{shown:,}", total=f"{total:,}")
    return Content.assemble((title, "bold"), (f" ({count})", "$text-muted"))


def which_week(week_start: dt.date, this_week: dt.date) -> str:
    """ "this week", "last week", "3 weeks ago", "next week", "in 2 weeks"."""
    weeks = (this_week - week_start).days // 7
    if weeks == 0:
        return _("this week")
    if weeks == 1:
        return _("last week")
    if weeks == -1:
        return _("next week")
    if weeks > 0:
        return ngettext("{count} week ago", "{count} weeks ago", weeks).format(count=weeks)
    return ngettext("in {count} week", "in {count} weeks", -weeks).format(count=-weeks)


def week_line(review: WeeklyReview, this_week: dt.date) -> Content:
    """The header: which week, whether its review is done, and how to move."""
    when = which_week(review.week_start, this_week)
    parts: list[Content] = [
        Content.assemble(
            (
                _("Week of {start} – {end}").format(
                    start=day_label(review.week_start), end=day_label(review.week_end)
                ),
                "bold",
            ),
            f"  ({when})",
        )
    ]
    done = review.completed
    if done is not None and done.completed_at is not None:
        done_at = f"{done.completed_at:%Y-%m-%d %H:%M}"
        parts.append(Content.styled(_("done {when}").format(when=done_at), "$success"))
    else:
        parts.append(Content.styled(_("not done yet: R when you are through"), "$warning"))
    parts.append(Content.styled(_("[ ] other weeks"), "$text-muted"))
    return Content("  ·  ").join(parts)


def streak_line(streak: int) -> Content:
    """ "Streak: 3 weeks in a row", or how to start one."""
    label = _("Streak:")
    if streak == 0:
        return Content.assemble((label, "bold"), " ", _("none yet"))
    weeks = ngettext("{count} week in a row", "{count} weeks in a row", streak)
    return Content.assemble((label, "bold"), " ", weeks.format(count=streak))


def history_lines(streak: int, reviews: Sequence[ReviewRecord]) -> Content:
    """The streak, then the last completed reviews, newest first, one line each, notes as plain text."""
    lines = [streak_line(streak) + Content.styled("   ·   " + _("recent reviews"), "$text-muted")]
    if not reviews:
        lines.append(Content.styled(_("No completed reviews yet."), "$text-muted"))
    for record in reviews:
        head = Content.styled(f"{day_label(record.week_start)}  ", "bold")
        if record.notes:
            lines.append(head + Content(" / ".join(record.notes.splitlines())))
        else:
            lines.append(head + Content.styled(_("no notes"), "$text-muted"))
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
        message = _("No interactions {week} or in the {count} weeks before.")
        return Content.styled(message.format(week=week, count=ACTIVITY_WEEKS), "$text-muted")
    kinds = ", ".join(f"{kind} {count}" for kind, count in activity.by_kind)
    average = activity.previous_average
    if activity.this_week > average:
        trend = _("above the {average} a week of the {count} weeks before: {weeks} (oldest first)")
    elif activity.this_week < average:
        trend = _("below the {average} a week of the {count} weeks before: {weeks} (oldest first)")
    else:
        trend = _(
            "level with the {average} a week of the {count} weeks before: {weeks} (oldest first)"
        )
    count = activity.this_week
    first = ngettext("{count} interaction {week}", "{count} interactions {week}", count).format(
        count=count, week=week
    )
    if kinds:
        first = _("{line} ({kinds})").format(line=first, kinds=kinds)
    second = trend.format(
        average=f"{average:.1f}",
        count=ACTIVITY_WEEKS,
        weeks=" ".join(str(n) for n in activity.previous_weeks),
    )
    return Content(first + "\n" + second)
