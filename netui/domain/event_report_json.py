"""The planner's reports as JSON-ready dicts, for scripts (`netui events show|prep|stats
--format json`).

- an event of the list (`row_to_json`): ``event_id``, ``title``, ``kind``,
  ``starts_at``, ``ends_at``, ``place``, ``cost``, ``currency``, ``status``,
  ``series_id``, ``series``, ``goals`` (titles), ``met``, ``in_touch`` (the list's rule:
  stage acquainted or later, or heard from on a later day), ``rating``, ``solicitation``
  and ``upcoming``;
- an event (`detail_to_json`): ``event_id``, ``title``, ``kind``, ``starts_at``,
  ``ends_at``, ``place``, ``url``, ``status``, ``series_id``, ``series``, ``organizer``,
  ``intent``, ``cost``, ``currency``, ``solicitation``, ``rating``, ``worth_it``,
  ``outcome``, ``source``, ``external_id``, ``goals`` (``goal_id``, ``title``) and
  ``people`` (``contact_id``, ``name``, ``company``, ``stage``, ``known_before``,
  ``status``); `netui events show` adds ``worth_it_card``, the worth-it card of a past
  event (``null`` for one ahead);
- the prep card (`prep_to_json`): the event's ``event_id`` ... ``solicitation``, then
  ``goals`` (``goal_id``, ``title``, ``why``, ``status``, ``target_profile`` and
  ``open_slots``), ``people`` (``contact_id``, ``name``, ``company``, ``stage``,
  ``attendance``, ``visits``, ``regular``, ``needs``, ``solicitation``, ``balance``,
  ``tilt``, ``last_give``, ``last_take``, ``last_interaction`` (``when``, ``kind``,
  ``summary``, or ``null``), ``open_followups`` (``followup_id``, ``what``, ``due``,
  ``thanks``) and ``unanswered_takes`` (``entry_id``, ``kind``, ``description``,
  ``date``)), ``offers`` (``offer``, ``contact_id``, ``name``, ``need``), ``pitches``
  and ``introduction``;
- the worth-it card (`worth_to_json`): the event's keys, ``hours``, ``days_since``,
  ``people_met``, ``in_touch_30`` and ``in_touch_90`` (``null`` until that many days
  have passed), ``cost_per_lasting``, ``people``, ``followups`` (``total``, ``done``,
  ``overdue``), ``ledger``, ``introductions`` and ``goals``;
- the returns (`returns_to_json`): ``by``, ``since`` (``null``: everything), ``today``
  and ``rows``, each ``key``, ``label``, ``events``, ``pitched``, ``pitch_share``,
  ``people_met``, ``due_90``, ``in_touch_90``, ``in_touch_share``, ``due_6_months``,
  ``known_after_6_months``, ``known_share``, ``rated``, ``average_rating``, ``cost``,
  ``currencies``, ``cost_per_lasting`` and ``pitching_people``.

Amounts are decimal strings ("1000.00"), exact; shares are 0 to 1, rounded to 4 places,
``null`` when there is nothing to share out. Dates are ISO, times ISO without a zone.
Pure: the screens, the command line and tests share it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from netui.domain.event_reports import (
    LASTING_DAYS,
    SETTLED_DAYS,
    PrepCard,
    PrepPerson,
    ReturnRow,
    Returns,
    WorthCard,
)
from netui.domain.events import EventDetail, EventRow
from netui.domain.goals import TargetProfile

__all__ = [
    "detail_to_json",
    "prep_to_json",
    "profile_to_json",
    "returns_to_json",
    "row_to_json",
    "worth_to_json",
]


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _amount(value: Decimal | None) -> str | None:
    return f"{value:.2f}" if value is not None else None


def _share(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def profile_to_json(profile: TargetProfile) -> dict[str, Any]:
    """A goal's criteria, as `netui goals show` gives them."""
    return {
        "tags": list(profile.tags),
        "words": list(profile.words),
        "channel": profile.channel,
        "location": profile.location,
        "min_stage": profile.min_stage,
    }


def row_to_json(row: EventRow, now: dt.datetime) -> dict[str, Any]:
    """One event of the list, for scripts."""
    return {
        "event_id": row.id,
        "title": row.title,
        "kind": row.kind,
        "starts_at": _iso(row.starts_at),
        "ends_at": _iso(row.ends_at),
        "place": row.place,
        "cost": _amount(row.cost),
        "currency": row.currency,
        "status": row.status,
        "series_id": row.series_id,
        "series": row.series,
        "goals": list(row.goals),
        "met": row.met,
        "in_touch": row.in_touch,
        "rating": row.rating,
        "solicitation": row.solicitation,
        "upcoming": row.upcoming(now),
    }


def detail_to_json(detail: EventDetail) -> dict[str, Any]:
    """An event in full, for scripts."""
    draft = detail.draft
    return {
        "event_id": detail.id,
        "title": draft.title,
        "kind": draft.kind,
        "starts_at": _iso(draft.starts_at),
        "ends_at": _iso(draft.ends_at),
        "place": draft.place,
        "url": draft.url,
        "status": draft.status,
        "series_id": detail.series_id,
        "series": draft.series,
        "organizer": draft.organizer,
        "intent": draft.intent,
        "cost": _amount(draft.cost),
        "currency": draft.currency,
        "solicitation": draft.solicitation,
        "rating": detail.rating,
        "worth_it": detail.worth_it,
        "outcome": detail.outcome,
        "source": detail.source,
        "external_id": detail.external_id,
        "goals": [{"goal_id": gid, "title": title} for gid, title in detail.goals],
        "people": [
            {
                "contact_id": p.contact_id,
                "name": p.name,
                "company": p.company,
                "stage": p.stage,
                "known_before": p.known_before,
                "status": p.status,
            }
            for p in detail.people
        ],
    }


def _person_json(person: PrepPerson) -> dict[str, Any]:
    touch = person.last_touch
    return {
        "contact_id": person.contact_id,
        "name": person.name,
        "company": person.company,
        "stage": person.stage,
        "attendance": person.attendance,
        "visits": person.visits,
        "regular": person.regular,
        "needs": person.needs,
        "solicitation": person.solicitation,
        "balance": person.balance,
        "tilt": person.tilt(),
        "last_give": _iso(person.last_give),
        "last_take": _iso(person.last_take),
        "last_interaction": (
            {"when": _iso(touch.when), "kind": touch.kind, "summary": touch.summary}
            if touch is not None
            else None
        ),
        "open_followups": [
            {"followup_id": f.id, "what": f.what, "due": _iso(f.due), "thanks": f.thanks}
            for f in person.followups
        ],
        "unanswered_takes": [
            {"entry_id": t.id, "kind": t.kind, "description": t.description, "date": _iso(t.date)}
            for t in person.unanswered
        ],
    }


def prep_to_json(card: PrepCard) -> dict[str, Any]:
    """The prep card, for scripts."""
    pitches = card.pitches
    return {
        "event_id": card.event_id,
        "title": card.title,
        "kind": card.kind,
        "starts_at": _iso(card.starts_at),
        "ends_at": _iso(card.ends_at),
        "place": card.place,
        "status": card.status,
        "intent": card.intent,
        "series_id": card.series_id,
        "series": card.series,
        "organizer": card.organizer,
        "solicitation": card.solicitation,
        "goals": [
            {
                "goal_id": g.id,
                "title": g.title,
                "why": g.why,
                "status": g.status,
                "target_profile": profile_to_json(g.profile),
                "open_slots": list(g.open_slots),
            }
            for g in card.goals
        ],
        "people": [_person_json(p) for p in card.people],
        "offers": [
            {"offer": m.offer, "contact_id": m.contact_id, "name": m.name, "need": m.need}
            for m in card.offers
        ],
        "pitches": {
            "series": pitches.series,
            "series_events": pitches.series_events,
            "series_pitched": pitches.series_pitched,
            "organizer": pitches.organizer,
            "organizer_events": pitches.organizer_events,
            "organizer_pitched": pitches.organizer_pitched,
            "events": [
                {"event_id": eid, "title": title, "starts_at": _iso(starts)}
                for eid, title, starts in pitches.events
            ],
            "people": [
                {"contact_id": cid, "name": name, "note": note}
                for cid, name, note in pitches.people
            ],
        },
        "introduction": card.introduction,
    }


def worth_to_json(card: WorthCard) -> dict[str, Any]:
    """The worth-it card, for scripts."""
    return {
        "event_id": card.event_id,
        "title": card.title,
        "kind": card.kind,
        "starts_at": _iso(card.starts_at),
        "ends_at": _iso(card.ends_at),
        "place": card.place,
        "status": card.status,
        "series": card.series,
        "cost": _amount(card.cost),
        "currency": card.currency,
        "hours": card.hours,
        "rating": card.rating,
        "worth_it": card.worth_it,
        "outcome": card.outcome,
        "solicitation": card.solicitation,
        "days_since": card.days_since,
        "people_met": card.met,
        "in_touch_30": card.in_touch(30),
        "in_touch_90": card.in_touch(LASTING_DAYS),
        "cost_per_lasting": _amount(card.cost_per_lasting),
        "people": [
            {
                "contact_id": p.contact_id,
                "name": p.name,
                "company": p.company,
                "stage": p.stage,
                "in_touch_30": p.in_touch_30,
                "in_touch_90": p.in_touch_90,
                "last_contact": _iso(p.last_contact),
            }
            for p in card.people
        ],
        "followups": {
            "total": card.followups_total,
            "done": card.followups_done,
            "overdue": card.followups_overdue,
        },
        "ledger": [
            {
                "entry_id": item.id,
                "contact_id": item.contact_id,
                "name": item.name,
                "direction": item.direction,
                "kind": item.kind,
                "description": item.description,
                "date": _iso(item.date),
                "introduced_id": item.introduced_id,
                "introduced_name": item.introduced_name,
            }
            for item in card.ledger
        ],
        "introductions": [
            {
                "contact_id": i.contact_id,
                "name": i.name,
                "via_id": i.via_id,
                "via_name": i.via_name,
                "source": i.source,
            }
            for i in card.introductions
        ],
        "goals": [
            {
                "goal_id": g.goal_id,
                "title": g.title,
                "served": g.served,
                "linked": g.linked,
                "slots_filled": g.slots_filled,
                "promoted": g.promoted,
            }
            for g in card.goals
        ],
    }


def _row_json(row: ReturnRow) -> dict[str, Any]:
    return {
        "key": row.key,
        "label": row.label,
        "events": row.events,
        "pitched": row.pitched,
        "pitch_share": _share(row.pitch_share),
        "people_met": row.met,
        "due_90": row.due_90,
        "in_touch_90": row.in_touch_90,
        "in_touch_share": _share(row.in_touch_share),
        "due_6_months": row.due_settled,
        "known_after_6_months": row.known_settled,
        "known_share": _share(row.known_share),
        "rated": row.rated,
        "average_rating": row.rating,
        "cost": _amount(row.cost),
        "currencies": list(row.currencies),
        "cost_per_lasting": _amount(row.cost_per_lasting),
        "pitching_people": row.pitching,
    }


def returns_to_json(returns: Returns) -> dict[str, Any]:
    """The returns by one grouping, for scripts."""
    return {
        "by": returns.by,
        "since": _iso(returns.since),
        "today": _iso(returns.today),
        "lasting_days": LASTING_DAYS,
        "settled_days": SETTLED_DAYS,
        "rows": [_row_json(row) for row in returns.rows],
    }
