"""Actions on one event, shared by the planner's list and its month view: attended, its
card, capture there, delete.

Each writes through the Store, whose Topic.EVENTS brings the reload, and says what it did
in a notice that names the undo key: every one of them is in the undo journal.
"""

from __future__ import annotations

import datetime as dt

from textual.binding import Binding

from netui.areas import bindings, typed
from netui.domain.events import EventRow, status_label
from netui.i18n import _
from netui.screens.common.area import AreaScreen
from netui.state import Topic

# What the planner's screens show: events, their people (contacts), the goals they serve.
PLANNER_TOPICS = frozenset({Topic.EVENTS, Topic.CONTACTS, Topic.GOALS})

# The keys every screen with "the event in front of me" offers. Which of them a footer
# shows is the screen's choice (`event_bindings`); help lists them all.
EVENT_KEYS = ("event.attended", "event.card", "event.capture", "event.delete")


def event_bindings(*, footer: frozenset[str]) -> list[Binding]:
    """The shared event keys, with only the ids in `footer` in the footer."""
    return bindings(*EVENT_KEYS, footer=footer)


class EventActions(AreaScreen):
    """A screen with a current event that the event keys act on."""

    TOPICS = PLANNER_TOPICS

    def current_event(self) -> EventRow | None:
        """The event the actions apply to (each screen's own)."""
        raise NotImplementedError

    def on_event_deleted(self, event_id: int) -> None:
        """Hook: the event was just deleted from this screen."""

    def _target(self) -> EventRow | None:
        event = self.current_event()
        if event is None:
            self.tell(
                _("No event selected: `netui events add` or `netui import ics` adds some"),
                error=True,
            )
        return event

    def _now(self) -> dt.datetime:
        return self.store.now()

    # -- status ------------------------------------------------------------------------

    def _set_status(self, event: EventRow, status: str) -> None:
        if event.status == status:
            self.tell(
                _("{title} is {status} already").format(
                    title=event.title, status=status_label(status)
                )
            )
            return
        if self.attempt(lambda: self.store.events.set_status(event.id, status)):
            done = _("Marked {title} {status}").format(
                title=event.title, status=status_label(status)
            )
            if status == "attended":
                done = _("{done}; {key} opens its worth-it card").format(
                    done=done, key=typed("event.card")
                )
            self.tell_undoable(done)

    def action_attended(self) -> None:
        """Mark the current event attended (once it has begun)."""
        event = self._target()
        if event is None:
            return
        if event.starts_at > self._now():
            self.tell(
                _("{title} has not begun yet: mark it attended once it has").format(
                    title=event.title
                ),
                error=True,
            )
            return
        self._set_status(event, "attended")

    # -- after it ----------------------------------------------------------------------

    def action_card(self) -> None:
        """The prep card of an event ahead, the worth-it card of one that is over."""
        from netui.screens.planner.cards import open_card

        event = self._target()
        if event is not None:
            open_card(self, self.store, event.id)

    def action_capture_here(self) -> None:
        """Quick capture with the current event chosen: the people met there."""
        event = self._target()
        if event is not None:
            self.capture_at(event.id)

    def capture_at(self, event_id: int) -> None:
        """Open quick capture over this screen with the event chosen."""
        from netui.screens.capture.screen import CaptureScreen

        self.open_dialog(lambda: CaptureScreen(self.store, self.config, event_id=event_id))

    # -- delete ------------------------------------------------------------------------

    def action_delete_event(self) -> None:
        """Delete the current event, after asking; its people stay."""
        from netui.screens.common.confirm import ConfirmScreen

        event = self._target()
        if event is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes and self.attempt(lambda: self.store.events.delete(event.id)):
                self.tell_undoable(_("Deleted event {title}").format(title=event.title))
                self.on_event_deleted(event.id)

        self.app.push_screen(
            ConfirmScreen(
                _("Delete event?"),
                _(
                    "Delete {title} with its attendance and look back? The people met there, "
                    "their interactions and follow-ups stay; they lose the link to it."
                ).format(title=event.title),
            ),
            confirmed,
        )
