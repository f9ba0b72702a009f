"""netui's one-line text input: Textual's Input, taking every space a person types.

Why: a Japanese IME types the full-width space U+3000 (山本　健) as that one
character, and the terminal sends its UTF-8 bytes like any other character.
Textual's parser turns it into `Key(key="ideographic_space", character="\\u3000")`,
and `Key.is_printable` is `character.isprintable()`, which Python answers False
for every space separator but the ASCII one (U+3000, U+00A0 no-break space,
U+2003 em space, ...). Input and TextArea insert only printable keys, so the
space was dropped when typed, though kept when pasted (a paste is not a key).
Every Input netui creates is a TextInput, and every TextArea a TextBox
(netui.widgets.text_box), so each takes such a space like any other character.
The TextBox lives apart because TextArea brings its document model, history
and themes (8 ms of imports), which the contact list at launch does not need.
"""

from __future__ import annotations

import unicodedata

from textual import events
from textual.widgets import Input

__all__ = ["TextInput", "typed_space"]


def typed_space(event: events.Key) -> str | None:
    """The space separator a key types that Textual does not count as printable, else None.

    Args:
        event: A key as Textual's parser made it.

    Returns:
        The character (U+3000, U+00A0, ...) when the key types one space
        separator other than the ASCII space, else None.
    """
    character = event.character
    if character is None or len(character) != 1 or event.is_printable:
        return None
    return character if unicodedata.category(character) == "Zs" else None


class TextInput(Input):
    """A one-line Input that also takes a typed full-width (or other) space."""

    async def _on_key(self, event: events.Key) -> None:
        # Handlers run along the MRO; preventing the default keeps Input's own
        # handler from seeing the key after this one has inserted it.
        space = typed_space(event)
        if space is None:
            return
        event.stop()
        event.prevent_default()
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(space)
        else:
            self.replace(space, *selection)
