"""The events service: the planner's events, series and attendance, and what capture, the
contact screens and the review need of events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from netui.data.models import Attendance, Contact, Event, EventGoal, Goal, Series
from netui.domain.contact_rules import ValidationError, clean_text
from netui.domain.event_reports import PrepCard, Returns, WorthCard
from netui.domain.events import (
    ATTENDANCE_STATUSES,
    EVENT_STATUSES,
    EventDetail,
    EventDraft,
    EventRow,
    SeriesRow,
    check_rating,
    status_label,
)
from netui.domain.reading import name_key
from netui.domain.records import EventRef
from netui.i18n import _
from netui.state.errors import NotFound
from netui.state.events import listing
from netui.state.events.listing import EventListing, SeriesDetail
from netui.state.rows import as_datetime, first_tuple, tuples
from netui.state.session import Session
from netui.state.topics import Topic

if TYPE_CHECKING:
    from netui.interop.records import ExportedEvent, ImportReport, ParsedFile

__all__ = ["EVENT_STATUSES", "Events"]


def _ref(row: tuple[int, str, object]) -> EventRef:
    return EventRef(row[0], row[1], as_datetime(row[2]))


class Events:
    """The planner's reads and commands, and what other areas need of events."""

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
        """Save a new event; returns its id (add() with only these fields)."""
        return self.add(
            EventDraft(title, starts_at, kind=kind, place=place, status=status, intent=intent)
        )

    # -- the planner's reads -------------------------------------------------------------

    def listing(self, *, series_id: int | None = None) -> EventListing:
        """Every event (or a series'): upcoming soonest first, past newest first."""
        return listing.listing(self.s, series_id=series_id)

    def between(self, start: dt.datetime, end: dt.datetime) -> list[EventRow]:
        """The events starting in [start, end), in time order (the month view)."""
        return listing.between(self.s, start, end)

    def row(self, event_id: int) -> EventRow:
        """One event as the list shows it (NotFound when there is none)."""
        return listing.row(self.s, event_id)

    def detail(self, event_id: int) -> EventDetail:
        """One event in full (NotFound when there is none)."""
        return listing.detail(self.s, event_id)

    def series(self) -> list[SeriesRow]:
        """Every series by title, with its counts and nudge."""
        return listing.series_list(self.s)

    def series_detail(self, series_id: int) -> SeriesDetail:
        """One series with its events and regulars (NotFound when there is none)."""
        return listing.series_detail(self.s, series_id)

    def series_choices(self, text: str, limit: int = 8) -> list[str]:
        """Series titles starting with (else holding) the folded text, for completion."""
        key = name_key(text)
        with self.s.read():
            rows = tuples(Series.select(Series.title, Series.title_key).order_by(Series.title_key))
        starts = [str(t) for t, k in rows if str(k).startswith(key)]
        holds = [str(t) for t, k in rows if key in str(k) and not str(k).startswith(key)]
        return (starts + holds)[:limit]

    # -- the planner's commands ----------------------------------------------------------

    def _series_id(self, draft: EventDraft) -> int | None:
        """The draft's series (inside a write): found by its folded title, else made."""
        if not draft.series:
            return None
        key = name_key(draft.series)
        row = first_tuple(Series.select(Series.id).where(Series.title_key == key))
        if row is not None:
            return int(row[0])
        now = self.s.now()
        return int(
            Series.insert(
                title=draft.series,
                title_key=key,
                organizer=draft.organizer,
                kind=draft.kind,
                created_at=now,
                updated_at=now,
            ).execute()
        )

    def _check_goals(self, goal_ids: tuple[int, ...]) -> None:
        if not goal_ids:
            return
        found = {int(gid) for (gid,) in tuples(Goal.select(Goal.id).where(Goal.id.in_(goal_ids)))}
        missing = [gid for gid in goal_ids if gid not in found]
        if missing:
            raise ValidationError("goals", _("no goal with id {id}").format(id=missing[0]))

    def _values(self, draft: EventDraft) -> dict[str, object]:
        return {
            "title": draft.title,
            "starts_at": draft.starts_at,
            "ends_at": draft.ends_at,
            "kind": draft.kind,
            "place": draft.place,
            "url": draft.url,
            "cost": draft.cost,
            "currency": draft.currency,
            "status": draft.status,
            "organizer": draft.organizer,
            "intent": draft.intent,
            "solicitation": draft.solicitation,
            "series": self._series_id(draft),
        }

    def _set_goals(self, event_id: int, goal_ids: tuple[int, ...]) -> None:
        EventGoal.delete().where(EventGoal.event == event_id).execute()
        if goal_ids:
            EventGoal.insert_many(
                [(event_id, gid) for gid in goal_ids], fields=[EventGoal.event, EventGoal.goal]
            ).execute()

    def add(self, draft: EventDraft, *, source: str = "", external_id: str | None = None) -> int:
        """Save a new event (its series made if new, its goals linked); returns its id.

        Raises:
            ValidationError: the field that is wrong, an unknown goal; nothing saved.
        """
        draft = draft.cleaned()
        label = _("Added event {title}").format(title=draft.title)
        with self.s.write(Topic.EVENTS, Topic.GOALS, undo=label):
            self._check_goals(draft.goal_ids)
            now = self.s.now()
            event_id = int(
                Event.insert(
                    **self._values(draft),
                    source=source,
                    external_id=external_id,
                    created_at=now,
                    updated_at=now,
                ).execute()
            )
            self._set_goals(event_id, draft.goal_ids)
            return event_id

    def require(self, event_id: int) -> str:
        """The event's title (inside a block), refusing an id that has none.

        Raises:
            NotFound: no event has that id.
        """
        row = first_tuple(Event.select(Event.title).where(Event.id == event_id))
        if row is None:
            raise NotFound(_("no event with id {id}").format(id=event_id))
        return str(row[0])

    def update(self, event_id: int, draft: EventDraft) -> None:
        """Save an edited event (undoable).

        Raises:
            NotFound: no event has that id.
            ValidationError: the field that is wrong; nothing saved.
        """
        draft = draft.cleaned()
        label = _("Edited event {title}").format(title=draft.title)
        with self.s.write(Topic.EVENTS, Topic.GOALS, undo=label):
            self.require(event_id)
            self._check_goals(draft.goal_ids)
            values = self._values(draft)
            Event.update(**values, updated_at=self.s.now()).where(Event.id == event_id).execute()
            self._set_goals(event_id, draft.goal_ids)

    def delete(self, event_id: int) -> None:
        """Remove an event and its attendance (undoable); interactions, follow-ups and
        contacts met there keep their own records and lose the link.

        Raises:
            NotFound: no event has that id.
        """
        label = _("Deleted event {title}")

        def named() -> str:
            return label.format(title=self.require(event_id))

        with self.s.write(Topic.EVENTS, Topic.GOALS, Topic.CONTACTS, undo=named):
            Event.delete().where(Event.id == event_id).execute()

    def set_status(self, event_id: int, status: str) -> None:
        """Set the event's status in place (undoable).

        Raises:
            NotFound: no event has that id.
            ValidationError: on "status", not one of EVENT_STATUSES.
        """
        if status not in EVENT_STATUSES:
            message = _("{value} is not one of {choices}").format(
                value=repr(status), choices=", ".join(EVENT_STATUSES)
            )
            raise ValidationError("status", message)
        label = _("Marked {title} {status}")

        def named() -> str:
            return label.format(title=self.require(event_id), status=status_label(status))

        with self.s.write(Topic.EVENTS, Topic.GOALS, undo=named):
            Event.update(status=status, updated_at=self.s.now()).where(
                Event.id == event_id
            ).execute()

    def retrospect(
        self, event_id: int, rating: int | None, outcome: str, worth_it: bool | None
    ) -> None:
        """Save the look back at an event: its rating 1-5, outcome notes and whether it was
        worth it; the event counts as attended (undoable).

        Raises:
            NotFound: no event has that id.
            ValidationError: on "rating", outside 1-5.
        """
        check_rating(rating)
        label = _("Looked back at {title}")

        def named() -> str:
            return label.format(title=self.require(event_id))

        with self.s.write(Topic.EVENTS, Topic.GOALS, undo=named):
            Event.update(
                rating=rating,
                outcome=clean_text(outcome),
                worth_it=worth_it,
                status="attended",
                updated_at=self.s.now(),
            ).where(Event.id == event_id).execute()

    # -- attendance ------------------------------------------------------------------------

    def _contact_name(self, contact_id: int) -> str:
        row = first_tuple(Contact.select(Contact.name).where(Contact.id == contact_id))
        if row is None:
            raise NotFound(_("no contact with id {id}").format(id=contact_id))
        return str(row[0])

    def attend(self, event_id: int, contact_id: int, status: str, *, known_before: bool) -> None:
        """Put a contact on the event's people, or change how they are there (undoable):
        `expected` for a known contact said to be coming, `present` for someone there
        (`known_before` False: met there), `absent` for one expected who did not come.

        Raises:
            NotFound: no such event or contact.
            ValidationError: on "status", not one of ATTENDANCE_STATUSES.
        """
        if status not in ATTENDANCE_STATUSES:
            message = _("{value} is not one of {choices}").format(
                value=repr(status), choices=", ".join(ATTENDANCE_STATUSES)
            )
            raise ValidationError("status", message)
        label = _("{name} at {title}")

        def named() -> str:
            return label.format(name=self._contact_name(contact_id), title=self.require(event_id))

        with self.s.write(Topic.EVENTS, Topic.CONTACTS, Topic.GOALS, undo=named):
            now = self.s.now()
            changed = (
                Attendance.update(status=status, known_before=known_before, updated_at=now)
                .where((Attendance.event == event_id) & (Attendance.contact == contact_id))
                .execute()
            )
            if not changed:
                Attendance.insert(
                    contact=contact_id,
                    event=event_id,
                    known_before=known_before,
                    status=status,
                    created_at=now,
                    updated_at=now,
                ).execute()

    def leave(self, event_id: int, contact_id: int) -> None:
        """Take a contact off the event's people (undoable).

        Raises:
            NotFound: no such event or contact.
        """
        label = _("{name} off {title}")

        def named() -> str:
            return label.format(name=self._contact_name(contact_id), title=self.require(event_id))

        with self.s.write(Topic.EVENTS, Topic.CONTACTS, Topic.GOALS, undo=named):
            Attendance.delete().where(
                (Attendance.event == event_id) & (Attendance.contact == contact_id)
            ).execute()

    # -- imports and exports (netui.state.events.imports, .exports) ----------------------

    def plan_import(self, parsed: ParsedFile, *, skip_bad: bool = False) -> ImportReport:
        """What importing a file's events would create, update and leave; writes nothing.

        Raises:
            BadEvents: the file has bad events and `skip_bad` is False.
        """
        from netui.state.events import imports

        return imports.plan(self.s, parsed, skip_bad=skip_bad)

    def save_import(
        self, parsed: ParsedFile, label: Callable[[ImportReport], str], *, skip_bad: bool = False
    ) -> ImportReport:
        """Import a file's events as one undoable command named by `label`; nothing new
        writes nothing.

        Raises:
            BadEvents: the file has bad events and `skip_bad` is False; nothing saved.
        """
        from netui.state.events import imports

        return imports.save(self.s, parsed, label, skip_bad=skip_bad)

    def exported(self, *, upcoming: bool = False) -> list[ExportedEvent]:
        """Every event (or those not yet over) as an export writes it, soonest first."""
        from netui.state.events import exports

        return exports.exported(self.s, upcoming=upcoming)

    # -- the planner's reports (netui.state.events.prep, worth, returns) --------------------

    def prep_card(
        self, event_id: int, *, name: str = "", one_line: str = "", offers: tuple[str, ...] = ()
    ) -> PrepCard:
        """The prep card of an event: its goals, the people I know there, what I owe them and
        could offer them, past pitches, and a self-introduction from my profile (the config
        file's [profile]: name, one line, offers). NotFound when there is no such event."""
        from netui.state.events import prep

        return prep.prep_card(self.s, event_id, name=name, one_line=one_line, offers=offers)

    def worth_card(self, event_id: int) -> WorthCard:
        """The worth-it card of an event: cost, hours, people met and still in touch at 30
        and 90 days, follow-ups, ledger, introductions and goals moved (NotFound when there
        is no such event)."""
        from netui.state.events import worth

        return worth.worth_card(self.s, event_id)

    def returns(self, by: str = "kind", since: dt.date | None = None) -> Returns:
        """The events' returns by kind, channel or series since a day (None: everything);
        ValidationError on "by" for another grouping."""
        from netui.state.events import returns

        return returns.returns(self.s, by, since)
