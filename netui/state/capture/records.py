"""What a resolved capture is and what saving it wrote: the records faces show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netui.domain.goal_records import GoalRef
from netui.domain.records import ContactDraft, ContactRef, EventRef
from netui.domain.words import capture_summary

if TYPE_CHECKING:
    from netui.domain.capture import CapturePlan, LedgerLine, PersonPlan

THANKS = "thank-you"
"""What a thank-you follow-up says (`--thanks`: one for each new person, the next day)."""


def serves_goal(entry: LedgerLine) -> bool:
    """Whether a ledger line of a person captured with ``goal:`` is recorded for that goal: an
    introduction received, which is what a goal's introductions result counts."""
    return entry.direction == "take" and entry.kind == "introduction"


@dataclass(frozen=True)
class ResolvedPerson:
    """One captured person and what saving will do for them."""

    plan: PersonPlan
    contact: ContactRef | None  # the existing contact it adds to; None = a new contact
    archived: bool = False  # the existing contact is archived (saving restores it)
    via: ContactRef | None = None  # an existing introducer
    via_new: str | None = None  # or a person new in this same capture
    same_as_line: int | None = None  # a repeat of a person on an earlier line
    reading: str = ""  # the reading a new contact gets (a guess from the kanji)
    thanks_due: dt.date | None = None
    draft: ContactDraft | None = None  # a new contact's validated fields
    # The existing contact already has another introducer, which is kept.
    via_ignored: bool = False
    # Already in the database (or earlier in this capture), so not saved again: the
    # indexes of plan.followups that are, and whether the meeting is.
    followups_recorded: frozenset[int] = frozenset()
    meeting_recorded: bool = False
    # goal: the goal saving links the person to; goal_linked: they already are (in the
    # database or on an earlier line), so no second link; goal_role: the part the link
    # gets ("" = none, or an existing link's part is kept).
    goal: GoalRef | None = None
    goal_linked: bool = False
    goal_role: str = ""
    # slot: the description of the goal's wanted person saving fills with them;
    # slot_recorded: they fill one so described already, so nothing is filled.
    slot: str | None = None
    slot_recorded: bool = False

    @property
    def is_new(self) -> bool:
        """Whether saving creates a contact for this person."""
        return self.contact is None and self.same_as_line is None

    @property
    def new_followups(self) -> int:
        """How many follow-ups saving adds for this person (the thank-you included)."""
        typed = len(self.plan.followups) - len(self.followups_recorded)
        return typed + (self.thanks_due is not None)

    @property
    def goal_entries(self) -> frozenset[int]:
        """The indexes of plan.ledger saving records for the goal (introductions received)."""
        if self.goal is None:
            return frozenset()
        return frozenset(i for i, entry in enumerate(self.plan.ledger) if serves_goal(entry))

    @property
    def fills_slot(self) -> bool:
        """Whether saving fills one of the goal's wanted people with this person."""
        return self.slot is not None and not self.slot_recorded


@dataclass(frozen=True)
class CapturePreview:
    """A capture resolved against the database: exactly what saving will write."""

    plan: CapturePlan
    people: tuple[ResolvedPerson, ...]
    event: EventRef | None
    when: dt.datetime  # the time of the interactions

    @property
    def new_count(self) -> int:
        """How many contacts saving creates."""
        return sum(1 for p in self.people if p.is_new)

    @property
    def goal_links(self) -> int:
        """How many links of a person to a goal saving makes (those already there aside)."""
        return sum(1 for p in self.people if p.goal is not None and not p.goal_linked)


@dataclass(frozen=True)
class GoalSaved:
    """What a saved capture did for one goal."""

    goal: GoalRef
    linked: int  # people newly linked to it
    filled: int  # wanted people filled


@dataclass(frozen=True)
class CaptureResult:
    """What a saved capture wrote."""

    created: tuple[ContactRef, ...]
    updated: tuple[ContactRef, ...]
    interactions: int
    followups: int
    ledger_entries: int
    attendances: int
    event: EventRef | None
    contact_ids: tuple[int, ...] = field(default=())
    goals: tuple[GoalSaved, ...] = ()  # the goals it linked people to, first named first

    def summary(self) -> str:
        """One line for a notification or the shell: "Saved 3 people at JS Meetup (2 new)"."""
        return capture_summary(
            people=len(self.created) + len(self.updated),
            created=len(self.created),
            followups=self.followups,
            ledger_entries=self.ledger_entries,
            event=self.event.title if self.event else None,
        )
