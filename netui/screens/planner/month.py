"""MonthView: a month as a calendar grid beside the planner's list, moved by the keyboard.

Monday first, as ISO weeks are. Today is marked, each day that holds an event carries a
dot (two for two or more), and the cursor day is highlighted; the arrows (and j/k) move it
by day and week, across months, and `enter` asks for the day's events. The grid is drawn
as one Content: it holds no user text, only numbers and the month's name.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from netui.areas import bindings
from netui.i18n import _

# Each day takes four cells: two for the number, one for the dot, one space.
CELL = 4
WIDTH = 7 * CELL


def month_names() -> tuple[str, ...]:
    """The months' names, translated (not the locale's, so a screen reads the same everywhere)."""
    return (
        _("January"), _("February"), _("March"), _("April"), _("May"), _("June"), _("July"),
        _("August"), _("September"), _("October"), _("November"), _("December"),
    )  # fmt: skip


def weekday_initials() -> tuple[str, ...]:
    """Two letters per weekday, Monday first."""
    return (_("Mo"), _("Tu"), _("We"), _("Th"), _("Fr"), _("Sa"), _("Su"))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), kept within the shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def month_weeks(day: dt.date) -> list[list[dt.date | None]]:
    """The weeks of `day`'s month, Monday first, None outside the month."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(day.year, day.month)
    return [[d if d.month == day.month else None for d in week] for week in weeks]


class MonthView(Widget, can_focus=True):
    """One month's grid; `cursor` is the highlighted day, `today` is marked."""

    DEFAULT_CSS = """
    MonthView {
        width: 30;
        height: auto;
        padding: 0 1;
    }
    """

    BINDINGS = bindings("month.left", "month.right", "month.up", "month.down", "month.open")

    cursor: reactive[dt.date] = reactive(dt.date(2000, 1, 1), layout=True)

    class Moved(Message):
        """The cursor moved to another day."""

        def __init__(self, day: dt.date) -> None:
            super().__init__()
            self.day = day

    class Opened(Message):
        """`enter` on a day: show its events."""

        def __init__(self, day: dt.date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, today: dt.date, *, id: str | None = None) -> None:
        """A month view on today's month, the cursor on today.

        Args:
            today: The day marked as today.
            id: The DOM id.
        """
        super().__init__(id=id)
        self.today = today
        self._counts: dict[dt.date, int] = {}
        self.set_reactive(MonthView.cursor, today)

    def show_counts(self, counts: Mapping[dt.date, int]) -> None:
        """How many events each day holds (days with none may be left out)."""
        self._counts = dict(counts)
        self.refresh()

    def count(self, day: dt.date) -> int:
        """How many events the day holds, as last shown."""
        return self._counts.get(day, 0)

    def watch_cursor(self, day: dt.date) -> None:
        self.post_message(self.Moved(day))

    def action_move(self, days: int) -> None:
        """Move the cursor by `days` (a week is seven)."""
        self.cursor = self.cursor + dt.timedelta(days=days)

    def action_open_day(self) -> None:
        """Ask for the cursor day's events."""
        self.post_message(self.Opened(self.cursor))

    def go_to(self, day: dt.date) -> None:
        """Put the cursor on `day` (its month is shown)."""
        self.cursor = day

    def render(self) -> Content:
        cursor = self.cursor
        focused = self.has_focus
        title = f"{month_names()[cursor.month - 1]} {cursor.year}"
        lines = [
            Content.styled(title.center(WIDTH).rstrip(), "bold"),
            Content.styled("".join(f"{name:<{CELL}}" for name in weekday_initials()), "dim"),
        ]
        for week in month_weeks(cursor):
            parts: list[Content] = []
            for day in week:
                if day is None:
                    parts.append(Content(" " * CELL))
                    continue
                count = self._counts.get(day, 0)
                dot = "" if not count else ("•" if count == 1 else "‥")
                cell = Content(f"{day.day:>2}")
                if count:
                    cell = cell.stylize("bold $accent")
                if day == self.today:
                    cell = cell.stylize("underline reverse")
                if day == cursor:
                    cell = cell.stylize("bold reverse $primary" if focused else "reverse")
                parts.append(Content.assemble(cell, Content.styled(f"{dot:<1}", "$accent"), " "))
            lines.append(Content.assemble(*parts))
        return Content("\n").join(lines)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
