"""GoalTable and GoalSection: the goals list's table, and the titled tables of a goal's page.

A goal area holds tens of goals and, on a goal's page, at most the Store's
limits of rows (50 candidates, 20 ledger entries), so the built-in DataTable
is fast enough here; the contact list's paged table is for the 100k case.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from netui.areas import bindings
from netui.domain.layout import shrink_to_fit

# A scrollbar's width, kept free beside the columns.
SCROLLBAR = 2


class GoalTable(DataTable[Text], inherit_bindings=False):
    """A row-cursor table whose keys come from the key table, so help names them and they remap.

    DataTable's own bindings are dropped (inherit_bindings=False) and bound
    again with ids and netui's names.
    """

    BINDINGS = bindings(
        "goal_table.open", "goal_table.up", "goal_table.down", "goal_table.page_up",
        "goal_table.page_down", "goal_table.first", "goal_table.last",
    )  # fmt: skip


class GoalSection(Vertical):
    """A heading, then a table of rows, or a sentence saying there are none.

    `items` are the records behind the rows, in order; `current` is the one
    under the cursor. The columns share the section's width: the wide ones
    (names, text) give way first. A subclass sets `TABLE` to a table whose keys are its
    area's (the planner's sections bind `event_table.*`).
    """

    TABLE: type[GoalTable] = GoalTable
    # Columns up to this wide keep their width when the section is too narrow for all.
    KEEP = 12

    DEFAULT_CSS = """
    GoalSection {
        height: auto;
        margin: 0 0 1 0;
    }
    GoalSection > .goal-section--heading {
        color: $primary;
    }
    /* A class, not :focus-within: Textual restyles on a focus change only the focused
       widget's ancestors, and the heading is the table's sibling. */
    GoalSection.-focused > .goal-section--heading {
        text-style: bold reverse;
    }
    GoalSection > GoalTable {
        height: auto;
        max-height: 12;
    }
    GoalSection > .goal-section--empty {
        color: $text-muted;
        padding: 0 1;
    }
    """

    def __init__(
        self,
        key: str,
        columns: Sequence[tuple[str, int]],
        *,
        heading: bool = True,
        id: str | None = None,
    ) -> None:
        """One section.

        Args:
            key: The section's name; its DOM id is "section-<key>" unless `id` is given.
            columns: The table's columns: header and the width it wants.
            heading: Whether the section has a heading line above its table.
            id: The DOM id.
        """
        super().__init__(id=id or f"section-{key}")
        self.key = key
        self._columns = tuple(columns)
        self._heading = heading
        self._rows: tuple[tuple[tuple[Text, ...], int], ...] = ()
        self._measured = -1
        self.items: tuple[Any, ...] = ()

    def compose(self) -> ComposeResult:
        """Heading, table, and the sentence shown instead of an empty table."""
        heading = Static(classes="goal-section--heading")
        heading.display = self._heading
        yield heading
        table = self.TABLE(cursor_type="row", zebra_stripes=True)
        table.display = False
        yield table
        yield Static(classes="goal-section--empty")

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
        """A new width: the columns are worked out again."""
        self._lay_out()

    def _lay_out(self) -> None:
        width = self.content_size.width
        if width == self._measured:
            return
        self._measured = width
        table = self.table
        wants = [want for _label, want in self._columns]
        widths = shrink_to_fit(width - SCROLLBAR, wants, 2 * table.cell_padding, keep=self.KEEP)
        row = table.cursor_row
        table.clear(columns=True)
        for (label, _want), column_width in zip(
            self._columns, widths if width else wants, strict=True
        ):
            table.add_column(Text(label), width=column_width)
        self._add_rows(row)

    def _add_rows(self, row: int) -> None:
        table = self.table
        for cells, height in self._rows:
            table.add_row(*cells, height=height)
        if self._rows:
            table.move_cursor(row=min(max(row, 0), len(self._rows) - 1), animate=False)

    @property
    def table(self) -> GoalTable:
        """The section's table."""
        return self.query_one(self.TABLE)

    @property
    def current(self) -> Any | None:
        """The record under the cursor, or None when the section is empty."""
        row = self.table.cursor_row
        return self.items[row] if 0 <= row < len(self.items) else None

    def show(
        self,
        heading: str,
        items: Sequence[Any],
        rows: Sequence[tuple[Text, ...]],
        empty: str,
        *,
        heights: Sequence[int] | None = None,
        cursor: int | None = None,
    ) -> None:
        """Replace what the section shows.

        Args:
            heading: The heading line (plain text: it may hold user text).
            items: The records behind the rows, in the same order.
            rows: The cells of each row (Text, never markup).
            empty: The sentence shown when there are no rows.
            heights: Lines per row (one each when not given).
            cursor: The row the cursor goes to; by default it keeps its index.
        """
        self.query_one(".goal-section--heading", Static).update(Content(heading))
        table = self.table
        row = table.cursor_row if cursor is None else cursor
        self.items = tuple(items)
        self._rows = tuple(zip(rows, heights or [1] * len(rows), strict=True))
        table.clear()
        self._add_rows(row)
        table.display = bool(rows)
        blank = self.query_one(".goal-section--empty", Static)
        blank.update(Content(empty))
        blank.display = not rows
