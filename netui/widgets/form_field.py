"""Form building blocks: a labelled field with hint and error lines, a form-wide error line,
and the few ways netui's forms make a field (one line of text, a choice, a box of notes)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Select, Static, TextArea

from netui.domain.contact_rules import ValidationError
from netui.widgets.text_box import TextBox
from netui.widgets.text_input import TextInput

T = TypeVar("T")


class FormField(Horizontal):
    """A label on the left; the input, its hint and its error stacked on the right.

    Hint and error lines take no room while empty, so a long form stays short.
    Both are set as `Content`, never parsed as markup, because they often
    quote what the person typed (a name holding `[/]` must not crash the form).
    """

    DEFAULT_CSS = """
    FormField {
        height: auto;
        margin: 0 0 1 0;
    }
    FormField > .form-field--label {
        width: 16;
        padding: 0 1 0 0;
        color: $text-muted;
    }
    FormField:focus-within > .form-field--label {
        color: $text;
        text-style: bold;
    }
    FormField.-invalid > .form-field--label {
        color: $error;
    }
    FormField > .form-field--body {
        width: 1fr;
        height: auto;
    }
    FormField .form-field--hint {
        display: none;
        color: $text-muted;
    }
    FormField.-has-hint .form-field--hint {
        display: block;
    }
    FormField .form-field--error {
        display: none;
        color: $error;
    }
    FormField.-invalid .form-field--error {
        display: block;
    }
    """

    def __init__(
        self,
        label: str,
        field: Widget,
        *,
        hint: str | Content = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Wrap one input widget.

        Args:
            label: The field's name as shown to the left of it (plain text).
            field: The input widget (Input, Select, TextArea, Checkbox, ...).
            hint: A first hint line shown beneath the field, if any.
            id: The field's DOM id; by default the input's id followed by "-field".
            classes: Extra CSS classes.
        """
        if id is None and field.id is not None:
            id = f"{field.id}-field"
        super().__init__(id=id, classes=classes)
        self._label = label
        self.field = field
        self._hint = hint

    def compose(self) -> ComposeResult:
        """The label, then the field with its hint and error lines."""
        yield Label(Content(self._label), classes="form-field--label")
        with Vertical(classes="form-field--body"):
            yield self.field
            yield Static(classes="form-field--hint")
            yield Static(classes="form-field--error")

    def on_mount(self) -> None:
        """Show the initial hint."""
        self.set_hint(self._hint)

    @property
    def value(self) -> Any:
        """What the field holds: a TextArea's text, else the widget's value (Input, Select, Checkbox)."""
        field = self.field
        return field.text if isinstance(field, TextArea) else getattr(field, "value", None)

    @property
    def error(self) -> str:
        """The error now shown beneath the field ("" when valid)."""
        return str(self.query_one(".form-field--error", Static).content)

    @property
    def hint(self) -> str:
        """The hint now shown beneath the field ("" when none)."""
        return str(self.query_one(".form-field--hint", Static).content)

    def set_error(self, message: str | None) -> None:
        """Show an error beneath the field, or clear it with None or "".

        Args:
            message: What is wrong, as plain text (it may quote user input).
        """
        self.query_one(".form-field--error", Static).update(Content(message or ""))
        self.set_class(bool(message), "-invalid")

    def set_hint(self, hint: str | Content | None) -> None:
        """Show a hint beneath the field, or clear it with None or "".

        Args:
            hint: Plain text, or Content built by the caller.
        """
        content = hint if isinstance(hint, Content) else Content(hint or "")
        self.query_one(".form-field--hint", Static).update(content)
        self.set_class(bool(content.plain), "-has-hint")

    def check(self, parse: Callable[[], T], hint: Callable[[T], str], *, show: bool) -> T | None:
        """Validate the field with `parse`: the hint for a good value, the error for a bad one.

        Args:
            parse: Reads the field; raises ValidationError when it is wrong.
            hint: The hint for a good value (e.g. the date a phrase means).
            show: Show a new error now (on blur or save) rather than only update
                one already shown, so typing is not interrupted by errors.

        Returns:
            The parsed value, or None when it is not valid.
        """
        try:
            value = parse()
        except ValidationError as error:
            self.set_hint(None)
            if show or self.error:
                self.set_error(error.message)
            return None
        self.set_error(None)
        self.set_hint(hint(value))
        return value


class FormError(Static):
    """A line for errors that belong to no single field (the record was deleted meanwhile)."""

    DEFAULT_CSS = """
    FormError {
        display: none;
        color: $error;
    }
    FormError.-shown {
        display: block;
    }
    """

    @property
    def message(self) -> str:
        """The message now shown ("" when the line is hidden)."""
        return str(self.content)

    def show(self, message: str | None) -> None:
        """Show the message as plain text, or hide the line with None or "".

        Args:
            message: What went wrong (it may quote user data).
        """
        self.update(Content(message or ""))
        self.set_class(bool(message), "-shown")


def text_field(field_id: str, label: str, value: str = "", placeholder: str = "",
               *, hint: str = "") -> FormField:  # fmt: skip
    """A one-line text field.

    Args:
        field_id: The input's id (the FormField's is it followed by "-field").
        label: The label on its left.
        value: What it holds at first.
        placeholder: What it shows while empty.
        hint: A first hint line beneath it.
    """
    return FormField(label, TextInput(value, placeholder=placeholder, id=field_id, compact=True),
                     hint=hint)  # fmt: skip


def choice_field(field_id: str, label: str, choices: Sequence[str], value: str) -> FormField:
    """A choice of words, each its own value, one always chosen."""
    options = [(choice, choice) for choice in choices]
    return FormField(label, Select(options, value=value, allow_blank=False, id=field_id,
                                   compact=True))  # fmt: skip


def notes_field(field_id: str, label: str, text: str, placeholder: str) -> FormField:
    """A box of wrapped lines (links, needs, notes), without line numbers."""
    area = TextBox(text, id=field_id, compact=True, placeholder=placeholder, soft_wrap=True,
                    show_line_numbers=False, highlight_cursor_line=False)  # fmt: skip
    return FormField(label, area)
