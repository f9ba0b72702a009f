"""Log an interaction with a contact: what kind, when, who reached out, and what was said."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, RadioButton, RadioSet, Select, Static, TextArea

from netui.domain.contact_rules import INITIATORS, INTERACTION_KINDS, ValidationError
from netui.domain.dates import DatePhraseError, day_label, parse_date_phrase
from netui.screens.common.confirm import close_or_confirm_discard
from netui.screens.common.contact_dialog import ContactDialog
from netui.state import NotFound, Store
from netui.widgets.form_field import FormError, FormField


class InteractionForm(ContactDialog):
    """Record that I and a contact were in touch; dismisses with the new interaction's id, or None."""

    DEFAULT_CSS = """
    InteractionForm {
        align: center middle;
    }
    InteractionForm > #dialog {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $primary;
        background: $panel;
    }
    InteractionForm #title {
        text-style: bold;
        color: $primary;
        margin-bottom: 1;
    }
    InteractionForm RadioSet {
        layout: horizontal;
        width: auto;
    }
    InteractionForm RadioSet > RadioButton {
        width: auto;
        margin-right: 2;
    }
    InteractionForm #summary {
        height: 6;
    }
    """

    BINDINGS = [
        Binding(
            "ctrl+s", "save", "Save", id="interaction_form.save", tooltip="Log the interaction."
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="interaction_form.cancel",
            tooltip="Close without logging; asks first if a summary was written.",
        ),
    ]

    AUTO_FOCUS = "#kind"

    def __init__(self, store: Store, contact_id: int) -> None:
        """A form logging one interaction with a contact.

        Args:
            store: Where the interaction is saved.
            contact_id: Who it was with.
        """
        super().__init__(store, contact_id)

    def compose(self) -> ComposeResult:
        """Title, the four fields, and a line for errors not tied to one field."""
        with Vertical(id="dialog"):
            yield Static(Content(f"Log an interaction with {self._contact_name}"), id="title")
            yield FormError()
            yield FormField(
                "Kind",
                Select(
                    [(k, k) for k in INTERACTION_KINDS],
                    value="meeting",
                    allow_blank=False,
                    id="kind",
                    compact=True,
                ),
                id="kind-field",
            )
            yield FormField(
                "When",
                Input(
                    "today",
                    placeholder="today, yesterday, 2026-11-02, 11/2",
                    id="when",
                    compact=True,
                ),
                id="when-field",
            )
            yield FormField(
                "Who reached out",
                RadioSet(
                    *(
                        RadioButton(
                            label, value=label == "me", id=f"initiator-{label}", compact=True
                        )
                        for label in INITIATORS
                    ),
                    id="initiator",
                    compact=True,
                ),
                id="initiator-field",
            )
            yield FormField(
                "Summary",
                TextArea(
                    id="summary",
                    compact=True,
                    soft_wrap=True,
                    placeholder="what was talked about, what was promised",
                ),
                id="summary-field",
            )
        yield Footer()

    def on_mount(self) -> None:
        """Show what "today" means; close at once if the contact is gone."""
        if self.close_if_missing():
            return
        self._check_when(show=False)

    def _when(self) -> dt.datetime:
        """The moment to store: the day typed, at the current time of day.

        Raises:
            ValidationError: the phrase is not a date, or is in the future.
        """
        text = self.query_one("#when", Input).value
        today = self._store.today()
        try:
            day = parse_date_phrase(text, today, past=True)
        except DatePhraseError as error:
            raise ValidationError("when", str(error)) from None
        if day > today:
            raise ValidationError(
                "when", f"{day_label(day)} is in the future: log what has happened"
            )
        # Today's entry is "now"; an earlier day keeps the time of day so same-day entries sort.
        return dt.datetime.combine(day, self._store.now().time())

    def _check_when(self, *, show: bool) -> dt.datetime | None:
        return self.query_one("#when-field", FormField).check(
            self._when, lambda when: day_label(when.date()), show=show
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        """Show the day the phrase means as it is typed."""
        event.stop()
        self._check_when(show=False)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        """Leaving the date shows its error, if any."""
        if self.is_attached and not self._missing:
            self._check_when(show=True)

    def action_save(self) -> None:
        """Log the interaction when the date is valid; otherwise show why and stay."""
        when = self._check_when(show=True)
        if when is None:
            self.query_one("#when", Input).focus()
            return
        pressed = self.query_one("#initiator", RadioSet).pressed_index
        try:
            interaction_id = self._store.interactions.log(
                self._contact_id,
                when,
                kind=str(self.query_one("#kind", Select).value),
                initiator=INITIATORS[max(pressed, 0)],
                summary=self.query_one("#summary", TextArea).text,
            )
        except (ValidationError, NotFound) as error:
            message = error.message if isinstance(error, ValidationError) else str(error)
            self.query_one(FormError).show(message)
            return
        self.dismiss(interaction_id)

    def action_cancel(self) -> None:
        """Close without logging; ask first when a summary was written."""
        close_or_confirm_discard(
            self,
            bool(self.query_one("#summary", TextArea).text.strip()),
            "Discard this interaction?",
            "The summary written here will be lost.",
        )
