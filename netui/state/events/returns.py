"""The planner's returns: what events gave, rolled up by event kind, by the channel contacts
were met through, and by series, over a period. Two aggregate statements a grouping (the
events' figures, the people's figures), each one GROUP BY, never a query per event.

"Still in touch at N days" and "known after 6 months" are netui.domain.event_reports'
rules; `in_touch_at` and `reached` are their SQL, shared with the worth-it card.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from peewee import SQL, Case, Value, fn

from netui.data.models import Attendance, Contact, Event, Interaction, Series
from netui.domain.contact_rules import ValidationError
from netui.domain.event_reports import (
    LASTING_DAYS,
    RETURN_GROUPINGS,
    SETTLED_DAYS,
    STAGES_IN_TOUCH,
    STAGES_KNOWN,
    ReturnRow,
    Returns,
)
from netui.domain.events import NOT_HELD
from netui.i18n import _
from netui.state.events.listing import met_there
from netui.state.rows import tuples
from netui.state.session import Session


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def reached(moment: Any, days: int, today: dt.date) -> Any:
    """`days` days have passed since the day of `moment` (a timestamp column): its day plus
    `days` is today or earlier."""
    return moment < _midnight(today - dt.timedelta(days=days - 1))


def reached_day(day: Any, days: int, today: dt.date) -> Any:
    """`days` days have passed since `day` (a date expression)."""
    return day <= today - dt.timedelta(days=days)


def in_touch_at(session: Session, contact: Any, day: Any, days: int) -> Any:
    """The contact (an id column) met on `day` (a date expression) is still in touch at
    `days` days: at stage acquainted or later, or with an interaction dated on or after
    `day` plus `days` days (whether that many days have passed is asked apart: `reached`)."""
    later = Interaction.select(SQL("1")).where(
        (Interaction.contact == contact)
        & (Interaction.when >= session.sql.add_days(day, Value(days)))
    )
    return Contact.stage.in_(STAGES_IN_TOUCH) | fn.EXISTS(later)


def _flag(condition: Any) -> Any:
    return fn.SUM(Case(None, [(condition, 1)], 0))


def _held(now: dt.datetime, since: dt.date | None) -> Any:
    """Events that took place: started before now, in the period, not skipped or cancelled."""
    where = (Event.starts_at < now) & Event.status.not_in(NOT_HELD)
    if since is not None:
        where &= Event.starts_at >= _midnight(since)
    return where


def _event_figures(group: Any) -> tuple[Any, ...]:
    """Per group: events, those with pitches, rated ones and their average, cost total and
    the currencies the costs are in (the first and last by name)."""
    currency = Case(None, [(Event.cost.is_null(False), Event.currency)], None)
    return (
        group.alias("grp"),
        fn.COUNT(Event.id),
        _flag(Event.solicitation == True),  # noqa: E712
        fn.COUNT(Event.rating),
        fn.AVG(Event.rating),
        fn.SUM(Event.cost),
        fn.MIN(currency),
        fn.MAX(currency),
    )


def _people_figures(session: Session, group: Any, day: Any, today: dt.date) -> Any:
    """Per group, over the rows it is given (one a person met): how many, those met 90 days
    ago and more and of them still in touch, those met 6 months ago and more and of them
    known or trusted, and those flagged as soliciting."""
    due_90 = reached_day(day, LASTING_DAYS, today)
    due_settled = reached_day(day, SETTLED_DAYS, today)
    return (
        group.alias("grp"),
        fn.COUNT(SQL("*")),
        _flag(due_90),
        _flag(due_90 & in_touch_at(session, Contact.id, day, LASTING_DAYS)),
        _flag(due_settled),
        _flag(due_settled & Contact.stage.in_(STAGES_KNOWN)),
        _flag(Contact.solicitation == True),  # noqa: E712
    )


def _by_events(session: Session, by: str, since: dt.date | None) -> tuple[list[Any], list[Any]]:
    """The kind or series figures: events held in the period, people first met at them."""
    today = session.today()
    where = _held(session.now(), since)
    group = Event.kind if by == "kind" else Event.series
    if by == "series":
        where &= Event.series.is_null(False)
    events = tuples(Event.select(*_event_figures(group)).where(where).group_by(group))
    people = tuples(
        Attendance.select(
            *_people_figures(session, group, session.sql.date_of(Event.starts_at), today)
        )
        .join(Event, on=(Event.id == Attendance.event))
        .join(Contact, on=(Contact.id == Attendance.contact))
        .where(where & met_there())
        .group_by(group)
    )
    return events, people


def _by_channel(session: Session, since: dt.date | None) -> tuple[list[Any], list[Any]]:
    """The channel figures: contacts met in the period through each channel (met on that
    day, else added on it), and the held events those of them met at an event were met at."""
    today = session.today()
    day = fn.COALESCE(Contact.met_on, session.sql.date_of(Contact.created_at))
    in_period = day <= today
    if since is not None:
        in_period &= day >= since
    people = tuples(
        Contact.select(*_people_figures(session, Contact.channel, day, today))
        .where(in_period)
        .group_by(Contact.channel)
    )
    # Each event once per channel, however many of its people came through it.
    met_at = (
        Attendance.select(Contact.channel.alias("channel"), Attendance.event.alias("event_id"))
        .join(Contact, on=(Contact.id == Attendance.contact))
        .where(met_there() & in_period)
        .distinct()
        .alias("met_at")
    )
    events = tuples(
        Event.select(*_event_figures(met_at.c.channel))
        .join(met_at, on=(met_at.c.event_id == Event.id))
        .where(_held(session.now(), since))
        .group_by(met_at.c.channel)
    )
    return events, people


def _labels(by: str, keys: set[Any]) -> dict[Any, str]:
    if by != "series":
        return {key: str(key) for key in keys}
    rows = tuples(Series.select(Series.id, Series.title).where(Series.id.in_(sorted(keys))))
    return {sid: str(title) for sid, title in rows}


def returns(session: Session, by: str = "kind", since: dt.date | None = None) -> Returns:
    """The events' returns grouped `by` kind, channel or series over the period from
    `since` (None: everything), the best share still in touch first.

    Raises:
        ValidationError: on "by", not one of RETURN_GROUPINGS.
    """
    if by not in RETURN_GROUPINGS:
        message = _("{value} is not one of {choices}").format(
            value=repr(by), choices=", ".join(RETURN_GROUPINGS)
        )
        raise ValidationError("by", message)
    with session.read():
        events, people = (
            _by_channel(session, since) if by == "channel" else _by_events(session, by, since)
        )
        by_event = {row[0]: row for row in events}
        by_people = {row[0]: row for row in people}
        keys = set(by_event) | set(by_people)
        labels = _labels(by, keys)
    rows = [
        _row(key, labels.get(key, str(key)), by_event.get(key), by_people.get(key)) for key in keys
    ]
    rows.sort(key=_order)
    return Returns(by=by, since=since, today=session.today(), rows=tuple(rows))


def _order(row: ReturnRow) -> tuple[Any, ...]:
    share = row.in_touch_share
    return (share is None, -(share or 0.0), -row.met, -row.events, row.label.casefold(), row.key)


def _row(key: Any, label: str, events: Any, people: Any) -> ReturnRow:
    _k, count, pitched, rated, average, cost, low, high = events or (
        key,
        0,
        0,
        0,
        None,
        None,
        None,
        None,
    )
    _k, met, due_90, touch, due_settled, known, pitching = people or (key, 0, 0, 0, 0, 0, 0)
    currencies = tuple(sorted({str(c) for c in (low, high) if c}))
    return ReturnRow(
        key=str(key),
        label=label,
        events=int(count or 0),
        pitched=int(pitched or 0),
        met=int(met or 0),
        due_90=int(due_90 or 0),
        in_touch_90=int(touch or 0),
        due_settled=int(due_settled or 0),
        known_settled=int(known or 0),
        rated=int(rated or 0),
        rating=round(float(average), 2) if average is not None else None,
        cost=Decimal(str(cost)).quantize(Decimal("0.01")) if cost is not None else None,
        currencies=currencies,
        pitching=int(pitching or 0),
    )
