"""Write side of contacts: every command one IMMEDIATE transaction announcing its topics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from netui.data.models import (
    Attendance,
    Contact,
    ContactTag,
    Event,
    FollowUp,
    Interaction,
    LedgerEntry,
    Tag,
    database,
)
from netui.domain.cadence import STAGES
from netui.domain.contact_rules import (
    INITIATORS,
    INTERACTION_KINDS,
    ValidationError,
    clean_text,
    normalize_tag,
    validate_draft,
)
from netui.domain.reading import fold, sort_key
from netui.domain.records import ContactDraft
from netui.state.contact_queries import ContactQueries
from netui.state.core import (
    CONTACTS,
    EVENTS,
    FOLLOWUPS,
    GOALS,
    INTERACTIONS,
    LEDGER,
    TAGS,
    NotFound,
)
from netui.state.ledger_sql import LEDGER_AGGREGATES
from netui.state.search import fts_values, short_row


class ContactCommands(ContactQueries):
    """Commands on contacts, their tags, interactions and follow-ups."""

    # -- helpers used inside transactions ---------------------------------------

    def _get(self, contact_id: int) -> Contact:
        contact = Contact.get_or_none(Contact.id == contact_id)
        if contact is None:
            raise NotFound(f"contact {contact_id} no longer exists")
        return contact

    def _tag_names(self, contact_id: int) -> list[str]:
        return [
            name
            for (name,) in database.execute_sql(
                "SELECT t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
                " WHERE ct.contact_id = ? ORDER BY t.name",
                [contact_id],
            ).fetchall()
        ]

    def _delete_search_rows(self, contact_id: int) -> None:
        database.execute_sql("DELETE FROM contact_fts WHERE rowid = ?", [contact_id])
        database.execute_sql("DELETE FROM contact_short WHERE rowid = ?", [contact_id])

    def _refresh_fts(self, contact_id: int) -> None:
        """Rewrite the contact's search rows (contact_fts, contact_short) from its fields and tags."""
        self._delete_search_rows(contact_id)
        c = Contact.get_or_none(Contact.id == contact_id)
        if c is None:
            return
        values = fts_values(
            c.name,
            c.reading,
            c.company,
            c.role,
            self._tag_names(contact_id),
            c.notes,
            c.needs,
            c.offers,
        )
        database.execute_sql(
            "INSERT INTO contact_fts (rowid, name, reading, company, role, tags, notes, needs, offers)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [contact_id, *values],
        )
        database.execute_sql(
            "INSERT INTO contact_short (rowid, grams) VALUES (?, ?)",
            [contact_id, short_row(values)],
        )

    def _set_tags(self, contact_id: int, tags: Iterable[str]) -> None:
        ContactTag.delete().where(ContactTag.contact == contact_id).execute()
        for name in tags:
            tag, _ = Tag.get_or_create(name=name)
            ContactTag.insert(contact=contact_id, tag=tag.id).on_conflict_ignore().execute()

    def _check_event(self, event_id: int | None, field: str = "event") -> None:
        if event_id is not None and Event.get_or_none(Event.id == event_id) is None:
            raise ValidationError(field, f"no event with id {event_id}")

    def _check_links(self, draft: ContactDraft, contact_id: int | None) -> None:
        if draft.introduced_by_id is not None:
            if draft.introduced_by_id == contact_id:
                raise ValidationError("introduced_by", "a contact cannot introduce themselves")
            if not self.contact_exists(draft.introduced_by_id):
                raise ValidationError(
                    "introduced_by", f"no contact with id {draft.introduced_by_id}"
                )
        self._check_event(draft.met_at_id, "met_at")

    def _fields(self, draft: ContactDraft) -> dict[str, object]:
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

    def _refresh_ledger(self, contact_ids: list[int] | None = None) -> None:
        """Recompute the stored ledger aggregates of some contacts (all when None), in SQL."""
        where, params = "", []
        if contact_ids is not None:
            if not contact_ids:
                return
            where = f" WHERE id IN ({','.join('?' * len(contact_ids))})"
            params = list(contact_ids)
        sets = ", ".join(f"{column} = {expression}" for column, expression in LEDGER_AGGREGATES)
        database.execute_sql(f"UPDATE contact SET {sets}{where}", params)

    def _touch(self, contact_id: int) -> None:
        Contact.update(updated_at=self.now()).where(Contact.id == contact_id).execute()

    # -- contacts ---------------------------------------------------------------

    def create_contact(self, draft: ContactDraft) -> int:
        """Save a new contact; returns its id.

        Raises:
            ValidationError: the draft is not valid; nothing is written.
        """
        draft = validate_draft(draft)
        with self._write(CONTACTS, TAGS):
            self._check_links(draft, None)
            now = self.now()
            contact_id = Contact.insert(
                created_at=now, updated_at=now, **self._fields(draft)
            ).execute()
            self._set_tags(contact_id, draft.tags)
            self._refresh_due([contact_id])
            self._refresh_fts(contact_id)
        return contact_id

    def update_contact(self, contact_id: int, draft: ContactDraft) -> None:
        """Replace a contact's fields and tags with the draft's.

        Raises:
            ValidationError: the draft is not valid; nothing is written.
            NotFound: the contact was deleted meanwhile.
        """
        draft = validate_draft(draft)
        with self._write(CONTACTS, TAGS):
            self._get(contact_id)
            self._check_links(draft, contact_id)
            Contact.update(updated_at=self.now(), **self._fields(draft)).where(
                Contact.id == contact_id
            ).execute()
            self._set_tags(contact_id, draft.tags)
            self._refresh_due([contact_id])
            self._refresh_fts(contact_id)

    def archive_contact(self, contact_id: int, archived: bool = True) -> None:
        """Hide a contact from lists and reviews (or bring it back), keeping everything."""
        with self._write(CONTACTS):
            self._get(contact_id)
            Contact.update(archived=archived, updated_at=self.now()).where(
                Contact.id == contact_id
            ).execute()

    def delete_contact(self, contact_id: int) -> None:
        """Delete a contact and its history (interactions, follow-ups, ledger, attendance)."""
        with self._write(CONTACTS, INTERACTIONS, FOLLOWUPS, LEDGER, TAGS, EVENTS, GOALS):
            self._get(contact_id)
            Contact.delete().where(Contact.id == contact_id).execute()
            self._delete_search_rows(contact_id)

    def add_tags(self, contact_id: int, names: Iterable[str]) -> None:
        """Add tags to a contact.

        Raises:
            ValidationError: a tag is malformed, repeated, or already on the contact.
        """
        tags = [normalize_tag(n) for n in names]
        with self._write(CONTACTS, TAGS):
            self._get(contact_id)
            have = set(self._tag_names(contact_id))
            seen: set[str] = set()
            for tag in tags:
                if tag in have:
                    raise ValidationError("tags", f"already tagged #{tag}")
                if tag in seen:
                    raise ValidationError("tags", f"#{tag} is given twice")
                seen.add(tag)
            self._set_tags(contact_id, [*sorted(have), *tags])
            self._touch(contact_id)
            self._refresh_fts(contact_id)

    def remove_tags(self, contact_id: int, names: Iterable[str]) -> None:
        """Remove tags from a contact; a tag it does not carry is an error."""
        tags = [normalize_tag(n) for n in names]
        with self._write(CONTACTS, TAGS):
            self._get(contact_id)
            have = self._tag_names(contact_id)
            for tag in tags:
                if tag not in have:
                    raise ValidationError("tags", f"not tagged #{tag}")
            self._set_tags(contact_id, [t for t in have if t not in tags])
            self._touch(contact_id)
            self._refresh_fts(contact_id)

    def set_stage(self, contact_id: int, stage: str) -> None:
        """Move a contact to another relationship stage (its default cadence follows)."""
        if stage not in STAGES:
            raise ValidationError("stage", f"{stage!r} is not one of {', '.join(STAGES)}")
        with self._write(CONTACTS):
            self._get(contact_id)
            Contact.update(stage=stage, updated_at=self.now()).where(
                Contact.id == contact_id
            ).execute()
            self._refresh_due([contact_id])

    def set_cadence(self, contact_id: int, days: int | None) -> None:
        """Set the contact's own keep-in-touch cadence; None falls back to the stage's."""
        if days is not None and not 0 < days <= 3650:
            raise ValidationError("cadence", "must be between 1 day and 10 years")
        with self._write(CONTACTS):
            self._get(contact_id)
            Contact.update(cadence_days=days, updated_at=self.now()).where(
                Contact.id == contact_id
            ).execute()
            self._refresh_due([contact_id])

    # -- interactions and follow-ups -------------------------------------------

    def log_interaction(
        self,
        contact_id: int,
        when: dt.datetime,
        kind: str = "meeting",
        initiator: str = "me",
        summary: str = "",
        event_id: int | None = None,
    ) -> int:
        """Record that I and the contact were in touch; the due date moves on."""
        if kind not in INTERACTION_KINDS:
            raise ValidationError("kind", f"{kind!r} is not one of {', '.join(INTERACTION_KINDS)}")
        if initiator not in INITIATORS:
            raise ValidationError("initiator", "who reached out must be 'me' or 'them'")
        with self._write(INTERACTIONS, CONTACTS):
            self._get(contact_id)
            self._check_event(event_id)
            now = self.now()
            interaction_id = Interaction.insert(
                contact=contact_id,
                when=when,
                kind=kind,
                initiator=initiator,
                summary=clean_text(summary),
                event=event_id,
                created_at=now,
                updated_at=now,
            ).execute()
            self._refresh_due([contact_id])
        return interaction_id

    def add_followup(
        self, contact_id: int, due: dt.date, what: str, event_id: int | None = None
    ) -> int:
        """Promise something to a contact by a date."""
        what = clean_text(what)
        if not what:
            raise ValidationError("what", "say what to follow up with")
        with self._write(FOLLOWUPS):
            self._get(contact_id)
            self._check_event(event_id)
            now = self.now()
            return FollowUp.insert(
                contact=contact_id,
                due=due,
                what=what,
                event=event_id,
                created_at=now,
                updated_at=now,
            ).execute()

    def _followup(self, followup_id: int) -> FollowUp:
        followup = FollowUp.get_or_none(FollowUp.id == followup_id)
        if followup is None:
            raise NotFound(f"follow-up {followup_id} no longer exists")
        return followup

    def complete_followup(self, followup_id: int) -> None:
        """Mark a follow-up done now."""
        with self._write(FOLLOWUPS):
            self._followup(followup_id)
            now = self.now()
            FollowUp.update(done_at=now, updated_at=now).where(FollowUp.id == followup_id).execute()

    def snooze_followup(self, followup_id: int, until: dt.date) -> None:
        """Put a follow-up off until a later date."""
        with self._write(FOLLOWUPS):
            self._followup(followup_id)
            if until <= self.today():
                raise ValidationError("until", "snooze to a day after today")
            FollowUp.update(snoozed_until=until, updated_at=self.now()).where(
                FollowUp.id == followup_id
            ).execute()

    # -- merge --------------------------------------------------------------------

    def merge_contacts(self, keep_id: int, drop_id: int) -> None:
        """Fold `drop_id` into `keep_id`: history, tags, links and empty fields move; nothing is lost.

        Text fields empty on the kept contact take the other's value; notes,
        needs and offers present on both are joined. The earlier first meeting,
        the closer stage and either solicitation flag win.
        """
        if keep_id == drop_id:
            raise ValidationError("merge", "cannot merge a contact with itself")
        with self._write(CONTACTS, INTERACTIONS, FOLLOWUPS, LEDGER, TAGS, EVENTS, GOALS):
            keep, drop = self._get(keep_id), self._get(drop_id)
            for model in (Interaction, FollowUp, LedgerEntry):
                model.update(contact=keep_id).where(model.contact == drop_id).execute()
            LedgerEntry.update(introduced=keep_id).where(
                LedgerEntry.introduced == drop_id
            ).execute()
            Contact.update(introduced_by=keep_id).where(
                (Contact.introduced_by == drop_id) & (Contact.id != keep_id)
            ).execute()
            database.execute_sql(
                "UPDATE attendance SET known_before = max(known_before, (SELECT d.known_before"
                " FROM attendance d WHERE d.contact_id = ? AND d.event_id = attendance.event_id))"
                " WHERE contact_id = ? AND event_id IN (SELECT event_id FROM attendance"
                " WHERE contact_id = ?)",
                [drop_id, keep_id, drop_id],
            )
            Attendance.update(contact=keep_id).where(
                (Attendance.contact == drop_id)
                & Attendance.event.not_in(
                    Attendance.select(Attendance.event).where(Attendance.contact == keep_id)
                )
            ).execute()
            for table, column in (("contact_tag", "tag_id"), ("contact_goal", "goal_id")):
                database.execute_sql(
                    f"INSERT OR IGNORE INTO {table} (contact_id, {column})"
                    f" SELECT ?, {column} FROM {table} WHERE contact_id = ?",
                    [keep_id, drop_id],
                )
            updates = self._merged_fields(keep, drop)
            Contact.delete().where(Contact.id == drop_id).execute()
            self._delete_search_rows(drop_id)
            Contact.update(updated_at=self.now(), **updates).where(Contact.id == keep_id).execute()
            self._refresh_due([keep_id])
            self._refresh_ledger([keep_id])
            self._refresh_fts(keep_id)

    @staticmethod
    def _merged_fields(keep: Contact, drop: Contact) -> dict[str, object]:
        updates: dict[str, object] = {}
        for name in (
            "reading",
            "company",
            "role",
            "email",
            "phone",
            "location",
            "links",
            "solicitation_note",
        ):
            if not getattr(keep, name) and getattr(drop, name):
                updates[name] = getattr(drop, name)
        for name in ("needs", "offers", "notes"):
            mine, theirs = getattr(keep, name), getattr(drop, name)
            if theirs and theirs not in mine:
                updates[name] = f"{mine}\n{theirs}" if mine else theirs
        for name in ("birthday", "met_at", "cadence_days"):
            if getattr(keep, name + ("_id" if name == "met_at" else "")) is None:
                value = getattr(drop, name + ("_id" if name == "met_at" else ""))
                if value is not None:
                    updates[name] = value
        if keep.introduced_by_id in (None, drop.id):
            # The duplicate may itself be recorded as the kept one's introducer:
            # then the duplicate's own introducer is the real link.
            inherited = drop.introduced_by_id
            updates["introduced_by"] = None if inherited == keep.id else inherited
        if drop.met_on and (keep.met_on is None or drop.met_on < keep.met_on):
            updates["met_on"] = drop.met_on
        if keep.channel == "other" and drop.channel != "other":
            updates["channel"] = drop.channel
        if STAGES.index(drop.stage) > STAGES.index(keep.stage):
            updates["stage"] = drop.stage
        if drop.solicitation and not keep.solicitation:
            updates["solicitation"] = True
        if "reading" in updates:
            updates["reading_confirmed"] = drop.reading_confirmed
            updates["sort_key"] = sort_key(keep.name, str(updates["reading"]))
        return updates
