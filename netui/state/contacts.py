"""The contacts service: list pages, counts, pickers, and the commands on contacts and tags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable

from peewee import JOIN, SQL, Query, Select, fn

from netui.data.models import (
    Contact,
    ContactTag,
    Event,
    FollowUp,
    Goal,
    Interaction,
    LedgerEntry,
    Tag,
)
from netui.domain.cadence import STAGES
from netui.domain.contact_rules import ValidationError, normalize_tag, validate_draft
from netui.domain.reading import name_key, sort_key
from netui.domain.records import (
    ContactDetail,
    ContactDraft,
    ContactRef,
    ContactRow,
    Counts,
    StageChangeRecord,
    TagCount,
)
from netui.i18n import _
from netui.state import derived, stage_history
from netui.state.contact_detail import read_detail
from netui.state.errors import NotFound
from netui.state.events import Events
from netui.state.prepared import Param
from netui.state.rows import as_date, tuples
from netui.state.search import ContactQuery
from netui.state.session import Session
from netui.state.sql import ContactRowValues, EngineSQL
from netui.state.topics import Topic

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


def _row(values: ContactRowValues) -> ContactRow:
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
        "name_key": name_key(draft.name),
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


def _clear_tags() -> Query:
    return ContactTag.delete().where(ContactTag.contact == Param("contact"))


def _tag_id() -> Query:
    return Tag.select(Tag.id).where(Tag.name == Param("name"))


def _link_tag(sql: EngineSQL) -> Query:
    return sql.insert_ignore(ContactTag.insert(contact=Param("contact"), tag=Param("tag")))


class Contacts:
    """Typed reads of contacts (each one or a few statements, never one per row) and their commands."""

    def __init__(self, session: Session, events: Events) -> None:
        self.s = session
        self.events = events

    # -- reads --------------------------------------------------------------------

    def count(self, query: ContactQuery) -> int:
        """How many contacts the query matches (with filter text, at most SHOWN_MATCHES + 1)."""
        with self.s.read() as db:
            return self.s.sql.count_contacts(db, query)

    def page(self, query: ContactQuery, offset: int, limit: int) -> list[ContactRow]:
        """`limit` rows of the query's result from `offset`, in its sort order.

        How the page is found (on SQLite, which set of matches drives it, or
        whether the sort index is walked) is the engine's (netui.state.sql).
        """
        with self.s.read() as db:
            rows = self.s.sql.contact_page(db, query, offset, limit)
            return [_row(values) for values in rows]

    def position(self, query: ContactQuery, contact_id: int) -> int | None:
        """The contact's row index in the query's list, or None when the list leaves it out.

        What the list asks to put its cursor on a contact (one just created): a count of the
        rows before it, not a walk through the pages.
        """
        with self.s.read() as db:
            return self.s.sql.contact_position(db, query, contact_id)

    def find(self, text: str, limit: int = 50, *, archived: bool = False) -> list[ContactRow]:
        """The contacts the filter text matches, in name order (palette, `netui find`)."""
        return self.page(ContactQuery(text=text, show_archived=archived), 0, limit)

    def refs(self, ids: list[int]) -> dict[int, ContactRef]:
        """Names of the given contacts, by id."""
        if not ids:
            return {}
        with self.s.read():
            rows = tuples(
                Contact.select(Contact.id, Contact.name, Contact.company).where(
                    Contact.id.in_(list(ids))
                )
            )
            return {cid: ContactRef(cid, name, company) for cid, name, company in rows}

    def exists(self, contact_id: int) -> bool:
        """Whether the contact is (still) there."""
        with self.s.read():
            return Contact.select(Contact.id).where(Contact.id == contact_id).exists()

    def tags(self) -> list[TagCount]:
        """Every tag with its number of live contacts, most used first."""
        with self.s.read():
            live = fn.count(Contact.id)
            rows = tuples(
                Tag.select(Tag.name, live)
                .join(ContactTag, JOIN.LEFT_OUTER, on=ContactTag.tag == Tag.id)
                .join(
                    Contact,
                    JOIN.LEFT_OUTER,
                    on=(Contact.id == ContactTag.contact) & (Contact.archived == False),  # noqa: E712
                )
                .group_by(Tag.id, Tag.name)
                .order_by(live.desc(), Tag.name)
            )
            return [TagCount(name, count) for name, count in rows]

    def counts(self) -> Counts:
        """Totals across the database, in one statement."""
        every = fn.count(SQL("*"))
        totals = Select(
            columns=[
                Contact.select(every).where(Contact.archived == False),  # noqa: E712
                Contact.select(every).where(Contact.archived == True),  # noqa: E712
                Interaction.select(every),
                FollowUp.select(every).where(FollowUp.done_at.is_null()),
                Event.select(every),
                Goal.select(every),
                LedgerEntry.select(every),
            ]
        )
        with self.s.read() as db:
            (row,) = tuples(totals.bind(db))
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

    def stage_history(self, contact_id: int) -> list[StageChangeRecord]:
        """Every change of the contact's stage, oldest first (empty for no such contact)."""
        with self.s.read():
            return stage_history.history(contact_id)

    def promotions(
        self, since: dt.date, until: dt.date, contact_ids: Collection[int] | None = None
    ) -> int:
        """How many times a contact moved to a later stage from `since` to `until` (both
        days included), among every contact or only `contact_ids`; one statement."""
        with self.s.read():
            return stage_history.promotions(since, until, contact_ids)

    # -- what other services use inside their writes ------------------------------

    def require(self, contact_id: int) -> Contact:
        """The contact's row, inside a write.

        Raises:
            NotFound: it was deleted meanwhile.
        """
        contact = Contact.get_or_none(Contact.id == contact_id)
        if contact is None:
            raise NotFound(_("contact {id} no longer exists").format(id=contact_id))
        return contact

    def set_tags(self, contact_id: int, tags: Iterable[str]) -> None:
        """Make the contact's tags exactly `tags` (inside a write)."""
        # Prepared (netui.state.prepared): every capture and edit runs these.
        db, prepared, sql = self.s.db, self.s.prepared, self.s.sql
        prepared.get("tags.clear", _clear_tags).run(db, contact=contact_id)
        for name in tags:
            found = prepared.get("tags.id", _tag_id).run(db, name=name)
            # A new tag is rare: the builder's insert, which sets its timestamps.
            # The write lock is held: nobody adds it meanwhile.
            tag_id = found[0][0] if found else Tag.insert(name=name).execute()
            link = prepared.get("tags.link", lambda: _link_tag(sql))
            link.run(db, contact=contact_id, tag=tag_id)

    def touch(self, contact_id: int) -> None:
        """Mark the contact changed now."""
        Contact.update(updated_at=self.s.now()).where(Contact.id == contact_id).execute()

    def _check_links(self, draft: ContactDraft, contact_id: int | None) -> None:
        if draft.introduced_by_id is not None:
            if draft.introduced_by_id == contact_id:
                raise ValidationError("introduced_by", _("a contact cannot introduce themselves"))
            if not self.exists(draft.introduced_by_id):
                raise ValidationError(
                    "introduced_by",
                    _("no contact with id {id}").format(id=draft.introduced_by_id),
                )
        self.events.check(draft.met_at_id, "met_at")

    # -- commands -------------------------------------------------------------------

    def create(self, draft: ContactDraft) -> int:
        """Save a new contact; returns its id.

        Raises:
            ValidationError: the draft is not valid; nothing is written.
        """
        draft = validate_draft(draft)
        with self.s.write(Topic.CONTACTS, Topic.TAGS):
            self._check_links(draft, None)
            now = self.s.now()
            contact_id = int(
                Contact.insert(created_at=now, updated_at=now, **draft_fields(draft)).execute()
            )
            stage_history.record(self.s, contact_id, None, draft.stage)
            self.set_tags(contact_id, draft.tags)
            derived.refresh_due(self.s, [contact_id])
            derived.refresh_search(self.s, contact_id)
        return contact_id

    def update(self, contact_id: int, draft: ContactDraft) -> None:
        """Replace a contact's fields and tags with the draft's.

        Raises:
            ValidationError: the draft is not valid; nothing is written.
            NotFound: the contact was deleted meanwhile.
        """
        draft = validate_draft(draft)
        with self.s.write(Topic.CONTACTS, Topic.TAGS):
            before = self.require(contact_id).stage
            self._check_links(draft, contact_id)
            Contact.update(updated_at=self.s.now(), **draft_fields(draft)).where(
                Contact.id == contact_id
            ).execute()
            stage_history.record(self.s, contact_id, before, draft.stage)
            self.set_tags(contact_id, draft.tags)
            derived.refresh_due(self.s, [contact_id])
            derived.refresh_search(self.s, contact_id)

    def _named(self, text: str, contact_id: int) -> Callable[[], str]:
        """An undo label naming the contact, read inside the command's transaction."""
        return lambda: text.format(name=self.require(contact_id).name)

    def archive(self, contact_id: int, archived: bool = True) -> None:
        """Hide a contact from lists and reviews (or bring it back), keeping everything; undoable."""
        label = _("Archived {name}") if archived else _("Restored {name}")
        with self.s.write(Topic.CONTACTS, undo=self._named(label, contact_id)):
            self.require(contact_id)
            Contact.update(archived=archived, updated_at=self.s.now()).where(
                Contact.id == contact_id
            ).execute()

    def delete(self, contact_id: int) -> None:
        """Delete a contact and its history (interactions, follow-ups, ledger, attendance); undoable."""
        label = self._named(_("Deleted {name}"), contact_id)
        with self.s.write(*EVERYTHING_OF_A_CONTACT, undo=label):
            self.require(contact_id)
            Contact.delete().where(Contact.id == contact_id).execute()
            derived.delete_search_rows(self.s, contact_id)

    def add_tags(self, contact_id: int, names: Iterable[str]) -> None:
        """Add tags to a contact.

        Raises:
            ValidationError: a tag is malformed, repeated, or already on the contact.
        """
        tags = [normalize_tag(n) for n in names]
        with self.s.write(Topic.CONTACTS, Topic.TAGS):
            self.require(contact_id)
            have = set(derived.tag_names(self.s, contact_id))
            seen: set[str] = set()
            for tag in tags:
                if tag in have:
                    raise ValidationError("tags", _("already tagged #{tag}").format(tag=tag))
                if tag in seen:
                    raise ValidationError("tags", _("#{tag} is given twice").format(tag=tag))
                seen.add(tag)
            self.set_tags(contact_id, [*sorted(have), *tags])
            self.touch(contact_id)
            derived.refresh_search(self.s, contact_id)

    def remove_tags(self, contact_id: int, names: Iterable[str]) -> None:
        """Remove tags from a contact; a tag it does not carry is an error."""
        tags = [normalize_tag(n) for n in names]
        with self.s.write(Topic.CONTACTS, Topic.TAGS):
            self.require(contact_id)
            have = derived.tag_names(self.s, contact_id)
            for tag in tags:
                if tag not in have:
                    raise ValidationError("tags", _("not tagged #{tag}").format(tag=tag))
            self.set_tags(contact_id, [t for t in have if t not in tags])
            self.touch(contact_id)
            derived.refresh_search(self.s, contact_id)

    def set_stage(self, contact_id: int, stage: str) -> None:
        """Move a contact to another relationship stage (its default cadence follows)."""
        if stage not in STAGES:
            message = _("{value} is not one of {choices}")
            raise ValidationError(
                "stage", message.format(value=repr(stage), choices=", ".join(STAGES))
            )
        with self.s.write(Topic.CONTACTS):
            before = self.require(contact_id).stage
            Contact.update(stage=stage, updated_at=self.s.now()).where(
                Contact.id == contact_id
            ).execute()
            stage_history.record(self.s, contact_id, before, stage)
            derived.refresh_due(self.s, [contact_id])

    def set_cadence(self, contact_id: int, days: int | None) -> None:
        """Set the contact's own keep-in-touch cadence; None falls back to the stage's."""
        if days is not None and not 0 < days <= 3650:
            raise ValidationError("cadence", _("must be between 1 day and 10 years"))
        with self.s.write(Topic.CONTACTS):
            self.require(contact_id)
            Contact.update(cadence_days=days, updated_at=self.s.now()).where(
                Contact.id == contact_id
            ).execute()
            derived.refresh_due(self.s, [contact_id])
