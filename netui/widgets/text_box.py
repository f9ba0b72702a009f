"""netui's multi-line text input: Textual's TextArea, taking every space a person types.

Why, and how a typed space is told apart: netui.widgets.text_input.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from netui.widgets.text_input import typed_space

__all__ = ["TextBox"]


class TextBox(TextArea):
    """A TextArea that also takes a typed full-width (or other) space."""

    async def _on_key(self, event: events.Key) -> None:
        space = typed_space(event)
        if space is None or self.read_only:
            return
        event.stop()
        event.prevent_default()
        start, end = self.selection
        self.replace(space, start, end, maintain_selection_offset=False)
