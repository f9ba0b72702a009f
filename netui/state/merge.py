"""Merging two contacts into one by a merge plan: every field kept or noted, everything linked moves."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from peewee import Select, Value, fn

from netui.data.models import (
    Attendance,
    Contact,
    ContactGoal,
    FollowUp,
    GoalSlot,
    Interaction,
    LedgerEntry,
    StageChange,
)
from netui.domain.contact_rules import ValidationError, validate_draft
from netui.domain.merge import MergePlan, Pick, plan_merge
from netui.domain.records import ContactDetail
from netui.i18n import _
from netui.state import derived, stage_history
from netui.state.contact_detail import read_detail
from netui.state.contacts import EVERYTHING_OF_A_CONTACT, Contacts, draft_fields
from netui.state.errors import NotFound
from netui.state.rows import first_tuple
from netui.state.session import Session

# What `MergePlan.moves` counts, by key, in the order it is said.
MOVES = ("interactions", "followups", "ledger", "attendances", "goals", "introductions")


class Merge:
    """Folding a duplicate contact into the one kept."""

    def __init__(self, session: Session, contacts: Contacts) -> None:
        self.s = session
        self.contacts = contacts

    def plan(self, keep_id: int, other_id: int) -> MergePlan:
        """The plan for merging `other_id` into `keep_id` today, with the default picks.

        Raises:
            ValidationError: the two ids are one contact.
            NotFound: either contact does not exist.
        """
        _refuse_itself(keep_id, other_id)
        with self.s.read():
            return self._plan(keep_id, other_id)

    def apply(
        self, keep_id: int, other_id: int, picks: Mapping[str, Pick] | None = None
    ) -> MergePlan:
        """Merge `other_id` into `keep_id` with these picks (the defaults for the rest), in one transaction.

        The plan is made again inside the write from the rows as they are
        then, with the picks given: a contact another netui changed since the
        dialog read it still loses nothing, because every value not picked
        goes to the notes line. History, attendances, ledger entries,
        follow-ups, introductions and goal links move; tags are united; the
        other contact is removed. Any failure writes nothing.

        Returns:
            The plan applied.

        Raises:
            ValidationError: the two ids are one contact, or the merged contact would not be valid.
            NotFound: either contact does not exist.
        """
        _refuse_itself(keep_id, other_id)

        def label() -> str:
            names = self.contacts.refs([keep_id, other_id])
            if keep_id not in names or other_id not in names:
                return _("Merged @{other} into @{keep}").format(other=other_id, keep=keep_id)
            return _("Merged {other} into {keep}").format(
                other=names[other_id].name, keep=names[keep_id].name
            )

        with self.s.write(*EVERYTHING_OF_A_CONTACT, undo=label):
            plan = self._plan(keep_id, other_id).with_picks(picks or {})
            draft = validate_draft(plan.draft())
            before = self.contacts.require(keep_id).stage
            self._move_everything(keep_id, other_id)
            Contact.delete().where(Contact.id == other_id).execute()
            derived.delete_search_rows(self.s, other_id)
            # After the delete: the kept one may have named the other as its introducer.
            Contact.update(updated_at=self.s.now(), **draft_fields(draft)).where(
                Contact.id == keep_id
            ).execute()
            stage_history.record(self.s, keep_id, before, draft.stage)
            self.contacts.set_tags(keep_id, draft.tags)
            derived.refresh_due(self.s, [keep_id])
            derived.refresh_ledger(self.s, [keep_id])
            derived.refresh_search(self.s, keep_id)
        return plan

    # -- inside a read or a write ------------------------------------------------------

    def _plan(self, keep_id: int, other_id: int) -> MergePlan:
        keep, other = (self._detail(keep_id), self._detail(other_id))
        plan = plan_merge(keep, other, self.s.today())
        return replace(plan, moves=self._moves(other_id))

    def _detail(self, contact_id: int) -> ContactDetail:
        try:
            return read_detail(self.s, contact_id, 0)
        except NotFound:
            raise NotFound(_("no contact with id {id}").format(id=contact_id)) from None

    @staticmethod
    def _moves(other_id: int) -> tuple[tuple[str, int], ...]:
        """How many of each linked record the other contact has (one statement)."""

        def count(query: Select) -> Select:
            return query.select(fn.count(Value(1)))

        introduced = Contact.alias("introduced")
        queries = (
            count(Interaction.select().where(Interaction.contact == other_id)),
            count(FollowUp.select().where(FollowUp.contact == other_id)),
            count(LedgerEntry.select().where(LedgerEntry.contact == other_id)),
            count(Attendance.select().where(Attendance.contact == other_id)),
            count(ContactGoal.select().where(ContactGoal.contact == other_id)),
            count(introduced.select().where(introduced.introduced_by == other_id)),
            count(LedgerEntry.select().where(LedgerEntry.introduced == other_id)),
        )
        row = Contact.select(*(q.alias(f"n{i}") for i, q in enumerate(queries))).where(
            Contact.id == other_id
        )
        found = first_tuple(row)
        values = [int(n) for n in found] if found else [0] * len(queries)
        counts = [*values[:5], values[5] + values[6]]
        return tuple(zip(MOVES, counts, strict=True))

    def _move_everything(self, keep_id: int, drop_id: int) -> None:
        """Point everything that names `drop_id` at `keep_id`, once each."""
        # The other's stage history too: the kept contact's then holds both, in time order.
        for model in (Interaction, FollowUp, LedgerEntry, StageChange):
            model.update(contact=keep_id).where(model.contact == drop_id).execute()
        LedgerEntry.update(introduced=keep_id).where(LedgerEntry.introduced == drop_id).execute()
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
        # Tags are set from the plan's union; goal links are united here: a goal both were
        # linked to keeps the kept contact's link, with the other's part if it had none.
        theirs_link = ContactGoal.alias("theirs")
        their_role = theirs_link.select(theirs_link.role).where(
            (theirs_link.contact == drop_id) & (theirs_link.goal == ContactGoal.goal)
        )
        ContactGoal.update(role=their_role).where(
            (ContactGoal.contact == keep_id)
            & (ContactGoal.role == "")
            & ContactGoal.goal.in_(
                theirs_link.select(theirs_link.goal).where(
                    (theirs_link.contact == drop_id) & (theirs_link.role != "")
                )
            )
        ).execute()
        self.s.sql.insert_ignore(
            ContactGoal.insert_from(
                ContactGoal.select(
                    Value(keep_id), ContactGoal.goal, ContactGoal.role, ContactGoal.linked_on
                ).where(ContactGoal.contact == drop_id),
                fields=[
                    ContactGoal.contact,
                    ContactGoal.goal,
                    ContactGoal.role,
                    ContactGoal.linked_on,
                ],
            )
        ).execute()
        # The slots the other filled are the kept contact's now.
        GoalSlot.update(contact=keep_id).where(GoalSlot.contact == drop_id).execute()


def _refuse_itself(keep_id: int, other_id: int) -> None:
    if keep_id == other_id:
        raise ValidationError("merge", _("cannot merge a contact with itself"))
