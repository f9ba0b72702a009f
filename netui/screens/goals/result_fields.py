"""One key result in the goal form: what it counts, from, to, and when (a period or a date).

A row whose metric is left at "none" is no key result. The row is read and
checked here (`read_result`), so a mistake is said beside the row it is in
("to: must be a whole number above the start (0)"), not somewhere in the form.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select

from netui.domain.contact_rules import ValidationError
from netui.domain.dates import DatePhraseError, day_label, parse_date_phrase
from netui.domain.goal_progress import METRICS, KeyResult, metric_label, validate_key_result
from netui.i18n import _
from netui.widgets.text_input import TextInput

# The choice of when: some time, so many a month or a week, or by a date.
BY = "by"


def _whens() -> list[tuple[str, str]]:
    return [
        (_("some time"), "none"),
        (_("a month"), "month"),
        (_("a week"), "week"),
        (_("by a date"), BY),
    ]


def _part(field: str) -> str:
    """The words of the row a validation field names, to say where the mistake is."""
    parts = {
        "metric": _("counts"),
        "start": _("from"),
        "target": _("to"),
        "period": _("when"),
        "by": _("by"),
    }
    return parts.get(field, field)


class ResultFields(Vertical):
    """The inputs of key result `index` (0 to 2): metric, start, target, when, and the date."""

    DEFAULT_CSS = """
    ResultFields {
        height: auto;
    }
    ResultFields > Horizontal {
        height: 1;
    }
    ResultFields Label {
        padding: 0 1;
        color: $text-muted;
    }
    ResultFields .result--number {
        width: 8;
    }
    ResultFields .result--when {
        width: 16;
    }
    ResultFields .result--by {
        width: 1fr;
        margin-left: 1;
    }
    """

    def __init__(self, index: int, result: KeyResult | None) -> None:
        """The row.

        Args:
            index: Which result it is (its ids are "kr<index>_metric", ...).
            result: The stored result it starts with; None for an empty row.
        """
        super().__init__(id=f"kr{index}")
        self.index = index
        self._result = result

    def _wid(self, part: str) -> str:
        return f"kr{self.index}_{part}"

    def compose(self) -> ComposeResult:
        """The metric on its own line, then from, to, when and the date."""
        result = self._result
        # Text, not Content: the drop-down's type-to-search reads only Text and str labels.
        yield Select(
            [(Text(metric_label(metric)), metric) for metric in METRICS],
            prompt=_("none"),
            value=result.metric if result else Select.NULL,
            id=self._wid("metric"),
            compact=True,
        )
        with Horizontal():
            yield Label(_("from"))
            yield TextInput(
                str(result.start) if result else "",
                placeholder="0",
                id=self._wid("start"),
                classes="result--number",
                compact=True,
            )
            yield Label(_("to"))
            yield TextInput(
                str(result.target) if result else "",
                placeholder="5",
                id=self._wid("target"),
                classes="result--number",
                compact=True,
            )
            when = "none"
            if result is not None:
                when = result.period or (BY if result.by else "none")
            yield Select(
                _whens(),
                value=when,
                allow_blank=False,
                id=self._wid("when"),
                classes="result--when",
                compact=True,
            )
            by = TextInput(
                result.by.isoformat() if result and result.by else "",
                placeholder=_("3/31, 2027-03-31, 3m"),
                id=self._wid("by"),
                classes="result--by",
                compact=True,
            )
            by.display = when == BY
            yield by

    def on_select_changed(self, event: Select.Changed) -> None:
        """The date is asked for only when the result is due by a date."""
        if event.select.id == self._wid("when"):
            self.query_one(f"#{self._wid('by')}", Input).display = event.value == BY

    def _text(self, part: str) -> str:
        return self.query_one(f"#{self._wid(part)}", Input).value.strip()

    @property
    def metric(self) -> str | None:
        """The metric chosen, or None for "none" (no key result)."""
        value = self.query_one(f"#{self._wid('metric')}", Select).value
        return None if value is Select.NULL else str(value)

    def read_result(self, today: dt.date) -> KeyResult | None:
        """The key result the row holds, checked; None when its metric is "none".

        Raises:
            ValidationError: field "kr<index>", the message saying which part is wrong.
        """
        metric = self.metric
        if metric is None:
            if self._text("target"):
                raise ValidationError(self.id or "", _("choose what this result counts"))
            return None
        start = self._number("start", self._text("start") or "0")
        target_text = self._text("target")
        if not target_text:
            raise ValidationError(
                self.id or "", _("{part}: say the number to reach").format(part=_part("target"))
            )
        target = self._number("target", target_text)
        when = str(self.query_one(f"#{self._wid('when')}", Select).value)
        by: dt.date | None = None
        if when == BY:
            by = self._day(today)
        period = when if when in ("month", "week") else None
        try:
            return validate_key_result(KeyResult(metric, start, target, period, by))
        except ValidationError as error:
            raise self._error(error.field, error.message) from None

    def _number(self, part: str, text: str) -> int:
        digits = unicodedata.normalize("NFKC", text)
        if not digits.isdigit():
            message = _("must be a whole number, 0 or more")
            if part == "target":
                message = _("must be a whole number above the start")
            raise self._error(part, message)
        return int(digits)

    def _day(self, today: dt.date) -> dt.date:
        text = self._text("by")
        if not text:
            raise self._error("by", _("say the date, or choose another when"))
        try:
            return parse_date_phrase(text, today)
        except DatePhraseError as error:
            raise self._error("by", str(error)) from None

    def _error(self, part: str, message: str) -> ValidationError:
        return ValidationError(
            self.id or "", _("{part}: {message}").format(part=_part(part), message=message)
        )

    def summary(self, result: KeyResult) -> str:
        """What a valid row will count, for its hint: "0 → 5 by Fri 2027-03-26"."""
        if result.period == "month":
            when = _("a month")
        elif result.period == "week":
            when = _("a week")
        elif result.by is not None:
            when = _("by {day}").format(day=day_label(result.by))
        else:
            when = _("some time")
        return _("{start} → {target} {when}").format(
            start=result.start, target=result.target, when=when
        )

    def focus_first(self) -> None:
        """Put the cursor in the row's metric."""
        self.query_one(f"#{self._wid('metric')}", Select).focus()
