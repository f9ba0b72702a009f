"""Dialog: the base of every modal netui opens, and the one dialog look."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

from netui.screens.common.base import NetuiScreen

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT], NetuiScreen[ResultT]):
    """A modal over the screen it was opened from: a panel holding a `#dialog` container.

    The look is written once, here, in theme variables; a dialog sets only
    what is its own (its width, a warning border, the height of a notes box).
    A `#title` line starts the panel.
    """

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog > #dialog {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $primary;
        background: $panel;
    }
    Dialog #title {
        text-style: bold;
        color: $primary;
        margin-bottom: 1;
    }
    """
