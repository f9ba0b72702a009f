"""The event planner's rules and records: what an event holds, what a valid one is, and the
frozen records the Store's events service returns (no peewee, no Textual)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from netui.domain.contact_rules import CHANNELS, ValidationError, clean_text
from netui.i18n import _

EVENT_STATUSES = ("idea", "planned", "registered", "attended", "skipped", "cancelled")
# Statuses an event is set to in place, on the list or its page.
STATUS_IN_PLACE = ("registered", "attended", "skipped", "cancelled")
# An event that did not happen: nobody was met there, it counts in no return.
NOT_HELD = ("skipped", "cancelled")
# An attendance: a known contact said to be coming (added before), someone there (met
# there, or seen there), or someone expected who did not come.
ATTENDANCE_STATUSES = ("expected", "present", "absent")
_CURRENCY = re.compile(r"[A-Z]{3}")
# The most a cost may be: the column holds 12 digits, 2 after the point.
_MAX_COST = Decimal("9999999999.99")


def status_label(status: str) -> str:
    """An event status as a person reads it, translated."""
    labels = {
        "idea": _("idea"),
        "planned": _("planned"),
        "registered": _("registered"),
        "attended": _("attended"),
        "skipped": _("skipped"),
        "cancelled": _("cancelled"),
    }
    return labels.get(status, status)


def _choice(field_name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        message = _("{value} is not one of {choices}").format(
            value=repr(value), choices=", ".join(choices)
        )
        raise ValidationError(field_name, message)


def parse_cost(text: str) -> Decimal | None:
    """A typed cost: empty for none, else a number >= 0 with at most two decimals
    ("3000", "3,000", "12.50", full-width digits).

    Raises:
        ValidationError: on "cost", for text that is not such a number.
    """
    import unicodedata

    cleaned = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace("_", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(
            "cost", _("{text} is not an amount (like 3000 or 12.50)").format(text=repr(text))
        ) from None
    return check_cost(value)


def check_cost(value: Decimal | None) -> Decimal | None:
    """The cost as stored, or refused: negative, not finite, more than two decimals, or
    too large.

    Raises:
        ValidationError: on "cost".
    """
    if value is None:
        return None
    if not value.is_finite():
        raise ValidationError("cost", _("a cost is a number"))
    if value < 0:
        raise ValidationError("cost", _("a cost cannot be negative"))
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError("cost", _("a cost has at most two decimals"))
    if value > _MAX_COST:
        raise ValidationError("cost", _("a cost that large is not an event's"))
    return value.quantize(Decimal("0.01"))


@dataclass(frozen=True)
class EventDraft:
    """An event as typed in the form, the command line or an import: what is saved.

    `series` is a series' title: an existing series is found by its folded title, a new
    title makes a new series; empty for none. `goal_ids` are the goals it serves.
    """

    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None = None
    kind: str = "other"
    place: str = ""
    url: str = ""
    cost: Decimal | None = None
    currency: str = ""
    status: str = "planned"
    series: str = ""
    organizer: str = ""
    intent: str = ""
    goal_ids: tuple[int, ...] = ()
    solicitation: bool = False

    def cleaned(self) -> EventDraft:
        """The draft as saved: text stripped of control characters, the currency in capitals
        (JPY when a cost is given without one), every rule checked.

        Raises:
            ValidationError: naming the first field that is wrong.
        """
        title = clean_text(self.title)
        if not title:
            raise ValidationError("title", _("an event needs a title"))
        if "\n" in title:
            raise ValidationError("title", _("a title is one line"))
        _choice("kind", self.kind, CHANNELS)
        _choice("status", self.status, EVENT_STATUSES)
        if self.ends_at is not None and self.ends_at <= self.starts_at:
            raise ValidationError("ends_at", _("the end is not after the start"))
        cost = check_cost(self.cost)
        currency = clean_text(self.currency).upper()
        if currency and not _CURRENCY.fullmatch(currency):
            raise ValidationError("currency", _("a currency is three letters, like JPY or USD"))
        if cost is not None and not currency:
            currency = "JPY"
        url = clean_text(self.url)
        if any(ch.isspace() for ch in url):
            raise ValidationError("url", _("a URL has no spaces"))
        goal_ids = tuple(dict.fromkeys(self.goal_ids))
        return EventDraft(
            title=title,
            starts_at=self.starts_at.replace(microsecond=0),
            ends_at=self.ends_at.replace(microsecond=0) if self.ends_at else None,
            kind=self.kind,
            place=clean_text(self.place),
            url=url,
            cost=cost,
            currency=currency,
            status=self.status,
            series=" ".join(clean_text(self.series).split()),
            organizer=clean_text(self.organizer),
            intent=clean_text(self.intent),
            goal_ids=goal_ids,
            solicitation=self.solicitation,
        )


def check_rating(rating: int | None) -> int | None:
    """A retrospective's rating, 1-5, or None.

    Raises:
        ValidationError: on "rating".
    """
    if rating is not None and not 1 <= rating <= 5:
        raise ValidationError("rating", _("a rating is 1 to 5"))
    return rating


@dataclass(frozen=True)
class EventRow:
    """One event as the planner lists it. For a past event, `met` counts the people first
    met there, `in_touch` those of them still in touch (stage acquainted or more, or an
    interaction after the event)."""

    id: int
    title: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    place: str
    cost: Decimal | None
    currency: str
    status: str
    series_id: int | None
    series: str
    goals: tuple[str, ...]
    met: int
    in_touch: int
    rating: int | None
    solicitation: bool

    def upcoming(self, now: dt.datetime) -> bool:
        """Whether it is still ahead (or under way) at `now`."""
        return (self.ends_at or self.starts_at) >= now


@dataclass(frozen=True)
class EventPerson:
    """A contact at an event: known before it (expected or seen) or met there."""

    contact_id: int
    name: str
    company: str
    stage: str
    known_before: bool
    status: str  # one of ATTENDANCE_STATUSES


@dataclass(frozen=True)
class EventDetail:
    """An event in full: its draft (what the form edits), the retrospective and its people."""

    id: int
    draft: EventDraft
    series_id: int | None
    outcome: str
    rating: int | None
    worth_it: bool | None
    source: str
    external_id: str | None
    goals: tuple[tuple[int, str], ...]  # (goal id, title) of the goals it serves
    people: tuple[EventPerson, ...] = field(default=())


@dataclass(frozen=True)
class SeriesRow:
    """A series with its counts: its events, those attended, the next one ahead, its
    regulars (contacts present at two or more of its events), what it produced (people
    met at its events who reached known or trusted), and the nudge it earns."""

    id: int
    title: str
    organizer: str
    kind: str
    events: int
    attended: int
    next_at: dt.datetime | None
    regulars: int
    produced: int
    nudge: str  # "" | "next" | "stop": see series_nudge


def series_nudge(attended: int, produced: int, has_next: bool) -> str:
    """What a series suggests: "next" when it produced a relationship that reached known
    and no next event is planned; "stop" after three visits that produced nothing; else "".
    """
    if produced > 0 and not has_next:
        return "next"
    if attended >= 3 and produced == 0:
        return "stop"
    return ""
