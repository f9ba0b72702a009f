"""The events service: what capture, the contact screens and the review need of events."""

from __future__ import annotations

import datetime as dt

from netui.data.models import Event
from netui.domain.contact_rules import CHANNELS, ValidationError, clean_text
from netui.domain.records import EventRef
from netui.i18n import _
from netui.state.errors import NotFound
from netui.state.rows import as_datetime, first_tuple, tuples
from netui.state.session import Session
from netui.state.topics import Topic

EVENT_STATUSES = ("idea", "planned", "registered", "attended", "skipped", "cancelled")


def _ref(row: tuple[int, str, object]) -> EventRef:
    return EventRef(row[0], row[1], as_datetime(row[2]))


class Events:
    """Reads and the basic write of events."""

    def __init__(self, session: Session) -> None:
        self.s = session

    def get(self, event_id: int) -> EventRef:
        """One event by id.

        Raises:
            NotFound: no event has that id.
        """
        with self.s.read():
            row = first_tuple(
                Event.select(Event.id, Event.title, Event.starts_at).where(Event.id == event_id)
            )
        if row is None:
            raise NotFound(_("no event with id {id}").format(id=event_id))
        return _ref(row)

    def kind(self, event_id: int) -> str:
        """The event's kind (one of the contact channels)."""
        with self.s.read():
            row = first_tuple(Event.select(Event.kind).where(Event.id == event_id))
        if row is None:
            raise NotFound(_("no event with id {id}").format(id=event_id))
        return str(row[0])

    def latest(self, within: dt.timedelta = dt.timedelta(hours=24)) -> EventRef | None:
        """The latest event that started within `within` before now (capture's default)."""
        now = self.s.now()
        with self.s.read():
            row = first_tuple(
                Event.select(Event.id, Event.title, Event.starts_at)
                .where(
                    (Event.starts_at <= now)
                    & (Event.starts_at >= now - within)
                    & Event.status.not_in(("skipped", "cancelled"))
                )
                .order_by(Event.starts_at.desc())
            )
        return _ref(row) if row else None

    def recent(self, limit: int = 50) -> list[EventRef]:
        """Events newest first, for the 'met at' picker."""
        with self.s.read():
            rows = tuples(
                Event.select(Event.id, Event.title, Event.starts_at)
                .order_by(Event.starts_at.desc())
                .limit(limit)
            )
            return [_ref(row) for row in rows]

    def check(self, event_id: int | None, field: str = "event") -> None:
        """Refuse a link to an event that does not exist (inside a write).

        Raises:
            ValidationError: on `field`, when there is no such event.
        """
        if event_id is not None and not Event.select().where(Event.id == event_id).exists():
            raise ValidationError(field, _("no event with id {id}").format(id=event_id))

    def create(
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
            raise ValidationError("title", _("an event needs a title"))
        if kind not in CHANNELS:
            message = _("{value} is not one of {choices}")
            raise ValidationError(
                "kind", message.format(value=repr(kind), choices=", ".join(CHANNELS))
            )
        if status not in EVENT_STATUSES:
            message = _("{value} is not one of {choices}").format(
                value=repr(status), choices=", ".join(EVENT_STATUSES)
            )
            raise ValidationError("status", message)
        with self.s.write(Topic.EVENTS):
            now = self.s.now()
            return int(
                Event.insert(
                    title=title,
                    starts_at=starts_at,
                    kind=kind,
                    place=clean_text(place),
                    status=status,
                    intent=clean_text(intent),
                    created_at=now,
                    updated_at=now,
                ).execute()
            )
