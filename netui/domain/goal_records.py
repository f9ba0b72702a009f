"""Frozen records of goals the Store returns: the list, a goal's detail, its slots and people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netui.domain.goal_progress import KeyResult, metric_label
from netui.domain.goals import GoalDraft

__all__ = [
    "ChannelShare",
    "GoalCandidate",
    "GoalDetail",
    "GoalEvent",
    "GoalLedgerItem",
    "GoalLink",
    "GoalMember",
    "GoalRecord",
    "GoalRef",
    "GoalSlotRecord",
    "GoalSummary",
    "KeyResultProgress",
]


@dataclass(frozen=True)
class GoalRef:
    """A goal named by id (capture's `goal:`, pickers, a contact's goals)."""

    id: int
    title: str
    status: str = "active"


@dataclass(frozen=True)
class KeyResultProgress:
    """A key result with its value computed from the records."""

    id: int
    result: KeyResult
    started_on: dt.date
    current: int
    fraction: float  # 0..1, for a progress bar (goal_progress.progress_fraction)
    pace: str  # one of goal_progress.PACES
    # The value at the end of each of the last weeks, oldest first (the goal's detail
    # only; empty in the list).
    history: tuple[int, ...] = ()

    @property
    def label(self) -> str:
        """What the result counts, in words."""
        return metric_label(self.result.metric)


@dataclass(frozen=True)
class GoalSummary:
    """A goal as the goals area lists it."""

    id: int
    title: str
    why: str
    status: str
    target_date: dt.date | None
    created_on: dt.date
    key_results: tuple[KeyResultProgress, ...]
    slots: int  # wanted-person slots in all
    open_slots: int  # of them, not filled yet
    linked: int  # live contacts linked to the goal

    @property
    def pace(self) -> str | None:
        """The goal's pace: its worst key result's (None without key results)."""
        order = ("overdue", "at risk", "on track", "achieved")
        paces = [result.pace for result in self.key_results]
        return min(paces, key=order.index) if paces else None


@dataclass(frozen=True)
class GoalSlotRecord:
    """A person a goal still needs, open or filled."""

    id: int
    goal_id: int
    description: str
    contact_id: int | None
    contact_name: str
    filled_on: dt.date | None

    @property
    def is_open(self) -> bool:
        """No contact fills it (yet, or any more: its contact was deleted)."""
        return self.contact_id is None


@dataclass(frozen=True)
class GoalRecord:
    """A stored goal as its form edits it: the draft, the tags and the slots."""

    id: int
    draft: GoalDraft
    created_on: dt.date
    slots: tuple[GoalSlotRecord, ...]


@dataclass(frozen=True)
class GoalMember:
    """A contact linked to a goal, with the part they play."""

    contact_id: int
    name: str
    company: str
    stage: str
    role: str
    linked_on: dt.date | None


@dataclass(frozen=True)
class GoalCandidate:
    """A live contact matching a goal's profile and not linked to it."""

    contact_id: int
    name: str
    company: str
    role: str
    stage: str


@dataclass(frozen=True)
class GoalEvent:
    """An event serving a goal."""

    id: int
    title: str
    starts_at: dt.datetime
    status: str
    kind: str


@dataclass(frozen=True)
class GoalLedgerItem:
    """A ledger entry with a contact of the goal, or one recorded for the goal."""

    id: int
    contact_id: int
    name: str
    direction: str
    kind: str
    description: str
    date: dt.date
    for_goal: bool  # recorded for this goal (an introduction received for it, say)


@dataclass(frozen=True)
class ChannelShare:
    """What one channel brought a goal: its people, how many know me, introductions."""

    channel: str
    people: int  # linked or matching live contacts who came through the channel
    known_or_trusted: int
    introductions: int  # introductions received for the goal from contacts of the channel


@dataclass(frozen=True)
class GoalLink:
    """A goal a contact is linked to, with their part in it (a contact's detail)."""

    goal_id: int
    title: str
    status: str
    role: str
    slots: tuple[str, ...]  # the slots of the goal the contact fills


@dataclass(frozen=True)
class GoalDetail:
    """Everything a goal's detail shows."""

    summary: GoalSummary
    record: GoalRecord
    members: tuple[GoalMember, ...]
    candidates: tuple[GoalCandidate, ...]
    candidate_total: int
    events_upcoming: tuple[GoalEvent, ...]
    events_attended: tuple[GoalEvent, ...]
    ledger: tuple[GoalLedgerItem, ...]
    channels: tuple[ChannelShare, ...]
