"""Log an interaction with a contact: what kind, when, who reached out, and what was said."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.widgets import Input, RadioButton, RadioSet, Select, TextArea

from netui.areas import bindings
from netui.domain.contact_rules import INITIATORS, INTERACTION_KINDS, ValidationError
from netui.domain.dates import DatePhraseError, day_label, parse_date_phrase
from netui.domain.records import InteractionRecord
from netui.i18n import _
from netui.screens.common.form import ContactDialog
from netui.state import Store
from netui.widgets.form_field import FormField, choice_field, text_field
from netui.widgets.text_box import TextBox


class InteractionForm(ContactDialog):
    """Record, or correct, that I and a contact were in touch; dismisses with its id, or None."""

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

    DISCARD = (_("Discard this interaction?"), _("The summary written here will be lost."))

    AUTO_FOCUS = "#kind"

    def __init__(
        self, store: Store, contact_id: int, interaction: InteractionRecord | None = None
    ) -> None:
        """A form for one interaction with the contact.

        Args:
            store: Where it is saved.
            contact_id: Who it was with.
            interaction: The interaction to correct, filled in; None logs a new one.
        """
        super().__init__(store, contact_id)
        self._interaction = interaction
        self._initial: tuple[object, ...] = ()

    def heading(self) -> str:
        if self._interaction is not None:
            return _("Correct an interaction with {name}").format(name=self._contact_name)
        return _("Log an interaction with {name}").format(name=self._contact_name)

    def compose_fields(self) -> ComposeResult:
        """Kind, when, who reached out, and the summary."""
        record = self._interaction
        yield choice_field(
            "kind", _("Kind"), INTERACTION_KINDS, record.kind if record else "meeting"
        )
        when = record.when.date().isoformat() if record else "today"
        yield text_field("when", _("When"), when, _("today, yesterday, 2026-11-02, 11/2"))
        initiator = record.initiator if record else "me"
        initiators = (
            RadioButton(label, value=label == initiator, id=f"initiator-{label}", compact=True)
            for label in INITIATORS
        )
        yield FormField(_("Who reached out"), RadioSet(*initiators, id="initiator", compact=True))
        summary = record.summary if record else ""
        yield FormField(_("Summary"), TextBox(summary, id="summary", compact=True, soft_wrap=True,
                        placeholder=_("what was talked about, what was promised")))  # fmt: skip

    def opened(self) -> None:
        """Show what "today" means, and remember the values to spot changes."""
        self._check_when(show=False)
        self._initial = self._values()

    def _values(self) -> tuple[object, ...]:
        return (
            self.query_one("#kind", Select).value,
            self.query_one("#when", Input).value,
            self.query_one("#initiator", RadioSet).pressed_index,
            self.query_one("#summary", TextArea).text,
        )

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
            message = _("{day} is in the future: log what has happened")
            raise ValidationError("when", message.format(day=day_label(day)))
        # Today's entry is "now"; an earlier day keeps the time of day so same-day entries
        # sort. A corrected one keeps its own time of day.
        record = self._interaction
        return dt.datetime.combine(day, (record.when if record else self._store.now()).time())

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
        if self._interaction is not None:
            self._store.interactions.update(
                self._interaction.id,
                when,
                kind=str(self.query_one("#kind", Select).value),
                initiator=INITIATORS[max(pressed, 0)],
                summary=self.query_one("#summary", TextArea).text,
            )
            return self._interaction.id
        return self._store.interactions.log(
            self._contact_id,
            when,
            kind=str(self.query_one("#kind", Select).value),
            initiator=INITIATORS[max(pressed, 0)],
            summary=self.query_one("#summary", TextArea).text,
        )

    def changed(self) -> bool:
        """A new interaction's summary was written, or a corrected one's values changed."""
        if self._interaction is not None:
            return self._values() != self._initial
        return bool(self.query_one("#summary", TextArea).text.strip())
