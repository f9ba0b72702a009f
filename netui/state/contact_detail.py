"""A contact's detail: every field, how you met, who introduced whom, warmth, and the history."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

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
from netui.state.errors import NotFound
from netui.state.rows import as_date, as_datetime

if TYPE_CHECKING:
    from peewee import Database

    from netui.state.session import Session


def read_detail(session: Session, contact_id: int, history_limit: int) -> ContactDetail:
    """One contact with everything about it (inside a read of `session`).

    Raises:
        NotFound: no contact has that id (it may have been deleted meanwhile).
    """
    db = session.db
    row = db.execute_sql(
        "SELECT c.name, c.reading, c.reading_confirmed, c.company, c.role, c.email, c.phone,"
        " c.location, c.birthday, c.links, c.channel, c.met_on, c.met_at_id,"
        " c.introduced_by_id, c.stage, c.cadence_days, c.needs, c.offers, c.notes,"
        " c.solicitation, c.solicitation_note, c.archived, c.created_at, c.updated_at,"
        " c.last_contact, c.next_due, i.name, i.company, e.title, e.starts_at,"
        " (SELECT group_concat(t.name, ' ') FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
        "  WHERE ct.contact_id = c.id)"
        " FROM contact c LEFT JOIN contact i ON i.id = c.introduced_by_id"
        " LEFT JOIN event e ON e.id = c.met_at_id WHERE c.id = ?",
        [contact_id],
    ).fetchone()
    if row is None:
        raise NotFound(f"contact {contact_id} no longer exists")
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
    year_ago = (today - dt.timedelta(days=365)).isoformat()
    last, recent, by_them, total = db.execute_sql(
        'SELECT max("when"), sum("when" >= ?), sum(initiator = \'them\'), count(*)'
        " FROM interaction WHERE contact_id = ?",
        [year_ago, contact_id],
    ).fetchone()
    last_dt = as_datetime(last)
    days_since = (today - last_dt.date()).days if last_dt else None
    balance = db.execute_sql(
        "SELECT coalesce(sum(CASE direction WHEN 'give' THEN weight ELSE -weight END), 0)"
        " FROM ledger_entry WHERE contact_id = ?",
        [contact_id],
    ).fetchone()[0]
    introduced = tuple(
        ContactRef(cid, cname, ccompany)
        for cid, cname, ccompany in db.execute_sql(
            "SELECT id, name, company FROM contact WHERE introduced_by_id = ? ORDER BY sort_key",
            [contact_id],
        ).fetchall()
    )
    followups = _followups(db, contact_id)
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
        history=_history(db, contact_id, followups, history_limit),
    )


def _followups(db: Database, contact_id: int) -> list[FollowUpRecord]:
    cursor = db.execute_sql(
        "SELECT id, due, what, done_at, snoozed_until FROM follow_up WHERE contact_id = ?"
        " ORDER BY due",
        [contact_id],
    )
    return [
        FollowUpRecord(
            fid, contact_id, as_date(due) or dt.date.min, what, as_datetime(done), as_date(snoozed)
        )
        for fid, due, what, done, snoozed in cursor.fetchall()
    ]


def _history(
    db: Database, contact_id: int, followups: list[FollowUpRecord], limit: int
) -> tuple[HistoryItem, ...]:
    items: list[HistoryItem] = []
    for iid, when, kind, initiator, summary, event in db.execute_sql(
        'SELECT i.id, i."when", i.kind, i.initiator, i.summary, e.title FROM interaction i'
        " LEFT JOIN event e ON e.id = i.event_id WHERE i.contact_id = ?"
        ' ORDER BY i."when" DESC LIMIT ?',
        [contact_id, limit],
    ).fetchall():
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
    for lid, direction, kind, description, weight, date in db.execute_sql(
        "SELECT id, direction, kind, description, weight, date FROM ledger_entry"
        " WHERE contact_id = ? ORDER BY date DESC LIMIT ?",
        [contact_id, limit],
    ).fetchall():
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
    for eid, title, starts, known in db.execute_sql(
        "SELECT e.id, e.title, e.starts_at, a.known_before FROM attendance a"
        " JOIN event e ON e.id = a.event_id WHERE a.contact_id = ? ORDER BY e.starts_at DESC",
        [contact_id],
    ).fetchall():
        how = "attended (known before)" if known else "attended (met there)"
        items.append(HistoryItem("event", eid, as_datetime(starts) or dt.datetime.min, how, title))
    items.sort(key=lambda item: item.when, reverse=True)
    return tuple(items)
