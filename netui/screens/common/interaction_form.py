"""Log an interaction with a contact: what kind, when, who reached out, and what was said."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.widgets import Input, RadioButton, RadioSet, Select, TextArea

from netui.areas import bindings
from netui.domain.contact_rules import INITIATORS, INTERACTION_KINDS, ValidationError
from netui.domain.dates import DatePhraseError, day_label, parse_date_phrase
from netui.screens.common.form import ContactDialog
from netui.widgets.form_field import FormField, choice_field, text_field
from netui.widgets.text_input import TextBox


class InteractionForm(ContactDialog):
    """Record that I and a contact were in touch; dismisses with the new interaction's id, or None."""

    DEFAULT_CSS = """
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

    BINDINGS = bindings("interaction_form.save", "interaction_form.cancel")

    DISCARD = ("Discard this interaction?", "The summary written here will be lost.")

    AUTO_FOCUS = "#kind"

    def heading(self) -> str:
        return f"Log an interaction with {self._contact_name}"

    def compose_fields(self) -> ComposeResult:
        """Kind, when, who reached out, and the summary."""
        yield choice_field("kind", "Kind", INTERACTION_KINDS, "meeting")
        yield text_field("when", "When", "today", "today, yesterday, 2026-11-02, 11/2")
        initiators = (
            RadioButton(label, value=label == "me", id=f"initiator-{label}", compact=True)
            for label in INITIATORS
        )
        yield FormField("Who reached out", RadioSet(*initiators, id="initiator", compact=True))
        yield FormField("Summary", TextBox(id="summary", compact=True, soft_wrap=True,
                        placeholder="what was talked about, what was promised"))  # fmt: skip

    def opened(self) -> None:
        """Show what "today" means."""
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
        if self.is_attached and not self.missing:
            self._check_when(show=True)

    def submit(self) -> int | None:
        """Log the interaction when the date is valid."""
        when = self._check_when(show=True)
        if when is None:
            self.query_one("#when", Input).focus()
            return None
        pressed = self.query_one("#initiator", RadioSet).pressed_index
        return self._store.interactions.log(
            self._contact_id,
            when,
            kind=str(self.query_one("#kind", Select).value),
            initiator=INITIATORS[max(pressed, 0)],
            summary=self.query_one("#summary", TextArea).text,
        )

    def changed(self) -> bool:
        """A summary was written."""
        return bool(self.query_one("#summary", TextArea).text.strip())
