"""The contacts service: list pages, counts, pickers, and the commands on contacts and tags."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from netui.data.models import Contact, ContactTag, Tag
from netui.domain.cadence import STAGES
from netui.domain.contact_rules import ValidationError, normalize_tag, validate_draft
from netui.domain.reading import fold, sort_key
from netui.domain.records import (
    ContactDetail,
    ContactDraft,
    ContactRef,
    ContactRow,
    Counts,
    TagCount,
)
from netui.state import derived
from netui.state.contact_detail import read_detail
from netui.state.errors import NotFound
from netui.state.events import Events
from netui.state.rows import as_date
from netui.state.search import (
    ContactFilter,
    ContactQuery,
    contact_filter,
    order_clause,
    sort_has_index,
)
from netui.state.session import Session
from netui.state.topics import Topic

# Measured at 100k contacts: looking up and sorting one matching contact costs
# 2.5-3 us; testing one entry of the sort index while walking it, ~0.1 us. A
# page walks the index only when even its smallest set of ids is so large that
# a walk through the whole index would cost less than driving from that set.
# The whole index, not the share expected to hold a page: matches cluster in
# the sort order (田中 sorts among the た names, found after most of the index).
WALK_RATIO = 25

# What deleting or merging a contact touches: its history lives in every area.
EVERYTHING_OF_A_CONTACT = (
    Topic.CONTACTS,
    Topic.INTERACTIONS,
    Topic.FOLLOWUPS,
    Topic.LEDGER,
    Topic.TAGS,
    Topic.EVENTS,
    Topic.GOALS,
)

_ROW_COLUMNS = (
    "c.id, c.name, c.company, c.stage, c.channel, c.last_contact, c.next_due, "
    "c.archived, c.solicitation, "
    "(SELECT group_concat(t.name, ' ') FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
    "WHERE ct.contact_id = c.id) AS tags"
)


def _row(values: tuple[Any, ...]) -> ContactRow:
    cid, name, company, stage, channel, last, due, archived, solicitation, tags = values
    return ContactRow(
        id=cid,
        name=name,
        company=company,
        stage=stage,
        channel=channel,
        last_contact=as_date(last),
        next_due=as_date(due),
        tags=tuple(sorted(tags.split())) if tags else (),
        archived=bool(archived),
        solicitation=bool(solicitation),
    )


def draft_fields(draft: ContactDraft) -> dict[str, object]:
    """The contact columns a validated draft sets (capture's new contacts use it too)."""
    return {
        "name": draft.name,
        "reading": draft.reading,
        "reading_confirmed": draft.reading_confirmed,
        "sort_key": sort_key(draft.name, draft.reading or None),
        "name_key": fold(draft.name),
        "company": draft.company,
        "role": draft.role,
        "email": draft.email,
        "phone": draft.phone,
        "location": draft.location,
        "birthday": draft.birthday,
        "links": draft.links,
        "channel": draft.channel,
        "met_on": draft.met_on,
        "met_at": draft.met_at_id,
        "introduced_by": draft.introduced_by_id,
        "stage": draft.stage,
        "cadence_days": draft.cadence_days,
        "needs": draft.needs,
        "offers": draft.offers,
        "notes": draft.notes,
        "solicitation": draft.solicitation,
        "solicitation_note": draft.solicitation_note,
    }


def set_tags(contact_id: int, tags: Iterable[str]) -> None:
    """Make the contact's tags exactly `tags` (inside a write)."""
    ContactTag.delete().where(ContactTag.contact == contact_id).execute()
    for name in tags:
        tag, _ = Tag.get_or_create(name=name)
        ContactTag.insert(contact=contact_id, tag=tag.id).on_conflict_ignore().execute()


class Contacts:
    """Typed reads of contacts (each one or a few statements, never one per row) and their commands."""

    def __init__(self, session: Session, events: Events) -> None:
        self.s = session
        self.events = events

    # -- reads --------------------------------------------------------------------

    def _filter(self, query: ContactQuery) -> ContactFilter:
        return contact_filter(
            query, lambda: self.s.db.execute_sql("SELECT id, name FROM tag").fetchall()
        )

    def count(self, query: ContactQuery) -> int:
        """How many contacts the query matches."""
        with self.s.read() as db:
            sql, params = self._filter(query).count()
            return int(db.execute_sql(sql, params).fetchone()[0])

    def page(self, query: ContactQuery, offset: int, limit: int) -> list[ContactRow]:
        """`limit` rows of the query's result from `offset`, in its sort order.

        The smallest set of ids drives the query; when even that one holds more
        than 1/WALK_RATIO of the contacts, the sort index is walked instead
        (ContactFilter.where).
        """
        with self.s.read() as db:
            found = self._filter(query)
            sizes = [db.execute_sql(s.size, s.params).fetchone()[0] for s in found.sets]
            if sizes and min(sizes) == 0:
                return []
            by_size = sorted(zip(sizes, found.sets, strict=True), key=lambda pair: pair[0])
            ordered = replace(found, sets=tuple(ids for _, ids in by_size))
            # max(id) stands in for the number of contacts: it costs one index step.
            total = db.execute_sql("SELECT max(id) FROM contact").fetchone()[0] or 0
            walk = bool(sizes) and min(sizes) * WALK_RATIO > total and sort_has_index(query)
            where, params = ordered.where(walk=walk)
            sql = (
                f"SELECT {_ROW_COLUMNS} FROM contact c WHERE {where} "
                f"ORDER BY {order_clause(query)} LIMIT ? OFFSET ?"
            )
            cursor = db.execute_sql(sql, [*params, limit, offset])
            return [_row(values) for values in cursor.fetchall()]

    def find(self, text: str, limit: int = 50, *, archived: bool = False) -> list[ContactRow]:
        """The contacts the filter text matches, in name order (palette, `netui find`)."""
        return self.page(ContactQuery(text=text, show_archived=archived), 0, limit)

    def refs(self, ids: list[int]) -> dict[int, ContactRef]:
        """Names of the given contacts, by id."""
        if not ids:
            return {}
        with self.s.read() as db:
            marks = ",".join("?" * len(ids))
            cursor = db.execute_sql(
                f"SELECT id, name, company FROM contact WHERE id IN ({marks})", list(ids)
            )
            return {cid: ContactRef(cid, name, company) for cid, name, company in cursor.fetchall()}

    def exists(self, contact_id: int) -> bool:
        """Whether the contact is (still) there."""
        with self.s.read():
            return Contact.select(Contact.id).where(Contact.id == contact_id).exists()

    def tags(self) -> list[TagCount]:
        """Every tag with its number of live contacts, most used first."""
        with self.s.read() as db:
            cursor = db.execute_sql(
                "SELECT t.name, count(c.id) FROM tag t LEFT JOIN contact_tag ct ON ct.tag_id = t.id "
                "LEFT JOIN contact c ON c.id = ct.contact_id AND c.archived = ? "
                "GROUP BY t.id, t.name ORDER BY count(c.id) DESC, t.name",
                [False],
            )
            return [TagCount(name, count) for name, count in cursor.fetchall()]

    def counts(self) -> Counts:
        """Totals across the database, in one statement."""
        with self.s.read() as db:
            row = db.execute_sql(
                "SELECT (SELECT count(*) FROM contact WHERE archived = ?),"
                " (SELECT count(*) FROM contact WHERE archived = ?),"
                " (SELECT count(*) FROM interaction),"
                " (SELECT count(*) FROM follow_up WHERE done_at IS NULL),"
                " (SELECT count(*) FROM event), (SELECT count(*) FROM goal),"
                " (SELECT count(*) FROM ledger_entry)",
                [False, True],
            ).fetchone()
            return Counts(*row)

    def get(self, contact_id: int, *, history_limit: int = 500) -> ContactDetail:
        """One contact with everything about it.

        Raises:
            NotFound: no contact has that id (it may have been deleted meanwhile).
        """
        with self.s.read():
            return read_detail(self.s, contact_id, history_limit)

    def choices(self, text: str, limit: int = 8, exclude: int | None = None) -> list[ContactRef]:
        """Contacts for a picker (introducer, merge target): the filter search, live contacts first."""
        if not text.strip():
            return []
        rows = self.find(text, limit + 1)
        if len(rows) <= limit:  # room left: archived matches after the live ones
            query = ContactQuery(text=text, show_archived=True)
            rows += [r for r in self.page(query, 0, 2 * limit + 1) if r.archived]
        refs = [ContactRef(r.id, r.name, r.company) for r in rows if r.id != exclude]
        return refs[:limit]

    # -- what other services use inside their writes ------------------------------

    def require(self, contact_id: int) -> Contact:
        """The contact's row, inside a write.

        Raises:
            NotFound: it was deleted meanwhile.
        """
        contact = Contact.get_or_none(Contact.id == contact_id)
        if contact is None:
            raise NotFound(f"contact {contact_id} no longer exists")
        return contact

    def touch(self, contact_id: int) -> None:
        """Mark the contact changed now."""
        Contact.update(updated_at=self.s.now()).where(Contact.id == contact_id).execute()

    def _check_links(self, draft: ContactDraft, contact_id: int | None) -> None:
        if draft.introduced_by_id is not None:
            if draft.introduced_by_id == contact_id:
                raise ValidationError("introduced_by", "a contact cannot introduce themselves")
            if not self.exists(draft.introduced_by_id):
                raise ValidationError(
                    "introduced_by", f"no contact with id {draft.introduced_by_id}"
                )
        self.events.check(draft.met_at_id, "met_at")

    # -- commands -------------------------------------------------------------------

    def create(self, draft: ContactDraft) -> int:
        """Save a new contact; returns its id.

        Raises:
            ValidationError: the draft is not valid; nothing is written.
        """
        draft = validate_draft(draft)
        with self.s.write(Topic.CONTACTS, Topic.TAGS) as db:
            self._check_links(draft, None)
            now = self.s.now()
            contact_id = int(
                Contact.insert(created_at=now, updated_at=now, **draft_fields(draft)).execute()
            )
            set_tags(contact_id, draft.tags)
            derived.refresh_due(self.s, [contact_id])
            derived.refresh_search(db, contact_id)
        return contact_id

    def update(self, contact_id: int, draft: ContactDraft) -> None:
        """Replace a contact's fields and tags with the draft's.

        Raises:
            ValidationError: the draft is not valid; nothing is written.
            NotFound: the contact was deleted meanwhile.
        """
        draft = validate_draft(draft)
        with self.s.write(Topic.CONTACTS, Topic.TAGS) as db:
            self.require(contact_id)
            self._check_links(draft, contact_id)
            Contact.update(updated_at=self.s.now(), **draft_fields(draft)).where(
                Contact.id == contact_id
            ).execute()
            set_tags(contact_id, draft.tags)
            derived.refresh_due(self.s, [contact_id])
            derived.refresh_search(db, contact_id)

    def archive(self, contact_id: int, archived: bool = True) -> None:
        """Hide a contact from lists and reviews (or bring it back), keeping everything."""
        with self.s.write(Topic.CONTACTS):
            self.require(contact_id)
            Contact.update(archived=archived, updated_at=self.s.now()).where(
                Contact.id == contact_id
            ).execute()

    def delete(self, contact_id: int) -> None:
        """Delete a contact and its history (interactions, follow-ups, ledger, attendance)."""
        with self.s.write(*EVERYTHING_OF_A_CONTACT) as db:
            self.require(contact_id)
            Contact.delete().where(Contact.id == contact_id).execute()
            derived.delete_search_rows(db, contact_id)

    def add_tags(self, contact_id: int, names: Iterable[str]) -> None:
        """Add tags to a contact.

        Raises:
            ValidationError: a tag is malformed, repeated, or already on the contact.
        """
        tags = [normalize_tag(n) for n in names]
        with self.s.write(Topic.CONTACTS, Topic.TAGS) as db:
            self.require(contact_id)
            have = set(derived.tag_names(db, contact_id))
            seen: set[str] = set()
            for tag in tags:
                if tag in have:
                    raise ValidationError("tags", f"already tagged #{tag}")
                if tag in seen:
                    raise ValidationError("tags", f"#{tag} is given twice")
                seen.add(tag)
            set_tags(contact_id, [*sorted(have), *tags])
            self.touch(contact_id)
            derived.refresh_search(db, contact_id)

    def remove_tags(self, contact_id: int, names: Iterable[str]) -> None:
        """Remove tags from a contact; a tag it does not carry is an error."""
        tags = [normalize_tag(n) for n in names]
        with self.s.write(Topic.CONTACTS, Topic.TAGS) as db:
            self.require(contact_id)
            have = derived.tag_names(db, contact_id)
            for tag in tags:
                if tag not in have:
                    raise ValidationError("tags", f"not tagged #{tag}")
            set_tags(contact_id, [t for t in have if t not in tags])
            self.touch(contact_id)
            derived.refresh_search(db, contact_id)

    def set_stage(self, contact_id: int, stage: str) -> None:
        """Move a contact to another relationship stage (its default cadence follows)."""
        if stage not in STAGES:
            raise ValidationError("stage", f"{stage!r} is not one of {', '.join(STAGES)}")
        with self.s.write(Topic.CONTACTS):
            self.require(contact_id)
            Contact.update(stage=stage, updated_at=self.s.now()).where(
                Contact.id == contact_id
            ).execute()
            derived.refresh_due(self.s, [contact_id])

    def set_cadence(self, contact_id: int, days: int | None) -> None:
        """Set the contact's own keep-in-touch cadence; None falls back to the stage's."""
        if days is not None and not 0 < days <= 3650:
            raise ValidationError("cadence", "must be between 1 day and 10 years")
        with self.s.write(Topic.CONTACTS):
            self.require(contact_id)
            Contact.update(cadence_days=days, updated_at=self.s.now()).where(
                Contact.id == contact_id
            ).execute()
            derived.refresh_due(self.s, [contact_id])
