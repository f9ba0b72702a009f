"""Put a follow-up off to a day typed as a phrase: "fri", "2w", "12/1", "来週金曜"."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from netui.domain.contact_rules import ValidationError
from netui.domain.dates import DatePhraseError, day_label, parse_date_phrase
from netui.screens.common.confirm import close_or_confirm_discard
from netui.state import NotFound, Store
from netui.widgets.form_field import FormError, FormField

HINT = "a day after today: fri, next mon, 2w, 12/1, 来週金曜"


class SnoozeForm(ModalScreen[dt.date | None]):
    """One date phrase; dismisses with the day the follow-up was snoozed to, or None."""

    DEFAULT_CSS = """
    SnoozeForm {
        align: center middle;
    }
    SnoozeForm > #dialog {
        width: 72;
        max-width: 100%;
        height: auto;
        padding: 0 1;
        border: round $primary;
        background: $panel;
    }
    SnoozeForm #title {
        text-style: bold;
        color: $primary;
        margin-bottom: 1;
    }
    SnoozeForm FormField {
        margin: 0;
    }
    """

    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Snooze",
            id="snooze_form.save",
            tooltip="Snooze to that day (enter does the same).",
        ),
        Binding("escape", "cancel", "Cancel", id="snooze_form.cancel", tooltip="Leave it due."),
    ]

    AUTO_FOCUS = "#until"

    def __init__(self, store: Store, followup_id: int, what: str) -> None:
        """A form snoozing one follow-up.

        Args:
            store: Where the follow-up is.
            followup_id: The follow-up to put off.
            what: What it says, for the title (plain text).
        """
        super().__init__()
        self._store = store
        self._followup_id = followup_id
        self._what = what

    def compose(self) -> ComposeResult:
        """Title, a line for a vanished follow-up, and the one field."""
        with Vertical(id="dialog"):
            yield Static(Content(f"Snooze: {self._what}"), id="title")
            yield FormError()
            yield FormField(
                "Until",
                Input(placeholder="fri · 2w · 12/1", id="until", compact=True),
                hint=HINT,
            )
        yield Footer()

    def _until(self) -> dt.date:
        """The day typed.

        Raises:
            ValidationError: not a date phrase, or not after today.
        """
        today = self._store.today()
        try:
            day = parse_date_phrase(self.query_one("#until", Input).value, today)
        except DatePhraseError as error:
            raise ValidationError("until", str(error)) from None
        if day <= today:
            raise ValidationError("until", f"{day_label(day)} is not after today")
        return day

    def _check(self, *, show: bool) -> dt.date | None:
        box = self.query_one("#until-field", FormField)
        if not self.query_one("#until", Input).value.strip():
            box.set_hint(HINT)
            box.set_error("type a day to snooze to" if show else None)
            return None
        return box.check(self._until, day_label, show=True)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Show the day the phrase means, or what is wrong, as it is typed."""
        event.stop()
        self._check(show=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter snoozes, like ctrl+s."""
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Snooze when the day is valid; otherwise show why and stay."""
        day = self._check(show=True)
        if day is None:
            return
        try:
            self._store.followups.snooze(self._followup_id, day)
        except ValidationError as error:
            self.query_one("#until-field", FormField).set_error(error.message)
            return
        except NotFound as error:
            self.query_one(FormError).show(f"{error}: it was deleted meanwhile")
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        """Close without snoozing; ask first when a day was typed."""
        close_or_confirm_discard(
            self,
            bool(self.query_one("#until", Input).value.strip()),
            "Discard this snooze?",
            "The day typed here will be lost.",
        )
