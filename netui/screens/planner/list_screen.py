"""The planner (key 3): upcoming events soonest first, past ones newest first, a month beside.

The list is read in a thread worker (`store.events.listing`, one aggregate statement each
for the upcoming and the past events, 37 ms at S) on mount, on resume and whenever the
Store announces a change to events, contacts or goals; the cursor stays on its event
across reloads. The filter narrows both lists as it is typed (title, place, series, kind,
status, goals; width- and case-folded), the month view marks the days that hold events,
and `enter` on a day lists that day's events beneath it. The event keys (x, v, c, d) act
on the event under the cursor of whichever table has the focus; in the month view, on the
first event of the cursor day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Header, Input, Static
from textual.worker import get_current_worker

from netui.areas import bindings, typed
from netui.config import Config
from netui.domain.dates import day_label
from netui.domain.events import EventRow
from netui.i18n import _, ngettext
from netui.screens.planner.actions import EventActions, event_bindings
from netui.screens.planner.month import MonthView, add_months
from netui.screens.planner.table import EventSection
from netui.screens.planner.view import (
    DAY_COLUMNS,
    PAST_COLUMNS,
    ROW_HEIGHT,
    UPCOMING_COLUMNS,
    day_cells,
    fold,
    matches,
    past_cells,
    upcoming_cells,
)
from netui.state import Store
from netui.state.events.listing import EventListing
from netui.widgets.key_footer import KeyFooter
from netui.widgets.text_input import TextInput

# The most rows a list shows: a table of 2,000 rows costs Textual itself 400 ms to fill,
# four times the planner's budget; the filter reaches every event.
SHOWN = 100
# Below this width the month view and the day's events sit in a band under the lists.
NARROW = 100


class PlannerScreen(EventActions):
    """Every event in two lists, a month beside; `enter` opens an event's card."""

    DEFAULT_CSS = """
    PlannerScreen #planner-filter {
        margin: 0 1;
    }
    PlannerScreen #planner-status {
        color: $text-muted;
        padding: 0 1;
        height: 1;
    }
    PlannerScreen #planner-body {
        height: 1fr;
    }
    PlannerScreen #planner-lists {
        width: 1fr;
        padding: 0 1;
    }
    PlannerScreen #section-upcoming {
        height: auto;
        max-height: 60%;
    }
    PlannerScreen #section-upcoming > EventTable {
        max-height: 100%;
    }
    PlannerScreen #section-past {
        height: 1fr;
        min-height: 5;
        margin: 0;
    }
    PlannerScreen #section-past > EventTable {
        height: auto;
        max-height: 100%;
    }
    PlannerScreen #planner-side {
        width: 32;
        padding: 0 1 0 0;
        border-left: vkey $border-blurred;
    }
    PlannerScreen #section-day {
        margin: 1 0 0 1;
    }
    PlannerScreen #section-day > EventTable {
        max-height: 8;
    }
    /* Narrow: the month and the day's events in a band under the lists. */
    PlannerScreen.-narrow #planner-body {
        layout: vertical;
    }
    PlannerScreen.-narrow #planner-side {
        layout: horizontal;
        width: 1fr;
        height: 9;
        border-left: none;
        border-top: hkey $border-blurred;
        padding: 0 1;
    }
    PlannerScreen.-narrow #section-day {
        margin: 0 0 0 1;
        width: 1fr;
    }
    PlannerScreen.-narrow #section-day > EventTable {
        max-height: 7;
    }
    """

    BINDINGS = [
        *bindings("planner.new", "planner.filter", "planner.clear"),
        *event_bindings(
            footer=frozenset(
                {"event.edit", "event.attended", "event.look_back", "event.card", "event.capture"}
            )
        ),  # fmt: skip
        *bindings(
            "planner.returns",
            "planner.series_list",
            "planner.previous_month",
            "planner.next_month",
            "planner.today",
        ),
    ]

    # The lists are hidden until the first load fills them, which then focuses one.
    AUTO_FOCUS = ""

    @dataclass
    class Loaded(Message):
        """A reload finished in its worker: every event, and the moment it was read at."""

        listing: EventListing
        now: dt.datetime

    def __init__(self, store: Store, config: Config | None = None) -> None:
        """The planner's screen.

        Args:
            store: Where events are read and written.
            config: The person's settings.
        """
        super().__init__(store, config)
        self.listing = EventListing((), ())
        self._read_at = store.now()
        self._cursor_to: int | None = None  # the event the next load puts the cursor on
        self._loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextInput(
            placeholder=_("/ filter: title, place, series, kind, status, goal"),
            id="planner-filter",
        )
        yield Static(id="planner-status")
        with Horizontal(id="planner-body"):
            with Vertical(id="planner-lists"):
                yield EventSection("upcoming", UPCOMING_COLUMNS)
                yield EventSection("past", PAST_COLUMNS)
            with Vertical(id="planner-side"):
                yield MonthView(self.store.today(), id="month")
                yield EventSection("day", DAY_COLUMNS)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Planner")

    def on_resize(self) -> None:
        narrow = self.size.width < NARROW
        self.set_class(narrow, "-narrow")
        # A one-line filter box leaves a short terminal two more rows of events.
        self.query_one("#planner-filter", Input).compact = narrow

    # -- loading ------------------------------------------------------------------

    def reload(self) -> None:
        """Read the events again, off the UI thread."""
        self._load()

    @work(thread=True, exclusive=True, group="planner-load", name=_("read the events"),
          exit_on_error=False)  # fmt: skip
    def _load(self) -> None:
        store = self.store
        worker = get_current_worker()
        with store.connection():
            listing = store.events.listing()
            now = store.now()
        if not worker.is_cancelled:  # a newer reload is on its way
            self.post_message(self.Loaded(listing, now))

    def on_planner_screen_loaded(self, message: Loaded) -> None:
        keep = self._cursor_to
        if keep is None and (current := self.current_event()) is not None:
            keep = current.id
        self.listing = message.listing
        self._read_at = message.now
        month = self.query_one(MonthView)
        month.today = message.now.date()
        counts = Counter(row.starts_at.date() for row in self._all())
        month.show_counts(counts)
        self._show(keep)
        first = not self._loaded
        self._loaded = True
        if first or (self.focused is None and self._all()):
            # The tables were hidden, empty, when the screen first took the focus.
            self._focus_a_list()

    def _all(self) -> tuple[EventRow, ...]:
        return (*self.listing.upcoming, *self.listing.past)

    def _words(self) -> list[str]:
        return fold(self.query_one("#planner-filter", Input).value).split()

    def _show(self, keep: int | None = None) -> None:
        """Show the lists as loaded, narrowed by the filter; the cursor on `keep` if shown."""
        words = self._words()
        upcoming = [row for row in self.listing.upcoming if matches(row, words)]
        past = [row for row in self.listing.past if matches(row, words)]
        now = self._read_at
        for key, found, cells, empty in (
            ("upcoming", upcoming, upcoming_cells, self._empty_upcoming(words)),
            ("past", past, past_cells, self._empty_past(words)),
        ):
            rows = found[:SHOWN]
            if keep is not None and all(row.id != keep for row in rows):
                # The event the cursor is to stay on, further down: shown too, at the end.
                rows += [row for row in found[SHOWN:] if row.id == keep]
            section = self.query_one(f"#section-{key}", EventSection)
            cursor = next((i for i, row in enumerate(rows) if row.id == keep), None)
            arrived = cursor is not None and keep == self._cursor_to
            if arrived:
                self._cursor_to = None  # a new event: the cursor and the focus go to it
            section.show(
                self._heading(key, len(rows), len(found)),
                rows,
                [cells(row, now) for row in rows],
                empty,
                heights=[ROW_HEIGHT] * len(rows),
                cursor=cursor,
            )
            if arrived:
                section.table.focus()
        self._show_day()
        self._update_status(len(upcoming), len(past), bool(words))

    def _heading(self, key: str, shown: int, found: int) -> str:
        if shown < found:
            heading = (
                _("Upcoming: the first {shown} of {count} (/ filters them all)")
                if key == "upcoming"
                else _("Past: the latest {shown} of {count} (/ filters them all)")
            )
            return heading.format(shown=shown, count=found)
        heading = _("Upcoming ({count})") if key == "upcoming" else _("Past ({count})")
        return heading.format(count=found)

    def _empty_upcoming(self, words: list[str]) -> str:
        if words:
            return _("No upcoming event matches the filter")
        return _(
            "Nothing planned: `netui events add TITLE --at PHRASE` plans an event; "
            "`netui import ics FILE` brings in your calendar (Luma, Meetup, Google)"
        )

    def _empty_past(self, words: list[str]) -> str:
        if words:
            return _("No past event matches the filter")
        return _("No past events yet: once one is over, {key} marks it attended").format(
            key=typed("event.attended")
        )

    def _update_status(self, upcoming: int, past: int, filtered: bool) -> None:
        parts = [
            ngettext("{count} upcoming", "{count} upcoming", upcoming).format(count=upcoming),
            ngettext("{count} past", "{count} past", past).format(count=past),
        ]
        if filtered:
            total = len(self._all())
            parts.append(_("filtered from {total}: escape clears").format(total=total))
        parts.append(_("{returns} returns").format(returns=typed("planner.returns")))
        self.query_one("#planner-status", Static).update(Content("  ·  ".join(parts)))

    def _focus_a_list(self) -> None:
        for key in ("upcoming", "past"):
            section = self.query_one(f"#section-{key}", EventSection)
            if section.items:
                section.table.focus()
                return

    # -- the month view ----------------------------------------------------------------

    def _day_rows(self, day: dt.date) -> list[EventRow]:
        return sorted((row for row in self._all() if row.starts_at.date() == day),
                      key=lambda row: row.starts_at)  # fmt: skip

    def _show_day(self) -> None:
        day = self.query_one(MonthView).cursor
        rows = self._day_rows(day)
        self.query_one("#section-day", EventSection).show(
            day_label(day),
            rows,
            [day_cells(row) for row in rows],
            _("No events"),
        )

    @on(MonthView.Moved)
    def _day_moved(self, _event: MonthView.Moved) -> None:
        self._show_day()

    @on(MonthView.Opened)
    def _day_opened(self, event: MonthView.Opened) -> None:
        rows = self._day_rows(event.day)
        if len(rows) == 1:
            self.open_event(rows[0].id)
        elif rows:
            self.query_one("#section-day", EventSection).table.focus()
        else:
            self.tell(_("No events on {day}").format(day=day_label(event.day)))

    def _month(self) -> MonthView:
        return self.query_one(MonthView)

    def action_previous_month(self) -> None:
        """Show the month before in the calendar."""
        month = self._month()
        month.go_to(add_months(month.cursor, -1))

    def action_next_month(self) -> None:
        """Show the month after in the calendar."""
        month = self._month()
        month.go_to(add_months(month.cursor, 1))

    def action_today(self) -> None:
        """Back to today in the calendar, and the list to its top."""
        month = self._month()
        month.go_to(month.today)
        for key in ("upcoming", "past"):
            table = self.query_one(f"#section-{key}", EventSection).table
            if table.row_count:
                table.move_cursor(row=0, animate=False)

    # -- the filter --------------------------------------------------------------------

    @on(Input.Changed, "#planner-filter")
    def _filter_changed(self) -> None:
        current = self.current_event()
        self._show(current.id if current is not None else None)

    @on(Input.Submitted, "#planner-filter")
    def _filter_submitted(self) -> None:
        self._focus_a_list()

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter box."""
        self.query_one("#planner-filter", Input).focus()

    def action_clear_filter(self) -> None:
        """Empty the filter and go back to the list."""
        box = self.query_one("#planner-filter", Input)
        if box.value:
            box.value = ""
            current = self.current_event()
            self._show(current.id if current is not None else None)  # now, to focus a row
        self._focus_a_list()

    # -- the event under the cursor ------------------------------------------------------

    def _focused_section(self) -> EventSection | None:
        node = self.focused
        while node is not None and not isinstance(node, EventSection):
            node = node.parent  # type: ignore[assignment]
        return node

    def current_event(self) -> EventRow | None:
        if isinstance(self.focused, MonthView):
            rows = self._day_rows(self.focused.cursor)
            return rows[0] if rows else None
        section = self._focused_section()
        if section is None:
            # The filter, or nothing focused yet: the first upcoming, else the first past.
            for key in ("upcoming", "past"):
                found = self.query_one(f"#section-{key}", EventSection).current
                if isinstance(found, EventRow):
                    return found
            return None
        found = section.current
        return found if isinstance(found, EventRow) else None

    # -- opening -------------------------------------------------------------------------

    def open_event(self, event_id: int) -> None:
        """Show the event's card: the prep card ahead, the worth-it card once over."""
        from netui.screens.planner.cards import open_card

        open_card(self, self.store, event_id)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        current = self.current_event()
        if current is not None:
            self.open_event(current.id)

    def action_returns(self) -> None:
        """Which kinds of events and which series produced relationships."""
        from netui.screens.planner.cards import open_returns

        open_returns(self, self.store)
