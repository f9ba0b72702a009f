"""Frozen records the Store returns and takes: never live database rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ContactRef:
    """A contact named by id, for links (introducer, people introduced, pickers)."""

    id: int
    name: str
    company: str = ""


@dataclass(frozen=True)
class EventRef:
    """An event named by id."""

    id: int
    title: str
    starts_at: dt.datetime | None = None

    def meeting_day(self, today: dt.date) -> dt.date:
        """The day a capture at this event meets people: the event's day, else (or if it is
        ahead) today. The capture box and `netui capture --event` both start from it."""
        if self.starts_at is not None and self.starts_at.date() <= today:
            return self.starts_at.date()
        return today


@dataclass(frozen=True)
class ContactRow:
    """One row of the contact list."""

    id: int
    name: str
    company: str
    stage: str
    channel: str
    last_contact: dt.date | None
    next_due: dt.date | None
    tags: tuple[str, ...]
    archived: bool
    solicitation: bool

    def overdue_days(self, today: dt.date) -> int | None:
        """Days past the due date, or None when not due yet or never due."""
        if self.next_due is None or self.next_due >= today:
            return None
        return (today - self.next_due).days


@dataclass(frozen=True)
class HistoryItem:
    """One entry of a contact's history: an interaction, follow-up, ledger entry or event."""

    kind: str  # "interaction", "followup", "ledger", "event"
    id: int
    when: dt.datetime
    title: str
    detail: str = ""
    done: bool = False


@dataclass(frozen=True)
class FollowUpRecord:
    """An open or done follow-up."""

    id: int
    contact_id: int
    due: dt.date
    what: str
    done_at: dt.datetime | None
    snoozed_until: dt.date | None

    @property
    def effective_due(self) -> dt.date:
        """The day it is next due: the snooze date when snoozed later than due."""
        if self.snoozed_until and self.snoozed_until > self.due:
            return self.snoozed_until
        return self.due


@dataclass(frozen=True)
class InteractionRecord:
    """One logged interaction, as the history's edit form shows it."""

    id: int
    contact_id: int
    when: dt.datetime
    kind: str
    initiator: str
    summary: str
    event_id: int | None = None


@dataclass(frozen=True)
class LedgerRecord:
    """One give or take, as the history's edit form shows it."""

    id: int
    contact_id: int
    direction: str  # "give" or "take"
    kind: str
    description: str
    weight: int
    date: dt.date


@dataclass(frozen=True)
class StageChangeRecord:
    """One change of a contact's stage, as the stage history lists it."""

    id: int
    contact_id: int
    from_stage: str | None  # None: the contact was created at to_stage
    to_stage: str
    changed_at: dt.datetime


@dataclass(frozen=True)
class ContactDraft:
    """What a person typed into the contact form: the input of create and update."""

    name: str
    reading: str = ""
    reading_confirmed: bool = True
    company: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    location: str = ""
    birthday: dt.date | None = None
    links: str = ""
    channel: str = "other"
    met_on: dt.date | None = None
    met_at_id: int | None = None
    introduced_by_id: int | None = None
    stage: str = "met"
    cadence_days: int | None = None
    needs: str = ""
    offers: str = ""
    notes: str = ""
    solicitation: bool = False
    solicitation_note: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactDetail:
    """Everything known about one contact, with its history newest first."""

    id: int
    draft: ContactDraft
    archived: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    introducer: ContactRef | None
    introduced: tuple[ContactRef, ...]
    met_at: EventRef | None
    effective_cadence: int | None
    last_contact: dt.date | None
    next_due: dt.date | None
    warmth: int
    balance: int
    interaction_count: int
    open_followups: tuple[FollowUpRecord, ...]
    history: tuple[HistoryItem, ...] = field(default=())

    @property
    def name(self) -> str:
        """The name as the person writes it."""
        return self.draft.name


@dataclass(frozen=True)
class TagCount:
    """A tag and how many live contacts carry it."""

    name: str
    contacts: int


@dataclass(frozen=True)
class Counts:
    """Totals shown in headers and the status line."""

    contacts: int
    archived: int
    interactions: int
    open_followups: int
    events: int
    goals: int
    ledger_entries: int
