"""The follow-ups service: promises to a contact by a date, done or put off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from netui.data.models import FollowUp
from netui.domain.contact_rules import ValidationError, clean_text
from netui.domain.followup_rules import snooze_refusal, snooze_week
from netui.domain.records import FollowUpRecord
from netui.i18n import _
from netui.state.contacts import Contacts
from netui.state.errors import NotFound
from netui.state.events import Events
from netui.state.session import Session
from netui.state.topics import Topic

# What the journal calls a snooze (to a day or by a week).
_SNOOZED = _("Snoozed: {what} ({name})")


class FollowUps:
    """Adding, completing and snoozing follow-ups."""

    def __init__(self, session: Session, contacts: Contacts, events: Events) -> None:
        self.s = session
        self.contacts = contacts
        self.events = events

    def add(self, contact_id: int, due: dt.date, what: str, event_id: int | None = None) -> int:
        """Promise something to a contact by a date."""
        what = clean_text(what)
        if not what:
            raise ValidationError("what", _("say what to follow up with"))
        with self.s.write(Topic.FOLLOWUPS):
            self.contacts.require(contact_id)
            self.events.check(event_id)
            now = self.s.now()
            return int(
                FollowUp.insert(
                    contact=contact_id,
                    due=due,
                    what=what,
                    event=event_id,
                    created_at=now,
                    updated_at=now,
                ).execute()
            )

    def _require(self, followup_id: int) -> FollowUp:
        followup = FollowUp.get_or_none(FollowUp.id == followup_id)
        if followup is None:
            raise NotFound(
                _("follow-up {followup_id} no longer exists").format(followup_id=followup_id)
            )
        return followup

    def _named(self, text: str, followup_id: int) -> Callable[[], str]:
        """An undo label saying what the follow-up is and for whom, read inside the command."""

        def label() -> str:
            followup = self._require(followup_id)
            name = self.contacts.require(followup.contact_id).name
            return text.format(what=followup.what, name=name)

        return label

    def complete(self, followup_id: int) -> None:
        """Mark a follow-up done now; undoable."""
        with self.s.write(
            Topic.FOLLOWUPS, undo=self._named(_("Done: {what} ({name})"), followup_id)
        ):
            self._require(followup_id)
            now = self.s.now()
            FollowUp.update(done_at=now, updated_at=now).where(FollowUp.id == followup_id).execute()

    @staticmethod
    def _effective_due(followup: FollowUp) -> dt.date:
        """The day it is next due: its due date, or a later snooze."""
        due: dt.date = followup.due
        snoozed: dt.date | None = followup.snoozed_until
        return max(due, snoozed) if snoozed is not None else due

    def snooze(self, followup_id: int, until: dt.date) -> None:
        """Put a follow-up off until a later date: after today, and not before it is due; undoable.

        Raises:
            ValidationError: `until` is today or earlier, or before the follow-up's due date.
            NotFound: the follow-up is gone.
        """
        with self.s.write(Topic.FOLLOWUPS, undo=self._named(_SNOOZED, followup_id)):
            followup = self._require(followup_id)
            refusal = snooze_refusal(until, self.s.today(), self._effective_due(followup))
            if refusal is not None:
                raise ValidationError("until", refusal)
            FollowUp.update(snoozed_until=until, updated_at=self.s.now()).where(
                FollowUp.id == followup_id
            ).execute()

    def get(self, followup_id: int) -> FollowUpRecord:
        """One follow-up, to show it in full or edit it.

        Raises:
            NotFound: it was deleted meanwhile.
        """
        with self.s.read():
            row: dict[str, Any] | None = (
                FollowUp.select().where(FollowUp.id == followup_id).dicts().first()
            )
            if row is None:
                raise NotFound(_("follow-up {id} no longer exists").format(id=followup_id))
            return FollowUpRecord(
                id=row["id"],
                contact_id=row["contact"],
                due=row["due"],
                what=row["what"],
                done_at=row["done_at"],
                snoozed_until=row["snoozed_until"],
            )

    def update(self, followup_id: int, due: dt.date, what: str) -> None:
        """Correct a follow-up's date and task; a new date replaces any snooze.

        Raises:
            ValidationError: nothing to do.
            NotFound: it was deleted meanwhile.
        """
        what = clean_text(what)
        if not what:
            raise ValidationError("what", _("say what to follow up with"))
        with self.s.write(Topic.FOLLOWUPS):
            self._require(followup_id)
            FollowUp.update(due=due, what=what, snoozed_until=None, updated_at=self.s.now()).where(
                FollowUp.id == followup_id
            ).execute()

    def reopen(self, followup_id: int) -> None:
        """Un-mark a follow-up done: it is open again, due as before; undoable.

        Raises:
            NotFound: it was deleted meanwhile.
        """
        label = self._named(_("Reopened: {what} ({name})"), followup_id)
        with self.s.write(Topic.FOLLOWUPS, undo=label):
            self._require(followup_id)
            FollowUp.update(done_at=None, updated_at=self.s.now()).where(
                FollowUp.id == followup_id
            ).execute()

    def delete(self, followup_id: int) -> None:
        """Remove a follow-up; undoable.

        Raises:
            NotFound: it was deleted meanwhile.
        """
        label = self._named(_("Deleted the follow-up: {what} ({name})"), followup_id)
        with self.s.write(Topic.FOLLOWUPS, undo=label):
            self._require(followup_id)
            FollowUp.delete().where(FollowUp.id == followup_id).execute()

    def snooze_week(self, followup_id: int) -> dt.date:
        """Put a follow-up off a week from the later of today and its due date; the new day; undoable.

        Raises:
            NotFound: the follow-up is gone.
        """
        with self.s.write(Topic.FOLLOWUPS, undo=self._named(_SNOOZED, followup_id)):
            followup = self._require(followup_id)
            until = snooze_week(self.s.today(), self._effective_due(followup))
            FollowUp.update(snoozed_until=until, updated_at=self.s.now()).where(
                FollowUp.id == followup_id
            ).execute()
            return until
