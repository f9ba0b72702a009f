"""Events in the Store: what capture and the contact screens need of them."""

from __future__ import annotations

import datetime as dt

from netui.data.models import Event, database
from netui.domain.contact_rules import CHANNELS, ValidationError, clean_text
from netui.domain.records import EventRef
from netui.state.contact_commands import ContactCommands
from netui.state.contact_queries import _datetime
from netui.state.core import EVENTS, NotFound

EVENT_STATUSES = ("idea", "planned", "registered", "attended", "skipped", "cancelled")


class EventQueries(ContactCommands):
    """Reads and the basic write of events."""

    def event(self, event_id: int) -> EventRef:
        """One event by id.

        Raises:
            NotFound: no event has that id.
        """
        row = database.execute_sql(
            "SELECT id, title, starts_at FROM event WHERE id = ?", [event_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"no event with id {event_id}")
        return EventRef(row[0], row[1], _datetime(row[2]))

    def event_kind(self, event_id: int) -> str:
        """The event's kind (one of the contact channels)."""
        row = database.execute_sql("SELECT kind FROM event WHERE id = ?", [event_id]).fetchone()
        if row is None:
            raise NotFound(f"no event with id {event_id}")
        return row[0]

    def recent_event(self, within: dt.timedelta = dt.timedelta(hours=24)) -> EventRef | None:
        """The latest event that started within `within` before now (capture's default)."""
        now = self.now()
        row = database.execute_sql(
            "SELECT id, title, starts_at FROM event WHERE starts_at <= ? AND starts_at >= ?"
            " AND status NOT IN ('skipped', 'cancelled') ORDER BY starts_at DESC LIMIT 1",
            [now.isoformat(sep=" "), (now - within).isoformat(sep=" ")],
        ).fetchone()
        return EventRef(row[0], row[1], _datetime(row[2])) if row else None

    def create_event(
        self,
        title: str,
        starts_at: dt.datetime,
        *,
        kind: str = "other",
        place: str = "",
        status: str = "planned",
        intent: str = "",
    ) -> int:
        """Save a new event; returns its id."""
        title = clean_text(title)
        if not title:
            raise ValidationError("title", "an event needs a title")
        if kind not in CHANNELS:
            raise ValidationError("kind", f"{kind!r} is not one of {', '.join(CHANNELS)}")
        if status not in EVENT_STATUSES:
            raise ValidationError("status", f"{status!r} is not one of {', '.join(EVENT_STATUSES)}")
        with self._write(EVENTS):
            now = self.now()
            return Event.insert(
                title=title,
                starts_at=starts_at,
                kind=kind,
                place=clean_text(place),
                status=status,
                intent=clean_text(intent),
                created_at=now,
                updated_at=now,
            ).execute()
