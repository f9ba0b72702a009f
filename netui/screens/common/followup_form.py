"""Promise a contact something by a date, typed as one line: "fri send the slides"."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from netui.domain.contact_rules import ValidationError
from netui.domain.dates import DatePhraseError, day_label, split_date_phrase
from netui.screens.common.contact_dialog import ContactDialog
from netui.state import NotFound, Store
from netui.widgets.form_field import FormField


class FollowUpForm(ContactDialog):
    """One line, a date phrase then what to do; dismisses with the follow-up's id, or None."""

    DEFAULT_CSS = """
    FollowUpForm {
        align: center middle;
    }
    FollowUpForm > #dialog {
        width: 80;
        max-width: 100%;
        height: auto;
        padding: 0 1;
        border: round $primary;
        background: $panel;
    }
    FollowUpForm #title {
        text-style: bold;
        color: $primary;
        margin-bottom: 1;
    }
    FollowUpForm FormField {
        margin: 0;
    }
    """

    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="followup_form.save",
            tooltip="Add the follow-up (enter does the same).",
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="followup_form.cancel",
            tooltip="Close without adding anything.",
        ),
    ]

    AUTO_FOCUS = "#what"

    def __init__(self, store: Store, contact_id: int) -> None:
        """A one-line follow-up form.

        Args:
            store: Where the follow-up is saved.
            contact_id: Who it is promised to.
        """
        super().__init__(store, contact_id)

    def compose(self) -> ComposeResult:
        """Title and the one field, whose hint line shows what it will save."""
        with Vertical(id="dialog"):
            yield Static(Content(f"Follow up with {self._contact_name}"), id="title")
            yield FormField(
                "When and what",
                Input(
                    placeholder="fri send the slides · 2w coffee · 来週金曜 資料を送る",
                    id="what",
                    compact=True,
                ),
                id="what-field",
                hint="a date phrase, then what to do",
            )
        yield Footer()

    def on_mount(self) -> None:
        """Close at once if the contact is gone."""
        self.close_if_missing()

    def _parse(self) -> tuple[dt.date, str]:
        """The due date and the task.

        Raises:
            ValidationError: no date at the start, a past date, or nothing to do.
        """
        text = self.query_one("#what", Input).value
        today = self._store.today()
        try:
            due, what = split_date_phrase(text, today)
        except DatePhraseError as error:
            raise ValidationError("what", str(error)) from None
        if due < today:
            raise ValidationError("what", f"{day_label(due)} has passed: pick today or later")
        if not what:
            raise ValidationError("what", f"{day_label(due)}: say what to do, after the date")
        return due, what

    def _check(self) -> tuple[dt.date, str] | None:
        box = self.query_one("#what-field", FormField)
        if not self.query_one("#what", Input).value.strip():
            box.set_error(None)
            box.set_hint("a date phrase, then what to do")
            return None
        return box.check(self._parse, lambda task: f"{day_label(task[0])} — {task[1]}", show=True)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Show the resolved date and task, or what is wrong, as it is typed."""
        event.stop()
        self._check()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter saves, like ctrl+s."""
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Add the follow-up when the line is valid; otherwise show why and stay."""
        parsed = self._check()
        if parsed is None:
            if not self.query_one("#what", Input).value.strip():
                self.query_one("#what-field", FormField).set_error(
                    "type a date phrase, then what to do"
                )
            return
        due, what = parsed
        try:
            followup_id = self._store.followups.add(self._contact_id, due, what)
        except (ValidationError, NotFound) as error:
            message = error.message if isinstance(error, ValidationError) else str(error)
            self.query_one("#what-field", FormField).set_error(message)
            return
        self.dismiss(followup_id)

    def action_cancel(self) -> None:
        """Close without adding anything."""
        self.dismiss(None)
