"""Promise a contact something by a date, typed as one line: "fri send the slides"."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.widgets import Input

from netui.areas import bindings
from netui.domain.contact_rules import ValidationError
from netui.domain.dates import DatePhraseError, day_label, split_date_phrase
from netui.domain.records import FollowUpRecord
from netui.i18n import _
from netui.screens.common.form import ContactDialog
from netui.state import Store
from netui.widgets.form_field import FormField, text_field

HINT = _("a date phrase, then what to do")


class FollowUpForm(ContactDialog):
    """One line, a date phrase then what to do, new or corrected; dismisses with its id, or None."""

    DEFAULT_CSS = """
    FollowUpForm FormField {
        margin: 0;
    }
    """

    BINDINGS = bindings("followup_form.save", "followup_form.cancel")

    AUTO_FOCUS = "#what"

    def __init__(
        self, store: Store, contact_id: int, followup: FollowUpRecord | None = None
    ) -> None:
        """A form for one follow-up with the contact.

        Args:
            store: Where it is saved.
            contact_id: Who it is for.
            followup: The follow-up to correct, filled in as "date what"; None adds one.
        """
        super().__init__(store, contact_id)
        self._followup = followup

    def heading(self) -> str:
        if self._followup is not None:
            return _("Correct a follow-up with {name}").format(name=self._contact_name)
        return _("Follow up with {name}").format(name=self._contact_name)

    def compose_fields(self) -> ComposeResult:
        """The one field, whose hint line shows what it will save."""
        placeholder = _("fri send the slides · 2w coffee · 来週金曜 資料を送る")
        record = self._followup
        value = f"{record.effective_due.isoformat()} {record.what}" if record else ""
        yield text_field("what", _("When and what"), value, placeholder=placeholder, hint=HINT)

    def opened(self) -> None:
        """A corrected follow-up shows what it will save from the start."""
        if self._followup is not None:
            self._check()

    def changed(self) -> bool:
        """A corrected follow-up's line differs from what it opened with (a new one is one line)."""
        record = self._followup
        if record is None:
            return False
        initial = f"{record.effective_due.isoformat()} {record.what}"
        return self.query_one("#what", Input).value.strip() != initial

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
        # A corrected follow-up may keep the day it already had, even once it has passed.
        kept = self._followup is not None and due == self._followup.effective_due
        if due < today and not kept:
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
        if self._followup is not None:
            self._store.followups.update(self._followup.id, due, what)
            return self._followup.id
        return self._store.followups.add(self._contact_id, due, what)
