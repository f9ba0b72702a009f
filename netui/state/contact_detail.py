"""A contact's detail: every field, how you met, who introduced whom, warmth, and the history."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from peewee import JOIN, Case, Query, fn

from netui.data.models import (
    Attendance,
    Contact,
    ContactTag,
    Event,
    FollowUp,
    Interaction,
    LedgerEntry,
    Tag,
)
from netui.domain.cadence import effective_cadence
from netui.domain.records import (
    ContactDetail,
    ContactDraft,
    ContactRef,
    EventRef,
    FollowUpRecord,
    HistoryItem,
)
from netui.domain.warmth import warmth
from netui.i18n import _
from netui.state.errors import NotFound
from netui.state.prepared import Param
from netui.state.rows import as_date, as_datetime

if TYPE_CHECKING:
    from netui.state.session import Session
    from netui.state.sql import EngineSQL


# Every statement of the detail is prepared (netui.state.prepared): opening a
# contact ran 8 of them, and compiling them cost ~8 ms of CPU against ~1 ms
# for running them. Param "contact" is the contact's id.


def _contact(sql: EngineSQL) -> Query:
    introducer = Contact.alias("introducer")
    tags = (
        Tag.select(sql.text_agg(Tag.name, " "))
        .join(ContactTag, on=ContactTag.tag == Tag.id)
        .where(ContactTag.contact == Contact.id)
    )
    return (
        Contact.select(
            Contact.name,
            Contact.reading,
            Contact.reading_confirmed,
            Contact.company,
            Contact.role,
            Contact.email,
            Contact.phone,
            Contact.location,
            Contact.birthday,
            Contact.links,
            Contact.channel,
            Contact.met_on,
            Contact.met_at,
            Contact.introduced_by,
            Contact.stage,
            Contact.cadence_days,
            Contact.needs,
            Contact.offers,
            Contact.notes,
            Contact.solicitation,
            Contact.solicitation_note,
            Contact.archived,
            Contact.created_at,
            Contact.updated_at,
            Contact.last_contact,
            Contact.next_due,
            introducer.name,
            introducer.company,
            Event.title,
            Event.starts_at,
            tags,
        )
        .join(introducer, JOIN.LEFT_OUTER, on=introducer.id == Contact.introduced_by)
        .switch(Contact)
        .join(Event, JOIN.LEFT_OUTER, on=Event.id == Contact.met_at)
        .where(Contact.id == Param("contact"))
    )


def _stats() -> Query:
    return Interaction.select(
        fn.max(Interaction.when),
        fn.sum(Case(None, [(Interaction.when >= Param("since"), 1)], 0)),
        fn.sum(Case(None, [(Interaction.initiator == "them", 1)], 0)),
        fn.count(Interaction.id),
    ).where(Interaction.contact == Param("contact"))


def _balance() -> Query:
    signed = Case(LedgerEntry.direction, [("give", LedgerEntry.weight)], 0 - LedgerEntry.weight)
    return LedgerEntry.select(fn.coalesce(fn.sum(signed), 0)).where(
        LedgerEntry.contact == Param("contact")
    )


def _introduced() -> Query:
    return (
        Contact.select(Contact.id, Contact.name, Contact.company)
        .where(Contact.introduced_by == Param("contact"))
        .order_by(Contact.sort_key)
    )


def read_detail(session: Session, contact_id: int, history_limit: int) -> ContactDetail:
    """One contact with everything about it (inside a read of `session`).

    Raises:
        NotFound: no contact has that id (it may have been deleted meanwhile).
    """
    db = session.db
    prepared = session.prepared
    contact = {"contact": contact_id}
    main = prepared.get("detail.contact", lambda: _contact(session.sql))
    row = next(iter(main.run(db, **contact)), None)
    if row is None:
        raise NotFound(_("contact {id} no longer exists").format(id=contact_id))
    (
        name,
        reading,
        reading_confirmed,
        company,
        role,
        email,
        phone,
        location,
        birthday,
        links,
        channel,
        met_on,
        met_at_id,
        introducer_id,
        stage,
        cadence_days,
        needs,
        offers,
        notes,
        solicitation,
        solicitation_note,
        archived,
        created_at,
        updated_at,
        last_contact,
        next_due,
        introducer_name,
        introducer_company,
        event_title,
        event_starts,
        tags,
    ) = row
    draft = ContactDraft(
        name=name,
        reading=reading,
        reading_confirmed=bool(reading_confirmed),
        company=company,
        role=role,
        email=email,
        phone=phone,
        location=location,
        birthday=as_date(birthday),
        links=links,
        channel=channel,
        met_on=as_date(met_on),
        met_at_id=met_at_id,
        introduced_by_id=introducer_id,
        stage=stage,
        cadence_days=cadence_days,
        needs=needs,
        offers=offers,
        notes=notes,
        solicitation=bool(solicitation),
        solicitation_note=solicitation_note,
        tags=tuple(sorted(tags.split())) if tags else (),
    )
    today = session.today()
    year_ago = dt.datetime.combine(today - dt.timedelta(days=365), dt.time())
    # An aggregate without GROUP BY: always exactly one row.
    ((last, recent, by_them, total),) = prepared.get("detail.stats", _stats).run(
        db, **contact, since=year_ago
    )
    last_dt = as_datetime(last)
    days_since = (today - last_dt.date()).days if last_dt else None
    ((balance,),) = prepared.get("detail.balance", _balance).run(db, **contact)
    introduced = tuple(
        ContactRef(cid, cname, ccompany)
        for cid, cname, ccompany in prepared.get("detail.introduced", _introduced).run(
            db, **contact
        )
    )
    followups = _followups(session, contact_id)
    return ContactDetail(
        id=contact_id,
        draft=draft,
        archived=bool(archived),
        created_at=as_datetime(created_at) or dt.datetime.min,
        updated_at=as_datetime(updated_at) or dt.datetime.min,
        introducer=ContactRef(introducer_id, introducer_name, introducer_company)
        if introducer_id
        else None,
        introduced=introduced,
        met_at=EventRef(met_at_id, event_title, as_datetime(event_starts)) if met_at_id else None,
        effective_cadence=effective_cadence(cadence_days, stage, session.stage_cadence),
        last_contact=as_date(last_contact),
        next_due=as_date(next_due),
        warmth=warmth(days_since, recent or 0, by_them or 0, total or 0),
        balance=balance,
        interaction_count=total or 0,
        open_followups=tuple(f for f in followups if f.done_at is None),
        history=_history(session, contact_id, followups, history_limit),
    )


def _followups_of() -> Query:
    return (
        FollowUp.select(
            FollowUp.id, FollowUp.due, FollowUp.what, FollowUp.done_at, FollowUp.snoozed_until
        )
        .where(FollowUp.contact == Param("contact"))
        .order_by(FollowUp.due)
    )


def _interactions_of() -> Query:
    return (
        Interaction.select(
            Interaction.id,
            Interaction.when,
            Interaction.kind,
            Interaction.initiator,
            Interaction.summary,
            Event.title,
        )
        .join(Event, JOIN.LEFT_OUTER, on=Event.id == Interaction.event)
        .where(Interaction.contact == Param("contact"))
        .order_by(Interaction.when.desc())
        .limit(Param("limit"))
    )


def _ledger_of() -> Query:
    return (
        LedgerEntry.select(
            LedgerEntry.id,
            LedgerEntry.direction,
            LedgerEntry.kind,
            LedgerEntry.description,
            LedgerEntry.weight,
            LedgerEntry.date,
        )
        .where(LedgerEntry.contact == Param("contact"))
        .order_by(LedgerEntry.date.desc())
        .limit(Param("limit"))
    )


def _attended_by() -> Query:
    return (
        Event.select(Event.id, Event.title, Event.starts_at, Attendance.known_before)
        .join(Attendance, on=Attendance.event == Event.id)
        .where(Attendance.contact == Param("contact"))
        .order_by(Event.starts_at.desc())
    )


def _followups(session: Session, contact_id: int) -> list[FollowUpRecord]:
    rows = session.prepared.get("detail.followups", _followups_of).run(
        session.db, contact=contact_id
    )
    return [
        FollowUpRecord(
            fid, contact_id, as_date(due) or dt.date.min, what, as_datetime(done), as_date(snoozed)
        )
        for fid, due, what, done, snoozed in rows
    ]


def _history(
    session: Session, contact_id: int, followups: list[FollowUpRecord], limit: int
) -> tuple[HistoryItem, ...]:
    db, prepared, items = session.db, session.prepared, []
    interactions = prepared.get("detail.interactions", _interactions_of).run(
        db, contact=contact_id, limit=limit
    )
    for iid, when, kind, initiator, summary, event in interactions:
        who = "they reached out" if initiator == "them" else "I reached out"
        title = f"{kind} ({who})" + (f" at {event}" if event else "")
        items.append(
            HistoryItem("interaction", iid, as_datetime(when) or dt.datetime.min, title, summary)
        )
    for f in followups:
        state = (
            "done" if f.done_at else (f"snoozed to {f.snoozed_until}" if f.snoozed_until else "due")
        )
        items.append(
            HistoryItem(
                "followup",
                f.id,
                dt.datetime.combine(f.effective_due, dt.time()),
                f"follow-up {state}",
                f.what,
                done=f.done_at is not None,
            )
        )
    ledger = prepared.get("detail.ledger", _ledger_of).run(db, contact=contact_id, limit=limit)
    for lid, direction, kind, description, weight, date in ledger:
        verb = "gave" if direction == "give" else "got"
        items.append(
            HistoryItem(
                "ledger",
                lid,
                as_datetime(date) or dt.datetime.min,
                f"{verb} {kind} (weight {weight})",
                description,
            )
        )
    attended = prepared.get("detail.attended", _attended_by).run(db, contact=contact_id)
    for eid, title, starts, known in attended:
        how = "attended (known before)" if known else "attended (met there)"
        items.append(HistoryItem("event", eid, as_datetime(starts) or dt.datetime.min, how, title))
    items.sort(key=lambda item: item.when, reverse=True)
    return tuple(items)
