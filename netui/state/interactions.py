"""The interactions service: being in touch with a contact moves its due date on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from netui.data.models import Interaction
from netui.domain.contact_rules import INITIATORS, INTERACTION_KINDS, ValidationError, clean_text
from netui.domain.records import InteractionRecord
from netui.i18n import _
from netui.state import derived
from netui.state.contacts import Contacts
from netui.state.errors import NotFound
from netui.state.events import Events
from netui.state.session import Session
from netui.state.topics import Topic


def _check(kind: str, initiator: str) -> None:
    if kind not in INTERACTION_KINDS:
        message = _("{value} is not one of {choices}").format(
            value=repr(kind), choices=", ".join(INTERACTION_KINDS)
        )
        raise ValidationError("kind", message)
    if initiator not in INITIATORS:
        raise ValidationError("initiator", _("who reached out must be 'me' or 'them'"))


def _require(interaction_id: int) -> dict[str, Any]:
    """The interaction's row, its links as ids ("contact", "event")."""
    interaction: dict[str, Any] | None = (
        Interaction.select().where(Interaction.id == interaction_id).dicts().first()
    )
    if interaction is None:
        raise NotFound(_("interaction {id} no longer exists").format(id=interaction_id))
    return interaction


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
        _check(kind, initiator)
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

    def get(self, interaction_id: int) -> InteractionRecord:
        """One interaction, to show it in full or edit it.

        Raises:
            NotFound: it was deleted meanwhile.
        """
        with self.s.read():
            row = _require(interaction_id)
            return InteractionRecord(
                id=row["id"],
                contact_id=row["contact"],
                when=row["when"],
                kind=row["kind"],
                initiator=row["initiator"],
                summary=row["summary"],
                event_id=row["event"],
            )

    def update(
        self, interaction_id: int, when: dt.datetime, kind: str, initiator: str, summary: str
    ) -> None:
        """Correct a logged interaction; the contact's last contact and due date follow.

        Raises:
            ValidationError: a bad kind or initiator.
            NotFound: it was deleted meanwhile.
        """
        _check(kind, initiator)
        with self.s.write(Topic.INTERACTIONS, Topic.CONTACTS):
            row = _require(interaction_id)
            Interaction.update(
                when=when,
                kind=kind,
                initiator=initiator,
                summary=clean_text(summary),
                updated_at=self.s.now(),
            ).where(Interaction.id == interaction_id).execute()
            derived.refresh_due(self.s, [row["contact"]])

    def delete(self, interaction_id: int) -> None:
        """Remove a logged interaction (undoable); the contact's last contact and due date follow.

        Raises:
            NotFound: it was deleted meanwhile.
        """
        label = _("Deleted an interaction with {name}")

        def named() -> str:
            return label.format(
                name=self.contacts.require(_require(interaction_id)["contact"]).name
            )

        with self.s.write(Topic.INTERACTIONS, Topic.CONTACTS, undo=named):
            row = _require(interaction_id)
            Interaction.delete().where(Interaction.id == interaction_id).execute()
            derived.refresh_due(self.s, [row["contact"]])
