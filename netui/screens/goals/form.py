"""The goal form: create or edit one goal, each mistake beside its field, warnings above.

A goal is a title, why, who it needs (the target profile, as criteria), a
target count and date, its status, up to three key results and, when it is
created, the people it still needs (one a line). Nothing is saved until
every field is valid; warnings (a date already past, a profile with no
criteria, which matches nobody) are shown as they arise and do not stop the
save, as `netui.domain.goals.validate_goal` says.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Select, Static, TextArea

from netui.areas import bindings
from netui.domain.cadence import STAGES
from netui.domain.contact_rules import CHANNELS, ValidationError, parse_tags
from netui.domain.dates import DatePhraseError, day_label, parse_date_phrase
from netui.domain.goal_progress import MAX_KEY_RESULTS, KeyResult, validate_key_results
from netui.domain.goals import (
    GOAL_STATUSES,
    GoalDraft,
    TargetProfile,
    validate_goal,
    validate_profile,
)
from netui.i18n import _
from netui.screens.common.form import FormScreen
from netui.screens.goals.result_fields import ResultFields
from netui.screens.goals.view import one_line, status_word
from netui.state import NotFound, Store
from netui.widgets.form_field import FormField, notes_field, text_field

# Fields whose text is parsed, so they are checked as they change and on leaving them.
CHECKED = ("goal_title", "tags", "words", "target_count", "target_date")
RESULTS = tuple(f"kr{index}" for index in range(MAX_KEY_RESULTS))
# What a refusal from the Store names, where the form shows it ("title" is the form's heading).
FIELD_OF = {"title": "goal_title", "key_results": "kr0", "slot": "slots"}

_WORDS = re.compile(r"[,、]")


class GoalForm(FormScreen[int]):
    """Create a goal (goal_id None) or edit one; dismisses with its id, or None if cancelled."""

    DEFAULT_CSS = """
    GoalForm > #dialog {
        width: 100;
        height: 100%;
        padding: 0;
    }
    GoalForm #title {
        padding: 0 1;
        margin-bottom: 0;
    }
    GoalForm FormError, GoalForm #goal-warnings {
        padding: 0 1;
    }
    GoalForm #goal-warnings {
        color: $warning;
        height: auto;
    }
    GoalForm #fields {
        padding: 1 1 0 1;
    }
    GoalForm .form-section {
        text-style: bold;
        color: $primary;
        margin-bottom: 1;
    }
    GoalForm #why, GoalForm #slots {
        height: 3;
    }
    """

    BINDINGS = bindings("goal_form.save", "goal_form.cancel")

    AUTO_FOCUS = "#goal_title"

    def __init__(self, store: Store, goal_id: int | None = None) -> None:
        """A form for a new goal, or for editing one.

        Args:
            store: Where goals are read and saved.
            goal_id: The goal to edit, or None for a new one.
        """
        super().__init__()
        self._store = store
        self._goal_id = goal_id
        self._draft = GoalDraft(title="")
        self._previous: GoalDraft | None = None
        if goal_id is not None:
            try:
                self._previous = self._draft = store.goals.get(goal_id).draft
            except NotFound as error:
                self.missing = str(error)
        self._initial: dict[str, Any] = {}

    # -- layout -------------------------------------------------------------------

    def heading(self) -> str:
        if self._goal_id is None:
            return _("New goal")
        return _("Edit goal: {title}").format(title=one_line(self._draft.title))

    def compose_fields(self) -> ComposeResult:
        """Every field of a goal, in a scrolling column under the warnings."""
        d = self._draft
        p = d.target_profile
        yield Static(id="goal-warnings")
        fields = VerticalScroll(id="fields")
        fields.can_focus = False  # tab goes from field to field
        with fields:
            yield text_field("goal_title", _("Title"), d.title,
                             _("Find 5 people in fintech who would vouch for me"))  # fmt: skip
            yield notes_field("why", _("Why"), d.why, _("the outcome you want from it"))
            yield Static(Content(_("Who the goal needs")), classes="form-section")
            tags = " ".join(f"#{tag}" for tag in p.tags)
            yield text_field("tags", _("Tags"), tags, _("fintech, investor or #fintech #investor"),
                             hint=_("a contact with any of them fits"))  # fmt: skip
            yield text_field("words", _("Words"), ", ".join(p.words),
                             _("found in role, company, needs or offers: CTO, climate"),
                             hint=_("comma separated; each one must be found"))  # fmt: skip
            yield FormField(_("Channel"), Select(
                [(channel, channel) for channel in CHANNELS], prompt=_("any channel"),
                value=p.channel or Select.NULL, id="channel", compact=True))  # fmt: skip
            yield text_field("location", _("Location"), p.location, _("Tokyo"))
            yield FormField(_("Stage"), Select(
                [(_("{stage} or later").format(stage=stage), stage) for stage in STAGES],
                prompt=_("any stage"), value=p.min_stage or Select.NULL, id="min_stage",
                compact=True))  # fmt: skip
            yield Static(Content(_("Target")), classes="form-section")
            count = str(d.target_count) if d.target_count else ""
            yield text_field("target_count", _("People"), count, _("how many: 5"))
            by = d.target_date.isoformat() if d.target_date else ""
            yield text_field("target_date", _("By"), by, _("3/31, 2027-03-31, 6m, next fri"))
            yield FormField(_("Status"), Select(
                [(status_word(status), status) for status in GOAL_STATUSES], value=d.status,
                allow_blank=False, id="status", compact=True))  # fmt: skip
            yield Static(
                Content(_("Key results: up to three, counted from what you record")),
                classes="form-section",
            )
            for index in range(MAX_KEY_RESULTS):
                result = d.key_results[index] if index < len(d.key_results) else None
                label = _("Result {number}").format(number=index + 1)
                yield FormField(label, ResultFields(index, result))
            if self._goal_id is None:
                yield Static(Content(_("Who you still need")), classes="form-section")
                yield notes_field("slots", _("Wanted"), "",
                                  _("one a line: a hiring manager at a Tokyo fintech"))  # fmt: skip

    def opened(self) -> None:
        """Check the loaded values (for their hints) and remember them to spot changes."""
        for field in CHECKED:
            if self._text(field):
                self._check(field, show=False)
        for field in RESULTS:
            self._check(field, show=False)
        self._show_warnings()
        self.call_after_refresh(self._remember_initial)

    def _remember_initial(self) -> None:
        self._initial = self._values()

    # -- reading values -----------------------------------------------------------

    def _box(self, field: str) -> FormField:
        return self.query_one(f"#{field}-field", FormField)

    def _text(self, field: str) -> str:
        return str(self._box(field).value)

    def _values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for widget in self.query("Input, Select, TextArea"):
            if isinstance(widget, TextArea):
                values[widget.id or ""] = widget.text
            elif isinstance(widget, Input | Select):
                values[widget.id or ""] = widget.value
        return values

    def _select(self, field: str) -> str | None:
        value = self.query_one(f"#{field}", Select).value
        return None if value is Select.NULL else str(value)

    def _parse(self, field: str) -> Any:
        """One checked field as the draft takes it.

        Raises:
            ValidationError: what is wrong, named by the field.
        """
        text = self._text(field).strip() if field not in RESULTS else ""
        if field == "goal_title":
            if not text:
                raise ValidationError("goal_title", _("a title is required"))
            return text
        if field == "tags":
            return parse_tags(text)
        if field == "words":
            words = tuple(word.strip() for word in _WORDS.split(text) if word.strip())
            return validate_profile(TargetProfile(words=words)).words
        if field == "target_count":
            if not text:
                return None
            digits = unicodedata.normalize("NFKC", text)
            if not digits.isdigit() or int(digits) < 1:
                raise ValidationError("target_count", _("must be a whole number, 1 or more"))
            return int(digits)
        if field == "target_date":
            if not text:
                return None
            try:
                return parse_date_phrase(text, self._store.today())
            except DatePhraseError as error:
                raise ValidationError("target_date", str(error)) from None
        if field in RESULTS:
            return self._parse_result(field)
        raise KeyError(field)

    def _parse_result(self, field: str) -> KeyResult | None:
        """A key result's row, and whether a row above it measures the same already.

        Raises:
            ValidationError: named by the row.
        """
        today = self._store.today()
        result = self.query_one(f"#{field}", ResultFields).read_result(today)
        if result is None:
            return None
        above: list[KeyResult] = []
        for row in RESULTS[: RESULTS.index(field)]:
            try:
                earlier = self.query_one(f"#{row}", ResultFields).read_result(today)
            except ValidationError:
                continue  # said at its own row
            if earlier is not None:
                above.append(earlier)
        try:
            validate_key_results([*above, result])
        except ValidationError as error:
            raise ValidationError(field, error.message) from None
        return result

    def _check(self, field: str, *, show: bool) -> tuple[bool, Any]:
        """Check one field and update its hint and error.

        Args:
            field: The field's id.
            show: Show a new error; otherwise only an error already shown is
                updated, so nobody is scolded while still typing.

        Returns:
            Whether the field is valid, and its parsed value.
        """
        box = self._box(field)
        try:
            value = self._parse(field)
        except ValidationError as error:
            if show or box.error:
                box.set_error(error.message)
            box.set_hint(None)
            return False, None
        box.set_error(None)
        box.set_hint(self._hint(field, value))
        return True, value

    def _hint(self, field: str, value: Any) -> str | None:
        """What a valid value was understood as, where that is not plain from the text."""
        if field == "target_date" and value is not None:
            if self._text(field).strip() != value.isoformat():
                return day_label(value)
            return None
        if field in RESULTS and isinstance(value, KeyResult):
            return self.query_one(f"#{field}", ResultFields).summary(value)
        if field == "tags" and value:
            return _("a contact with any of them fits")
        if field == "words" and value:
            return _("comma separated; each one must be found")
        return None

    def _build_draft(self, *, show: bool) -> GoalDraft | None:
        """The draft from the fields, or None after showing (with `show`) each field's error."""
        parsed: dict[str, Any] = {}
        for field in (*CHECKED, *RESULTS):
            ok, value = self._check(field, show=show)
            if ok:
                parsed[field] = value
        if len(parsed) < len(CHECKED) + len(RESULTS):
            return None
        results = [parsed[field] for field in RESULTS if parsed[field] is not None]
        profile = TargetProfile(
            tags=parsed["tags"],
            words=parsed["words"],
            channel=self._select("channel") or "",
            location=self._text("location"),
            min_stage=self._select("min_stage"),
        )
        return GoalDraft(
            title=parsed["goal_title"],
            why=self._text("why"),
            target_profile=profile,
            target_count=parsed["target_count"],
            target_date=parsed["target_date"],
            status=self._select("status") or "active",
            key_results=tuple(results),
        )

    def _show_warnings(self) -> None:
        """Say what the goal as typed would be warned of (it can be saved all the same)."""
        warnings: tuple[str, ...] = ()
        draft = self._build_draft(show=False)
        if draft is not None:
            try:
                checked = validate_goal(draft, self._store.today(), previous=self._previous)
            except ValidationError:
                pass  # said beside its field on save
            else:
                warnings = checked.warnings
        lines = [Content(_("⚠ {warning}").format(warning=warning)) for warning in warnings]
        box = self.query_one("#goal-warnings", Static)
        box.update(Content("\n").join(lines))
        box.display = bool(lines)

    @property
    def warnings(self) -> str:
        """The warnings shown now, one a line ("" when none)."""
        box = self.query_one("#goal-warnings", Static)
        return str(box.content) if box.display else ""

    # -- events -------------------------------------------------------------------

    def _field_of(self, widget_id: str) -> str:
        """The checked field a widget belongs to: itself, or the key result row it is in."""
        row, _sep, _part = widget_id.partition("_")
        return row if row in RESULTS else widget_id

    def on_input_changed(self, event: Input.Changed) -> None:
        """Check a parsed field as it changes, and the warnings with it."""
        field = self._field_of(event.input.id or "")
        if field in CHECKED or field in RESULTS:
            self._check(field, show=False)
        self._show_warnings()

    def on_input_blurred(self, event: Input.Blurred) -> None:
        """Leaving a parsed field shows its error, if it has one."""
        field = self._field_of(event.input.id or "")
        if (field in CHECKED or field in RESULTS) and self.is_attached and not self.missing:
            self._check(field, show=True)

    def on_select_changed(self, event: Select.Changed) -> None:
        """A choice in a key result's row checks the row; any choice may change the warnings."""
        field = self._field_of(event.select.id or "")
        if field in RESULTS and self.is_attached:
            self._check(field, show=False)
        if self.is_attached and not self.missing:
            self._show_warnings()

    # -- save and cancel --------------------------------------------------------------

    def show_invalid(self, error: ValidationError) -> None:
        """A refusal from the Store, beside the field it names (or the row it is about)."""
        field = FIELD_OF.get(error.field, error.field)
        super().show_invalid(ValidationError(field, error.message))

    def focus_first_error(self) -> None:
        """Put the cursor in the first field showing an error (a key result's metric for a row)."""
        invalid = self.query("FormField.-invalid")
        if not invalid:
            return
        box = invalid.first(FormField)
        if isinstance(box.field, ResultFields):
            box.field.focus_first()
        else:
            box.field.focus()

    def _slots(self) -> list[str]:
        if self._goal_id is not None:
            return []
        return [line for line in self._text("slots").splitlines() if line.strip()]

    def submit(self) -> int | None:
        """Save when every field is valid (warnings do not stop it)."""
        draft = self._build_draft(show=True)
        if draft is None:
            self.focus_first_error()
            return None
        self._store.goals.check(draft, self._goal_id)
        if self._goal_id is None:
            return self._store.goals.create(draft, self._slots())
        self._store.goals.update(self._goal_id, draft)
        return self._goal_id

    def changed(self) -> bool:
        """A field differs from what the form opened with."""
        return bool(self._initial) and self._values() != self._initial
