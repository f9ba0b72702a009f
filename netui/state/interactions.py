"""The interactions service: being in touch with a contact moves its due date on."""

from __future__ import annotations

import datetime as dt

from netui.data.models import Interaction
from netui.domain.contact_rules import INITIATORS, INTERACTION_KINDS, ValidationError, clean_text
from netui.i18n import _
from netui.state import derived
from netui.state.contacts import Contacts
from netui.state.events import Events
from netui.state.session import Session
from netui.state.topics import Topic


class Interactions:
    """Logging that I and a contact were in touch."""

    def __init__(self, session: Session, contacts: Contacts, events: Events) -> None:
        self.s = session
        self.contacts = contacts
        self.events = events

    def log(
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
            message = _("{value} is not one of {choices}").format(
                value=repr(kind), choices=", ".join(INTERACTION_KINDS)
            )
            raise ValidationError("kind", message)
        if initiator not in INITIATORS:
            raise ValidationError("initiator", _("who reached out must be 'me' or 'them'"))
        with self.s.write(Topic.INTERACTIONS, Topic.CONTACTS):
            self.contacts.require(contact_id)
            self.events.check(event_id)
            now = self.s.now()
            interaction_id = int(
                Interaction.insert(
                    contact=contact_id,
                    when=when,
                    kind=kind,
                    initiator=initiator,
                    summary=clean_text(summary),
                    event=event_id,
                    created_at=now,
                    updated_at=now,
                ).execute()
            )
            derived.refresh_due(self.s, [contact_id])
        return interaction_id
