"""Reading a saved connpass API response (the events a person attended) into events.

The file is what connpass's API returns, saved as it came: an object whose "events"
list holds one object per event, with `id`, `title`, `url`, `started_at`, `ended_at`,
`place`, `address`, `group` (an object with its `title`, or a plain string; the older
API's `event_id`, `event_url` and `series` are read too), `owner_display_name` and
`open_status`. What each becomes:

- Its key is ("connpass", id): importing a newer response updates the events it had.
- Its group is its series; its owner's display name its organizer; its place
  "place (address)" (or whichever is given); its kind guessed from its title and group
  (netui.domain.event_kind).
- Times are ISO 8601 with an offset (+09:00), converted to netui's naive local time; a
  time without an offset is Japan's, as connpass's always are.
- Status: a cancelled event (open_status "cancelled") is "cancelled"; otherwise one
  that has ended is "attended" (the response lists attended events), one still ahead
  "registered". A re-import never changes a status but to "cancelled"
  (netui.state.events.imports), so an event imported ahead stays as the person set it.
- An event that is not an object, has no id, title or start, or a start or end that is
  not an ISO date-time is a Problem naming its number and line.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

from netui.domain.contact_rules import ValidationError
from netui.domain.event_kind import guess_kind
from netui.domain.events import EventDraft
from netui.i18n import _
from netui.interop.ics_text import decode
from netui.interop.ics_zones import to_local
from netui.interop.records import FileRefused, ImportedEvent, ParsedFile, Position, Problem

SOURCE = "connpass"
_JAPAN = ZoneInfo("Asia/Tokyo")


class _Bad(Exception):
    """One event that cannot be read, and why."""


def read_connpass(data: bytes, *, now: dt.datetime, zone: dt.tzinfo) -> ParsedFile:
    """The events of a saved connpass response, and those that cannot be read.

    Args:
        data: The file's bytes.
        now: The Store's now: an event that ended before it was attended.
        zone: The zone netui's times are in.

    Raises:
        FileRefused: not UTF-8, not JSON, or not connpass's shape (an object with an
            "events" list).
    """
    text = decode(data)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileRefused(
            _("not JSON: line {line}, column {column}: {error}").format(
                line=error.lineno, column=error.colno, error=error.msg
            )
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        raise FileRefused(
            _('not a connpass API response: expected an object with an "events" list')
        )
    lines = _event_lines(text)
    events: list[ImportedEvent] = []
    problems: list[Problem] = []
    seen: dict[str, Position] = {}
    for index, entry in enumerate(document["events"]):
        line = lines[index] if lines and index < len(lines) else 0
        position = Position(index + 1, line)
        try:
            external_id, draft = _event(entry, now, zone)
        except _Bad as bad:
            problems.append(Problem(position, str(bad)))
            continue
        except ValidationError as error:
            problems.append(Problem(position, str(error)))
            continue
        if external_id in seen:
            message = _("the same id as {other}").format(other=seen[external_id])
            problems.append(Problem(position, message))
            continue
        seen[external_id] = position
        events.append(ImportedEvent(position, SOURCE, external_id, draft))
    if not events and not problems:
        raise FileRefused(_("no events in the file (its events list is empty)"))
    return ParsedFile(tuple(events), tuple(problems))


def _string(entry: dict[str, Any], *names: str) -> str:
    for name in names:
        value = entry.get(name)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return ""


def _time(entry: dict[str, Any], name: str, zone: dt.tzinfo) -> dt.datetime | None:
    value = entry.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _Bad(_("{name} is not a date-time: {value}").format(name=name, value=value))
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise _Bad(
            _("{name} is not an ISO date-time: {value}").format(name=name, value=value)
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_JAPAN)
    return to_local(moment, zone)


def _group(entry: dict[str, Any]) -> str:
    for name in ("group", "series"):
        group = entry.get(name)
        if isinstance(group, dict):
            title = _string(group, "title", "name")
            if title:
                return title
        elif isinstance(group, str) and group.strip():
            return group.strip()
    return ""


def _event(entry: Any, now: dt.datetime, zone: dt.tzinfo) -> tuple[str, EventDraft]:
    if not isinstance(entry, dict):
        raise _Bad(_("not an event object"))
    external_id = _string(entry, "id", "event_id")
    if not external_id:
        raise _Bad(_("no id"))
    title = " ".join(_string(entry, "title").splitlines())
    if not title:
        raise _Bad(_("no title"))
    starts_at = _time(entry, "started_at", zone)
    if starts_at is None:
        raise _Bad(_("no started_at"))
    ends_at = _time(entry, "ended_at", zone)
    if ends_at is not None and ends_at < starts_at:
        raise _Bad(_("ended_at is before started_at"))
    if ends_at == starts_at:
        ends_at = None
    place, address = _string(entry, "place"), _string(entry, "address")
    where = f"{place} ({address})" if place and address and address != place else place or address
    group = _group(entry)
    if _string(entry, "open_status").casefold() == "cancelled":
        status = "cancelled"
    else:
        status = "attended" if (ends_at or starts_at) < now else "registered"
    draft = EventDraft(
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        kind=guess_kind(title, group),
        place=where,
        url=_string(entry, "url", "event_url"),
        status=status,
        series=group,
        organizer=_string(entry, "owner_display_name", "owner_nickname"),
    )
    return external_id, draft.cleaned()


def _event_lines(text: str) -> list[int] | None:
    """The line each element of the top-level "events" list starts on, or None when the
    top level is not a plain object (the positions then go without lines)."""
    decoder = json.JSONDecoder()
    index = _skip(text, 0)
    if text[index : index + 1] != "{":
        return None
    index = _skip(text, index + 1)
    while index < len(text) and text[index] != "}":
        key, index = decoder.raw_decode(text, index)
        index = _skip(text, index)
        index = _skip(text, index + 1)  # the colon
        if key != "events":
            _value, index = decoder.raw_decode(text, index)
        else:
            return _element_lines(text, index, decoder)
        index = _skip(text, index)
        if text[index : index + 1] == ",":
            index = _skip(text, index + 1)
    return None


def _element_lines(text: str, index: int, decoder: json.JSONDecoder) -> list[int]:
    lines: list[int] = []
    index = _skip(text, index + 1)  # the opening bracket
    line, counted = 1, 0
    while index < len(text) and text[index] != "]":
        line += text.count("\n", counted, index)  # counted on from the last element
        counted = index
        lines.append(line)
        _value, index = decoder.raw_decode(text, index)
        index = _skip(text, index)
        if text[index : index + 1] == ",":
            index = _skip(text, index + 1)
    return lines


def _skip(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index
