"""Put a follow-up off to a day typed as a phrase: "fri", "2w", "12/1", "来週金曜"."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.widgets import Input

from netui.areas import bindings
from netui.domain.contact_rules import ValidationError
from netui.domain.dates import DatePhraseError, day_label, parse_date_phrase
from netui.domain.followup_rules import snooze_refusal
from netui.i18n import _
from netui.screens.common.form import FormScreen
from netui.state import Store
from netui.widgets.form_field import FormField, text_field

HINT = _("a day after today and its due date: fri, next mon, 2w, 12/1, 来週金曜")


class SnoozeForm(FormScreen[dt.date]):
    """One date phrase; dismisses with the day the follow-up was snoozed to, or None."""

    DEFAULT_CSS = """
    SnoozeForm > #dialog {
        width: 72;
    }
    SnoozeForm FormField {
        margin: 0;
    }
    """

    BINDINGS = bindings("snooze_form.save", "snooze_form.cancel")

    DISCARD = (_("Discard this snooze?"), _("The day typed here will be lost."))

    AUTO_FOCUS = "#until"

    def __init__(
        self, store: Store, followup_id: int, what: str, due: dt.date | None = None
    ) -> None:
        """A form snoozing one follow-up.

        Args:
            store: Where the follow-up is.
            followup_id: The follow-up to put off.
            what: What it says, for the title (plain text).
            due: Its effective due date, to refuse a day before it as it is typed
                (the Store refuses it on saving in any case).
        """
        super().__init__()
        self._store = store
        self._followup_id = followup_id
        self._what = what
        self._due = due

    def heading(self) -> str:
        return _("Snooze: {what}").format(what=self._what)

    def compose_fields(self) -> ComposeResult:
        """The one field."""
        yield text_field("until", _("Until"), placeholder=_("fri · 2w · 12/1"), hint=HINT)

    def _until(self) -> dt.date:
        """The day typed.

        Raises:
            ValidationError: not a date phrase, not after today, or before the due date.
        """
        today = self._store.today()
        try:
            day = parse_date_phrase(self.query_one("#until", Input).value, today)
        except DatePhraseError as error:
            raise ValidationError("until", str(error)) from None
        # The Store's own rule, shown as it is typed.
        refusal = snooze_refusal(day, today, self._due or today)
        if refusal is not None:
            raise ValidationError("until", refusal)
        return day

    def _check(self, *, show: bool) -> dt.date | None:
        box = self.query_one("#until-field", FormField)
        if not self.query_one("#until", Input).value.strip():
            box.set_hint(HINT)
            box.set_error(_("type a day to snooze to") if show else None)
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

    def submit(self) -> dt.date | None:
        """Snooze when the day is valid."""
        day = self._check(show=True)
        if day is None:
            return None
        self._store.followups.snooze(self._followup_id, day)
        return day

    def changed(self) -> bool:
        """A day was typed."""
        return bool(self.query_one("#until", Input).value.strip())
