"""Questions before something that cannot be undone: a yes/no, or a choice of a few answers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Static

from netui.areas import KEYS, bindings, typed
from netui.i18n import _
from netui.screens.common.dialog import Dialog

AnswerT = TypeVar("AnswerT")

# A button: its id (the answer it gives), the binding id of its key, its variant, and its
# label ("" for the key's own description). The label names the key as the footer does.
Choice = tuple[str, str, str, str]


class Question(Dialog[AnswerT]):
    """A question, what each answer does, and a button for each answer (keys do the same).

    The buttons never take focus, so the keys reach the screen's bindings
    directly; a click answers like the key. Each button names its key as the
    key table (and the config file's remaps) binds it, so it and the footer agree.
    """

    DEFAULT_CSS = """
    Question > #dialog {
        padding: 1 2;
    }
    Question #title {
        color: $foreground;
        margin-bottom: 0;
    }
    Question #message {
        margin: 1 0;
    }
    Question #buttons {
        height: auto;
        align-horizontal: right;
    }
    """

    def __init__(self, title: str, message: str, choices: Sequence[Choice]) -> None:
        """A question.

        Args:
            title: The question; plain text.
            message: What will happen; plain text, so it may quote user data safely.
            choices: The buttons, left to right.
        """
        super().__init__()
        self._title = title
        self._message = message
        self._choices = tuple(choices)

    def compose(self) -> ComposeResult:
        """Title, message, and the buttons."""
        with Vertical(id="dialog"):
            yield Static(Content(self._title), id="title")
            yield Static(Content(self._message), id="message")
            with Horizontal(id="buttons"):
                for answer, key_id, variant, label in self._choices:
                    text = _("{label} ({key})").format(
                        label=label or KEYS[key_id].description, key=self.key_name(key_id)
                    )
                    button = Button(Content(text), variant=variant, id=answer)  # type: ignore[arg-type]
                    button.can_focus = False
                    yield button
        yield Footer()

    def key_name(self, key_id: str) -> str:
        """The key bound to `key_id` here, as typed, after the config file's remaps."""
        config = getattr(self.app, "config", None)
        return typed(key_id, getattr(config, "keys", None))

    def answer(self, choice: str) -> AnswerT:
        """What the screen dismisses with for the button `choice` (each question's own)."""
        raise NotImplementedError

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A click answers like the matching key."""
        event.stop()
        self.dismiss(self.answer(event.button.id or ""))


class ConfirmScreen(Question[bool]):
    """Ask once; dismisses with True for yes (y, enter) and False for no (n, escape)."""

    DEFAULT_CSS = """
    ConfirmScreen > #dialog {
        width: 60;
        border: round $error;
    }
    ConfirmScreen Button {
        margin-left: 2;
    }
    """

    BINDINGS = bindings("confirm.yes", "confirm.no")

    def __init__(self, title: str, message: str, confirm_label: str = _("Delete")) -> None:
        """A question with a yes and a no.

        Args:
            title: The question ("Delete contact?"); plain text.
            message: What will happen; plain text, so it may quote user data safely.
            confirm_label: The yes button's label ("Delete", "Discard").
        """
        super().__init__(
            title,
            message,
            [
                ("no", "confirm.no", "default", _("Cancel")),
                ("yes", "confirm.yes", "error", confirm_label),
            ],
        )

    def answer(self, choice: str) -> bool:
        return choice == "yes"

    def action_confirm(self) -> None:
        """Answer yes."""
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Answer no."""
        self.dismiss(False)


class QuitScreen(ConfirmScreen):
    """Asks "Quit netui?" when quitting would lose what was typed; the quit key again quits."""

    def __init__(self, loses: str) -> None:
        """
        Args:
            loses: What quitting now would lose (a screen's `quit_loses`); plain text.
        """
        super().__init__(_("Quit netui?"), loses, confirm_label=_("Quit"))
