"""Quick capture in the Store: resolve a parsed capture against the database, then save it.

`preview` and `save` run the same resolution (netui.state.capture.resolve), so
the preview shows exactly what saving does. Saving (netui.state.capture.save)
is one IMMEDIATE transaction: any error (a name matching several contacts, an
unknown `via:` or `goal:`, a contact, event or goal deleted meanwhile) saves
nothing, and undoing the capture takes back all of it, its goal links and
filled wanted people included.
"""

from __future__ import annotations

import datetime as dt

from netui.data.models import Meta
from netui.i18n import _, ngettext
from netui.state import derived
from netui.state.capture.records import (
    THANKS,
    CapturePreview,
    CaptureResult,
    GoalSaved,
    ResolvedPerson,
)
from netui.state.capture.resolve import Resolution, grammar
from netui.state.capture.save import CaptureWriter
from netui.state.contacts import Contacts
from netui.state.events import Events
from netui.state.goals import Goals
from netui.state.session import Session
from netui.state.topics import Topic

DRAFT_KEY = "capture_draft"


class Capture:
    """Preview and save a quick capture, and keep its unsaved draft."""

    def __init__(self, session: Session, contacts: Contacts, events: Events, goals: Goals) -> None:
        self.s = session
        self.resolution = Resolution(session, events, goals)
        self.writer = CaptureWriter(session, contacts, goals)

    def preview(
        self, text: str, on: dt.date, event_id: int | None = None, thanks: bool = False
    ) -> CapturePreview:
        """Parse and resolve a capture without writing anything.

        Raises:
            CaptureError: the text does not parse, or a name cannot be resolved.
            NotFound: the event does not exist.
        """
        plan = grammar().parse_capture(text, on)
        with self.s.read():
            return self.resolution.resolve(plan, event_id, thanks)

    def save(
        self, text: str, on: dt.date, event_id: int | None = None, thanks: bool = False
    ) -> CaptureResult:
        """Save a capture: contacts, tags, interactions, attendance, follow-ups, ledger and goal
        links, in one go; undoable.

        Raises:
            CaptureError: nothing was saved; the error names its line and column.
            NotFound: the event does not exist; nothing was saved.
        """
        plan = grammar().parse_capture(text, on)
        topics = [
            Topic.CONTACTS,
            Topic.TAGS,
            Topic.INTERACTIONS,
            Topic.FOLLOWUPS,
            Topic.LEDGER,
            Topic.EVENTS,
        ]
        if any(p.goal is not None or p.goal_id is not None for p in plan.people):
            topics.append(Topic.GOALS)
        with self.s.write(*topics, undo=_captured(plan.people[0].name, len(plan.people))):
            # Resolved inside the transaction: what was previewed may have
            # changed in another netui meanwhile.
            preview = self.resolution.resolve(plan, event_id, thanks)
            result = self.writer.write(preview)
            Meta.delete().where(Meta.key == DRAFT_KEY).execute()  # saved: the draft is done
            return result

    # -- the draft ------------------------------------------------------------------

    def draft(self) -> str:
        """The unsaved capture text kept from last time ("" when none)."""
        with self.s.read():
            row = Meta.get_or_none(Meta.key == DRAFT_KEY)
        return row.value if row else ""

    def save_draft(self, text: str) -> None:
        """Keep the capture text until it is saved, so an accidental close loses nothing.

        A draft is not a record: no topic is announced.
        """
        with self.s.write():
            if text.strip():
                derived.put_meta(DRAFT_KEY, text)
            else:
                Meta.delete().where(Meta.key == DRAFT_KEY).execute()


__all__ = ["THANKS", "Capture", "CapturePreview", "CaptureResult", "GoalSaved", "ResolvedPerson"]


def _captured(first: str, count: int) -> str:
    """What the undo journal calls a capture of `count` people, the first named `first`."""
    if count == 1:
        return _("Captured {name}").format(name=first)
    others = count - 1
    text = ngettext(
        "Captured {name} and {count} other", "Captured {name} and {count} others", others
    )
    return text.format(name=first, count=others)
