"""Actions on one event, shared by the planner's list, its month view and an event's page:
edit, attended, status, look back, its card, capture there, its series, delete.

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
EVENT_KEYS = (
    "event.edit",
    "event.attended",
    "event.status",
    "event.look_back",
    "event.card",
    "event.capture",
    "event.series",
    "event.delete",
)


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
                _("No event selected: {key} plans one").format(key=typed("planner.new")),
                error=True,
            )
        return event

    def _now(self) -> dt.datetime:
        return self.store.now()

    # -- edit --------------------------------------------------------------------------

    def action_edit_event(self) -> None:
        """Edit the current event in its form."""
        from netui.screens.planner.form import EventForm

        event = self._target()
        if event is None:
            return

        def saved(event_id: int | None) -> None:
            if event_id is not None:
                row = self.read(lambda: self.store.events.row(event_id))
                title = row.title if row is not None else event.title
                self.tell_undoable(_("Saved event {title}").format(title=title))

        self.open_dialog(lambda: EventForm(self.store, event.id), saved)

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
                done = _("{done}; {key} looks back at it").format(
                    done=done, key=typed("event.look_back")
                )
            self.tell_undoable(done)

    def action_attended(self) -> None:
        """Mark the current event attended (once it has begun)."""
        event = self._target()
        if event is None:
            return
        if event.starts_at > self._now():
            self.tell(
                _("{title} has not begun yet: {key} sets it registered or skipped").format(
                    title=event.title, key=typed("event.status")
                ),
                error=True,
            )
            return
        self._set_status(event, "attended")

    def action_status(self) -> None:
        """Choose the current event's status from the six."""
        from netui.screens.planner.status_form import StatusForm

        event = self._target()
        if event is None:
            return

        def chosen(status: str | None) -> None:
            if status is not None:
                self._set_status(event, status)

        self.app.push_screen(StatusForm(event.title, event.status), chosen)

    # -- after it ----------------------------------------------------------------------

    def action_look_back(self) -> None:
        """Rate the current event, note what came of it, say whether it was worth it."""
        from netui.screens.planner.look_back import LookBackForm

        event = self._target()
        if event is None:
            return
        if event.starts_at > self._now():
            self.tell(
                _("{title} has not begun yet: look back once you have been").format(
                    title=event.title
                ),
                error=True,
            )
            return

        def saved(outcome: str | None) -> None:
            if outcome is None:
                return
            self.tell_undoable(_("Looked back at {title}").format(title=event.title))
            if outcome == "capture":
                self.capture_at(event.id)

        self.open_dialog(lambda: LookBackForm(self.store, event.id), saved)

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

    def action_open_series(self) -> None:
        """Open the current event's series: its events, regulars and what it produced."""
        event = self._target()
        if event is None:
            return
        if event.series_id is None:
            self.tell(
                _("{title} is in no series: {key} gives it one").format(
                    title=event.title, key=typed("event.edit")
                )
            )
            return
        from netui.screens.planner.series import SeriesScreen

        series_id = event.series_id
        self.open_dialog(lambda: SeriesScreen(self.store, series_id, self.config))

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
