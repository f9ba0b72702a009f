"""Merging two contacts into one: history, tags, links and empty fields move; nothing is lost."""

from __future__ import annotations

from peewee import Value

from netui.data.models import (
    Attendance,
    Contact,
    ContactGoal,
    ContactTag,
    FollowUp,
    Interaction,
    LedgerEntry,
)
from netui.domain.cadence import STAGES
from netui.domain.contact_rules import ValidationError
from netui.domain.reading import sort_key
from netui.state import derived
from netui.state.contacts import EVERYTHING_OF_A_CONTACT, Contacts
from netui.state.session import Session


class Merge:
    """Folding a duplicate contact into the one kept."""

    def __init__(self, session: Session, contacts: Contacts) -> None:
        self.s = session
        self.contacts = contacts

    def apply(self, keep_id: int, drop_id: int) -> None:
        """Fold `drop_id` into `keep_id`: history, tags, links and empty fields move; nothing is lost.

        Text fields empty on the kept contact take the other's value; notes,
        needs and offers present on both are joined. The earlier first meeting,
        the closer stage and either solicitation flag win.
        """
        if keep_id == drop_id:
            raise ValidationError("merge", "cannot merge a contact with itself")
        with self.s.write(*EVERYTHING_OF_A_CONTACT):
            keep, drop = self.contacts.require(keep_id), self.contacts.require(drop_id)
            for model in (Interaction, FollowUp, LedgerEntry):
                model.update(contact=keep_id).where(model.contact == drop_id).execute()
            LedgerEntry.update(introduced=keep_id).where(
                LedgerEntry.introduced == drop_id
            ).execute()
            Contact.update(introduced_by=keep_id).where(
                (Contact.introduced_by == drop_id) & (Contact.id != keep_id)
            ).execute()
            # At an event both attended, the kept attendance was known before if either was.
            theirs = Attendance.alias("d")
            known_there = theirs.select(theirs.known_before).where(
                (theirs.contact == drop_id) & (theirs.event == Attendance.event)
            )
            Attendance.update(known_before=Attendance.known_before | known_there).where(
                (Attendance.contact == keep_id)
                & Attendance.event.in_(
                    Attendance.select(Attendance.event).where(Attendance.contact == drop_id)
                )
            ).execute()
            Attendance.update(contact=keep_id).where(
                (Attendance.contact == drop_id)
                & Attendance.event.not_in(
                    Attendance.select(Attendance.event).where(Attendance.contact == keep_id)
                )
            ).execute()
            for link, other in ((ContactTag, ContactTag.tag), (ContactGoal, ContactGoal.goal)):
                self.s.sql.insert_ignore(
                    link.insert_from(
                        link.select(Value(keep_id), other).where(link.contact == drop_id),
                        fields=[link.contact, other],
                    )
                ).execute()
            updates = self._merged_fields(keep, drop)
            Contact.delete().where(Contact.id == drop_id).execute()
            derived.delete_search_rows(self.s, drop_id)
            Contact.update(updated_at=self.s.now(), **updates).where(
                Contact.id == keep_id
            ).execute()
            derived.refresh_due(self.s, [keep_id])
            derived.refresh_ledger(self.s, [keep_id])
            derived.refresh_search(self.s, keep_id)

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
