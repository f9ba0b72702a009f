"""The ledger service: what was given to and received from each contact."""

from __future__ import annotations

import datetime as dt
from typing import Any

from netui.data.models import Goal, LedgerEntry, LedgerGoal
from netui.domain.contact_rules import LEDGER_KINDS, ValidationError, clean_text
from netui.domain.records import LedgerRecord
from netui.i18n import _
from netui.state import derived
from netui.state.contacts import Contacts
from netui.state.errors import NotFound
from netui.state.session import Session
from netui.state.topics import Topic


def _check(direction: str, kind: str, weight: int, date: dt.date, today: dt.date) -> None:
    if direction not in ("give", "take"):
        raise ValidationError("direction", _("must be give or take"))
    if kind not in LEDGER_KINDS:
        message = _("{value} is not one of {choices}")
        raise ValidationError(
            "kind", message.format(value=repr(kind), choices=", ".join(LEDGER_KINDS))
        )
    if not 1 <= weight <= 5:
        raise ValidationError("weight", _("must be from 1 to 5"))
    if date > today:
        raise ValidationError("date", _("cannot be in the future"))


def _require(entry_id: int) -> dict[str, Any]:
    """The entry's row, its links as ids ("contact", "introduced")."""
    entry: dict[str, Any] | None = (
        LedgerEntry.select().where(LedgerEntry.id == entry_id).dicts().first()
    )
    if entry is None:
        raise NotFound(_("ledger entry {id} no longer exists").format(id=entry_id))
    return entry


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
        goal_id: int | None = None,
    ) -> int:
        """Record something given to or received from a contact, optionally for a goal (an
        introduction received for it counts towards the goal's key results).

        Raises:
            ValidationError: a bad direction, kind, weight, introduced contact or goal.
            NotFound: the contact was deleted meanwhile.
        """
        _check(direction, kind, weight, date, self.s.today())
        topics = (Topic.LEDGER, Topic.CONTACTS) + ((Topic.GOALS,) if goal_id is not None else ())
        with self.s.write(*topics):
            if goal_id is not None and not Goal.select().where(Goal.id == goal_id).exists():
                raise ValidationError("goal", _("no goal with id {id}").format(id=goal_id))
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
            if goal_id is not None:
                LedgerGoal.insert(entry=entry_id, goal=goal_id).execute()
            derived.refresh_ledger(self.s, [contact_id])
        return entry_id

    def get(self, entry_id: int) -> LedgerRecord:
        """One give or take, to show it in full or edit it.

        Raises:
            NotFound: it was deleted meanwhile.
        """
        with self.s.read():
            row = _require(entry_id)
            return LedgerRecord(
                id=row["id"],
                contact_id=row["contact"],
                direction=row["direction"],
                kind=row["kind"],
                description=row["description"],
                weight=row["weight"],
                date=row["date"],
            )

    def update(
        self,
        entry_id: int,
        direction: str,
        kind: str,
        description: str,
        weight: int,
        date: dt.date,
    ) -> None:
        """Correct a give or take; the contact's stored aggregates follow.

        Raises:
            ValidationError: a bad direction, kind, weight or date.
            NotFound: it was deleted meanwhile.
        """
        _check(direction, kind, weight, date, self.s.today())
        with self.s.write(Topic.LEDGER, Topic.CONTACTS):
            row = _require(entry_id)
            LedgerEntry.update(
                direction=direction,
                kind=kind,
                description=clean_text(description),
                weight=weight,
                date=date,
                updated_at=self.s.now(),
            ).where(LedgerEntry.id == entry_id).execute()
            derived.refresh_ledger(self.s, [row["contact"]])

    def delete(self, entry_id: int) -> None:
        """Remove a give or take (undoable); the contact's stored aggregates follow.

        Raises:
            NotFound: it was deleted meanwhile.
        """
        label = _("Deleted a ledger entry of {name}")

        def named() -> str:
            return label.format(name=self.contacts.require(_require(entry_id)["contact"]).name)

        with self.s.write(Topic.LEDGER, Topic.CONTACTS, undo=named):
            row = _require(entry_id)
            LedgerEntry.delete().where(LedgerEntry.id == entry_id).execute()
            derived.refresh_ledger(self.s, [row["contact"]])
