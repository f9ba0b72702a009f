"""A yes/no question before something that cannot be undone (delete, discard changes)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static


class ConfirmScreen(ModalScreen[bool]):
    """Ask once; dismisses with True for yes (y, enter) and False for no (n, escape)."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }
    ConfirmScreen > #dialog {
        width: 60;
        height: auto;
        padding: 1 2;
        border: round $error;
        background: $panel;
    }
    ConfirmScreen #title {
        text-style: bold;
    }
    ConfirmScreen #message {
        margin: 1 0;
    }
    ConfirmScreen #buttons {
        height: auto;
        align-horizontal: right;
    }
    ConfirmScreen Button {
        margin-left: 2;
    }
    """

    BINDINGS = [
        Binding("y,enter", "confirm", "Yes", id="confirm.yes", tooltip="Go ahead."),
        Binding("n,escape", "cancel", "No", id="confirm.no", tooltip="Leave things as they are."),
    ]

    def __init__(self, title: str, message: str, confirm_label: str = "Delete") -> None:
        """A question with a yes and a no.

        Args:
            title: The question ("Delete contact?"); plain text.
            message: What will happen; plain text, so it may quote user data safely.
            confirm_label: The yes button's label ("Delete", "Discard").
        """
        super().__init__()
        self._title = title
        self._message = message
        self._confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        """Title, message, and the two buttons (for the mouse; keys do the same)."""
        confirm = Button(Content(f"{self._confirm_label} (y)"), variant="error", id="yes")
        cancel = Button(Content("Cancel (n)"), id="no")
        # Nothing takes focus, so y/n/enter/escape reach the screen's bindings directly.
        confirm.can_focus = cancel.can_focus = False
        with Vertical(id="dialog"):
            yield Static(Content(self._title), id="title")
            yield Static(Content(self._message), id="message")
            with Horizontal(id="buttons"):
                yield cancel
                yield confirm
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A click answers like the matching key."""
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_confirm(self) -> None:
        """Answer yes."""
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Answer no."""
        self.dismiss(False)


def close_or_confirm_discard(
    screen: ModalScreen[Any], changed: bool, title: str, message: str
) -> None:
    """Close a form at once when nothing was changed; otherwise ask before losing the input."""
    if not changed:
        screen.dismiss(None)
        return

    def discard(confirmed: bool | None) -> None:
        if confirmed:
            screen.dismiss(None)

    screen.app.push_screen(ConfirmScreen(title, message, confirm_label="Discard"), discard)
