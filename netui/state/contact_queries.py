"""Read side of contacts: list pages, counts, detail with history, pickers."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from netui.data.models import database
from netui.domain.cadence import effective_cadence
from netui.domain.records import (
    ContactDetail,
    ContactDraft,
    ContactRef,
    ContactRow,
    Counts,
    EventRef,
    FollowUpRecord,
    HistoryItem,
    TagCount,
)
from netui.domain.warmth import warmth
from netui.state.core import NotFound, StoreCore
from netui.state.search import (
    ContactFilter,
    ContactQuery,
    contact_filter,
    order_clause,
    sort_has_index,
)

# Measured at 100k contacts: looking up and sorting one matching contact costs
# 2.5-3 us; testing one entry of the sort index while walking it, ~0.1 us. A
# page walks the index only when even its smallest set of ids is so large that
# a walk through the whole index would cost less than driving from that set.
# The whole index, not the share expected to hold a page: matches cluster in
# the sort order (田中 sorts among the た names, found after most of the index).
WALK_RATIO = 25

_ROW_COLUMNS = (
    "c.id, c.name, c.company, c.stage, c.channel, c.last_contact, c.next_due, "
    "c.archived, c.solicitation, "
    "(SELECT group_concat(t.name, ' ') FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
    "WHERE ct.contact_id = c.id) AS tags"
)


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _datetime(value: Any) -> dt.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    text = str(value)
    if len(text) == 10:
        return dt.datetime.fromisoformat(text + " 00:00:00")
    return dt.datetime.fromisoformat(text[:19])


def _row(values: tuple[Any, ...]) -> ContactRow:
    cid, name, company, stage, channel, last, due, archived, solicitation, tags = values
    return ContactRow(
        id=cid,
        name=name,
        company=company,
        stage=stage,
        channel=channel,
        last_contact=_date(last),
        next_due=_date(due),
        tags=tuple(sorted(tags.split())) if tags else (),
        archived=bool(archived),
        solicitation=bool(solicitation),
    )


class ContactQueries(StoreCore):
    """Typed reads of contacts; each is one or a few SQL statements, never one per row."""

    def _filter(self, query: ContactQuery) -> ContactFilter:
        return contact_filter(
            query, lambda: database.execute_sql("SELECT id, name FROM tag").fetchall()
        )

    def contact_count(self, query: ContactQuery) -> int:
        """How many contacts the query matches."""
        sql, params = self._filter(query).count()
        return database.execute_sql(sql, params).fetchone()[0]

    def contact_page(self, query: ContactQuery, offset: int, limit: int) -> list[ContactRow]:
        """`limit` rows of the query's result from `offset`, in its sort order.

        The smallest set of ids drives the query; when even that one holds more
        than 1/WALK_RATIO of the contacts, the sort index is walked instead
        (ContactFilter.where).
        """
        found = self._filter(query)
        sizes = [database.execute_sql(s.size, s.params).fetchone()[0] for s in found.sets]
        if sizes and min(sizes) == 0:
            return []
        by_size = sorted(zip(sizes, found.sets, strict=True), key=lambda pair: pair[0])
        ordered = replace(found, sets=tuple(ids for _, ids in by_size))
        # max(id) stands in for the number of contacts: it costs one index step.
        total = database.execute_sql("SELECT max(id) FROM contact").fetchone()[0] or 0
        walk = bool(sizes) and min(sizes) * WALK_RATIO > total and sort_has_index(query)
        where, params = ordered.where(walk=walk)
        sql = (
            f"SELECT {_ROW_COLUMNS} FROM contact c WHERE {where} "
            f"ORDER BY {order_clause(query)} LIMIT ? OFFSET ?"
        )
        cursor = database.execute_sql(sql, [*params, limit, offset])
        return [_row(values) for values in cursor.fetchall()]

    def find_contacts(
        self, text: str, limit: int = 50, *, archived: bool = False
    ) -> list[ContactRow]:
        """The contacts the filter text matches, in name order (palette, `netui find`)."""
        return self.contact_page(ContactQuery(text=text, show_archived=archived), 0, limit)

    def contact_refs(self, ids: list[int]) -> dict[int, ContactRef]:
        """Names of the given contacts, by id."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        cursor = database.execute_sql(
            f"SELECT id, name, company FROM contact WHERE id IN ({marks})", list(ids)
        )
        return {cid: ContactRef(cid, name, company) for cid, name, company in cursor.fetchall()}

    def contact_exists(self, contact_id: int) -> bool:
        """Whether the contact is (still) there."""
        cursor = database.execute_sql("SELECT 1 FROM contact WHERE id = ?", [contact_id])
        return cursor.fetchone() is not None

    def tags(self) -> list[TagCount]:
        """Every tag with its number of live contacts, most used first."""
        cursor = database.execute_sql(
            "SELECT t.name, count(c.id) FROM tag t LEFT JOIN contact_tag ct ON ct.tag_id = t.id "
            "LEFT JOIN contact c ON c.id = ct.contact_id AND c.archived = 0 "
            "GROUP BY t.id ORDER BY count(c.id) DESC, t.name"
        )
        return [TagCount(name, count) for name, count in cursor.fetchall()]

    def counts(self) -> Counts:
        """Totals across the database, in one statement."""
        row = database.execute_sql(
            "SELECT (SELECT count(*) FROM contact WHERE archived = 0),"
            " (SELECT count(*) FROM contact WHERE archived = 1),"
            " (SELECT count(*) FROM interaction),"
            " (SELECT count(*) FROM follow_up WHERE done_at IS NULL),"
            " (SELECT count(*) FROM event), (SELECT count(*) FROM goal),"
            " (SELECT count(*) FROM ledger_entry)"
        ).fetchone()
        return Counts(*row)

    def contact(self, contact_id: int, *, history_limit: int = 500) -> ContactDetail:
        """One contact with everything about it.

        Raises:
            NotFound: no contact has that id (it may have been deleted meanwhile).
        """
        row = database.execute_sql(
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
            birthday=_date(birthday),
            links=links,
            channel=channel,
            met_on=_date(met_on),
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
        today = self.today()
        year_ago = (today - dt.timedelta(days=365)).isoformat()
        last, recent, by_them, total = database.execute_sql(
            'SELECT max("when"), sum("when" >= ?), sum(initiator = \'them\'), count(*)'
            " FROM interaction WHERE contact_id = ?",
            [year_ago, contact_id],
        ).fetchone()
        last_dt = _datetime(last)
        days_since = (today - last_dt.date()).days if last_dt else None
        balance = database.execute_sql(
            "SELECT coalesce(sum(CASE direction WHEN 'give' THEN weight ELSE -weight END), 0)"
            " FROM ledger_entry WHERE contact_id = ?",
            [contact_id],
        ).fetchone()[0]
        introduced = tuple(
            ContactRef(cid, cname, ccompany)
            for cid, cname, ccompany in database.execute_sql(
                "SELECT id, name, company FROM contact WHERE introduced_by_id = ? ORDER BY sort_key",
                [contact_id],
            ).fetchall()
        )
        followups = self._followups(contact_id)
        return ContactDetail(
            id=contact_id,
            draft=draft,
            archived=bool(archived),
            created_at=_datetime(created_at) or dt.datetime.min,
            updated_at=_datetime(updated_at) or dt.datetime.min,
            introducer=ContactRef(introducer_id, introducer_name, introducer_company)
            if introducer_id
            else None,
            introduced=introduced,
            met_at=EventRef(met_at_id, event_title, _datetime(event_starts)) if met_at_id else None,
            effective_cadence=effective_cadence(cadence_days, stage, self.stage_cadence),
            last_contact=_date(last_contact),
            next_due=_date(next_due),
            warmth=warmth(days_since, recent or 0, by_them or 0, total or 0),
            balance=balance,
            interaction_count=total or 0,
            open_followups=tuple(f for f in followups if f.done_at is None),
            history=self._history(contact_id, followups, history_limit),
        )

    def _followups(self, contact_id: int) -> list[FollowUpRecord]:
        cursor = database.execute_sql(
            "SELECT id, due, what, done_at, snoozed_until FROM follow_up WHERE contact_id = ?"
            " ORDER BY due",
            [contact_id],
        )
        return [
            FollowUpRecord(
                fid, contact_id, _date(due) or dt.date.min, what, _datetime(done), _date(snoozed)
            )
            for fid, due, what, done, snoozed in cursor.fetchall()
        ]

    def _history(
        self, contact_id: int, followups: list[FollowUpRecord], limit: int
    ) -> tuple[HistoryItem, ...]:
        items: list[HistoryItem] = []
        for iid, when, kind, initiator, summary, event in database.execute_sql(
            'SELECT i.id, i."when", i.kind, i.initiator, i.summary, e.title FROM interaction i'
            " LEFT JOIN event e ON e.id = i.event_id WHERE i.contact_id = ?"
            ' ORDER BY i."when" DESC LIMIT ?',
            [contact_id, limit],
        ).fetchall():
            who = "they reached out" if initiator == "them" else "I reached out"
            title = f"{kind} ({who})" + (f" at {event}" if event else "")
            items.append(
                HistoryItem("interaction", iid, _datetime(when) or dt.datetime.min, title, summary)
            )
        for f in followups:
            state = (
                "done"
                if f.done_at
                else (f"snoozed to {f.snoozed_until}" if f.snoozed_until else "due")
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
        for lid, direction, kind, description, weight, date in database.execute_sql(
            "SELECT id, direction, kind, description, weight, date FROM ledger_entry"
            " WHERE contact_id = ? ORDER BY date DESC LIMIT ?",
            [contact_id, limit],
        ).fetchall():
            verb = "gave" if direction == "give" else "got"
            items.append(
                HistoryItem(
                    "ledger",
                    lid,
                    _datetime(date) or dt.datetime.min,
                    f"{verb} {kind} (weight {weight})",
                    description,
                )
            )
        for eid, title, starts, known in database.execute_sql(
            "SELECT e.id, e.title, e.starts_at, a.known_before FROM attendance a"
            " JOIN event e ON e.id = a.event_id WHERE a.contact_id = ? ORDER BY e.starts_at DESC",
            [contact_id],
        ).fetchall():
            how = "attended (known before)" if known else "attended (met there)"
            items.append(
                HistoryItem("event", eid, _datetime(starts) or dt.datetime.min, how, title)
            )
        items.sort(key=lambda item: item.when, reverse=True)
        return tuple(items)

    def contact_choices(
        self, text: str, limit: int = 8, exclude: int | None = None
    ) -> list[ContactRef]:
        """Contacts for a picker (introducer, merge target): the filter search, live contacts first."""
        if not text.strip():
            return []
        rows = self.find_contacts(text, limit + 1)
        if len(rows) <= limit:  # room left: archived matches after the live ones
            query = ContactQuery(text=text, show_archived=True)
            rows += [r for r in self.contact_page(query, 0, 2 * limit + 1) if r.archived]
        refs = [ContactRef(r.id, r.name, r.company) for r in rows if r.id != exclude]
        return refs[:limit]

    def events_recent(self, limit: int = 50) -> list[EventRef]:
        """Events newest first, for the 'met at' picker."""
        cursor = database.execute_sql(
            "SELECT id, title, starts_at FROM event ORDER BY starts_at DESC LIMIT ?", [limit]
        )
        return [EventRef(eid, title, _datetime(starts)) for eid, title, starts in cursor.fetchall()]
