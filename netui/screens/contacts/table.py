"""ContactTable: a virtual, paged table of contacts drawn with the Line API.

The built-in DataTable measures every cell up front (7 s and 176 MB at 100k
rows); this widget knows only the row count and fetches the visible page
from the Store when a line is drawn, so it costs the same at 100 or 100,000
contacts. Cells are user text: they become Segments directly, never markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from netui.areas import bindings
from netui.domain.dates import format_relative
from netui.domain.layout import ColumnFit, allocate, cut, distinct_cuts
from netui.domain.records import ContactRow
from netui.i18n import _

PAGE = 100

Fetch = Callable[[int, int], list[ContactRow]]


@dataclass(frozen=True)
class Column:
    """A column: its header and how it takes its part of the width (see `netui.domain.layout`)."""

    header: str
    fit: ColumnFit


# The name is raised first and the stage and channel last, so at 80 columns
# the name stays readable and the stage and channel give way.
COLUMNS = (
    Column(_("Name"), ColumnFit(least=10, want=22, priority=0, share=3)),
    Column(_("Company"), ColumnFit(least=6, want=12, priority=1, share=2)),
    Column(_("Stage"), ColumnFit(least=4, want=10, priority=2)),
    Column(_("Channel"), ColumnFit(least=5, want=15, priority=3)),
    Column(_("Last contact"), ColumnFit(least=10, want=12, priority=4)),
    Column(_("Next due"), ColumnFit(least=10, want=12, priority=4)),
    Column(_("Tags"), ColumnFit(least=0, want=14, priority=5, share=2)),
)
FITS = tuple(column.fit for column in COLUMNS)


def _clean(text: str) -> str:
    # Newlines in a one-line cell would break the row; control characters are
    # already stripped when saved.
    return text.replace("\n", " ").replace("\t", " ")


class ContactTable(ScrollView, can_focus=True):
    """Shows `count` contacts, fetching them a page at a time through `fetch(offset, limit)`."""

    DEFAULT_CSS = """
    ContactTable {
        height: 1fr;
        scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    ContactTable > .contact-table--header { text-style: bold; background: $panel; }
    ContactTable:focus > .contact-table--header { color: $primary; text-style: bold reverse; }
    ContactTable > .contact-table--cursor { background: $surface-lighten-1; }
    ContactTable:focus > .contact-table--cursor { background: $primary 40%; text-style: bold; }
    ContactTable > .contact-table--overdue { color: $error; text-style: bold; }
    ContactTable > .contact-table--muted { color: $text-muted; }
    ContactTable > .contact-table--pitch { color: $warning; }
    """

    COMPONENT_CLASSES = {
        "contact-table--header",
        "contact-table--cursor",
        "contact-table--overdue",
        "contact-table--muted",
        "contact-table--pitch",
    }

    BINDINGS = bindings(
        "table.select", "table.up", "table.down", "table.page_up", "table.page_down",
        "table.first", "table.last",
    )  # fmt: skip

    cursor_row: reactive[int] = reactive(0)

    @dataclass
    class Selected(Message):
        """The person pressed enter (or clicked twice) on a contact."""

        table: ContactTable
        contact_id: int

        @property
        def control(self) -> ContactTable:
            return self.table

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another contact (None when the table is empty)."""

        table: ContactTable
        contact_id: int | None

        @property
        def control(self) -> ContactTable:
            return self.table

    def __init__(
        self,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._today = today
        self._fetch: Fetch = lambda offset, limit: []
        self._count = 0
        self._pages: dict[int, list[ContactRow]] = {}
        self._shown = 0  # how many results were shown: the cached name cuts belong to one
        self._name_cuts: dict[str, str] = {}
        self._cuts_key: tuple[int, int, int, int] | None = None

    # -- data ---------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """How many contacts the table shows."""
        return self._count

    def show(self, count: int, fetch: Fetch, first_page: list[ContactRow] | None = None) -> None:
        """Show a new result: its size, how to fetch pages, and optionally page 0 already fetched."""
        self._fetch = fetch
        self._count = count
        self._pages = {0: first_page} if first_page is not None else {}
        self._shown += 1
        self.virtual_size = Size(self.size.width, count + 1)
        cursor = min(self.cursor_row, max(count - 1, 0))
        if cursor != self.cursor_row:
            self.cursor_row = cursor
        else:
            self._post_highlight()
        self._scroll_to_cursor()
        self.refresh()

    def row_at(self, index: int) -> ContactRow | None:
        """The contact at a row index, fetching its page if needed."""
        if not 0 <= index < self._count:
            return None
        page_no, offset = divmod(index, PAGE)
        page = self._pages.get(page_no)
        if page is None:
            if len(self._pages) > 50:  # keep memory flat when scrolling far
                self._pages.clear()
            page = self._pages[page_no] = self._fetch(page_no * PAGE, PAGE)
        return page[offset] if offset < len(page) else None

    @property
    def current(self) -> ContactRow | None:
        """The contact under the cursor."""
        return self.row_at(self.cursor_row)

    def move_to_contact(self, contact_id: int) -> bool:
        """Put the cursor on a contact if it is among the loaded rows."""
        for page_no, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.id == contact_id:
                    self.cursor_row = page_no * PAGE + offset
                    return True
        return False

    # -- cursor -------------------------------------------------------------------

    def _post_highlight(self) -> None:
        row = self.current
        self.post_message(self.Highlighted(self, row.id if row else None))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self._post_highlight()

    def _scroll_to_cursor(self) -> None:
        visible = max(self.size.height - 1, 1)
        top = int(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False)

    def action_cursor(self, delta: int) -> None:
        """Move the cursor by `delta` rows."""
        if self._count:
            self.cursor_row = max(0, min(self._count - 1, self.cursor_row + delta))

    def action_page(self, direction: int) -> None:
        """Move the cursor by one screenful."""
        self.action_cursor(direction * max(self.size.height - 2, 1))

    def action_jump(self, index: int) -> None:
        """Jump to the first (0) or last (-1) row."""
        if self._count:
            self.cursor_row = self._count - 1 if index < 0 else 0

    def action_select(self) -> None:
        """Tell the screen the person chose the contact under the cursor."""
        row = self.current
        if row is not None:
            self.post_message(self.Selected(self, row.id))

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return
        index = int(self.scroll_offset.y) + event.y - 1
        if 0 <= index < self._count:
            if index == self.cursor_row and event.chain >= 2:
                row = self.current
                if row is not None:
                    self.post_message(self.Selected(self, row.id))
            self.cursor_row = index

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self._count + 1)

    # -- drawing ------------------------------------------------------------------

    def _widths(self, width: int) -> list[int]:
        return allocate(width, FITS)

    def _visible_names(self, name_width: int) -> dict[str, str]:
        """The name cells of the rows on screen, cut so that two different names never look alike."""
        top = int(self.scroll_offset.y)
        height = max(self.size.height - 1, 0)
        # Once per frame, not once per line: the key changes when the rows on screen may.
        key = (self._shown, top, height, name_width)
        if self._cuts_key != key:
            rows = (self.row_at(index) for index in range(top, top + height))
            names = (self._name_cell(row) for row in rows if row is not None)
            self._name_cuts = distinct_cuts(names, name_width, measure=cell_len)
            self._cuts_key = key
        return self._name_cuts

    @staticmethod
    def _name_cell(row: ContactRow) -> str:
        return _clean(row.name) + ("  (archived)" if row.archived else "")

    def _cells(self, row: ContactRow, today: dt.date) -> list[str]:
        due = ""
        if row.next_due is not None:
            due = format_relative(row.next_due, today)
        last = format_relative(row.last_contact, today) if row.last_contact else "—"
        return [
            self._name_cell(row),
            _clean(row.company),
            row.stage,
            row.channel + (" !" if row.solicitation else ""),
            last,
            due,
            " ".join(f"#{t}" for t in row.tags),
        ]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        widths = self._widths(width)
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("contact-table--header")
            return self._strip(
                [c.header for c in COLUMNS], widths, [style] * len(COLUMNS), width, style
            )
        index = int(self.scroll_offset.y) + y - 1
        row = self.row_at(index)
        if row is None:
            return Strip.blank(width, base)
        today = self._today()
        row_style = base
        if index == self.cursor_row:
            row_style = base + self.get_component_rich_style("contact-table--cursor")
        styles = [row_style] * len(COLUMNS)
        muted = self._foreground("contact-table--muted")
        if row.archived:
            styles = [row_style + muted] * len(COLUMNS)
        if row.overdue_days(today):
            styles[5] = row_style + self._foreground("contact-table--overdue")
        if row.solicitation:
            styles[3] = row_style + self._foreground("contact-table--pitch")
        if row.last_contact is None:
            styles[4] = styles[4] + muted
        cells = self._cells(row, today)
        # The name as cut against the other names on screen: "Andr…egie", "Andr…uomo".
        cells[0] = self._visible_names(widths[0]).get(cells[0], cells[0])
        return self._strip(cells, widths, styles, width, row_style)

    def _foreground(self, component: str) -> Style:
        # Only colour and weight: the component's background would punch a hole
        # in the cursor row's highlight.
        style = self.get_component_rich_style(component)
        return Style(color=style.color, bold=style.bold, dim=style.dim)

    @staticmethod
    def _strip(
        cells: list[str], widths: list[int], styles: list[Style], width: int, fill: Style
    ) -> Strip:
        segments: list[Segment] = []
        used = 0
        for text, cell_width, style in zip(cells, widths, styles, strict=True):
            text = cut(text, cell_width, measure=cell_len)
            segments.append(Segment(set_cell_size(text, cell_width), style))
            segments.append(Segment(" ", fill))
            used += cell_width + 1
        strip = Strip(segments, used)
        return strip.extend_cell_length(width, fill).crop(0, width)
