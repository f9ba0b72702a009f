"""How the planner's screens show an event in a table row: the cells of an upcoming event and
of a past one, each user text a plain Text (never markup), the status themed by what it says."""

from __future__ import annotations

import datetime as dt
import unicodedata

from rich.text import Text

from netui.domain.event_report_format import money
from netui.domain.events import EventRow, status_label
from netui.domain.when import format_when
from netui.i18n import _
from netui.screens.goals.view import one_line

# Columns: header and the width each wants. An event's row is two lines: its title, then
# its kind and series (and, for a past one, its cost) dimmed beneath.
UPCOMING_COLUMNS = (
    (_("Event"), 34),
    (_("When"), 16),
    (_("Status"), 10),
    (_("Place · cost"), 18),
    (_("Goals"), 16),
)
PAST_COLUMNS = (
    (_("Event"), 34),
    (_("When"), 16),
    (_("Status"), 10),
    (_("Met"), 4),
    (_("In touch"), 8),
    (_("Rating"), 6),
)
DAY_COLUMNS = ((_("Time"), 5), (_("Event"), 24))
ROW_HEIGHT = 2

_STATUS_STYLE = {
    "idea": "dim",
    "registered": "bold",
    "attended": "green",
    "skipped": "dim",
    "cancelled": "dim strike",
}


def status_cell(status: str) -> Text:
    """The status, translated and themed."""
    return Text(status_label(status), style=_STATUS_STYLE.get(status, ""))


def stars(rating: int | None) -> Text:
    """A 1-5 rating as stars; a dash for none."""
    if rating is None:
        return Text("—", style="dim")
    return Text("★" * rating + "☆" * (5 - rating))


def _cost(row: EventRow) -> str:
    return money(row.cost, row.currency) if row.cost is not None else ""


def _under(first: str, second: str) -> Text:
    """Two lines in one cell: `first`, then `second` dimmed (each user text, kept literal)."""
    text = Text(
        one_line(first) or "—",
        style="" if first else "dim",
        no_wrap=True,
        overflow="ellipsis",
    )
    if second:
        text.append("\n")
        text.append(one_line(second), style="dim")
    return text


def _about(row: EventRow, *extra: str) -> str:
    return " · ".join(part for part in (row.kind, one_line(row.series), *extra) if part)


def upcoming_cells(row: EventRow, now: dt.datetime) -> tuple[Text, ...]:
    """An upcoming event's row: title over kind and series, place over cost."""
    return (
        _under(row.title, _about(row)),
        Text(format_when(row.starts_at, now)),
        status_cell(row.status),
        _under(row.place, _cost(row)),
        _under(", ".join(row.goals), ""),
    )


def past_cells(row: EventRow, now: dt.datetime) -> tuple[Text, ...]:
    """A past event's row: how many were met there, how many of them are still in touch."""
    held = row.status not in ("skipped", "cancelled")
    return (
        _under(row.title, _about(row, _cost(row))),
        Text(format_when(row.starts_at, now)),
        status_cell(row.status),
        Text(str(row.met) if held else "—", justify="right"),
        Text(str(row.in_touch) if held and row.met else "—", justify="right"),
        stars(row.rating),
    )


def day_cells(row: EventRow) -> tuple[Text, ...]:
    """An event in the month view's list of one day."""
    return (Text(f"{row.starts_at:%H:%M}"), Text(one_line(row.title)))


def fold(text: str) -> str:
    """Text as the filter compares it: width-folded (NFKC) and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def matches(row: EventRow, words: list[str]) -> bool:
    """Whether every folded word is in the event's title, place, series, kind or status."""
    haystack = fold(" ".join((row.title, row.place, row.series, row.kind, row.status,
                              status_label(row.status), *row.goals)))  # fmt: skip
    return all(word in haystack for word in words)
