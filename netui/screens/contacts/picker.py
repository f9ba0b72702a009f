"""Choosing a contact by typing: the picker modal, and the completion the contact form uses.

Both ask the Store's `contact_choices` on each keystroke, in the UI thread:
that is one FTS5/LIKE query with a small LIMIT, measured at up to 14 ms over
100k contacts (FACTS.md), under a frame, so a worker would only add latency.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from netui.areas import bindings
from netui.domain.reading import fold
from netui.domain.records import ContactRef
from netui.i18n import _
from netui.screens.common.dialog import Dialog
from netui.screens.common.failure import FAILURES
from netui.state import Store
from netui.widgets.text_input import TextInput

# How many matches the picker lists and the completion considers.
PICKER_LIMIT = 20
MATCH_LIMIT = 8

# Separates a name from its company where a name alone is ambiguous ("Sato Ken — Globex").
LABEL_SEPARATOR = " — "

# A contact id typed at the end, alone or after the name, as in the capture grammar's "@12".
_TYPED_ID = re.compile(r"(?:^|\s)[@＠]\s*([0-9０-９]{1,18})$")


def contact_label(ref: ContactRef) -> str:
    """A contact as one line of plain text: its name, and its company when it has one."""
    return f"{ref.name}{LABEL_SEPARATOR}{ref.company}" if ref.company else ref.name


def _labels(choices: list[ContactRef]) -> list[tuple[ContactRef, str]]:
    """Each choice with the shortest text that tells it apart.

    That is the name; name — company when the name is shared; and name — company @id
    when that is shared too (no company, or the same one).
    """
    names = Counter(fold(ref.name) for ref in choices)
    labels = Counter(fold(contact_label(ref)) for ref in choices)
    labelled = []
    for ref in choices:
        if names[fold(ref.name)] == 1:
            labelled.append((ref, ref.name))
        elif labels[fold(contact_label(ref))] == 1:
            labelled.append((ref, contact_label(ref)))
        else:
            labelled.append((ref, f"{contact_label(ref)} @{ref.id}"))
    return labelled


def _split_id(text: str) -> tuple[str, int | None]:
    """The text without a trailing ``@12``, and that id (None when there is none)."""
    found = _TYPED_ID.search(text)
    if found is None:
        return text, None
    contact_id = int(unicodedata.normalize("NFKC", found.group(1)))
    if contact_id == 0:
        return text, None
    return text[: found.start()].strip(), contact_id


def _choices(store: Store, text: str, exclude: int | None) -> list[ContactRef]:
    # Search by the name part only: the separator, company and id would not match the index.
    name_part = _split_id(text)[0].split(LABEL_SEPARATOR.strip())[0].strip()
    return store.contacts.choices(name_part, limit=MATCH_LIMIT, exclude=exclude)


def _by_id(store: Store, contact_id: int, exclude: int | None) -> ContactRef:
    ref = store.contacts.refs([contact_id]).get(contact_id)
    if ref is None or contact_id == exclude:
        raise LookupError(_("no contact @{id}").format(id=contact_id))
    return ref


def match_contact(
    store: Store, text: str, exclude: int | None = None, *, known: ContactRef | None = None
) -> ContactRef:
    """The one contact that typed text names.

    A text matches a contact when it ends in its id (``@12``, alone or after the
    name, as in the capture grammar: the id wins), when it is its name or
    "name — company" (case and width folded), or when it is the only contact
    the search finds.

    Args:
        store: Where to look.
        text: What the person typed (not empty).
        exclude: A contact that cannot be chosen (the one being edited).
        known: A contact chosen earlier; the text still means it while it is its name or label.

    Returns:
        The contact meant.

    Raises:
        LookupError: No contact, or more than one, fits; the message says which and what to do.
    """
    text = text.strip()
    if known is not None and text in (known.name, contact_label(known)):
        return known
    contact_id = _split_id(text)[1]
    if contact_id is not None:
        return _by_id(store, contact_id, exclude)
    choices = _choices(store, text, exclude)
    wanted = fold(text)
    for candidates in (
        [ref for ref in choices if fold(contact_label(ref)) == wanted],
        [ref for ref in choices if fold(ref.name) == wanted],
    ):
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            shared = len({fold(contact_label(ref)) for ref in candidates}) < len(candidates)
            if shared:
                message = _(
                    '{count} contacts are called "{text}": press → to take the suggestion '
                    "with the id"
                )
            else:
                message = _(
                    '{count} contacts are called "{text}": press → to take the suggestion '
                    "with the company"
                )
            raise LookupError(message.format(count=len(candidates), text=text))
    if len(choices) == 1:
        return choices[0]
    if not choices:
        raise LookupError(_('no contact matches "{text}"').format(text=text))
    many = f"{len(choices)}+" if len(choices) >= MATCH_LIMIT else str(len(choices))
    message = _('{count} contacts match "{text}": keep typing, or press → to take the suggestion')
    raise LookupError(message.format(count=many, text=text))


class ContactSuggester(Suggester):
    """Completes a contact's name (with its company where the name is shared) as it is typed."""

    def __init__(self, store: Store, exclude: int | None = None) -> None:
        """Complete from the Store's contacts.

        Args:
            store: Where to look.
            exclude: A contact never to suggest (the one being edited).
        """
        # No cache: contacts come and go while the form is open, and the query is cheap.
        super().__init__(use_cache=False, case_sensitive=False)
        self._store = store
        self._exclude = exclude

    async def get_suggestion(self, value: str) -> str | None:
        """The first matching contact's label that starts with what was typed."""
        if not value.strip():
            return None
        wanted = fold(value)
        try:
            choices = _choices(self._store, value, self._exclude)
        except FAILURES:
            return None  # no suggestion; the field's own check says what is wrong
        for _ref, label in _labels(choices):
            if fold(label).startswith(wanted):
                return label
        return None


class ContactPicker(Dialog[int | None]):
    """Search contacts as you type and pick one; dismisses with its id, or None when cancelled."""

    DEFAULT_CSS = """
    ContactPicker > #dialog {
        width: 70;
        max-height: 80%;
        padding: 1 2;
    }
    ContactPicker #title {
        color: $foreground;
    }
    ContactPicker #matches {
        height: auto;
        max-height: 20;
        margin-top: 1;
        background: $surface;
    }
    ContactPicker #status {
        color: $text-muted;
    }
    """

    BINDINGS = bindings(
        "contact_picker.pick", "contact_picker.cancel", "contact_picker.down", "contact_picker.up"
    )

    def __init__(self, store: Store, title: str, exclude: int | None = None) -> None:
        """A picker over the Store's contacts.

        Args:
            store: Where to search.
            title: What the choice is for ("Merge Tanaka Yuki with…"); shown as plain text.
            exclude: A contact that cannot be picked (the one being merged away).
        """
        super().__init__()
        self._store = store
        self._title = title
        self._exclude = exclude

    def compose(self) -> ComposeResult:
        """Title, search box, matches."""
        with Vertical(id="dialog"):
            yield Static(Content(self._title), id="title")
            yield TextInput(placeholder=_("name, reading, romaji or company"), id="query")
            yield Static(Content(_("Type to search.")), id="status")
            matches = OptionList(id="matches")
            # Focus stays in the search box; up/down move the highlight from there.
            matches.can_focus = False
            yield matches
        yield Footer()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search again for what is typed."""
        event.stop()
        refs = self.read(
            lambda: self._store.contacts.choices(
                event.value, limit=PICKER_LIMIT, exclude=self._exclude
            )
        )
        if refs is None:
            return
        matches = self.query_one("#matches", OptionList)
        matches.set_options(Option(Content(contact_label(ref)), id=str(ref.id)) for ref in refs)
        if refs:
            matches.highlighted = 0
        status = self.query_one("#status", Static)
        if not event.value.strip():
            status.update(Content(_("Type to search.")))
        elif not refs:
            status.update(
                Content(_('No contact matches "{text}".').format(text=event.value.strip()))
            )
        else:
            status.update(
                Content(_("{count} found: ↑↓ to move, enter to pick.").format(count=len(refs)))
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a match picks it."""
        event.stop()
        if event.option.id is not None:
            self.dismiss(int(event.option.id))

    def action_cursor_down(self) -> None:
        """Highlight the next match."""
        self.query_one("#matches", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        """Highlight the previous match."""
        self.query_one("#matches", OptionList).action_cursor_up()

    def action_pick(self) -> None:
        """Dismiss with the highlighted contact's id; nothing happens when nothing matches."""
        option = self.query_one("#matches", OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.dismiss(int(option.id))

    def action_cancel(self) -> None:
        """Dismiss without a choice."""
        self.dismiss(None)
