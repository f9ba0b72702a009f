"""Mark a week's review complete, with optional notes on what it showed."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea

from netui.domain.dates import day_label
from netui.domain.review import ReviewRecord, week_bounds
from netui.screens.common.confirm import close_or_confirm_discard
from netui.state import Store


class CompleteReviewScreen(ModalScreen[ReviewRecord | None]):
    """Notes, then ctrl+s; dismisses with the stored review, or None when cancelled."""

    DEFAULT_CSS = """
    CompleteReviewScreen {
        align: center middle;
    }
    CompleteReviewScreen > #dialog {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $primary;
        background: $panel;
    }
    CompleteReviewScreen #title {
        text-style: bold;
        color: $primary;
    }
    CompleteReviewScreen #help {
        color: $text-muted;
        margin-bottom: 1;
    }
    CompleteReviewScreen #notes {
        height: 8;
    }
    """

    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Complete",
            id="complete_review.save",
            tooltip="Mark the week's review complete, with these notes.",
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="complete_review.cancel",
            tooltip="Close without completing; asks first if notes were changed.",
        ),
    ]

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

    def compose(self) -> ComposeResult:
        """Title, a hint, and the notes."""
        start, end = week_bounds(self._day)
        with Vertical(id="dialog"):
            yield Static(
                Content(f"Complete the review of {day_label(start)} – {day_label(end)}"),
                id="title",
            )
            yield Static(
                Content("Notes are optional: what stood out, what to do differently."), id="help"
            )
            yield TextArea(
                self._notes,
                id="notes",
                soft_wrap=True,
                compact=True,
                show_line_numbers=False,
                placeholder="notes for this week (optional)",
            )
        yield Footer()

    def action_save(self) -> None:
        """Store the review as complete and close."""
        notes = self.query_one("#notes", TextArea).text
        self.dismiss(self._store.review.complete(self._day, notes))

    def action_cancel(self) -> None:
        """Close without completing; ask first when the notes were changed."""
        close_or_confirm_discard(
            self,
            self.query_one("#notes", TextArea).text != self._notes,
            "Discard these notes?",
            "The notes typed here will be lost.",
        )
