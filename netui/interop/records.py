"""What the readers of other programs' files hand the Store, and what an export is made of.

A reader (netui.interop.ics, netui.interop.connpass) turns a file into `ImportedEvent`s,
each with the key a re-import finds it by and its position in the file, and `Problem`s
for the events it could not read; a file it cannot read at all raises `FileRefused`.
Pure records: no peewee, no Textual.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netui.domain.events import EventDraft
from netui.i18n import _


@dataclass(frozen=True)
class Position:
    """Where a record is in its file: its number among the file's records, and its line
    (0 for a format without lines, such as a JSON list)."""

    number: int
    line: int = 0

    def __str__(self) -> str:
        if self.line:
            return _("event {number} (line {line})").format(number=self.number, line=self.line)
        return _("event {number}").format(number=self.number)


class FileRefused(Exception):
    """The whole file cannot be read (not UTF-8, truncated, not the format): one line,
    naming where, without the file's name (the face adds it)."""


@dataclass(frozen=True)
class Problem:
    """One event that cannot be imported, and why; `line` is the line at fault when it is
    not the event's first (a DTSTART three lines down)."""

    position: Position
    message: str
    line: int = 0

    def __str__(self) -> str:
        if self.line and self.line != self.position.line:
            return _("{position}: line {line}: {message}").format(
                position=self.position, line=self.line, message=self.message
            )
        return _("{position}: {message}").format(position=self.position, message=self.message)


class BadEvents(Exception):
    """A file holds events that cannot be imported, and bad ones are not to be skipped: the
    import saves nothing. The first problem is the message; all are in `problems`."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__(str(problems[0]))
        self.problems = problems


@dataclass(frozen=True)
class ImportedEvent:
    """One event read from a file, as it would be saved.

    `source` and `external_id` are the key a re-import finds the event by (an
    iCalendar UID, with the instance's start for an expanded recurrence; connpass's
    id). `own` is set for an event netui itself exported from a typed event: its id
    and creation time, which find it again in the database it came from. `upstream`
    names the draft's fields the source owns: a re-import updates those and never the
    person's own (intent, rating, outcome, goals, attendance).
    """

    position: Position
    source: str
    external_id: str
    draft: EventDraft
    own: tuple[int, dt.datetime] | None = None


# The fields an import keeps up to date on an event it imported before: what the source
# owns. Everything else (kind, intent, series, organizer, cost, rating, outcome, goals,
# attendance) is set when the event is first imported and then left to the person;
# status is updated only to "cancelled" (see netui.state.events.imports).
UPSTREAM_FIELDS = ("title", "starts_at", "ends_at", "place", "url")


@dataclass(frozen=True)
class ParsedFile:
    """What a reader made of one file: its events, the ones it could not read, and the
    recurring events none of whose dates fell in the import window."""

    events: tuple[ImportedEvent, ...]
    problems: tuple[Problem, ...] = ()
    outside_window: int = 0
    window: tuple[dt.datetime, dt.datetime] | None = None


@dataclass(frozen=True)
class ExportedEvent:
    """One event as an export writes it (read by the Store, written by netui.interop)."""

    id: int
    created_at: dt.datetime
    updated_at: dt.datetime
    title: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    place: str
    url: str
    status: str
    intent: str
    series: str
    organizer: str
    source: str
    external_id: str | None


@dataclass(frozen=True)
class Outcome:
    """What an import does (or did) with one event: "create", "update" or "unchanged";
    for an update, the fields it changes."""

    event: ImportedEvent
    action: str
    event_id: int | None = None
    changed: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportReport:
    """An import, planned or done: each event's outcome, and the bad events skipped."""

    outcomes: tuple[Outcome, ...]
    skipped: tuple[Problem, ...] = ()

    def count(self, action: str) -> int:
        """How many events the import `action`s ("create", "update", "unchanged")."""
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    @property
    def writes(self) -> bool:
        """Whether the import changes the database at all."""
        return any(outcome.action != "unchanged" for outcome in self.outcomes)
