"""The weekly review: its records and the pure rules (weeks, streaks).

The sections and their order come from DESIGN.md ("The weekly review"); the
Store computes them in a handful of SQL queries (netui.state.review).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

# The review's week is dates' (where goals, loaded at launch, take it without this module).
from netui.domain.dates import week_bounds as week_bounds

if TYPE_CHECKING:
    from netui.domain.goal_records import KeyResultProgress

T = TypeVar("T")

# Reciprocity: I have taken this much more than I gave ...
BALANCE_ALERT = -3
# ... or my last "got" is older than this with no give since.
UNRETURNED_DAYS = 60
# New acquaintances: first met within this many days.
NEW_CONTACT_DAYS = 14
# Upcoming events: starting within this many days.
UPCOMING_DAYS = 14
# Goals: events attended within this many days count.
GOAL_EVENT_DAYS = 30
# A goal's pace is its worst key result's, worst first (netui.domain.goal_progress.PACES).
PACE_ORDER = ("overdue", "at risk", "on track", "achieved")
# Activity: this week against this many weeks before it.
ACTIVITY_WEEKS = 8


def as_of(day: dt.date, today: dt.date) -> dt.date:
    """The one day a review of the week holding `day` is computed as of.

    A past week is reviewed as of its Sunday, so any day of it (or `[` in the
    review area) gives the same review, and nothing after the week shows in
    it; this week (or one ahead) as of today.
    """
    _, end = week_bounds(day)
    return end if end < today else today


def tilted(
    balance: int, last_take: dt.date | None, last_give: dt.date | None, cutoff: dt.date
) -> bool:
    """Whether give and take tilt towards taking: a balance at BALANCE_ALERT or below, or a
    take before `cutoff` with no give since (the reciprocity section's rule)."""
    if balance <= BALANCE_ALERT:
        return True
    return (
        last_take is not None
        and last_take < cutoff
        and (last_give is None or last_give < last_take)
    )


def streak(completed_weeks: Iterable[dt.date], current_week: dt.date) -> int:
    """Consecutive completed weeks ending at the current week, or at the week before it.

    The current week not being done yet does not break the streak: on
    Saturday last week's review still counts until this one is due.
    """
    done = set(completed_weeks)
    week = current_week if current_week in done else current_week - dt.timedelta(days=7)
    count = 0
    while week in done:
        count += 1
        week -= dt.timedelta(days=7)
    return count


@dataclass(frozen=True)
class OverdueItem:
    """A contact whose keep-in-touch date falls before the week's end."""

    contact_id: int
    name: str
    company: str
    stage: str
    last_contact: dt.date | None
    due: dt.date
    days_overdue: int  # against the review's reference day; negative = due later this week


@dataclass(frozen=True)
class FollowUpItem:
    """A follow-up due by the week's end and not done."""

    followup_id: int
    contact_id: int
    name: str
    what: str
    due: dt.date  # the effective due date (a later snooze wins)
    snoozed: bool
    days_overdue: int


@dataclass(frozen=True)
class ReciprocityItem:
    """A contact where give and take tilt towards taking."""

    contact_id: int
    name: str
    balance: int  # give weights minus take weights
    last_take: dt.date | None
    last_give: dt.date | None
    reason: str  # "balance" or "unreturned"


@dataclass(frozen=True)
class NewContactItem:
    """A contact met recently with no follow-up and no second interaction."""

    contact_id: int
    name: str
    company: str
    met_on: dt.date
    channel: str
    event: str


@dataclass(frozen=True)
class UpcomingEvent:
    """An event starting soon, with what it serves, who I know is going (contacts known
    before it, expected or there; not those marked absent) and the series it belongs to
    ("" for none)."""

    event_id: int
    title: str
    starts_at: dt.datetime
    place: str
    status: str
    intent: str
    goals: tuple[str, ...]
    attendees: tuple[str, ...]
    solicitation: bool
    series: str = ""


@dataclass(frozen=True)
class GoalProgress:
    """An active goal: its key results, its people, how close they are, recent events.

    Its people are its live linked contacts and the live contacts matching its target
    profile, as the goals service counts them (netui.state.goals): `candidates` are
    those matching and not linked, `known_or_trusted` those of them all at stage known
    or trusted.
    """

    goal_id: int
    title: str
    linked: int
    candidates: int
    known_or_trusted: int
    events_attended: int
    target_count: int | None
    target_date: dt.date | None
    key_results: tuple[KeyResultProgress, ...] = ()

    @property
    def progress(self) -> float | None:
        """How far the goal has come, from 0 to 1: the mean of its key results' fractions;
        without key results, known-or-trusted people over the target count, capped at 1;
        None with neither."""
        if self.key_results:
            return sum(result.fraction for result in self.key_results) / len(self.key_results)
        if not self.target_count:
            return None
        return min(self.known_or_trusted / self.target_count, 1.0)

    @property
    def pace(self) -> str | None:
        """Its worst key result's pace (PACE_ORDER); None without key results."""
        paces = [result.pace for result in self.key_results]
        return min(paces, key=PACE_ORDER.index) if paces else None


@dataclass(frozen=True)
class GoalQuestion:
    """An active goal with no progress in the last `quiet_days`: the review asks whether it
    is still why the person networks (pause, drop or keep it)."""

    goal_id: int
    title: str
    why: str
    created_on: dt.date
    quiet_days: int


@dataclass(frozen=True)
class Activity:
    """This week's interactions against the weeks before it."""

    this_week: int
    previous_weeks: tuple[int, ...]  # oldest first
    by_kind: tuple[tuple[str, int], ...]  # this week's, most first

    @property
    def previous_average(self) -> float:
        """The mean of the previous weeks."""
        return sum(self.previous_weeks) / len(self.previous_weeks) if self.previous_weeks else 0.0


@dataclass(frozen=True)
class Section(Generic[T]):
    """A section's first items and how many there are in all."""

    items: tuple[T, ...]
    total: int


@dataclass(frozen=True)
class ReviewRecord:
    """A stored, completed (or started) weekly review."""

    week_start: dt.date
    completed_at: dt.datetime | None
    notes: str


@dataclass(frozen=True)
class WeeklyReview:
    """Everything the weekly review shows, for the ISO week holding `reference`."""

    reference: dt.date  # the day it is computed as of (as_of): today, or a past week's Sunday
    week_start: dt.date
    week_end: dt.date
    overdue: Section[OverdueItem]
    followups: Section[FollowUpItem]
    reciprocity: Section[ReciprocityItem]
    new_contacts: Section[NewContactItem]
    upcoming_events: Section[UpcomingEvent]
    goals: tuple[GoalProgress, ...]
    activity: Activity
    completed: ReviewRecord | None
    streak: int
    recent_reviews: tuple[ReviewRecord, ...]
    past: bool = False  # a week before this one: its words say "that week"
    # The quiet goals to ask about: this week's review only (a past week asks nothing).
    goal_questions: tuple[GoalQuestion, ...] = ()
