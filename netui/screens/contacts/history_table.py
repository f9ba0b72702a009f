"""HistoryTable: a contact's history, its columns measured from the pane's width.

DataTable sizes auto-width columns from the cells it has seen, and a table
that first filled while under a dialog kept the widths of its headers: the
first follow-up on an empty history showed as `2026  foll  資料を`. These
columns have fixed widths, worked out from the table's own width whenever
the rows are replaced and whenever the table is resized; the detail column
takes what the date and the title leave.
"""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from netui.domain.layout import ColumnFit, allocate
from netui.domain.records import HistoryItem
from netui.i18n import _

DATE_WIDTH = 10  # 2026-11-25
TITLE_LEAST = 13  # "follow-up due" whole
TITLE_MOST = 28
DETAIL_LEAST = 14


def row_key(item: HistoryItem) -> str:
    """The table's key for a history row: "followup:12"."""
    return f"{item.kind}:{item.id}"


class HistoryTable(DataTable[Text]):
    """When, what and the detail of each history entry, newest first."""

    DEFAULT_CSS = """
    HistoryTable { scrollbar-gutter: stable; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        """An empty history; `show` fills it."""
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self._items: tuple[HistoryItem, ...] = ()
        self._today = dt.date.min
        self._measured = -1  # the width the columns were last worked out for

    def show(self, items: tuple[HistoryItem, ...], today: dt.date) -> None:
        """Replace the rows, keeping the cursor's row index where it can."""
        self._items = items
        self._today = today
        self._lay_out(force=True)

    def on_resize(self, _event: events.Resize) -> None:
        """A new width: the columns are worked out again."""
        self._lay_out()

    def widths(self, width: int) -> list[int]:
        """The date, title and detail widths for a table `width` cells wide inside its gutter."""
        longest = max((cell_len(item.title) for item in self._items), default=TITLE_LEAST)
        title = min(longest, TITLE_MOST)
        fits = (
            ColumnFit(least=DATE_WIDTH, want=DATE_WIDTH, priority=0),
            ColumnFit(least=min(title, TITLE_LEAST), want=title, priority=2),
            ColumnFit(least=DETAIL_LEAST, want=DETAIL_LEAST, priority=1, share=1),
        )
        # Each column draws one cell of padding either side.
        return allocate(width, fits, gap=2 * self.cell_padding)

    def _lay_out(self, *, force: bool = False) -> None:
        width = self.scrollable_content_region.width
        if width == self._measured and not force:
            return
        self._measured = width
        row = self.cursor_row
        self.clear(columns=True)
        when, what, detail = self.widths(width) if width else (DATE_WIDTH, TITLE_LEAST, 0)
        self.add_column(_("When"), width=when, key="when")
        self.add_column(_("What"), width=what, key="what")
        self.add_column(_("Detail"), width=detail, key="detail")
        for item in self._items:
            style = "dim" if item.done else ""
            if item.kind == "followup" and not item.done and item.when.date() < self._today:
                style = "bold red"
            self.add_row(
                _cell(item.when.strftime("%Y-%m-%d"), style),
                _cell(item.title, style),
                _cell(item.detail.replace("\n", " "), style),
                key=row_key(item),
            )
        if self._items:
            self.move_cursor(row=min(row, len(self._items) - 1), animate=False)


def _cell(text: str, style: str) -> Text:
    return Text(text, style=style, no_wrap=True, overflow="ellipsis")
