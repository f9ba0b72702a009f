"""The worth-it card of a past event: its cost and hours, the people first met there and
whether they are still in touch at 30 and 90 days (netui.domain.event_reports' rule), the
follow-ups made for it, the ledger entries and introductions traced to it, and the goals
it moved. A handful of statements, each over the event's few people at once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from peewee import JOIN, Case, fn

from netui.data.models import (
    Attendance,
    Contact,
    ContactGoal,
    Event,
    EventGoal,
    FollowUp,
    Goal,
    GoalSlot,
    LedgerEntry,
    Series,
    StageChange,
)
from netui.domain.cadence import STAGES
from netui.domain.event_reports import (
    GoalMoved,
    TracedIntroduction,
    WorthCard,
    WorthLedgerItem,
    WorthPerson,
)
from netui.i18n import _
from netui.state.errors import NotFound
from netui.state.events.listing import met_there
from netui.state.events.returns import in_touch_at, reached
from netui.state.rows import as_date, as_datetime, first_tuple, tuples
from netui.state.session import Session


def _rank(column: Any) -> Any:
    return Case(column, [(stage, rank) for rank, stage in enumerate(STAGES)])


def _answer(session: Session, days: int, today: dt.date) -> Any:
    """1 or 0 for still in touch at `days` days, NULL before that many days have passed."""
    day = session.sql.date_of(Event.starts_at)
    return Case(
        None,
        [
            (
                reached(Event.starts_at, days, today),
                Case(None, [(in_touch_at(session, Contact.id, day, days), 1)], 0),
            )
        ],
        None,
    )


def _event(event_id: int) -> tuple[Any, ...]:
    values = first_tuple(
        Event.select(
            Event.title,
            Event.kind,
            Event.starts_at,
            Event.ends_at,
            Event.place,
            Event.status,
            Series.title,
            Event.cost,
            Event.currency,
            Event.rating,
            Event.worth_it,
            Event.outcome,
            Event.solicitation,
        )
        .join(Series, JOIN.LEFT_OUTER, on=(Series.id == Event.series))
        .where(Event.id == event_id)
    )
    if values is None:
        raise NotFound(_("no event with id {id}").format(id=event_id))
    return values


def _people(session: Session, event_id: int, today: dt.date) -> list[WorthPerson]:
    rows = tuples(
        Attendance.select(
            Contact.id,
            Contact.name,
            Contact.company,
            Contact.stage,
            _answer(session, 30, today),
            _answer(session, 90, today),
            Contact.last_contact,
        )
        .join(Contact, on=(Contact.id == Attendance.contact))
        .join(Event, on=(Event.id == Attendance.event))
        .where((Attendance.event == event_id) & met_there())
        .order_by(Contact.sort_key, Contact.id)
    )
    return [
        WorthPerson(
            contact_id=int(cid),
            name=str(name),
            company=str(company),
            stage=str(stage),
            in_touch_30=bool(at_30) if at_30 is not None else None,
            in_touch_90=bool(at_90) if at_90 is not None else None,
            last_contact=as_date(last),
        )
        for cid, name, company, stage, at_30, at_90, last in rows
    ]


def _followups(event_id: int, today: dt.date) -> tuple[int, int, int]:
    """The event's follow-ups: how many, done, and open past their due day."""
    open_late = FollowUp.done_at.is_null() & (FollowUp.due < today)
    row = first_tuple(
        FollowUp.select(
            fn.COUNT(FollowUp.id),
            fn.SUM(Case(None, [(FollowUp.done_at.is_null(False), 1)], 0)),
            fn.SUM(Case(None, [(open_late, 1)], 0)),
        ).where(FollowUp.event == event_id)
    )
    total, done, late = row or (0, 0, 0)
    return int(total or 0), int(done or 0), int(late or 0)


def _ledger(event_id: int) -> list[WorthLedgerItem]:
    introduced = Contact.alias("introduced")
    rows = tuples(
        LedgerEntry.select(
            LedgerEntry.id,
            Contact.id,
            Contact.name,
            LedgerEntry.direction,
            LedgerEntry.kind,
            LedgerEntry.description,
            LedgerEntry.date,
            introduced.id,
            introduced.name,
        )
        .join(Contact, on=(Contact.id == LedgerEntry.contact))
        .join_from(
            LedgerEntry, introduced, JOIN.LEFT_OUTER, on=(introduced.id == LedgerEntry.introduced)
        )
        .where(LedgerEntry.event == event_id)
        .order_by(LedgerEntry.date, LedgerEntry.id)
    )
    found = []
    for eid, cid, name, direction, kind, text, day, iid, iname in rows:
        date = as_date(day)
        assert date is not None  # the column is NOT NULL
        found.append(
            WorthLedgerItem(
                int(eid),
                int(cid),
                str(name),
                str(direction),
                str(kind),
                str(text),
                date,
                int(iid) if iid is not None else None,
                str(iname or ""),
            )  # fmt: skip
        )
    return found


def _introductions(ledger: list[WorthLedgerItem], met_ids: list[int]) -> list[TracedIntroduction]:
    """Introductions in the event's ledger, then contacts introduced by someone met there."""
    found = [
        TracedIntroduction(
            item.introduced_id, item.introduced_name, item.contact_id, item.name, "ledger"
        )  # fmt: skip
        for item in ledger
        if item.kind == "introduction" and item.introduced_id is not None
    ]
    seen = {item.contact_id for item in found}
    if met_ids:
        via = Contact.alias("via")
        rows = tuples(
            Contact.select(Contact.id, Contact.name, via.id, via.name)
            .join(via, on=(via.id == Contact.introduced_by))
            .where(Contact.introduced_by.in_(met_ids))
            .order_by(Contact.sort_key, Contact.id)
        )
        found += [
            TracedIntroduction(int(cid), str(name), int(vid), str(vname), "introduced_by")
            for cid, name, vid, vname in rows
            if int(cid) not in seen
        ]
    return found


def _goals(event_id: int, met_ids: list[int], starts_at: dt.datetime) -> list[GoalMoved]:
    """The goals the event serves and those its people are linked to or fill a slot of,
    with how many of them are linked, fill its slots and were promoted since the event."""
    served = dict(
        tuples(
            Goal.select(Goal.id, Goal.title)
            .join(EventGoal, on=(EventGoal.goal == Goal.id))
            .where(EventGoal.event == event_id)
        )
    )
    links: list[tuple[int, str, int]] = []
    fills: list[tuple[int, str, int]] = []
    promoted: dict[int, int] = {}
    if met_ids:
        links = tuples(
            ContactGoal.select(Goal.id, Goal.title, ContactGoal.contact)
            .join(Goal, on=(Goal.id == ContactGoal.goal))
            .where(ContactGoal.contact.in_(met_ids))
        )
        fills = tuples(
            GoalSlot.select(Goal.id, Goal.title, GoalSlot.contact)
            .join(Goal, on=(Goal.id == GoalSlot.goal))
            .where(GoalSlot.contact.in_(met_ids))
        )
        promoted = {
            int(cid): int(count)
            for cid, count in tuples(
                StageChange.select(StageChange.contact, fn.COUNT(StageChange.id))
                .where(
                    StageChange.contact.in_(met_ids)
                    & (StageChange.changed_at >= starts_at)
                    & (_rank(StageChange.to_stage) > _rank(StageChange.from_stage))
                )
                .group_by(StageChange.contact)
            )
        }
    titles = {int(gid): str(title) for gid, title in served.items()}
    people: dict[int, set[int]] = defaultdict(set)
    linked: dict[int, int] = defaultdict(int)
    filled: dict[int, int] = defaultdict(int)
    for gid, title, cid in links:
        titles[int(gid)] = str(title)
        people[int(gid)].add(int(cid))
        linked[int(gid)] += 1
    for gid, title, cid in fills:
        titles[int(gid)] = str(title)
        people[int(gid)].add(int(cid))
        filled[int(gid)] += 1
    moved = [
        GoalMoved(
            goal_id=gid,
            title=title,
            served=gid in served,
            linked=linked[gid],
            slots_filled=filled[gid],
            promoted=sum(promoted.get(cid, 0) for cid in people[gid]),
        )
        for gid, title in titles.items()
    ]
    moved.sort(key=lambda g: (not g.served, not g.moved, g.title.casefold(), g.goal_id))
    return moved


def worth_card(session: Session, event_id: int) -> WorthCard:
    """The worth-it card of an event (past or not: the 30- and 90-day answers wait until
    that many days have passed).

    Raises:
        NotFound: no event has that id.
    """
    today = session.today()
    with session.read():
        (title, kind, starts, ends, place, status, series, cost, currency, rating, worth,
         outcome, pitch) = _event(event_id)  # fmt: skip
        starts_at = as_datetime(starts)
        assert starts_at is not None  # the column is NOT NULL
        people = _people(session, event_id, today)
        met_ids = [p.contact_id for p in people]
        total, done, late = _followups(event_id, today)
        ledger = _ledger(event_id)
        introductions = _introductions(ledger, met_ids)
        goals = _goals(event_id, met_ids, starts_at)
    return WorthCard(
        event_id=event_id,
        title=str(title),
        kind=str(kind),
        starts_at=starts_at,
        ends_at=as_datetime(ends),
        place=str(place),
        status=str(status),
        series=str(series or ""),
        cost=Decimal(str(cost)).quantize(Decimal("0.01")) if cost is not None else None,
        currency=str(currency),
        rating=int(rating) if rating is not None else None,
        worth_it=bool(worth) if worth is not None else None,
        outcome=str(outcome),
        solicitation=bool(pitch),
        days_since=(today - starts_at.date()).days,
        people=tuple(people),
        followups_total=total,
        followups_done=done,
        followups_overdue=late,
        ledger=tuple(ledger),
        introductions=tuple(introductions),
        goals=tuple(goals),
    )


__all__ = ["worth_card"]
