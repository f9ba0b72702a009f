"""A section of the weekly review: a heading with its count, and a row table or a plain sentence.

The table holds at most the Store's section limit (100 rows), so the
built-in DataTable is fast enough here (about 10 ms for 100 rows); the
contact list's paged table is for the 100k case.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from netui.areas import bindings
from netui.domain.layout import shrink_to_fit

# A scrollbar's width, kept free beside the columns: a table of more rows than
# its height shows one.
SCROLLBAR = 2


class ReviewTable(DataTable[Text], inherit_bindings=False):
    """A row-cursor table whose keys are named for the review's help screen.

    DataTable's own bindings are dropped (inherit_bindings=False) and bound
    again with ids and netui's names, so `?` lists "Open" and the moves once
    each, and a user can remap them.
    """

    BINDINGS = bindings(
        "review.open", "review.up", "review.down", "review.page_up", "review.page_down",
        "review.first", "review.last", "review.left", "review.right",
    )  # fmt: skip


class ReviewSection(Vertical):
    """A heading, then either a table of the section's rows or a sentence saying it is empty."""

    DEFAULT_CSS = """
    ReviewSection {
        height: auto;
        margin: 0 0 1 0;
    }
    ReviewSection > .review-section--heading {
        color: $primary;
    }
    /* The focused section's heading shows reversed, so tab visibly moves somewhere.
       A class, not :focus-within: Textual restyles on a focus change only the
       focused widget's ancestors, and the heading is the table's sibling. */
    ReviewSection.-focused > .review-section--heading {
        color: $primary;
        text-style: bold reverse;
    }
    ReviewSection > ReviewTable {
        height: auto;
        max-height: 12;
    }
    ReviewSection > .review-section--empty {
        color: $text-muted;
        padding: 0 1;
    }
    """

    def __init__(
        self, key: str, title: str, columns: Sequence[tuple[str, int]], row_height: int = 1
    ) -> None:
        """One section.

        Args:
            key: The section's name (also its DOM id, prefixed "section-").
            title: The heading's text before the count.
            columns: The table's columns: header and width (longer cells end in "…").
            row_height: Lines per row; 0 makes each row as tall as its tallest cell.
        """
        super().__init__(id=f"section-{key}")
        self.key = key
        self.title = title
        self._columns = tuple(columns)
        self._row_height = row_height
        self._rows: tuple[tuple[Text, ...], ...] = ()
        self._measured = -1  # the width the columns were last worked out for
        self.items: tuple[Any, ...] = ()

    def compose(self) -> ComposeResult:
        """Heading, table, and the empty sentence (shown instead of the table)."""
        yield Static(Content(self.title), classes="review-section--heading")
        table = ReviewTable(cursor_type="row", zebra_stripes=True)
        table.display = False
        yield table
        yield Static(classes="review-section--empty")

    def on_mount(self) -> None:
        """Add the columns at the widths they want, until the section knows its own width."""
        self._lay_out()

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        """The section's table took the focus: its heading says so."""
        self.add_class("-focused")

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        """The focus left the section's table."""
        self.remove_class("-focused")

    def on_resize(self, _event: events.Resize) -> None:
        """A new width: the columns are worked out again, the wide ones giving way first."""
        self._lay_out()

    def _lay_out(self) -> None:
        width = self.content_size.width
        if width == self._measured:
            return
        self._measured = width
        table = self.table
        wants = [want for _label, want in self._columns]
        widths = shrink_to_fit(width - SCROLLBAR, wants, 2 * table.cell_padding, keep=13)
        row = table.cursor_row
        table.clear(columns=True)
        for (label, _want), column_width in zip(
            self._columns, widths if width else wants, strict=True
        ):
            table.add_column(label, width=column_width)
        for cells in self._rows:
            table.add_row(*cells, height=self._height(cells))
        if self._rows:
            table.move_cursor(row=min(max(row, 0), len(self._rows) - 1), animate=False)

    def _height(self, cells: Sequence[Text]) -> int:
        """A row's lines: the section's, or its tallest cell's."""
        if self._row_height:
            return self._row_height
        return max((cell.plain.count("\n") + 1 for cell in cells), default=1)

    @property
    def table(self) -> ReviewTable:
        """The section's table."""
        return self.query_one(ReviewTable)

    @property
    def current(self) -> Any | None:
        """The item under the cursor, or None when the section is empty."""
        if not self.items:
            return None
        row = self.table.cursor_row
        return self.items[row] if 0 <= row < len(self.items) else None

    def drop_current(self) -> None:
        """Take the row under the cursor out at once; the cursor keeps its index.

        The reload the write brings replaces every row anyway, but at L it
        takes a few hundred ms: a second `d` pressed before it lands must act
        on the next row, not on the one just done.
        """
        table = self.table
        row = table.cursor_row
        if not 0 <= row < len(self.items):
            return
        table.remove_row(table.coordinate_to_cell_key(Coordinate(row, 0)).row_key)
        self.items = self.items[:row] + self.items[row + 1 :]
        self._rows = self._rows[:row] + self._rows[row + 1 :]
        if self.items:
            table.move_cursor(row=min(row, len(self.items) - 1), animate=False)

    def show(
        self,
        heading: Content,
        items: Sequence[Any],
        rows: Sequence[tuple[Text, ...]],
        empty: str,
    ) -> None:
        """Replace what the section shows, keeping the cursor's row index where it can.

        Args:
            heading: The heading line, count included.
            items: The records behind the rows, in the same order.
            rows: The cells of each row (Text, never markup).
            empty: The sentence shown when there are no rows.
        """
        self.query_one(".review-section--heading", Static).update(heading)
        table = self.table
        row = table.cursor_row
        self.items = tuple(items)
        self._rows = tuple(rows)
        table.clear()
        for cells in rows:
            table.add_row(*cells, height=self._height(cells))
        table.display = bool(rows)
        if rows:
            table.move_cursor(row=min(max(row, 0), len(rows) - 1), animate=False)
        blank = self.query_one(".review-section--empty", Static)
        blank.update(Content(empty))
        blank.display = not rows
