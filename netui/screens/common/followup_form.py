"""Promise a contact something by a date, typed as one line: "fri send the slides"."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.widgets import Input

from netui.areas import bindings
from netui.domain.contact_rules import ValidationError
from netui.domain.dates import DatePhraseError, day_label, split_date_phrase
from netui.i18n import _
from netui.screens.common.form import ContactDialog
from netui.widgets.form_field import FormField, text_field

HINT = _("a date phrase, then what to do")


class FollowUpForm(ContactDialog):
    """One line, a date phrase then what to do; dismisses with the follow-up's id, or None."""

    DEFAULT_CSS = """
    FollowUpForm FormField {
        margin: 0;
    }
    """

    BINDINGS = bindings("followup_form.save", "followup_form.cancel")

    AUTO_FOCUS = "#what"

    def heading(self) -> str:
        return _("Follow up with {name}").format(name=self._contact_name)

    def compose_fields(self) -> ComposeResult:
        """The one field, whose hint line shows what it will save."""
        placeholder = _("fri send the slides · 2w coffee · 来週金曜 資料を送る")
        yield text_field("what", _("When and what"), placeholder=placeholder, hint=HINT)

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
            message = _("{day} has passed: pick today or later").format(day=day_label(due))
            raise ValidationError("what", message)
        if not what:
            message = _("{day}: say what to do, after the date").format(day=day_label(due))
            raise ValidationError("what", message)
        return due, what

    def _check(self) -> tuple[dt.date, str] | None:
        box = self.query_one("#what-field", FormField)
        if not self.query_one("#what", Input).value.strip():
            box.set_error(None)
            box.set_hint(HINT)
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

    def submit(self) -> int | None:
        """Add the follow-up when the line is valid."""
        parsed = self._check()
        if parsed is None:
            if not self.query_one("#what", Input).value.strip():
                self.query_one("#what-field", FormField).set_error(HINT)
            return None
        due, what = parsed
        return self._store.followups.add(self._contact_id, due, what)
