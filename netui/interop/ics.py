"""Reading iCalendar (.ics) files into events: a Luma or Meetup feed, a Google Calendar or
Outlook export, netui's own export, any .ics.

What an event becomes:

- Its key is ("ics", UID), so importing the file again updates it instead of adding it
  twice; an expanded recurrence's instance is ("ics", "UID#INSTANCE"), INSTANCE being
  its RECURRENCE-ID (its date in the rule) in UTC as 20261201T100000Z, as 20261201T190000
  when floating, 20261201 for a day. An event without a UID gets "nouid-" and a hash of
  its start and title, which a re-import of the same file finds again. netui's own export
  is recognised: X-NETUI-SOURCE and X-NETUI-EXTERNAL-ID give an imported event its own key
  back (a connpass event stays connpass's), and a typed event's UID
  (netui-event-ID-CREATED@netui) finds that very event in the database it came from.
- Times become naive local wall-clock times (netui.data.models) in the machine's zone
  (netui.interop.ics_zones): a TZID (from the file's VTIMEZONE, an IANA name or a Windows
  name such as "Tokyo Standard Time") and UTC's Z are converted; a floating time is kept
  as the wall clock it names, or read in the calendar's X-WR-TIMEZONE when it has one; an
  unknown TZID is refused. An all-day event starts at 00:00 of its day and ends at 00:00
  of the day after its last, as iCalendar's DTEND says (the end of its last day); with
  no DTEND it has no end (ends_at None). A DTEND equal to DTSTART means no end either.
  netui's export writes such events back as all-day ones, so the two agree both ways.
- Recurring events (RRULE, RDATE, EXDATE, and the VEVENTs that move one instance by its
  RECURRENCE-ID) are expanded with recurring-ical-events for the import window: from 90
  days before now to 180 days after it (`import_window`). A series none of whose dates
  falls in it imports nothing, and is counted. A rule repeating more often than daily is
  refused: it is not a 会 to plan.
- Status: CANCELLED is "cancelled", TENTATIVE "planned" (Luma's pending approval,
  Outlook's tentative yes), anything else "registered": it is in the person's calendar.
  A past event is not guessed "attended": the planner's look back says so. (The connpass
  reader, whose file lists attended events, does mark past ones attended.)
- Title: SUMMARY (line breaks as spaces), "(no title)" when it has none. Place: LOCATION,
  unless it is a link, which then is the URL when URL is missing (Luma's online events).
  URL: URL, else Luma's "Get up-to-date information at:" link. Organizer: ORGANIZER's
  CN. A Meetup feed's events (PRODID -//Meetup//, a UID @meetup.com) belong to the group
  that the description's first line names: it is their series and organizer. Kind: the
  CATEGORIES when one of them is a netui kind (netui's export), else guessed from the
  title, series and categories (netui.domain.event_kind).
- Every event is checked as the planner checks one (EventDraft.cleaned). One that cannot
  be read (no DTSTART, DTEND before DTSTART, an unknown zone, a broken line) is a Problem
  naming its number and line; the Store saves nothing while there is one, unless told
  to skip the bad ones. Text is stored as it is: markup-looking text stays literal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import warnings
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from netui.domain.contact_rules import CHANNELS, ValidationError
from netui.domain.event_kind import guess_kind
from netui.domain.events import EVENT_STATUSES, EventDraft
from netui.i18n import _
from netui.interop.ics_text import RawEvent, content_lines, decode, mend, scan, unreadable_line
from netui.interop.ics_zones import to_local, unknown_zone, zone_named
from netui.interop.records import FileRefused, ImportedEvent, ParsedFile, Position, Problem

SOURCE = "ics"
WINDOW_BEFORE = dt.timedelta(days=90)
WINDOW_AFTER = dt.timedelta(days=180)
# The UID netui's export gives a typed event (netui.interop.ics_export).
OWN_UID = re.compile(r"netui-event-(\d+)-(\d{8}T\d{6})@netui")
_LINK = re.compile(r"https?://\S+")
_LUMA_LINK = re.compile(r"Get up-to-date information at:\s*(https?://\S+)")
_TOO_OFTEN = ("SECONDLY", "MINUTELY", "HOURLY")
# The properties an event is read from: a broken one refuses the event; a broken
# property netui does not read (an ATTENDEE, an X- property) is ignored.
_READ = {
    "DTSTART",
    "DTEND",
    "DURATION",
    "SUMMARY",
    "LOCATION",
    "URL",
    "STATUS",
    "UID",
    "RRULE",
    "RDATE",
    "EXDATE",
    "RECURRENCE-ID",
    "CATEGORIES",
    "DESCRIPTION",
    "ORGANIZER",
}
_TIMES = ("DTSTART", "DTEND", "RECURRENCE-ID", "RDATE", "EXDATE")


def import_window(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The dates a recurring event is expanded for: 90 days before `now` to 180 after."""
    return now - WINDOW_BEFORE, now + WINDOW_AFTER


class _Bad(Exception):
    """One event that cannot be read: the line to name and why."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class _Calendar:
    """What a VCALENDAR says about all of its events."""

    meetup: bool
    luma: bool
    floating: dt.tzinfo | None  # X-WR-TIMEZONE


@dataclass
class _Item:
    """One VEVENT with where it is and the calendar it is in."""

    component: Any
    raw: RawEvent
    calendar: _Calendar

    @property
    def position(self) -> Position:
        return Position(self.raw.number, self.raw.line)


def read_ics(
    data: bytes,
    *,
    now: dt.datetime,
    zone: dt.tzinfo,
    window: tuple[dt.datetime, dt.datetime] | None = None,
) -> ParsedFile:
    """The events of an .ics file, the ones that cannot be read, and the series outside the window.

    Args:
        data: The file's bytes.
        now: The Store's now: what the window is around.
        zone: The zone netui's times are in (netui.interop.ics_zones.local_zone()).
        window: The dates recurrences are expanded for (default: `import_window(now)`).

    Raises:
        FileRefused: the file as a whole cannot be read (not UTF-8, not iCalendar,
            cut short, no VEVENT).
    """
    window = window or import_window(now)
    items = _items(data)
    reader = _Reader(zone, window)
    by_uid: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        by_uid[_uid(item.component)].append(item)
    for item in items:
        reader.read(item, by_uid)
    return reader.parsed()


def _items(data: bytes) -> list[_Item]:
    """Every VEVENT of the file with its place in the text and its calendar."""
    import icalendar

    text = decode(data)
    raws = scan(text)
    text = mend(text)
    # icalendar caches the VTIMEZONEs it reads for the whole process, keeping the first
    # of a name: start afresh, so one file's zone never stands for another's.
    icalendar.use_zoneinfo()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a guessed globally unique TZID: resolved, said below
        try:
            calendars = icalendar.Calendar.from_ical(text, multiple=True)
        except ValueError as error:
            line = unreadable_line(content_lines(text))
            where = _("line {line}: ").format(line=line) if line else ""
            raise FileRefused(
                _("{where}cannot be read as iCalendar ({error})").format(where=where, error=error)
            ) from None
    items: list[_Item] = []
    for calendar in calendars:
        about = _about(calendar)
        items += [_Item(c, RawEvent(0, 0), about) for c in calendar.walk("VEVENT")]
    if len(items) == len(raws):
        for item, raw in zip(items, raws, strict=True):
            item.raw = raw
    else:  # icalendar saw another structure than the scan: number the events, without lines
        for number, item in enumerate(items, start=1):
            item.raw = RawEvent(number, 0)
    return items


def _about(calendar: Any) -> _Calendar:
    prodid = str(calendar.get("PRODID", "")).casefold()
    zone_name = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    return _Calendar(
        meetup="//meetup//" in prodid,
        luma="//luma//" in prodid,
        floating=zone_named(zone_name) if zone_name else None,
    )


def _uid(component: Any) -> str:
    uid = str(component.get("UID", "")).strip()
    if uid:
        return uid
    start = component.get("DTSTART")
    seed = "\n".join(
        (
            start.to_ical().decode() if start is not None else "",
            str(start.params.get("TZID", "")) if start is not None else "",
            str(component.get("SUMMARY", "")),
        )
    )
    return "nouid-" + hashlib.sha256(seed.encode()).hexdigest()[:20]


def instance_id(value: dt.date | dt.datetime) -> str:
    """An instance's RECURRENCE-ID as its key says it: UTC, floating or a day."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")


def _recurs(component: Any) -> bool:
    return "RECURRENCE-ID" not in component and ("RRULE" in component or "RDATE" in component)


class _Reader:
    """Turns VEVENTs into imported events and problems, in the file's order."""

    def __init__(self, zone: dt.tzinfo, window: tuple[dt.datetime, dt.datetime]) -> None:
        self.zone = zone
        self.window = window
        self.events: list[ImportedEvent] = []
        self.problems: list[Problem] = []
        self.outside = 0
        self._seen: dict[tuple[str, str], Position] = {}

    def parsed(self) -> ParsedFile:
        return ParsedFile(tuple(self.events), tuple(self.problems), self.outside, self.window)

    def _problem(self, item: _Item, line: int, message: str) -> None:
        self.problems.append(Problem(item.position, message, line))

    def read(self, item: _Item, by_uid: dict[str, list[_Item]]) -> None:
        component = item.component
        uid = _uid(component)
        try:
            _check(item)
        except _Bad as bad:
            self._problem(item, bad.line, bad.message)
            return
        if "RECURRENCE-ID" in component and any(_recurs(o.component) for o in by_uid[uid]):
            return  # an instance moved: its series' expansion reads it
        if _recurs(component):
            self._expand(item, uid, [o for o in by_uid[uid] if "RECURRENCE-ID" in o.component])
            return
        key = uid
        if "RECURRENCE-ID" in component:
            key = f"{uid}#{instance_id(component['RECURRENCE-ID'].dt)}"
        self._add(item, component, key)

    def _expand(self, master: _Item, uid: str, moved: list[_Item]) -> None:
        import icalendar
        import recurring_ical_events

        rule = master.component.get("RRULE")
        freq = str(rule.get("FREQ", [""])[0]) if rule is not None else ""
        if freq.upper() in _TOO_OFTEN:
            message = _("RRULE repeats {freq}: more often than daily")
            self._problem(master, master.raw.line_of("RRULE"), message.format(freq=freq.upper()))
            return
        good = []
        for item in moved:
            try:
                _check(item)
            except _Bad:
                continue  # reported at its own position; the rule's own date stands
            good.append(item)
        series = icalendar.Calendar()
        series.add_component(master.component)
        by_instance = {}
        for item in good:
            series.add_component(item.component)
            by_instance[instance_id(item.component["RECURRENCE-ID"].dt)] = item
        try:
            occurrences = recurring_ical_events.of(series).between(*self.window)
        except Exception as error:  # noqa: BLE001 - the library's errors name the rule's fault
            message = _("the recurrence cannot be expanded: {error}").format(error=error)
            self._problem(master, master.raw.line_of("RRULE"), message)
            return
        if not occurrences:
            self.outside += 1
        for occurrence in occurrences:
            instance = instance_id(occurrence["RECURRENCE-ID"].dt)
            where = by_instance.get(instance, master)
            self._add(where, occurrence, f"{uid}#{instance}")

    def _add(self, item: _Item, component: Any, key: str) -> None:
        try:
            draft = _draft(component, item, self.zone).cleaned()
        except _Bad as bad:
            self._problem(item, bad.line, bad.message)
            return
        except ValidationError as error:
            self._problem(item, item.raw.line, str(error))
            return
        source = str(component.get("X-NETUI-SOURCE", "")).strip() or SOURCE
        external = str(component.get("X-NETUI-EXTERNAL-ID", "")).strip() or key
        if source == SOURCE:
            external = key
        seen = self._seen.get((source, external))
        if seen is not None:
            message = _("the same UID as {other}").format(other=seen)
            self._problem(item, item.raw.line_of("UID"), message)
            return
        self._seen[(source, external)] = item.position
        own = None
        match = OWN_UID.fullmatch(key)
        if match:
            own = (int(match[1]), dt.datetime.strptime(match[2], "%Y%m%dT%H%M%S"))
        self.events.append(ImportedEvent(item.position, source, external, draft, own))


def _check(item: _Item) -> None:
    """Refuse a VEVENT whose times or read properties are broken.

    Raises:
        _Bad: naming the line.
    """
    component, raw = item.component, item.raw
    for name, message in component.errors:
        if name is None:
            line = unreadable_line(raw.lines) or raw.line
            text = next((t for n, t in raw.lines if n == line), "")
            raise _Bad(line, _("cannot be read: {text}").format(text=text[:80] or message))
        if str(name).upper() in _READ:
            raise _Bad(raw.line_of(name), f"{name}: {message}")
    if "DTSTART" not in component:
        raise _Bad(raw.line, _("no DTSTART: an event needs its start"))
    for name in _TIMES:
        props = component.get(name)
        for prop in props if isinstance(props, list) else [props]:
            tzid = unknown_zone(prop) if prop is not None else None
            if tzid:
                message = _(
                    '{name}: unknown time zone "{tzid}" (no VTIMEZONE of the file, nor an IANA'
                    " or Windows zone, has that name)"
                )
                raise _Bad(raw.line_of(name), message.format(name=name, tzid=tzid))


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    return "" if value is None else str(value)


def _times(component: Any, item: _Item, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime | None]:
    start = component["DTSTART"].dt
    end: dt.date | dt.datetime | None = None
    if "DTEND" in component:
        end = component["DTEND"].dt
    elif "DURATION" in component:
        end = start + component["DURATION"].dt
    floating = item.calendar.floating
    starts_at = to_local(start, zone, floating)
    if end is None:
        return starts_at, None
    ends_at = to_local(end, zone, floating)
    if ends_at < starts_at:
        raise _Bad(item.raw.line_of("DTEND"), _("DTEND is before DTSTART"))
    if ends_at == starts_at:
        return starts_at, None
    return starts_at, ends_at


def _draft(component: Any, item: _Item, zone: dt.tzinfo) -> EventDraft:
    starts_at, ends_at = _times(component, item, zone)
    calendar = item.calendar
    uid = _uid(component)
    title = " ".join(_text(component, "SUMMARY").splitlines()).strip() or _("(no title)")
    description = _text(component, "DESCRIPTION")
    location = _text(component, "LOCATION").strip()
    url = _text(component, "URL").strip()
    place = location
    if _LINK.fullmatch(location):
        place = ""
        url = url or location
    if not url and (calendar.luma or uid.endswith("@events.lu.ma")):
        found = _LUMA_LINK.search(description)
        url = found[1] if found else ""
    organizer = ""
    if "ORGANIZER" in component:
        organizer = str(component["ORGANIZER"].params.get("CN", "")).strip()
    series = ""
    if calendar.meetup or uid.endswith("@meetup.com"):
        lines = description.strip().splitlines()
        series = lines[0].strip() if lines else ""
        organizer = organizer or series
    series = _text(component, "X-NETUI-SERIES") or series
    organizer = _text(component, "X-NETUI-ORGANIZER") or organizer
    categories = [str(c) for c in getattr(component, "categories", [])]
    kinds = [c for c in categories if c in CHANNELS]
    kind = kinds[0] if kinds else guess_kind(title, series, *categories)
    status = _text(component, "X-NETUI-STATUS").strip()
    if status not in EVENT_STATUSES:
        status = {"CANCELLED": "cancelled", "TENTATIVE": "planned"}.get(
            _text(component, "STATUS").strip().upper(), "registered"
        )
    return EventDraft(
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        kind=kind,
        place=place,
        url=url.replace(" ", "%20"),
        status=status,
        series=series,
        organizer=organizer,
        intent=_text(component, "X-NETUI-INTENT"),
    )
