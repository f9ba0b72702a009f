"""FormScreen: the skeleton every form shares; ContactDialog: a form about one contact.

A form is a typed `ModalScreen[T | None]`: it dismisses with what it saved,
or None when closed without saving. `ctrl+s` saves and `escape` cancels
(each form names its two keys in the key table, so they keep their own ids,
words and tooltips). Saving goes through `submit()`, under the one failure
policy: a `ValidationError` is shown beside the field it names (or on the
form's error line when no field has that name), a Store failure on the
error line; either way the form stays open with what was typed.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Static

from netui.i18n import _
from netui.screens.common.dialog import Dialog
from netui.screens.common.failure import in_form
from netui.state import Store, StoreError, ValidationError
from netui.widgets.form_field import FormError, FormField

ResultT = TypeVar("ResultT")


class FormScreen(Dialog[ResultT | None]):
    """A dialog that edits something and saves it through the Store.

    A form implements `heading()`, `compose_fields()` and `submit()`, and, to
    be asked before discarding what was typed, `changed()`. One whose record
    is gone before it opens sets `missing` in its constructor: it says so and
    closes as soon as it is shown.
    """

    # The question escape asks when `changed()`: its title and what will be lost.
    DISCARD: ClassVar[tuple[str, str]] = (
        _("Discard changes?"),
        _("What was typed in this form will be lost."),
    )

    missing = ""

    # -- what a form provides -------------------------------------------------------

    def heading(self) -> str | Content:
        """The form's title line (plain text or Content; never markup)."""
        raise NotImplementedError

    def compose_fields(self) -> ComposeResult:
        """The form's fields, under its title and error line."""
        raise NotImplementedError

    def submit(self) -> ResultT | None:
        """Read and check the fields, then save through the Store.

        Returns:
            What the form dismisses with; None to stay open (the problems are
            shown beside their fields).

        Raises:
            ValidationError: shown beside the field it names.
            StoreError: shown on the form's error line (see `failure.in_form`).
        """
        raise NotImplementedError

    def changed(self) -> bool:
        """Whether something was typed that closing would lose (then escape asks first)."""
        return False

    def opened(self) -> None:
        """Hook: the form is shown (and what it edits exists)."""

    def quit_loses(self) -> str | None:
        """What was typed and not saved: quitting would lose it, as escape would."""
        return self.DISCARD[1] if self.changed() else None

    # -- the skeleton ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """The title, a line for errors that belong to no field, the fields, the footer."""
        with Vertical(id="dialog"):
            heading = self.heading()
            yield Static(heading if isinstance(heading, Content) else Content(heading), id="title")
            yield FormError()
            yield from self.compose_fields()
        yield Footer()

    @on(events.Mount)
    def _open(self) -> None:
        if self.missing:
            self.tell(self.missing, error=True)
            self.dismiss(None)
            return
        self.opened()

    def show_error(self, message: str) -> None:
        """Show a problem that belongs to no field on the form's error line."""
        self.query_one(FormError).show(message)

    def show_invalid(self, error: ValidationError) -> None:
        """Show a refusal beside the field it names and go there; else on the error line."""
        boxes = self.query(f"#{error.field}-field")
        if not boxes:
            self.show_error(error.message)
            return
        boxes.first(FormField).set_error(error.message)
        self.focus_first_error()

    def focus_first_error(self) -> None:
        """Put the cursor in the first field showing an error."""
        invalid = self.query("FormField.-invalid")
        if invalid:
            invalid.first(FormField).field.focus()

    def action_save(self) -> None:
        """Save when everything is valid and close; otherwise show what is wrong and stay."""
        self.query_one(FormError).show(None)
        try:
            result = self.submit()
        except ValidationError as error:
            self.show_invalid(error)
            return
        except StoreError as error:
            self.show_error(in_form(error))
            return
        if result is not None:
            self.dismiss(result)

    def action_cancel(self) -> None:
        """Close without saving; ask first when something typed would be lost."""
        if not self.changed():
            self.dismiss(None)
            return
        from netui.screens.common.confirm import ConfirmScreen

        def discard(confirmed: bool | None) -> None:
            if confirmed:
                self.dismiss(None)

        title, message = self.DISCARD
        self.app.push_screen(ConfirmScreen(title, message, confirm_label=_("Discard")), discard)


class ContactDialog(FormScreen[int]):
    """A form about one contact (an interaction, a follow-up, a give): knows its name.

    It dismisses with the id of what it saved. A contact deleted by another
    netui between the key press and the form makes the form say so and close.
    """

    def __init__(self, store: Store, contact_id: int) -> None:
        """A form about the contact `contact_id`.

        Args:
            store: Where the contact is read and the form saves.
            contact_id: Who it is about.
        """
        super().__init__()
        self._store = store
        self._contact_id = contact_id
        ref = store.contacts.refs([contact_id]).get(contact_id)
        self._contact_name = ref.name if ref else ""
        if ref is None:
            self.missing = _("contact {id} no longer exists").format(id=contact_id)
