"""An upcoming event at a glance, to prepare for it: when, where, why go, who I know there."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from netui.areas import bindings
from netui.domain.review import UpcomingEvent
from netui.i18n import _
from netui.screens.common.dialog import Dialog
from netui.screens.review.view import event_when


def _line(label: str, value: str, style: str = "") -> Content:
    """A `label  value` line; the value is user text, so never markup."""
    return Content.assemble((label.ljust(12), "$text-muted"), (value or "—", style))


def event_lines(event: UpcomingEvent, today: dt.date) -> Content:
    """Every fact the review holds about the event, one per line."""
    people = "\n".join(f"{'':<12}{name}" for name in event.attendees[1:])
    going = event.attendees[0] if event.attendees else _("nobody you know yet")
    lines = [
        _line(_("When"), event_when(event, today)),
        _line(_("Place"), event.place),
        _line(_("Status"), event.status),
    ]
    if event.series:
        lines.append(_line(_("Series"), event.series))
    lines += [
        _line(_("Intent"), event.intent or _("not written: what do you want from it?")),
        _line(_("Goals"), ", ".join(event.goals) or _("serves no goal yet")),
        _line(_("Going"), going),
    ]
    if people:
        lines.append(Content(people))
    if event.solicitation:
        lines.append(_line(_("Pitches"), _("expect people here to pitch or sell"), "$warning"))
    return Content("\n").join(lines)


class EventView(Dialog[None]):
    """Read-only: shows one upcoming event; escape closes."""

    DEFAULT_CSS = """
    EventView > #dialog {
        max-height: 90%;
    }
    EventView #facts {
        height: auto;
    }
    """

    BINDINGS = bindings("event_view.close")

    def __init__(self, event: UpcomingEvent, today: dt.date) -> None:
        """A view of one event.

        Args:
            event: The event, as the review read it.
            today: The day "in 3d" is counted from.
        """
        super().__init__()
        self.event = event
        self._today = today

    def compose(self) -> ComposeResult:
        """The title and the facts."""
        with Vertical(id="dialog"):
            yield Static(Content(self.event.title), id="title")
            with VerticalScroll(id="facts"):
                yield Static(event_lines(self.event, self._today), id="event-facts")
        yield Footer()

    def action_close(self) -> None:
        """Back to where it was opened from."""
        self.dismiss(None)
