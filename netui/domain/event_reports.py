"""The planner's reports as records and rules: the prep card before an event, the worth-it
card after it, and the returns rolled up by event kind, contact channel and series.

**Still in touch at N days.** A person first met at an event (attendance present and not
known before: netui.state.events.listing.met_there) is still in touch at N days when N
days have passed since the event's day and either

- their stage now is acquainted or later (the person said the relationship moved past a
  card exchange), or
- an interaction with them is dated on or after the event's day plus N days.

Before N days have passed the answer is not known yet (None), and the returns count only
the people met at least N days ago. The planner's list counts "in touch" by the same rule
at one day (an interaction on a later day than the event's), without waiting. For the
returns by channel, a contact's day is the day it was met (its met-on day, else the day
it was added). **Known after 6 months** is a person met at least SETTLED_DAYS days ago
whose stage now is known or trusted.

Pure: no peewee, no Textual; the screens, the command line and tests share it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from netui.domain.goals import TargetProfile
from netui.i18n import _

__all__ = [
    "IN_TOUCH_DAYS",
    "LASTING_DAYS",
    "OFFERS_SHOWN",
    "RETURN_GROUPINGS",
    "RETURN_PERIODS",
    "SETTLED_DAYS",
    "GoalMoved",
    "OfferMatch",
    "OpenFollowUp",
    "PitchHistory",
    "PrepCard",
    "PrepGoal",
    "PrepPerson",
    "ReturnRow",
    "Returns",
    "Take",
    "Touch",
    "TracedIntroduction",
    "WorthCard",
    "WorthLedgerItem",
    "WorthPerson",
]

IN_TOUCH_DAYS: tuple[int, ...] = (30, 90)
"""The days after an event the worth-it card asks "still in touch?" at."""
LASTING_DAYS = 90
"""A relationship still in touch this many days after the event counts as lasting."""
SETTLED_DAYS = 182
""""After 6 months": people met at least this many days ago, for the known-or-trusted share."""
RETURN_GROUPINGS: tuple[str, ...] = ("kind", "channel", "series")
RETURN_PERIODS: tuple[int | None, ...] = (90, 182, 365, None)
"""The periods the returns view cycles through, in days back from today; None is everything."""
OFFERS_SHOWN = 5
STAGES_IN_TOUCH: tuple[str, ...] = ("acquainted", "known", "trusted")
STAGES_KNOWN: tuple[str, ...] = ("known", "trusted")

# -- the prep card ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Touch:
    """The last interaction with a contact."""

    when: dt.datetime
    kind: str
    summary: str


@dataclass(frozen=True)
class OpenFollowUp:
    """A follow-up to a contact not done yet; `thanks` when it is a thank-you owed."""

    id: int
    what: str
    due: dt.date
    thanks: bool


@dataclass(frozen=True)
class Take:
    """Something received from a contact and not answered by a give since."""

    id: int
    kind: str
    description: str
    date: dt.date


@dataclass(frozen=True)
class PrepPerson:
    """Someone I know who will be there: an attendee known before the event (expected or
    present) or a regular of its series (present at two or more of its events)."""

    contact_id: int
    name: str
    company: str
    stage: str
    attendance: str  # "expected", "present", or "" for a regular not said to be coming
    visits: int  # present at this many of the series' events
    needs: str
    solicitation: bool
    balance: int  # give weights minus take weights
    last_give: dt.date | None
    last_take: dt.date | None
    last_touch: Touch | None
    followups: tuple[OpenFollowUp, ...]
    unanswered: tuple[Take, ...]

    @property
    def regular(self) -> bool:
        """Present at two or more of the series' events."""
        return self.visits >= 2

    @property
    def thanks(self) -> tuple[OpenFollowUp, ...]:
        """The open follow-ups that are thank-yous owed to them."""
        return tuple(item for item in self.followups if item.thanks)

    @property
    def owes_something(self) -> bool:
        """A thank-you is open, or something they gave is not answered yet."""
        return bool(self.thanks or self.unanswered)

    def tilt(self) -> str:
        """The give/take balance in words: who gave more, and by how much."""
        if self.balance > 0:
            return _("I gave more (+{n})").format(n=self.balance)
        if self.balance < 0:
            return _("I took more ({n})").format(n=self.balance)
        return _("even")


@dataclass(frozen=True)
class PrepGoal:
    """A goal the event serves: why, the people it still wants, who to look out for."""

    id: int
    title: str
    why: str
    status: str
    profile: TargetProfile
    open_slots: tuple[str, ...]


@dataclass(frozen=True)
class OfferMatch:
    """Something I offer that meets a need of someone who will be there."""

    offer: str
    contact_id: int
    name: str
    need: str


@dataclass(frozen=True)
class PitchHistory:
    """Pitches met before at the event's series and organizer: the other held events of
    either so far (how many, how many came with pitches, those that did) and the people
    met at them flagged as soliciting."""

    series: str
    series_events: int
    series_pitched: int
    organizer: str
    organizer_events: int
    organizer_pitched: int
    events: tuple[tuple[int, str, dt.datetime], ...]  # (id, title, start) of pitched ones
    people: tuple[tuple[int, str, str], ...]  # (id, name, solicitation note)

    @property
    def empty(self) -> bool:
        """No earlier event of the series or organizer to learn from."""
        return not (self.series_events or self.organizer_events)


@dataclass(frozen=True)
class PrepCard:
    """Everything to prepare an upcoming event with."""

    event_id: int
    title: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    place: str
    status: str
    intent: str
    series_id: int | None
    series: str
    organizer: str
    solicitation: bool
    goals: tuple[PrepGoal, ...]
    people: tuple[PrepPerson, ...]
    offers: tuple[OfferMatch, ...]
    pitches: PitchHistory
    introduction: str  # a one-line self-introduction, "" without a profile


# -- the worth-it card ---------------------------------------------------------------------


@dataclass(frozen=True)
class WorthPerson:
    """Someone first met at the event, and whether they are still in touch at 30 and 90
    days (None: not that many days yet)."""

    contact_id: int
    name: str
    company: str
    stage: str
    in_touch_30: bool | None
    in_touch_90: bool | None
    last_contact: dt.date | None


@dataclass(frozen=True)
class WorthLedgerItem:
    """A give or take recorded as coming from the event."""

    id: int
    contact_id: int
    name: str
    direction: str
    kind: str
    description: str
    date: dt.date
    introduced_id: int | None
    introduced_name: str


@dataclass(frozen=True)
class TracedIntroduction:
    """An introduction traced to the event: one recorded in its ledger (someone there
    introduced me to `contact`), or a contact introduced by someone met there."""

    contact_id: int
    name: str
    via_id: int
    via_name: str
    source: str  # "ledger" or "introduced_by"


@dataclass(frozen=True)
class GoalMoved:
    """A goal the event served or its people moved: people met there linked to it,
    its slots they fill, and their promotions to a later stage since the event."""

    goal_id: int
    title: str
    served: bool
    linked: int
    slots_filled: int
    promoted: int

    @property
    def moved(self) -> bool:
        """Anything at all came of the event for this goal."""
        return bool(self.linked or self.slots_filled or self.promoted)


@dataclass(frozen=True)
class WorthCard:
    """Was a past event worth it: what it cost, whom it gave, what came of them."""

    event_id: int
    title: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    place: str
    status: str
    series: str
    cost: Decimal | None
    currency: str
    rating: int | None
    worth_it: bool | None
    outcome: str
    solicitation: bool
    days_since: int  # days from the event's day to today
    people: tuple[WorthPerson, ...]
    followups_total: int
    followups_done: int
    followups_overdue: int
    ledger: tuple[WorthLedgerItem, ...]
    introductions: tuple[TracedIntroduction, ...]
    goals: tuple[GoalMoved, ...]

    @property
    def hours(self) -> float | None:
        """Its length in hours, from its start to its end (None without an end)."""
        if self.ends_at is None:
            return None
        return round((self.ends_at - self.starts_at).total_seconds() / 3600, 2)

    @property
    def met(self) -> int:
        """People first met there."""
        return len(self.people)

    def in_touch(self, days: int) -> int | None:
        """People met there still in touch at `days` days (30 or 90); None until then."""
        if self.days_since < days:
            return None
        answers = [p.in_touch_30 if days == 30 else p.in_touch_90 for p in self.people]
        return sum(1 for answer in answers if answer)

    @property
    def cost_per_lasting(self) -> Decimal | None:
        """The cost over the relationships still in touch at 90 days (None: no cost, not
        90 days yet, or none lasting)."""
        lasting = self.in_touch(LASTING_DAYS)
        if self.cost is None or not lasting:
            return None
        return per(self.cost, lasting)


def per(total: Decimal, count: int) -> Decimal:
    """A cost divided by a count, to the cent (half up)."""
    return (total / count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# -- the returns -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReturnRow:
    """One kind, channel or series over the period: its events and what they returned.

    `due_90` and `due_settled` are the people met at least LASTING_DAYS and SETTLED_DAYS
    days ago, the bases of the shares.
    """

    key: str  # the kind or channel, or the series' id as text
    label: str
    events: int
    pitched: int  # events flagged as coming with pitches
    met: int
    due_90: int
    in_touch_90: int
    due_settled: int
    known_settled: int
    rated: int
    rating: float | None  # the average rating of the rated events
    cost: Decimal | None
    currencies: tuple[str, ...]
    pitching: int  # people met flagged as soliciting

    @property
    def in_touch_share(self) -> float | None:
        """The share of people met 90 days ago or more still in touch (None: nobody yet)."""
        return self.in_touch_90 / self.due_90 if self.due_90 else None

    @property
    def known_share(self) -> float | None:
        """The share of people met 6 months ago or more now known or trusted."""
        return self.known_settled / self.due_settled if self.due_settled else None

    @property
    def pitch_share(self) -> float | None:
        """The share of its events that came with pitches."""
        return self.pitched / self.events if self.events else None

    @property
    def cost_per_lasting(self) -> Decimal | None:
        """The cost over the relationships still in touch at 90 days, in one currency."""
        if self.cost is None or not self.in_touch_90 or len(self.currencies) != 1:
            return None
        return per(self.cost, self.in_touch_90)


@dataclass(frozen=True)
class Returns:
    """The returns by one grouping over a period (since a day, or everything)."""

    by: str  # one of RETURN_GROUPINGS
    since: dt.date | None
    today: dt.date
    rows: tuple[ReturnRow, ...]
