"""Saving a resolved capture: contacts, tags, interactions, attendance, follow-ups, ledger,
goal links.

Everything happens inside the capture's one IMMEDIATE transaction
(Capture.save), after the capture was resolved again inside it; the derived
columns of every contact touched are recomputed at the end. A person captured
with `goal:` is linked to the goal (the Goals service's link_in, dated today,
with the part resolution chose), fills the wanted person their `slot:` names
(fill_in), and their introductions received are recorded for the goal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from peewee import SQL, Query

from netui.data.models import Attendance, Contact, FollowUp, Interaction, LedgerEntry, LedgerGoal
from netui.domain.goal_records import GoalRef
from netui.domain.reading import fold
from netui.domain.records import ContactRef, EventRef
from netui.i18n import _
from netui.state import derived, stage_history
from netui.state.capture.records import (
    THANKS,
    CapturePreview,
    CaptureResult,
    GoalSaved,
    ResolvedPerson,
)
from netui.state.contacts import Contacts, draft_fields
from netui.state.errors import NotFound
from netui.state.goals import Goals
from netui.state.prepared import Param
from netui.state.session import Session

if TYPE_CHECKING:
    from netui.domain.capture import PersonPlan


def _append_line(text: str, line: str) -> str:
    """`text` with `line` added as a line of its own, unless a line already says exactly that."""
    if not line or line in text.splitlines():
        return text
    return f"{text}\n{line}" if text else line


def _attended() -> Query:
    return (
        Attendance.select(SQL("1"))
        .where((Attendance.contact == Param("contact")) & (Attendance.event == Param("event")))
        .limit(1)
    )


def _introduce() -> Query:
    # An introducer already recorded is kept.
    return Contact.update(introduced_by=Param("introducer")).where(
        (Contact.id == Param("contact")) & Contact.introduced_by.is_null()
    )


def _texts() -> Query:
    return Contact.select(Contact.needs, Contact.offers, Contact.notes, Contact.stage).where(
        Contact.id == Param("contact")
    )


class CaptureWriter:
    """Writes resolved captures for one Session."""

    def __init__(self, session: Session, contacts: Contacts, goals: Goals) -> None:
        self.s = session
        self.contacts = contacts
        self.goals = goals

    def write(self, preview: CapturePreview) -> CaptureResult:
        """Write what the preview says (inside the capture's write).

        Every statement is prepared (netui.state.prepared): a 5-person capture
        runs some 60 of them, and peewee compiling each anew cost more CPU than
        SQLite running them.
        """
        db, prepared = self.s.db, self.s.prepared
        now = self.s.now()
        event = preview.event
        ids_by_line: dict[int, int] = {}
        ids_by_name: dict[str, int] = {}
        created: list[ContactRef] = []
        updated: list[ContactRef] = []
        counts = {"interactions": 0, "followups": 0, "ledger": 0, "attendances": 0}
        goals: dict[int, GoalSaved] = {}  # by goal id, first named first
        for person in preview.people:
            plan = person.plan
            if person.same_as_line is not None:
                contact_id = ids_by_line[person.same_as_line]
                self._add_to_existing(contact_id, plan, now)
            elif person.contact is None:
                contact_id = self._create(person, event, now)
                created.append(ContactRef(contact_id, plan.name, plan.company))
                ids_by_name[fold(plan.name)] = contact_id
            else:
                contact_id = person.contact.id
                self._add_to_existing(contact_id, plan, now)
                if person.archived:
                    prepared.update(db, Contact, contact_id, archived=False)
                updated.append(person.contact)
            ids_by_line[plan.line] = contact_id
            if person.same_as_line is None and not person.meeting_recorded:
                summary = f"met at {event.title}" if event else "met"
                prepared.insert(
                    db,
                    Interaction,
                    contact=contact_id,
                    when=preview.when,
                    kind="meeting",
                    initiator="me",
                    summary=summary,
                    event=event.id if event else None,
                    created_at=now,
                    updated_at=now,
                )
                counts["interactions"] += 1
            if person.same_as_line is None and event is not None:
                # Someone already recorded at the event stays as is (the
                # write lock is held, so nothing can come in between).
                there = prepared.get("capture.attended", _attended)
                if not there.run(db, contact=contact_id, event=event.id):
                    prepared.insert(
                        db,
                        Attendance,
                        contact=contact_id,
                        event=event.id,
                        known_before=person.contact is not None,
                        created_at=now,
                        updated_at=now,
                    )
                    counts["attendances"] += 1
            for index, followup in enumerate(plan.followups):
                if index in person.followups_recorded:
                    continue  # already recorded: the same text captured again
                prepared.insert(
                    db,
                    FollowUp,
                    contact=contact_id,
                    due=followup.due,
                    what=followup.what,
                    event=event.id if event else None,
                    created_at=now,
                    updated_at=now,
                )
                counts["followups"] += 1
            if person.thanks_due is not None:
                prepared.insert(
                    db,
                    FollowUp,
                    contact=contact_id,
                    due=person.thanks_due,
                    what=THANKS,
                    event=event.id if event else None,
                    created_at=now,
                    updated_at=now,
                )
                counts["followups"] += 1
            for index, entry in enumerate(plan.ledger):
                entry_id = prepared.insert(
                    db,
                    LedgerEntry,
                    contact=contact_id,
                    direction=entry.direction,
                    kind=entry.kind,
                    description=entry.description,
                    weight=1,
                    date=preview.plan.on,
                    created_at=now,
                    updated_at=now,
                )
                counts["ledger"] += 1
                if person.goal is not None and index in person.goal_entries:
                    LedgerGoal.insert(entry=entry_id, goal=person.goal.id).execute()
            if person.goal is not None:
                linked, filled = self._link(person, person.goal, contact_id)
                done = goals.get(person.goal.id, GoalSaved(person.goal, 0, 0))
                goals[person.goal.id] = replace(
                    done, linked=done.linked + linked, filled=done.filled + filled
                )
        # Introducers last: a via: may name someone created further down.
        for person in preview.people:
            introducer = person.via.id if person.via else None
            if person.via_new is not None:
                introducer = ids_by_name[fold(person.via_new)]
            contact_id = ids_by_line[person.plan.line]
            if introducer is not None and introducer != contact_id:
                introduce = prepared.get("capture.introduce", _introduce)
                introduce.run(db, contact=contact_id, introducer=introducer)
        touched = sorted(set(ids_by_line.values()))
        derived.refresh_due(self.s, touched)
        derived.refresh_ledger(self.s, touched)
        for contact_id in touched:
            derived.refresh_search(self.s, contact_id)
        return CaptureResult(
            created=tuple(created),
            updated=tuple(updated),
            interactions=counts["interactions"],
            followups=counts["followups"],
            ledger_entries=counts["ledger"],
            attendances=counts["attendances"],
            event=event,
            contact_ids=tuple(touched),
            goals=tuple(goals.values()),
        )

    def _link(self, person: ResolvedPerson, goal: GoalRef, contact_id: int) -> tuple[bool, bool]:
        """Link the person to the goal and fill the wanted person they stand for; returns
        whether the link is new and whether a slot was filled."""
        # The link first, with the person's part (their role, else the wanted person they
        # fill): fill_in links a contact not linked yet with the slot as their part.
        new = self.goals.link_in(goal.id, contact_id, person.goal_role)
        if person.fills_slot:
            assert person.slot is not None
            if not self.goals.fill_in(goal.id, person.slot, contact_id):
                # Resolved in this very transaction, so only a bug gets here: save nothing.
                raise NotFound(
                    _("the wanted person {slot} of {title} is no longer open").format(
                        slot=person.slot, title=goal.title
                    )
                )
        return new, person.fills_slot

    def _create(self, person: ResolvedPerson, event: EventRef | None, now: dt.datetime) -> int:
        """Insert a new contact from its validated draft, met at the event if there is one."""
        assert person.draft is not None
        fields = draft_fields(person.draft)
        fields["met_at"] = event.id if event else None
        contact_id = self.s.prepared.insert(
            self.s.db, Contact, created_at=now, updated_at=now, **fields
        )
        stage_history.record(self.s, contact_id, None, person.draft.stage)
        self.contacts.set_tags(contact_id, person.draft.tags)
        return contact_id

    def _add_to_existing(self, contact_id: int, plan: PersonPlan, now: dt.datetime) -> None:
        texts = self.s.prepared.get("capture.texts", _texts).run(self.s.db, contact=contact_id)
        if not texts:
            raise NotFound(_("contact {contact_id} no longer exists").format(contact_id=contact_id))
        ((needs, offers, notes, stage),) = texts
        kept = {"needs": needs, "offers": offers}
        updates: dict[str, object] = {"updated_at": now}
        for name in ("company", "role", "email", "phone"):
            value = getattr(plan, name)
            if value:
                updates[name] = value
        for name in ("needs", "offers"):
            updates[name] = _append_line(kept[name], getattr(plan, name))
        for note in plan.notes:
            notes = _append_line(notes, note)
        updates["notes"] = notes
        if plan.solicitation:
            updates["solicitation"] = True
        if plan.cadence_days is not None:
            updates["cadence_days"] = plan.cadence_days
        if plan.stage:
            updates["stage"] = plan.stage
        self.s.prepared.update(self.s.db, Contact, contact_id, **updates)
        if plan.stage:
            stage_history.record(self.s, contact_id, stage, plan.stage)
        if plan.tags:
            have = derived.tag_names(self.s, contact_id)
            self.contacts.set_tags(contact_id, [*have, *(t for t in plan.tags if t not in have)])
