"""What a capture would record twice: the same text captured again adds nothing new.

An open follow-up of the same contact, due the same day, saying the same
thing, is already recorded; so is a meeting with the contact on the same day
at the same event (or, with no event, at none). Resolution marks them, the
preview says "already recorded", and saving skips them. Read in two
statements over all the capture's existing contacts, prepared (the preview
resolves at every keystroke).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import Query, fn

from netui.data.models import FollowUp, Interaction
from netui.state.prepared import Param, numbered, params
from netui.state.session import Session


def _open_followups(count: int) -> Query:
    return FollowUp.select(FollowUp.contact, FollowUp.due, FollowUp.what).where(
        FollowUp.contact.in_(params("id", count)) & FollowUp.done_at.is_null()
    )


def _met(count: int) -> Query:
    # Event 0: none (ids start at 1), so one statement serves both.
    return (
        Interaction.select(Interaction.contact)
        .where(
            Interaction.contact.in_(params("id", count))
            & (Interaction.when >= Param("since"))
            & (Interaction.when < Param("until"))
            & (Interaction.kind == "meeting")
            & (fn.coalesce(Interaction.event, 0) == Param("event"))
        )
        .distinct()
    )


def _moment(day: dt.date) -> str:
    """A day's first instant as a DateTimeField stores it."""
    return f"{day.isoformat()} 00:00:00"


@dataclass(frozen=True)
class Recorded:
    """What the database already holds for a capture's existing contacts."""

    followups: frozenset[tuple[int, str, str]]  # (contact id, ISO due date, what), open ones
    met: frozenset[int]  # contacts with a meeting that day at that event

    def has_followup(self, contact_id: int, due: dt.date, what: str) -> bool:
        """Whether the contact has an open follow-up due that day saying exactly that."""
        return (contact_id, due.isoformat(), what) in self.followups


NOTHING = Recorded(frozenset(), frozenset())


def recorded(
    session: Session, contact_ids: list[int], day: dt.date, event_id: int | None
) -> Recorded:
    """The open follow-ups of these contacts, and which of them met me on `day` at the event."""
    ids = sorted(set(contact_ids))
    if not ids:
        return NOTHING
    count, values = len(ids), numbered("id", ids)
    db, prepared = session.db, session.prepared
    followups = prepared.get(("capture.open_followups", count), lambda: _open_followups(count))
    met = prepared.get(("capture.met", count), lambda: _met(count))
    return Recorded(
        frozenset((int(c), str(due), str(what)) for c, due, what in followups.run(db, **values)),
        frozenset(
            int(c)
            for (c,) in met.run(
                db,
                **values,
                since=_moment(day),
                until=_moment(day + dt.timedelta(days=1)),
                event=event_id or 0,
            )
        ),
    )
