"""Quick capture: type the people just met, one per line, watch the preview, save them in one go.

The text is the capture grammar of DESIGN.md (`netui.domain.capture`). The preview is the
Store's own resolution (`store.capture.preview`), recomputed on every change: a 20-line
capture parses and resolves in a few milliseconds, well inside a frame, so there is no
debounce to make the preview lag behind the typing. The text is kept as a draft until it is
saved (written half a second after the last change, and on closing), so closing the box,
quitting or a crash never loses what was typed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import string
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from netui.areas import bindings
from netui.config import Config
from netui.domain.capture import CaptureError
from netui.domain.dates import DatePhraseError, day_label, format_relative, parse_date_phrase
from netui.domain.reading import has_kanji, suggest_reading
from netui.domain.records import EventRef
from netui.i18n import _
from netui.screens.capture.close import CloseCaptureScreen
from netui.screens.capture.preview import CapturePreviewView
from netui.screens.capture.saved import saved_notice
from netui.screens.common.failure import explain
from netui.screens.common.form import FormScreen
from netui.state import Store, StoreError, ValidationError
from netui.state.capture import CaptureResult
from netui.widgets.form_field import FormField
from netui.widgets.text_box import TextBox
from netui.widgets.text_input import TextInput

if TYPE_CHECKING:
    from netui.screens.common.host import Host

# Write the draft this long after the last change: often enough to lose nothing, rarely
# enough not to commit on every keystroke.
DRAFT_DELAY = 0.5

# An example in the capture grammar: a translation may use local names, never other keywords.
PLACEHOLDER = Content(
    _(
        "Tanaka Yuki (Acme, designer) #ux; next: fri send the slides\n"
        "  gave: intro introduced her to Sato Ken\n"
        "  got: advice pricing for the workshop\n"
        "Suzuki Ken (Globex) !pitch; next: 2w coffee\n"
        "佐藤 健（Kumo）；次：来週金曜 お礼のメール"
    )
)


def _muted_template(template: str, **values: str) -> Content:
    """A translated sentence in muted text, its {placeholders} filled with plain values."""
    parts: list[str | tuple[str, str]] = []
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        if literal:
            parts.append((literal, "$text-muted"))
        if field is not None:
            parts.append(values[field])
    return Content.assemble(*parts)


HELP = _muted_template(
    _(
        "One person per line; fields after {semicolon} or on indented lines.  "
        "Keys: {keys}  ({keys_ja}).  {id} picks one of several contacts with the same name."
    ),
    semicolon=";",
    keys="gave got next every via needs offers note stage email phone goal slot",
    keys_ja="与 受 次 頻度 紹介 求 提供 メモ 目的 枠",
    id="@12",
)
DRAFT_KEPT = _("Kept as a draft until you save it: closing loses nothing.")
DRAFT_RESTORED = _("Draft restored from last time. ctrl+s saves it; escape, then d, discards it.")
EMPTY_NOTE = _("Type one person per line; this shows exactly what ctrl+s will save.")


class CaptureScreen(FormScreen[CaptureResult]):
    """The capture box; dismisses with what was saved, or None when closed without saving."""

    DEFAULT_CSS = """
    CaptureScreen > #dialog { width: 100%; max-width: 160; height: 100%; }
    CaptureScreen #title { margin-bottom: 0; }
    CaptureScreen #capture-top { height: auto; margin-top: 1; }
    CaptureScreen #capture-top FormField { margin: 0 2 0 0; }
    CaptureScreen #capture-top FormField > .form-field--label { width: auto; padding: 0 1 0 0; }
    CaptureScreen #event-field { width: 1fr; }
    CaptureScreen #met_on-field { width: 34; }
    CaptureScreen #met_on { width: 1fr; }
    CaptureScreen #thanks { width: auto; }
    CaptureScreen #capture-status { color: $text-muted; height: 1; }
    CaptureScreen #capture-body { height: 1fr; }
    CaptureScreen #capture-text { width: 1fr; height: 1fr; }
    CaptureScreen #capture-text:focus { border: tall $primary; }
    CaptureScreen #capture-preview { width: 1fr; margin-left: 1; }
    CaptureScreen.-narrow #capture-top { layout: grid; grid-size: 2; grid-columns: 1fr auto; grid-rows: auto; }
    CaptureScreen.-narrow #event-field { column-span: 2; width: 1fr; margin-bottom: 0; }
    CaptureScreen.-narrow #capture-body { layout: vertical; }
    CaptureScreen.-narrow #capture-preview { margin-left: 0; }
    CaptureScreen.-narrow #capture-text { min-height: 8; }
    CaptureScreen.-narrow #capture-preview { min-height: 8; }
    CaptureScreen #capture-help { height: auto; }
    CaptureScreen.-short > #dialog { border: none; padding: 0 1; }
    CaptureScreen.-short #capture-top { margin-top: 0; }
    CaptureScreen.-short #met_on-field { width: 1fr; }
    CaptureScreen.-short #met_on-field > .form-field--body { layout: horizontal; }
    CaptureScreen.-short #met_on-field #met_on { width: 12; }
    CaptureScreen.-short #met_on-field .form-field--hint { width: 1fr; margin-left: 1; }
    CaptureScreen.-short #met_on-field .form-field--error { width: 1fr; margin-left: 1; }
    """

    # Below 110 columns the preview goes under the text instead of beside it, each
    # at least 8 lines high.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    # Below 28 lines (80x24) the box fills the screen without its frame, and the
    # date's meaning goes beside the date, so text and preview keep 8 lines each.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (28, "-tall")]

    BINDINGS = bindings("capture.save", "capture.close", "pane.next")

    AUTO_FOCUS = "#capture-text"

    class ReadingsReady(Message):
        """pykakasi has loaded its dictionaries, so reading guesses are now instant."""

    def __init__(self, store: Store, config: Config, *, event_id: int | None = None) -> None:
        """A capture box on the Store, holding the draft kept from last time.

        Args:
            store: Where the capture is previewed, saved and its draft kept.
            config: Whether "thank-you follow-ups" starts ticked (``[capture] thanks``).
            event_id: The event chosen (opened from the planner); by default the latest
                event that began within a day.

        Raises:
            NotFound: `event_id` names no event.
        """
        super().__init__()
        self._store = store
        self._thanks_default = config.capture_thanks
        self._draft = store.capture.draft()
        self._kept = self._draft  # the draft text as stored now
        self._recent = store.events.get(event_id) if event_id else store.events.latest()
        events = store.events.recent()
        if self._recent is not None and all(e.id != self._recent.id for e in events):
            events.insert(0, self._recent)
        self._events = {event.id: event for event in events}
        self._auto_date = self._default_date(self._recent)
        self._on: dt.date | None = store.today()
        self._date_problem = ""
        self._readings_ready = False
        self._draft_timer: Timer | None = None
        self._finished = False  # saved or closed: the draft needs no more writing
        # Held here, not queried: on_unmount reads it after the children are gone.
        self._text_area = TextBox(self._draft, id="capture-text", soft_wrap=True,
                                   show_line_numbers=True, placeholder=PLACEHOLDER)  # fmt: skip

    def _default_date(self, event: EventRef | None) -> str:
        """The meeting date an event implies: its day, else (or if it is ahead) today."""
        today = self._store.today()
        return (event.meeting_day(today) if event is not None else today).isoformat()

    # -- layout -------------------------------------------------------------------------

    def heading(self) -> str:
        return _("Quick capture")

    def compose_fields(self) -> ComposeResult:
        """Event, date and thanks on top; the text and its preview below; help at the bottom."""
        options = [(_event_label(event), event.id) for event in self._events.values()]
        with Horizontal(id="capture-top"):
            event = Select(
                options,
                prompt=_("no event"),
                value=self._recent.id if self._recent else Select.NULL,
                id="event",
                compact=True,
            )
            yield FormField(_("Event"), event)
            date_input = TextInput(self._auto_date, placeholder=_("today, yesterday, 2026-11-20"),
                               id="met_on", compact=True)  # fmt: skip
            yield FormField(_("Met on"), date_input)
            yield Checkbox(Content(_("thank-you follow-ups")), self._thanks_default,
                           id="thanks", compact=True)  # fmt: skip
        yield Static(Content(DRAFT_RESTORED if self._draft else DRAFT_KEPT),
                     id="capture-status")  # fmt: skip
        with Horizontal(id="capture-body"):
            yield self._text_area
            yield CapturePreviewView(id="capture-preview")
        yield Static(HELP, id="capture-help")

    def opened(self) -> None:
        """Warm the reading guesser, check the date, show the first preview."""
        self._warm_readings()
        self._text_area.move_cursor(self._text_area.document.end)
        self._check_date()
        self._refresh_preview()

    @work(thread=True, exclusive=True, group="capture-readings", name=_("prepare reading guesses"),
          exit_on_error=False)  # fmt: skip
    def _warm_readings(self) -> None:
        """Load pykakasi (~0.5 s the first time) off the UI thread, before a kanji name needs it."""
        # A failed warm-up only costs the first kanji preview its speed; never the box.
        with contextlib.suppress(Exception):
            suggest_reading("田中")
        self.post_message(self.ReadingsReady())

    def on_capture_screen_readings_ready(self, _message: ReadingsReady) -> None:
        """Reading guesses are instant now: a preview held back for them can be shown."""
        self._readings_ready = True
        self._refresh_preview()

    # -- values -------------------------------------------------------------------------

    @property
    def text(self) -> str:
        """The capture text as typed."""
        return self._text_area.text

    def _event_id(self) -> int | None:
        value = self.query_one("#event", Select).value
        return None if value is Select.NULL else int(value)  # type: ignore[arg-type]

    def _thanks(self) -> bool:
        return self.query_one("#thanks", Checkbox).value

    def _check_date(self, *, show: bool = True) -> dt.date | None:
        """Read the meeting date, show what it means or what is wrong, and remember it."""
        text = self.query_one("#met_on", Input).value.strip()
        today = self._store.today()
        self._date_problem = ""

        def parse() -> dt.date:
            try:
                return _meeting_day(text, today)
            except ValidationError as error:
                self._date_problem = error.message
                raise

        self._on = self.query_one("#met_on-field", FormField).check(
            parse, lambda day: f"{day_label(day)}, {format_relative(day, today)}", show=show
        )
        return self._on

    # -- the preview ----------------------------------------------------------------------

    def _refresh_preview(self) -> None:
        """Resolve the capture as saving would, and show it or its first error."""
        view = self.query_one(CapturePreviewView)
        text = self.text
        if self._on is None:
            view.show_note(
                _("Meeting date: {problem}. Fix it to see the preview.").format(
                    problem=self._date_problem
                )
            )
            return
        if not text.strip():
            view.show_note(EMPTY_NOTE)
            return
        if not self._readings_ready and has_kanji(text):
            # The first reading guess would block for half a second; the warm-up worker
            # is about to finish and asks again (on_capture_screen_readings_ready).
            view.show_note(_("Reading the names…"))
            return
        try:
            preview = self._store.capture.preview(text, self._on, self._event_id(), self._thanks())
        except (CaptureError, ValidationError) as error:
            view.show_error(error, text)
        except StoreError as error:  # an event deleted meanwhile, a busy database
            view.show_error(explain(error), text)
        else:
            view.show_preview(preview)

    @on(TextArea.Changed, "#capture-text")
    def _text_changed(self) -> None:
        self._refresh_preview()
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self._keep_draft)

    @on(Select.Changed, "#event")
    def _event_changed(self) -> None:
        # The date follows the event until the person types a date of their own.
        date_input = self.query_one("#met_on", Input)
        event_id = self._event_id()
        implied = self._default_date(self._events.get(event_id) if event_id else None)
        if date_input.value.strip() == self._auto_date and implied != self._auto_date:
            self._auto_date = implied
            date_input.value = implied  # its Changed refreshes the preview
        self._refresh_preview()

    @on(Input.Changed, "#met_on")
    def _date_changed(self) -> None:
        self._check_date(show=False)
        self._refresh_preview()

    @on(Input.Blurred, "#met_on")
    def _date_left(self) -> None:
        if self.is_attached:
            self._check_date(show=True)

    @on(Checkbox.Changed, "#thanks")
    def _thanks_changed(self) -> None:
        self._refresh_preview()

    # -- the draft --------------------------------------------------------------------------

    def _keep_draft(self) -> bool:
        """Write the text as the draft if it changed since the last write; False if it
        could not be written (the box says why, and the text stays on screen).

        Synchronous on purpose: it is one small commit (~0.2 ms), and a thread worker could
        land after `save_capture` has cleared the draft and bring a saved capture back.
        """
        if self._finished:
            return True
        text = self.text
        if text == self._kept:
            return True
        try:
            self._store.capture.save_draft(text)
        except StoreError as error:  # the text is still on screen: say so, go on
            if self.is_attached:
                self.query_one("#capture-status", Static).update(
                    Content(
                        _("The draft could not be kept ({why}); save or copy the text.").format(
                            why=explain(error)
                        )
                    )
                )
            return False
        self._kept = text
        return True

    def _finish(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._finished = True

    def quit_loses(self) -> str | None:
        """None while the text can be kept as the draft (quitting keeps it, and `c` goes on
        with it); when it cannot (the database is away), that the text would be lost."""
        if self._finished or self._keep_draft():
            return None
        return _("The capture box's text cannot be kept as a draft now, so it would be lost.")

    def on_unmount(self) -> None:
        """Quitting netui with the box open keeps the text too."""
        if not self._finished:
            self._keep_draft()
            self._finish()

    # -- save and close ---------------------------------------------------------------------

    def submit(self) -> CaptureResult | None:
        """Save everything at once (and say what); on an error save nothing and show it."""
        on = self._check_date(show=True)
        if on is None:
            self.query_one("#met_on", Input).focus()
            return None
        text = self.text
        try:
            result = self._store.capture.save(text, on, self._event_id(), self._thanks())
        except CaptureError as error:
            self.query_one(CapturePreviewView).show_error(error, text)
            return None
        self._finish()  # save_capture cleared the draft in its transaction
        cast("Host", self.app).saved_people = result.contact_ids
        self.tell_undoable(saved_notice(result))
        return result

    def show_invalid(self, error: ValidationError) -> None:
        """A refusal of the capture is shown in the preview, with its line when it has one."""
        self.query_one(CapturePreviewView).show_error(error, self.text)

    def show_error(self, message: str) -> None:
        """A Store failure is shown in the preview; the text stays as typed."""
        self.query_one(CapturePreviewView).show_error(message, self.text)

    def action_cancel(self) -> None:
        """Close: straight away when empty, otherwise ask whether to keep the draft."""
        if not self.text.strip():
            self._keep_draft()  # an emptied box clears the draft
            self._finish()
            self.dismiss(None)
            return
        self.app.push_screen(CloseCaptureScreen(), self._close_answered)

    def _close_answered(self, answer: str | None) -> None:
        if answer == CloseCaptureScreen.KEEP:
            if not self._keep_draft():
                # Closing now would lose the text: the box stays open and says why.
                self.tell(
                    _("The draft could not be kept, so the box stays open: try again later"),
                    error=True,
                )
                return
            self._finish()
            self.tell(_("Capture kept as a draft: press c to go on with it"))
            self.dismiss(None)
        elif answer == CloseCaptureScreen.DISCARD:
            self._finish()
            try:
                self._store.capture.save_draft("")
            except StoreError as error:  # the draft stays; the box closes as asked
                self.tell(
                    _("The draft could not be discarded: {why}").format(why=explain(error)),
                    error=True,
                )
            else:
                self.tell(_("Capture draft discarded"))
            self.dismiss(None)


def _event_label(event: EventRef) -> Content:
    when = (
        f" · {day_label(event.starts_at.date())} {event.starts_at:%H:%M}" if event.starts_at else ""
    )
    return Content(f"{event.title}{when}")


def _meeting_day(text: str, today: dt.date) -> dt.date:
    """The meeting date a phrase means (empty is today).

    Raises:
        ValidationError: not a date, or a day after today.
    """
    if not text:
        return today
    try:
        day = parse_date_phrase(text, today, past=True)
    except DatePhraseError:
        message = _('"{text}" is not a date: try today, yesterday, 2026-11-20, 昨日')
        raise ValidationError("met_on", message.format(text=text)) from None
    if day > today:
        message = _("{day} is ahead: the meeting date is today or earlier")
        raise ValidationError("met_on", message.format(day=day_label(day)))
    return day
