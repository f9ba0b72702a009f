"""The prep card of an upcoming event: its goals with the people they still want, the people
I know who will be there (known attendees and the series' regulars) with what I owe them,
what I could offer them, the pitches met before at its series and organizer, and a
self-introduction. A handful of statements, each over the event's few people at once.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from peewee import JOIN, SQL, Case, fn

from netui.data.models import (
    Attendance,
    Contact,
    Event,
    EventGoal,
    FollowUp,
    Goal,
    GoalSlot,
    GoalTag,
    Interaction,
    LedgerEntry,
    Series,
    Tag,
)
from netui.domain.event_prep import is_thanks, match_offers, self_introduction
from netui.domain.event_reports import (
    OpenFollowUp,
    PitchHistory,
    PrepCard,
    PrepGoal,
    PrepPerson,
    Take,
    Touch,
)
from netui.domain.events import NOT_HELD
from netui.i18n import _
from netui.state.errors import NotFound
from netui.state.events.listing import met_there
from netui.state.goals import _profile as stored_profile  # the goals' one reading of it
from netui.state.rows import as_date, as_datetime, first_tuple, tuples
from netui.state.session import Session
from netui.state.sql import SEPARATOR

# How many of the pitched events and soliciting people the card lists.
PITCHES_SHOWN = 10
# How many unanswered takes the card lists a person.
TAKES_SHOWN = 3


def _event(event_id: int) -> tuple[Any, ...]:
    values = first_tuple(
        Event.select(
            Event.title,
            Event.kind,
            Event.starts_at,
            Event.ends_at,
            Event.place,
            Event.status,
            Event.intent,
            Event.series,
            Series.title,
            Event.organizer,
            Event.solicitation,
        )
        .join(Series, JOIN.LEFT_OUTER, on=(Series.id == Event.series))
        .where(Event.id == event_id)
    )
    if values is None:
        raise NotFound(_("no event with id {id}").format(id=event_id))
    return values


def _goals(session: Session, event_id: int) -> list[PrepGoal]:
    tags = (
        GoalTag.select(
            GoalTag.goal.alias("goal_id"), session.sql.text_agg(Tag.name, SEPARATOR).alias("names")
        )
        .join(Tag, on=(Tag.id == GoalTag.tag))
        .group_by(GoalTag.goal)
        .alias("tags")
    )
    rows = tuples(
        Goal.select(Goal.id, Goal.title, Goal.why, Goal.status, Goal.target_profile, tags.c.names)
        .join(EventGoal, on=(EventGoal.goal == Goal.id))
        .join_from(Goal, tags, JOIN.LEFT_OUTER, on=(tags.c.goal_id == Goal.id))
        .where(EventGoal.event == event_id)
        .order_by(Goal.title, Goal.id)
    )
    ids = [int(row[0]) for row in rows]
    slots: dict[int, list[str]] = defaultdict(list)
    if ids:
        for gid, text in tuples(
            GoalSlot.select(GoalSlot.goal, GoalSlot.description)
            .where(GoalSlot.goal.in_(ids) & GoalSlot.contact.is_null())
            .order_by(GoalSlot.goal, GoalSlot.position, GoalSlot.id)
        ):
            slots[int(gid)].append(str(text))
    return [
        PrepGoal(
            id=int(gid),
            title=str(title),
            why=str(why),
            status=str(status),
            profile=stored_profile(
                str(profile or ""), sorted(str(names).split(SEPARATOR)) if names else []
            ),
            open_slots=tuple(slots[int(gid)]),
        )
        for gid, title, why, status, profile, names in rows
    ]


def _people_rows(event_id: int, series_id: int | None) -> list[tuple[Any, ...]]:
    """The live contacts known before the event and coming (expected or present), and the
    regulars of its series (present at two or more of its events): attendees first."""
    coming = Attendance.alias("coming")
    on_coming = (
        (coming.contact == Contact.id)
        & (coming.event == event_id)
        & (coming.known_before == True)  # noqa: E712
        & coming.status.in_(("expected", "present"))
    )
    query = Contact.select(
        Contact.id,
        Contact.name,
        Contact.company,
        Contact.stage,
        fn.COALESCE(coming.status, ""),
        Contact.needs,
        Contact.solicitation,
        Contact.balance,
        Contact.last_give,
        Contact.last_take,
    ).join(coming, JOIN.LEFT_OUTER, on=on_coming)
    if series_id is None:
        query = query.select_extend(SQL("0")).where(coming.id.is_null(False))
    else:
        visits = (
            Attendance.select(
                Attendance.contact.alias("contact_id"), fn.COUNT(Attendance.id).alias("visits")
            )
            .join(Event, on=(Event.id == Attendance.event))
            .where((Event.series == series_id) & (Attendance.status == "present"))
            .group_by(Attendance.contact)
            .alias("visits")
        )
        query = (
            query.select_extend(fn.COALESCE(visits.c.visits, 0))
            .join_from(Contact, visits, JOIN.LEFT_OUTER, on=(visits.c.contact_id == Contact.id))
            .where(coming.id.is_null(False) | (visits.c.visits >= 2))
        )
    query = query.where(Contact.archived == False).order_by(  # noqa: E712
        coming.id.is_null(), Contact.sort_key, Contact.id
    )
    return tuples(query)


def _last_touches(ids: list[int]) -> dict[int, Touch]:
    latest = (
        Interaction.select(
            Interaction.contact.alias("contact_id"),
            Interaction.when.alias("at"),
            Interaction.kind.alias("kind"),
            Interaction.summary.alias("summary"),
            fn.ROW_NUMBER()
            .over(
                partition_by=[Interaction.contact],
                order_by=[Interaction.when.desc(), Interaction.id.desc()],
            )
            .alias("nth"),
        )
        .where(Interaction.contact.in_(ids))
        .alias("latest")
    )
    rows = tuples(
        latest.select_from(latest.c.contact_id, latest.c.at, latest.c.kind, latest.c.summary).where(
            latest.c.nth == 1
        )
    )
    found = {}
    for cid, when, kind, summary in rows:
        at = as_datetime(when)
        assert at is not None  # the column is NOT NULL
        found[int(cid)] = Touch(at, str(kind), str(summary))
    return found


def _followups(ids: list[int]) -> dict[int, list[OpenFollowUp]]:
    found: dict[int, list[OpenFollowUp]] = defaultdict(list)
    for fid, cid, what, due in tuples(
        FollowUp.select(FollowUp.id, FollowUp.contact, FollowUp.what, FollowUp.due)
        .where(FollowUp.contact.in_(ids) & FollowUp.done_at.is_null())
        .order_by(FollowUp.due, FollowUp.id)
    ):
        day = as_date(due)
        assert day is not None
        found[int(cid)].append(OpenFollowUp(int(fid), str(what), day, is_thanks(str(what))))
    return found


def _unanswered(ids: list[int]) -> dict[int, list[Take]]:
    """Takes dated after the contact's last give (all of them, with no give yet)."""
    found: dict[int, list[Take]] = defaultdict(list)
    for tid, cid, kind, text, day in tuples(
        LedgerEntry.select(
            LedgerEntry.id,
            LedgerEntry.contact,
            LedgerEntry.kind,
            LedgerEntry.description,
            LedgerEntry.date,
        )
        .join(Contact, on=(Contact.id == LedgerEntry.contact))
        .where(
            LedgerEntry.contact.in_(ids)
            & (LedgerEntry.direction == "take")
            & (Contact.last_give.is_null() | (LedgerEntry.date > Contact.last_give))
        )
        .order_by(LedgerEntry.date.desc(), LedgerEntry.id.desc())
    ):
        if len(found[int(cid)]) < TAKES_SHOWN:
            date = as_date(day)
            assert date is not None
            found[int(cid)].append(Take(int(tid), str(kind), str(text), date))
    return found


def _people(event_id: int, series_id: int | None) -> list[PrepPerson]:
    rows = _people_rows(event_id, series_id)
    ids = [int(row[0]) for row in rows]
    touches = _last_touches(ids) if ids else {}
    followups = _followups(ids) if ids else {}
    takes = _unanswered(ids) if ids else {}
    people = []
    for cid, name, company, stage, coming, needs, pitch, balance, give, take, visits in rows:
        people.append(
            PrepPerson(
                contact_id=int(cid),
                name=str(name),
                company=str(company),
                stage=str(stage),
                attendance=str(coming),
                visits=int(visits or 0),
                needs=str(needs),
                solicitation=bool(pitch),
                balance=int(balance or 0),
                last_give=as_date(give),
                last_take=as_date(take),
                last_touch=touches.get(int(cid)),
                followups=tuple(followups.get(int(cid), ())),
                unanswered=tuple(takes.get(int(cid), ())),
            )
        )
    return people


def _pitches(
    session: Session, event_id: int, series_id: int | None, series: str, organizer: str
) -> PitchHistory:
    """The other held events so far of the series or the organizer: how many, how many came
    with pitches and which, and the people met at them flagged as soliciting."""
    in_series = Event.series == series_id if series_id is not None else SQL("1 = 0")
    by_organizer = Event.organizer == organizer if organizer else SQL("1 = 0")
    scope = (
        (in_series | by_organizer)
        & (Event.id != event_id)
        & (Event.starts_at < session.now())
        & Event.status.not_in(NOT_HELD)
    )
    pitched = Event.solicitation == True  # noqa: E712

    def flag(condition: Any) -> Any:
        return fn.SUM(Case(None, [(condition, 1)], 0))

    counts = first_tuple(
        Event.select(
            flag(in_series),
            flag(in_series & pitched),
            flag(by_organizer),
            flag(by_organizer & pitched),
        ).where(scope)
    )
    events = tuples(
        Event.select(Event.id, Event.title, Event.starts_at)
        .where(scope & pitched)
        .order_by(Event.starts_at.desc(), Event.id.desc())
        .limit(PITCHES_SHOWN)
    )
    people = tuples(
        Contact.select(Contact.id, Contact.name, Contact.solicitation_note)
        .where(
            (Contact.solicitation == True)  # noqa: E712
            & Contact.id.in_(
                Attendance.select(Attendance.contact)
                .join(Event, on=(Event.id == Attendance.event))
                .where(scope & met_there())
            )
        )
        .order_by(Contact.sort_key, Contact.id)
        .limit(PITCHES_SHOWN)
    )
    s_all, s_pitched, o_all, o_pitched = (int(value or 0) for value in (counts or (0, 0, 0, 0)))
    return PitchHistory(
        series=series,
        series_events=s_all,
        series_pitched=s_pitched,
        organizer=organizer,
        organizer_events=o_all,
        organizer_pitched=o_pitched,
        events=tuple((int(eid), str(title), _start(starts)) for eid, title, starts in events),
        people=tuple((int(cid), str(name), str(note)) for cid, name, note in people),
    )


def _start(value: Any) -> Any:
    moment = as_datetime(value)
    assert moment is not None
    return moment


def prep_card(
    session: Session,
    event_id: int,
    *,
    name: str = "",
    one_line: str = "",
    offers: tuple[str, ...] = (),
) -> PrepCard:
    """The prep card of an event (upcoming or not), with my offers matched against the needs
    of the people there and a self-introduction from my name, one line and offers (the
    config file's [profile]).

    Raises:
        NotFound: no event has that id.
    """
    with session.read():
        (title, kind, starts, ends, place, status, intent, series_id, series, organizer,
         pitch) = _event(event_id)  # fmt: skip
        sid = int(series_id) if series_id is not None else None
        goals = _goals(session, event_id)
        people = _people(event_id, sid)
        pitches = _pitches(session, event_id, sid, str(series or ""), str(organizer))
    matched = match_offers(offers, tuple(people))
    return PrepCard(
        event_id=event_id,
        title=str(title),
        kind=str(kind),
        starts_at=_start(starts),
        ends_at=as_datetime(ends),
        place=str(place),
        status=str(status),
        intent=str(intent),
        series_id=sid,
        series=str(series or ""),
        organizer=str(organizer),
        solicitation=bool(pitch),
        goals=tuple(goals),
        people=tuple(people),
        offers=matched,
        pitches=pitches,
        introduction=self_introduction(name, one_line, offers, matched),
    )
