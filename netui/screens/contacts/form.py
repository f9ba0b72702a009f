"""The contact form: create or edit one contact, each error shown beside its field."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Select

from netui.areas import bindings
from netui.domain.cadence import STAGES, CadenceError, format_cadence, parse_cadence
from netui.domain.contact_rules import CHANNELS, ValidationError, parse_tags, validate_email
from netui.domain.dates import DatePhraseError, day_label, parse_date_phrase
from netui.domain.reading import has_kanji, suggest_reading
from netui.domain.records import ContactDraft, ContactRef, EventRef
from netui.i18n import _
from netui.screens.common.failure import explain
from netui.screens.common.form import FormScreen
from netui.screens.contacts.picker import ContactSuggester, contact_label, match_contact
from netui.state import NotFound, Store, StoreError
from netui.widgets.form_field import FormField, choice_field, notes_field, text_field
from netui.widgets.text_input import TextInput

# Wait this long after the last keystroke in the name before guessing its reading.
READING_DELAY = 0.3
READING_HINT = _("guess — check it (東海林 can be しょうじ or とうかいりん); ctrl+r confirms")

# Fields whose text is parsed, so they are checked as they change and on leaving them.
CHECKED = ("name", "email", "birthday", "met_on", "introduced_by", "cadence", "tags")


class ContactForm(FormScreen[int]):
    """Create a contact (contact_id None) or edit one; dismisses with its id, or None if cancelled."""

    DEFAULT_CSS = """
    ContactForm > #dialog {
        width: 96;
        height: 100%;
        padding: 0;
    }
    ContactForm #title {
        padding: 0 1;
        margin-bottom: 0;
    }
    ContactForm FormError {
        padding: 0 1;
    }
    ContactForm #fields {
        padding: 1 1 0 1;
    }
    ContactForm #links, ContactForm #notes {
        height: 3;
    }
    ContactForm #needs, ContactForm #offers {
        height: 2;
    }
    """

    BINDINGS = bindings("contact_form.save", "contact_form.cancel", "contact_form.confirm_reading")

    AUTO_FOCUS = "#name"

    @dataclass
    class ReadingGuessed(Message):
        """The reading guessed for a name, from the guessing worker."""

        name: str
        reading: str | None

    def __init__(self, store: Store, contact_id: int | None = None) -> None:
        """A form for a new contact, or for editing one.

        Args:
            store: Where contacts are read and saved.
            contact_id: The contact to edit, or None for a new one.
        """
        super().__init__()
        self._store = store
        self._contact_id = contact_id
        self._draft = ContactDraft(name="", met_on=store.today())
        self._introducer: ContactRef | None = None
        self._met_at_options: list[tuple[Content, int]] = []
        if contact_id is not None:
            try:
                detail = store.contacts.get(contact_id, history_limit=0)
            except NotFound as error:
                self.missing = str(error)
            else:
                self._draft = detail.draft
                self._introducer = detail.introducer
                if detail.met_at is not None:
                    self._met_at_options.append(self._event_option(detail.met_at))
        for event in store.events.recent():
            if event.id != self._draft.met_at_id:
                self._met_at_options.append(self._event_option(event))
        self._reading_confirmed = self._draft.reading_confirmed or not self._draft.reading
        self._reading_guess = None if self._reading_confirmed else self._draft.reading
        self._reading_timer: Timer | None = None
        self._initial: dict[str, Any] = {}

    @staticmethod
    def _event_option(event: EventRef) -> tuple[Content, int]:
        when = f" · {event.starts_at:%Y-%m-%d}" if event.starts_at else ""
        return Content(f"{event.title}{when}"), event.id

    # -- layout -------------------------------------------------------------------

    def heading(self) -> str:
        if self._contact_id is None:
            return _("New contact")
        return _("Edit: {name}").format(name=self._draft.name)

    def compose_fields(self) -> ComposeResult:
        """Every field of a contact, in a scrolling column."""
        d = self._draft
        introducer = self._introducer.name if self._introducer else ""
        fields = VerticalScroll(id="fields")
        # Tab should go from field to field, not stop on the scrolling container.
        fields.can_focus = False
        with fields:
            yield text_field("name", _("Name"), d.name, _("family name first: 田中 優希"))
            yield text_field("reading", _("Reading"), d.reading, _("kana: たなか ゆうき"))
            yield text_field("company", _("Company"), d.company)
            yield text_field("role", _("Role"), d.role)
            yield text_field("email", _("Email"), d.email, _("name@example.com"))
            yield text_field("phone", _("Phone"), d.phone)
            yield text_field("location", _("Location"), d.location)
            yield text_field("birthday", _("Birthday"), _iso(d.birthday), "1990-05-31")
            yield notes_field("links", _("Links"), d.links, _("one link per line"))
            yield choice_field("channel", _("Channel"), CHANNELS, d.channel)
            yield text_field("met_on", _("Met on"), _iso(d.met_on), _("today, fri, 2026-11-02"))
            met_at = Select(self._met_at_options, prompt=_("not at an event"), id="met_at",
                            value=d.met_at_id or Select.NULL, compact=True)  # fmt: skip
            yield FormField(_("Met at"), met_at)
            suggester = ContactSuggester(self._store, exclude=self._contact_id)
            yield FormField(_("Introduced by"), TextInput(
                introducer, placeholder=_("type a name; → takes the suggestion"),
                suggester=suggester, id="introduced_by", compact=True))  # fmt: skip
            yield choice_field("stage", _("Stage"), STAGES, d.stage)
            yield text_field("cadence", _("Cadence"), format_cadence(d.cadence_days))
            tags = " ".join(f"#{t}" for t in d.tags)
            yield text_field("tags", _("Tags"), tags, _("ux, fintech or #ux #fintech"))
            yield notes_field("needs", _("Needs"), d.needs, _("what they are looking for"))
            yield notes_field("offers", _("Offers"), d.offers, _("what they can help with"))
            yield notes_field("notes", _("Notes"), d.notes, _("anything worth remembering"))
            yield FormField(_("Solicitation"), Checkbox(
                _("pitches, sells or recruits"), d.solicitation, id="solicitation",
                compact=True))  # fmt: skip
            note = d.solicitation_note
            yield text_field("solicitation_note", _("Solicit. note"), note, _("what they pitched"))

    def opened(self) -> None:
        """Check the loaded values (for their hints) and remember them to spot changes."""
        self._show_stage_default()
        self._show_reading_hint()
        for field in CHECKED:
            if self._text(field):
                self._check(field, show=False)
        self.call_after_refresh(self._remember_initial)

    def _remember_initial(self) -> None:
        self._initial = self._values()

    # -- reading values -----------------------------------------------------------

    def _box(self, field: str) -> FormField:
        return self.query_one(f"#{field}-field", FormField)

    def _text(self, field: str) -> str:
        return str(self._box(field).value)

    def _values(self) -> dict[str, Any]:
        return {box.field.id: box.value for box in self.query(FormField)}

    def _parse(self, field: str) -> Any:
        """Read one checked field as the value the draft takes.

        Raises:
            ValidationError: what is wrong, named by the field.
        """
        text = self._text(field).strip()
        if field == "name":
            if not text:
                raise ValidationError("name", _("a name is required"))
            return text
        if field == "email":
            return validate_email(text)
        if field in ("birthday", "met_on"):
            if not text:
                return None
            try:
                day = parse_date_phrase(text, self._store.today(), past=True)
            except DatePhraseError as error:
                raise ValidationError(field, str(error)) from None
            if day > self._store.today():
                raise ValidationError(field, _("{day} is in the future").format(day=day_label(day)))
            return day
        if field == "cadence":
            try:
                return parse_cadence(text) if text else None
            except CadenceError as error:
                raise ValidationError("cadence", str(error)) from None
        if field == "tags":
            return parse_tags(text)
        if field == "introduced_by":
            return self._match_introducer(text)
        raise KeyError(field)

    def _match_introducer(self, text: str) -> ContactRef | None:
        if not text:
            return None
        try:
            # The stored introducer stays as long as its name does, even if the name is shared.
            return match_contact(self._store, text, self._contact_id, known=self._introducer)
        except StoreError as error:  # busy, unreachable: said at the field, the form goes on
            raise ValidationError("introduced_by", explain(error)) from None
        except LookupError as error:
            raise ValidationError("introduced_by", str(error)) from None

    def _check(self, field: str, *, show: bool) -> tuple[bool, Any]:
        """Check one field and update its hint and error.

        Args:
            field: The field's id.
            show: Show a new error; otherwise only an error already shown is updated, so
                nobody is scolded for an email while still typing it.

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
        if isinstance(value, dt.date) and self._text(field).strip() != value.isoformat():
            return day_label(value)
        if isinstance(value, ContactRef):
            return f"→ {contact_label(value)}"
        if field == "cadence" and value:
            return f"every {value} days"
        return None

    # -- events -------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        """Check a parsed field as it changes; a name change may bring a reading guess."""
        field = event.input.id or ""
        if field == "name":
            if self._reading_timer is not None:
                self._reading_timer.stop()
            self._reading_timer = self.set_timer(READING_DELAY, self._guess_reading)
        elif field == "reading" and event.value != self._reading_guess:
            self._set_reading_confirmed(True)
        if field in CHECKED:
            self._check(field, show=False)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        """Leaving a parsed field shows its error, if it has one."""
        field = event.input.id or ""
        if field in CHECKED and self.is_attached and not self.missing:
            self._check(field, show=True)

    def on_select_changed(self, event: Select.Changed) -> None:
        """A new stage changes the cadence it defaults to."""
        if event.select.id == "stage":
            self._show_stage_default()

    def _show_stage_default(self) -> None:
        stage = self.query_one("#stage", Select).value
        default = self._store.stage_cadence.get(str(stage))
        shown = format_cadence(default) or _("none")
        cadence = self.query_one("#cadence", Input)
        cadence.placeholder = _("stage default: {cadence}  (or 30, 2w, 3m)").format(cadence=shown)

    # -- reading guess --------------------------------------------------------------

    def _reading_replaceable(self) -> bool:
        """The reading is empty or still netui's own unconfirmed guess."""
        reading = self.query_one("#reading", Input).value
        return not reading or (reading == self._reading_guess and not self._reading_confirmed)

    def _guess_reading(self) -> None:
        name = self.query_one("#name", Input).value
        if not self._reading_replaceable():
            return
        if has_kanji(name):
            self._run_guess(name)
        else:
            self.post_message(self.ReadingGuessed(name, None))

    @work(thread=True, exclusive=True, group="reading-guess", name=_("guess the reading"),
          exit_on_error=False)  # fmt: skip
    def _run_guess(self, name: str) -> None:
        """Guess in a thread: pykakasi's first call loads its dictionaries (~0.5 s)."""
        try:
            reading = suggest_reading(name)
        except Exception:  # noqa: BLE001 - a failed guess must never cost the form
            reading = None
        self.post_message(self.ReadingGuessed(name, reading))

    def on_contact_form_reading_guessed(self, message: ReadingGuessed) -> None:
        """Fill the reading with the guess, unless the name or the reading moved on."""
        if message.name != self.query_one("#name", Input).value or not self._reading_replaceable():
            return
        reading = self.query_one("#reading", Input)
        if message.reading is None and reading.value != self._reading_guess:
            return
        with reading.prevent(Input.Changed):
            reading.value = message.reading or ""
        self._reading_guess = message.reading
        self._set_reading_confirmed(message.reading is None)

    def _set_reading_confirmed(self, confirmed: bool) -> None:
        self._reading_confirmed = confirmed
        self._show_reading_hint()
        self.refresh_bindings()

    def _show_reading_hint(self) -> None:
        unconfirmed = not self._reading_confirmed and bool(self.query_one("#reading", Input).value)
        self._box("reading").set_hint(READING_HINT if unconfirmed else None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "confirm reading" only while there is a guess to confirm."""
        if action == "confirm_reading":
            return not self._reading_confirmed
        return True

    def action_confirm_reading(self) -> None:
        """Keep the guessed reading as the right one."""
        self._set_reading_confirmed(True)

    # -- save and cancel --------------------------------------------------------------

    def _build_draft(self) -> ContactDraft | None:
        """The draft from the fields, or None after showing every field's error."""
        parsed: dict[str, Any] = {}
        for field in CHECKED:
            ok, value = self._check(field, show=True)
            if ok:
                parsed[field] = value
        if len(parsed) < len(CHECKED):
            return None
        reading = self._text("reading").strip()
        met_at = self.query_one("#met_at", Select).value
        introducer = parsed["introduced_by"]
        return ContactDraft(
            name=parsed["name"],
            reading=reading,
            reading_confirmed=self._reading_confirmed or not reading,
            company=self._text("company"),
            role=self._text("role"),
            email=parsed["email"],
            phone=self._text("phone"),
            location=self._text("location"),
            birthday=parsed["birthday"],
            links=self._text("links"),
            channel=str(self.query_one("#channel", Select).value),
            met_on=parsed["met_on"],
            met_at_id=None if met_at is Select.NULL else int(met_at),  # type: ignore[arg-type]
            introduced_by_id=introducer.id if introducer else None,
            stage=str(self.query_one("#stage", Select).value),
            cadence_days=parsed["cadence"],
            needs=self._text("needs"),
            offers=self._text("offers"),
            notes=self._text("notes"),
            solicitation=self.query_one("#solicitation", Checkbox).value,
            solicitation_note=self._text("solicitation_note"),
            tags=parsed["tags"],
        )

    def submit(self) -> int | None:
        """Save when every field is valid."""
        draft = self._build_draft()
        if draft is None:
            self.focus_first_error()
            return None
        if self._contact_id is None:
            return self._store.contacts.create(draft)
        self._store.contacts.update(self._contact_id, draft)
        return self._contact_id

    def changed(self) -> bool:
        """A field differs from what the form opened with (netui's own reading guess aside)."""
        values = self._values()
        if not self._reading_confirmed and values["reading"] == self._reading_guess:
            values["reading"] = self._initial.get("reading")  # netui's guess is not an edit
        return values != self._initial


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
