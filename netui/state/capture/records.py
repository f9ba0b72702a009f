"""What a resolved capture is and what saving it wrote: the records faces show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netui.domain.records import ContactDraft, ContactRef, EventRef
from netui.domain.words import capture_summary

if TYPE_CHECKING:
    from netui.domain.capture import CapturePlan, PersonPlan

THANKS = "thank-you"
"""What a thank-you follow-up says (`--thanks`: one for each new person, the next day)."""


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

    @property
    def is_new(self) -> bool:
        """Whether saving creates a contact for this person."""
        return self.contact is None and self.same_as_line is None

    @property
    def new_followups(self) -> int:
        """How many follow-ups saving adds for this person (the thank-you included)."""
        typed = len(self.plan.followups) - len(self.followups_recorded)
        return typed + (self.thanks_due is not None)


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

    def summary(self) -> str:
        """One line for a notification or the shell: "Saved 3 people at JS Meetup (2 new)"."""
        return capture_summary(
            people=len(self.created) + len(self.updated),
            created=len(self.created),
            followups=self.followups,
            ledger_entries=self.ledger_entries,
            event=self.event.title if self.event else None,
        )
