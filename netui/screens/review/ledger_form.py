"""Record something given to, or received from, a contact: kind, what, how much (1–5), when."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Select, Static

from netui.domain.contact_rules import LEDGER_KINDS, ValidationError
from netui.domain.dates import DatePhraseError, day_label, parse_date_phrase
from netui.screens.common.confirm import close_or_confirm_discard
from netui.screens.common.contact_dialog import ContactDialog
from netui.state import NotFound, Store
from netui.widgets.form_field import FormError, FormField

WEIGHTS = (
    (1, "1 · a small thing"),
    (2, "2"),
    (3, "3 · real effort"),
    (4, "4"),
    (5, "5 · a big one"),
)


class LedgerForm(ContactDialog):
    """A give or a take for one contact; dismisses with the new ledger entry's id, or None."""

    DEFAULT_CSS = """
    LedgerForm {
        align: center middle;
    }
    LedgerForm > #dialog {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $primary;
        background: $panel;
    }
    LedgerForm #title {
        text-style: bold;
        color: $primary;
        margin-bottom: 1;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="ledger_form.save", tooltip="Record it."),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="ledger_form.cancel",
            tooltip="Close without recording; asks first if something was typed.",
        ),
    ]

    AUTO_FOCUS = "#description"

    def __init__(self, store: Store, contact_id: int, direction: str = "give") -> None:
        """A form for one ledger entry.

        Args:
            store: Where the entry is saved.
            contact_id: Who it was given to or received from.
            direction: "give" (I gave) or "take" (I received).
        """
        if direction not in ("give", "take"):
            raise ValueError(f"direction must be give or take, not {direction!r}")
        super().__init__(store, contact_id)
        self._direction = direction
        self._initial: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        """Title, a line for errors not tied to a field, and the four fields."""
        verb = "Something you gave to" if self._direction == "give" else "Something you got from"
        with Vertical(id="dialog"):
            yield Static(Content(f"{verb} {self._contact_name}"), id="title")
            yield FormError()
            yield FormField(
                "What",
                Input(
                    placeholder="what it was: an intro to Sato, the deck",
                    id="description",
                    compact=True,
                ),
            )
            yield FormField(
                "Kind",
                Select(
                    [(k, k) for k in LEDGER_KINDS],
                    value=LEDGER_KINDS[0],
                    allow_blank=False,
                    id="kind",
                    compact=True,
                ),
            )
            yield FormField(
                "Weight",
                Select(
                    [(label, w) for w, label in WEIGHTS],
                    value=1,
                    allow_blank=False,
                    id="weight",
                    compact=True,
                ),
                hint="how much it was worth to them, 1 to 5",
            )
            yield FormField(
                "When",
                Input(
                    "today",
                    placeholder="today, yesterday, 2026-11-02, 11/2",
                    id="date",
                    compact=True,
                ),
            )
        yield Footer()

    def on_mount(self) -> None:
        """Close at once if the contact is gone; show what "today" means."""
        if self.close_if_missing():
            return
        self._check_date(show=False)
        self._initial = self._values()

    def _values(self) -> dict[str, Any]:
        return {
            "description": self.query_one("#description", Input).value,
            "kind": self.query_one("#kind", Select).value,
            "weight": self.query_one("#weight", Select).value,
            "date": self.query_one("#date", Input).value,
        }

    def _date(self) -> dt.date:
        """The day typed.

        Raises:
            ValidationError: not a date phrase, or a day in the future.
        """
        today = self._store.today()
        try:
            day = parse_date_phrase(self.query_one("#date", Input).value, today, past=True)
        except DatePhraseError as error:
            raise ValidationError("date", str(error)) from None
        if day > today:
            raise ValidationError(
                "date", f"{day_label(day)} is in the future: record what happened"
            )
        return day

    def _check_date(self, *, show: bool) -> dt.date | None:
        return self.query_one("#date-field", FormField).check(self._date, day_label, show=show)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Show the day the phrase means as it is typed."""
        event.stop()
        if event.input.id == "date":
            self._check_date(show=False)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        """Leaving the date shows its error, if any."""
        if event.input.id == "date" and self.is_attached and not self._missing:
            self._check_date(show=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a text field saves, like ctrl+s."""
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Record the entry when the fields are valid; otherwise show why beside them and stay."""
        self.query_one(FormError).show(None)
        day = self._check_date(show=True)
        if day is None:
            self.query_one("#date", Input).focus()
            return
        values = self._values()
        try:
            entry_id = self._store.ledger.add(
                self._contact_id,
                self._direction,
                str(values["kind"]),
                values["description"],
                int(values["weight"]),
                day,
            )
        except ValidationError as error:
            if self.query(f"#{error.field}-field"):
                self.query_one(f"#{error.field}-field", FormField).set_error(error.message)
            else:
                self.query_one(FormError).show(error.message)
            return
        except NotFound as error:
            self.query_one(FormError).show(f"{error}: it was deleted meanwhile; nothing was saved")
            return
        self.dismiss(entry_id)

    def action_cancel(self) -> None:
        """Close without recording; ask first when something was changed."""
        close_or_confirm_discard(
            self,
            not self._missing and self._values() != self._initial,
            "Discard this entry?",
            "What was typed here will be lost.",
        )
