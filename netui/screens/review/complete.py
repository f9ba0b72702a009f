"""Mark a week's review complete, with optional notes on what it showed."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static, TextArea

from netui.areas import bindings
from netui.domain.dates import day_label
from netui.domain.review import ReviewRecord, week_bounds
from netui.i18n import _
from netui.screens.common.form import FormScreen
from netui.state import Store
from netui.widgets.text_box import TextBox


class CompleteReviewScreen(FormScreen[ReviewRecord]):
    """Notes, then ctrl+s; dismisses with the stored review, or None when cancelled."""

    DEFAULT_CSS = """
    CompleteReviewScreen #title {
        margin-bottom: 0;
    }
    CompleteReviewScreen #help {
        color: $text-muted;
        margin-bottom: 1;
    }
    CompleteReviewScreen #notes {
        height: 8;
    }
    """

    BINDINGS = bindings("complete_review.save", "complete_review.cancel")

    DISCARD = (_("Discard these notes?"), _("The notes typed here will be lost."))

    AUTO_FOCUS = "#notes"

    def __init__(self, store: Store, day: dt.date, notes: str = "") -> None:
        """A form completing the review of the week holding `day`.

        Args:
            store: Where the review is stored.
            day: Any day of the week being reviewed.
            notes: Notes already stored for that week (completing again replaces them).
        """
        super().__init__()
        self._store = store
        self._day = day
        self._notes = notes

    def heading(self) -> str:
        start, end = week_bounds(self._day)
        return _("Complete the review of {start} – {end}").format(
            start=day_label(start), end=day_label(end)
        )

    def compose_fields(self) -> ComposeResult:
        """A hint, and the notes."""
        yield Static(
            Content(_("Notes are optional: what stood out, what to do differently.")), id="help"
        )
        yield TextBox(self._notes, id="notes", soft_wrap=True, compact=True,
                       show_line_numbers=False, placeholder=_("notes for this week (optional)"))  # fmt: skip

    def submit(self) -> ReviewRecord:
        """Store the review as complete."""
        return self._store.review.complete(self._day, self.query_one("#notes", TextArea).text)

    def changed(self) -> bool:
        """The notes differ from the stored ones."""
        return self.query_one("#notes", TextArea).text != self._notes
