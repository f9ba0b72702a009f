"""Record something given to, or received from, a contact: kind, what, how much (1–5), when,
and, for a new entry while there are active goals, the goal it served (an introduction
received for a goal counts towards it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select

from netui.areas import bindings
from netui.domain.contact_rules import LEDGER_KINDS, ValidationError
from netui.domain.dates import DatePhraseError, day_label, parse_date_phrase
from netui.domain.records import LedgerRecord
from netui.i18n import _
from netui.screens.common.form import ContactDialog
from netui.state import Store
from netui.widgets.form_field import FormField, choice_field, text_field

WEIGHTS = (
    (1, _("1 · a small thing")),
    (2, "2"),
    (3, _("3 · real effort")),
    (4, "4"),
    (5, _("5 · a big one")),
)


class LedgerForm(ContactDialog):
    """A give or a take for one contact, new or corrected; dismisses with the entry's id, or None."""

    BINDINGS = bindings("ledger_form.save", "ledger_form.cancel")

    DISCARD = (_("Discard this entry?"), _("What was typed here will be lost."))

    AUTO_FOCUS = "#description"

    def __init__(
        self,
        store: Store,
        contact_id: int,
        direction: str = "give",
        entry: LedgerRecord | None = None,
    ) -> None:
        """A form for one ledger entry.

        Args:
            store: Where the entry is saved.
            contact_id: Who it was given to or received from.
            direction: "give" (I gave) or "take" (I received); an edited entry's own.
            entry: The entry to correct, filled in; None records a new one.
        """
        if entry is not None:
            direction = entry.direction
        if direction not in ("give", "take"):
            raise ValueError(f"direction must be give or take, not {direction!r}")
        super().__init__(store, contact_id)
        self._direction = direction
        self._entry = entry
        self._initial: dict[str, Any] = {}
        # The goal an entry served is chosen when it is recorded (a correction keeps it).
        self._goals = store.goals.refs() if entry is None else []

    def heading(self) -> str:
        if self._direction == "give":
            return _("Something you gave to {name}").format(name=self._contact_name)
        return _("Something you got from {name}").format(name=self._contact_name)

    def compose_fields(self) -> ComposeResult:
        """What, kind, weight and when."""
        entry = self._entry
        yield text_field(
            "description",
            _("What"),
            entry.description if entry else "",
            placeholder=_("what it was: an intro to Sato, the deck"),
        )
        kind = entry.kind if entry else LEDGER_KINDS[0]
        yield choice_field("kind", _("Kind"), LEDGER_KINDS, kind)
        weights = Select([(label, weight) for weight, label in WEIGHTS],
                         value=entry.weight if entry else 1,
                         allow_blank=False, id="weight", compact=True)  # fmt: skip
        yield FormField(_("Weight"), weights, hint=_("how much it was worth to them, 1 to 5"))
        when = entry.date.isoformat() if entry else "today"
        yield text_field("date", _("When"), when, _("today, yesterday, 2026-11-02, 11/2"))
        if self._goals:
            # Titles are what the person typed: Content, never markup.
            goals = Select([(Content(ref.title), ref.id) for ref in self._goals],
                           prompt=_("no goal"), id="goal", compact=True)  # fmt: skip
            yield FormField(
                _("For goal"), goals, hint=_("an introduction you got for a goal counts towards it")
            )

    def opened(self) -> None:
        """Show what "today" means, and remember the values to spot changes."""
        self._check_date(show=False)
        self._initial = self._values()

    def _values(self) -> dict[str, Any]:
        return {
            "description": self.query_one("#description", Input).value,
            "kind": self.query_one("#kind", Select).value,
            "weight": self.query_one("#weight", Select).value,
            "date": self.query_one("#date", Input).value,
            "goal": self._goal_id(),
        }

    def _goal_id(self) -> int | None:
        """The goal chosen, if the form offers one."""
        if not self._goals:
            return None
        value = self.query_one("#goal", Select).value
        return None if value is Select.NULL else int(value)  # type: ignore[arg-type]

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
            message = _("{day} is in the future: record what happened")
            raise ValidationError("date", message.format(day=day_label(day)))
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
        if event.input.id == "date" and self.is_attached and not self.missing:
            self._check_date(show=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a text field saves, like ctrl+s."""
        event.stop()
        self.action_save()

    def submit(self) -> int | None:
        """Record the entry when the date is valid."""
        day = self._check_date(show=True)
        if day is None:
            self.query_one("#date", Input).focus()
            return None
        values = self._values()
        if self._entry is not None:
            self._store.ledger.update(
                self._entry.id,
                self._direction,
                str(values["kind"]),
                values["description"],
                int(values["weight"]),
                day,
            )
            return self._entry.id
        return self._store.ledger.add(
            self._contact_id,
            self._direction,
            str(values["kind"]),
            values["description"],
            int(values["weight"]),
            day,
            goal_id=values["goal"],
        )

    def changed(self) -> bool:
        """Something was typed or chosen."""
        return self._values() != self._initial
