"""The ledger service: what was given to and received from each contact."""

from __future__ import annotations

import datetime as dt

from netui.data.models import LedgerEntry
from netui.domain.contact_rules import LEDGER_KINDS, ValidationError, clean_text
from netui.i18n import _
from netui.state import derived
from netui.state.contacts import Contacts
from netui.state.session import Session
from netui.state.topics import Topic


class Ledger:
    """Logging gives and takes; the contact's stored aggregates follow in the same transaction."""

    def __init__(self, session: Session, contacts: Contacts) -> None:
        self.s = session
        self.contacts = contacts

    def add(
        self,
        contact_id: int,
        direction: str,
        kind: str,
        description: str,
        weight: int,
        date: dt.date,
        introduced_id: int | None = None,
    ) -> int:
        """Record something given to or received from a contact.

        Raises:
            ValidationError: a bad direction, kind, weight or introduced contact.
            NotFound: the contact was deleted meanwhile.
        """
        if direction not in ("give", "take"):
            raise ValidationError("direction", _("must be give or take"))
        if kind not in LEDGER_KINDS:
            message = _("{value} is not one of {choices}")
            raise ValidationError(
                "kind", message.format(value=repr(kind), choices=", ".join(LEDGER_KINDS))
            )
        if not 1 <= weight <= 5:
            raise ValidationError("weight", _("must be from 1 to 5"))
        if date > self.s.today():
            raise ValidationError("date", _("cannot be in the future"))
        with self.s.write(Topic.LEDGER, Topic.CONTACTS):
            self.contacts.require(contact_id)
            if introduced_id is not None and not self.contacts.exists(introduced_id):
                raise ValidationError(
                    "introduced", _("no contact with id {id}").format(id=introduced_id)
                )
            now = self.s.now()
            entry_id = int(
                LedgerEntry.insert(
                    contact=contact_id,
                    direction=direction,
                    kind=kind,
                    description=clean_text(description),
                    weight=weight,
                    date=date,
                    introduced=introduced_id,
                    created_at=now,
                    updated_at=now,
                ).execute()
            )
            derived.refresh_ledger(self.s, [contact_id])
        return entry_id
