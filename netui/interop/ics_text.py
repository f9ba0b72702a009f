"""An .ics file as text: decoded, checked whole, and each VEVENT's place in it.

icalendar reads what it can and says little about where: a truncated file gives
fewer events, a broken line is an error with no line number. So before it parses,
this module reads the text once itself: it refuses bytes that are not UTF-8, a file
that does not start with BEGIN:VCALENDAR, a BEGIN never closed (a truncated
download) and a file with no VEVENT, each naming the line; and it notes where each
VEVENT starts and on which line each of its properties is, so an event's problem can
name its number and line. It also mends one quirk of Google Calendar's exports that
icalendar refuses: a date written with a trailing Z (`RDATE:20131210Z`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from netui.i18n import _
from netui.interop.records import FileRefused

_BOM = "\ufeff"
# A date (not a date-time) followed by the Z of UTC, which only a date-time may carry.
_DATE_Z = re.compile(
    r"^((?:RDATE|EXDATE|DTSTART|DTEND|RECURRENCE-ID)(?:;[^:\r\n]*)?:)([0-9]{8}Z(?:,[0-9]{8}Z)*)(\r?)$",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass
class RawEvent:
    """One VEVENT as the text has it: its number, the line of its BEGIN, and its own
    content lines (unfolded, with the line each starts on; not those of its alarms)."""

    number: int
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)

    def line_of(self, name: str) -> int:
        """The line of the event's first `name` property, else the event's own line."""
        wanted = name.upper()
        for number, text in self.lines:
            head = re.split(r"[;:]", text, maxsplit=1)[0]
            if head.upper() == wanted:
                return number
        return self.line


def decode(data: bytes) -> str:
    """The file's text: UTF-8, with a byte-order mark dropped.

    Raises:
        FileRefused: a byte that is not UTF-8 (naming its line), or an empty file.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileRefused(
            _("not UTF-8 text: line {line} holds byte 0x{byte:02X}").format(
                line=line, byte=data[error.start]
            )
        ) from None
    text = text.removeprefix(_BOM)
    if not text.strip():
        raise FileRefused(_("the file is empty"))
    return text


def mend(text: str) -> str:
    """The text with the quirks icalendar refuses mended, line for line (numbers kept)."""
    return _DATE_Z.sub(lambda m: m[1] + m[2].replace("Z", "") + m[3], text)


def content_lines(text: str) -> list[tuple[int, str]]:
    """The unfolded content lines with the (1-based) line each starts on; blank lines left out."""
    unfolded: list[tuple[int, str]] = []
    for number, physical in enumerate(text.splitlines(), start=1):
        if physical[:1] in (" ", "\t") and unfolded:
            start, previous = unfolded[-1]
            unfolded[-1] = (start, previous + physical[1:])
        elif physical.strip():
            unfolded.append((number, physical))
    return unfolded


def scan(text: str) -> list[RawEvent]:
    """Every VEVENT of the text in order, checking the file's structure on the way.

    Raises:
        FileRefused: not an iCalendar file, an END that closes nothing or the wrong
            component, a component never closed (truncated), or no VEVENT at all.
    """
    lines = content_lines(text)
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise FileRefused(_("not an iCalendar file: line 1 is not BEGIN:VCALENDAR"))
    stack: list[tuple[str, int]] = []
    events: list[RawEvent] = []
    current: RawEvent | None = None
    for number, line in lines:
        key, _sep, value = line.partition(":")
        word = key.strip().upper()
        name = value.strip().upper()
        if word == "BEGIN":
            if not stack and name != "VCALENDAR":
                raise FileRefused(
                    _("line {line}: BEGIN:{name} outside a calendar").format(
                        line=number, name=value.strip()
                    )
                )
            stack.append((name, number))
            if name == "VEVENT":
                current = RawEvent(len(events) + 1, number)
                events.append(current)
            continue
        if word == "END":
            if not stack:
                raise FileRefused(
                    _("line {line}: END:{name} closes nothing").format(
                        line=number, name=value.strip()
                    )
                )
            opened, at = stack.pop()
            if opened != name:
                raise FileRefused(
                    _("line {line}: END:{name} where BEGIN:{opened} of line {at} is open").format(
                        line=number, name=value.strip(), opened=opened, at=at
                    )
                )
            if name == "VEVENT":
                current = None
            continue
        if current is not None and stack and stack[-1][0] == "VEVENT":
            current.lines.append((number, line))
    if stack:
        opened, at = stack[-1]
        raise FileRefused(
            _(
                "the file is cut short: BEGIN:{name} of line {at} is never closed"
                " (no END:{name} before the end, line {last})"
            ).format(name=opened, at=at, last=lines[-1][0])
        )
    if not events:
        raise FileRefused(_("no events in the file (it has no VEVENT)"))
    return events


def unreadable_line(lines: list[tuple[int, str]]) -> int | None:
    """The first of `lines` icalendar cannot split into name, parameters and value."""
    from icalendar.parser import Contentline

    for number, line in lines:
        try:
            Contentline(line).parts()
        except ValueError:
            return number
    return None
