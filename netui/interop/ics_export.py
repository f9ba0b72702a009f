"""Writing events as an iCalendar file that any calendar reads, and netui reads back exactly.

Each event is a VEVENT:

- UID: an imported event keeps its own (its external id: an iCalendar UID, with the
  instance for an expanded recurrence); an event from another source (connpass) is
  `SOURCE-ID@netui`; a typed event is `netui-event-ID-CREATED@netui`, its id and its
  creation time (20261121T100000): stable across exports and edits, and unlike any
  other database's event of the same id, so no id of a database need be stored (an
  export only reads). netui.interop.ics reads these back to the same events.
- DTSTART/DTEND in the machine's zone with its TZID and a VTIMEZONE for it
  (netui.interop.ics_zones.local_zone); an event at 00:00 with no end, or ending at a
  later 00:00, is an all-day event (VALUE=DATE), as an all-day event is imported.
- SUMMARY, LOCATION, URL; DESCRIPTION says the intent, series and organizer in words;
  STATUS is TENTATIVE for an idea or a plan, CONFIRMED for registered or attended,
  CANCELLED for skipped or cancelled; CATEGORIES is the kind.
- X-NETUI-STATUS, -SERIES, -ORGANIZER, -INTENT (and -SOURCE, -EXTERNAL-ID for an event
  from another source) carry what netui needs to make the same event again, which
  other calendars ignore. DTSTAMP is the event's last change, so exporting the same
  database twice writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from netui import __version__
from netui.i18n import _
from netui.interop.records import ExportedEvent

if TYPE_CHECKING:
    import icalendar

_STATUS = {
    "idea": "TENTATIVE",
    "planned": "TENTATIVE",
    "registered": "CONFIRMED",
    "attended": "CONFIRMED",
    "skipped": "CANCELLED",
    "cancelled": "CANCELLED",
}
_MIDNIGHT = dt.time(0, 0)


def uid_of(event: ExportedEvent) -> str:
    """The UID an event is exported with (see the module's docstring)."""
    if event.source == "ics" and event.external_id:
        return event.external_id
    if event.source and event.external_id:
        return f"{event.source}-{event.external_id}@netui"
    return f"netui-event-{event.id}-{event.created_at:%Y%m%dT%H%M%S}@netui"


def all_day(event: ExportedEvent) -> bool:
    """Whether the event is exported as whole days: it starts at midnight and has no end
    or ends at a later midnight."""
    if event.starts_at.time() != _MIDNIGHT:
        return False
    return event.ends_at is None or event.ends_at.time() == _MIDNIGHT


def _description(event: ExportedEvent) -> str:
    lines = []
    if event.intent:
        lines.append(_("Intent: {intent}").format(intent=event.intent))
    if event.series:
        lines.append(_("Series: {series}").format(series=event.series))
    if event.organizer:
        lines.append(_("Organizer: {organizer}").format(organizer=event.organizer))
    return "\n".join(lines)


def write_ics(events: Sequence[ExportedEvent], *, zone: dt.tzinfo) -> bytes:
    """The events as one VCALENDAR, in the order given.

    Args:
        events: What to write.
        zone: The zone netui's naive times are in: written as their TZID.
    """
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("PRODID", f"-//netui//netui {__version__}//EN")
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    for event in events:
        calendar.add_component(_vevent(event, zone))
    if events:
        first = min(e.starts_at for e in events).date() - dt.timedelta(days=366)
        last = max(e.ends_at or e.starts_at for e in events).date() + dt.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return bytes(calendar.to_ical())


def _vevent(event: ExportedEvent, zone: dt.tzinfo) -> icalendar.Event:
    import icalendar

    vevent = icalendar.Event()
    vevent.add("UID", uid_of(event))
    vevent.add("DTSTAMP", event.updated_at.replace(tzinfo=zone).astimezone(dt.UTC))
    if all_day(event):
        vevent.add("DTSTART", event.starts_at.date())
        if event.ends_at is not None:
            vevent.add("DTEND", event.ends_at.date())
    else:
        vevent.add("DTSTART", event.starts_at.replace(tzinfo=zone))
        if event.ends_at is not None:
            vevent.add("DTEND", event.ends_at.replace(tzinfo=zone))
    vevent.add("SUMMARY", event.title)
    if event.place:
        vevent.add("LOCATION", event.place)
    if event.url:
        vevent.add("URL", event.url)
    description = _description(event)
    if description:
        vevent.add("DESCRIPTION", description)
    vevent.add("STATUS", _STATUS.get(event.status, "CONFIRMED"))
    vevent.add("CATEGORIES", [event.kind])
    vevent.add("X-NETUI-STATUS", event.status)
    for name, value in (
        ("X-NETUI-SERIES", event.series),
        ("X-NETUI-ORGANIZER", event.organizer),
        ("X-NETUI-INTENT", event.intent),
    ):
        if value:
            vevent.add(name, value)
    if event.source not in ("", "ics") and event.external_id:
        vevent.add("X-NETUI-SOURCE", event.source)
        vevent.add("X-NETUI-EXTERNAL-ID", event.external_id)
    return vevent
