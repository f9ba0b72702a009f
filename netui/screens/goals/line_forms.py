"""Two one-line forms of a goal's page: a wanted person (new or reworded), and a linked contact's role.

Enter saves, like ctrl+s; escape closes, asking first when something typed
would be lost. Each dismisses with the text it saved (the role may be
empty), or None when closed without saving.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input

from netui.areas import bindings
from netui.domain.contact_rules import clean_text
from netui.domain.goal_records import GoalRef, GoalSlotRecord
from netui.i18n import _
from netui.screens.common.form import FormScreen
from netui.screens.goals.view import one_line
from netui.state import Store
from netui.widgets.form_field import text_field


class LineForm(FormScreen[str]):
    """A form of one text field, `FIELD`, that enter saves."""

    DEFAULT_CSS = """
    LineForm FormField {
        margin: 0;
    }
    """

    FIELD = ""

    def __init__(self, initial: str) -> None:
        super().__init__()
        self._initial = initial

    @property
    def text(self) -> str:
        """What is typed in the field."""
        return self.query_one(f"#{self.FIELD}", Input).value

    def changed(self) -> bool:
        """Something was typed or changed."""
        return self.text.strip() != self._initial.strip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter saves, like ctrl+s."""
        event.stop()
        self.action_save()


class SlotForm(LineForm):
    """A person the goal still needs, new or reworded; dismisses with the description saved."""

    BINDINGS = bindings("slot_form.save", "slot_form.cancel")

    AUTO_FOCUS = "#slot"
    FIELD = "slot"

    def __init__(self, store: Store, goal: GoalRef, slot: GoalSlotRecord | None = None) -> None:
        """A form for one wanted person of a goal.

        Args:
            store: Where it is saved.
            goal: The goal that needs the person.
            slot: The wanted person to reword; None adds one.
        """
        super().__init__(slot.description if slot else "")
        self._store = store
        self._goal = goal
        self._slot = slot

    def heading(self) -> str:
        title = one_line(self._goal.title)
        if self._slot is None:
            return _("Who does {title} still need?").format(title=title)
        return _("Reword a wanted person of {title}").format(title=title)

    def compose_fields(self) -> ComposeResult:
        """The one field."""
        yield text_field(
            "slot",
            _("Wanted"),
            self._initial,
            placeholder=_("a hiring manager at a Tokyo fintech"),
            hint=_("one person; two investors are two wanted people"),
        )

    def submit(self) -> str | None:
        """Add or reword the wanted person (an empty line is refused beside the field)."""
        text = self.text
        if self._slot is None:
            self._store.goals.add_slot(self._goal.id, text)
        else:
            self._store.goals.edit_slot(self._slot.id, text)
        return clean_text(text)


class RoleForm(LineForm):
    """Link a contact to a goal with the role they play, or change that role; dismisses with it."""

    BINDINGS = bindings("role_form.save", "role_form.cancel")

    AUTO_FOCUS = "#role"
    FIELD = "role"

    def __init__(
        self,
        store: Store,
        goal: GoalRef,
        contact_id: int,
        name: str,
        *,
        role: str | None = None,
    ) -> None:
        """A form for a contact's role in a goal.

        Args:
            store: Where the link is saved.
            goal: The goal.
            contact_id: The contact.
            name: The contact's name, for the heading.
            role: The role of a linked contact, to change; None links the contact.
        """
        super().__init__(role or "")
        self._store = store
        self._goal = goal
        self._contact_id = contact_id
        self._contact_name = name
        self._linking = role is None

    def heading(self) -> str:
        title, name = one_line(self._goal.title), one_line(self._contact_name)
        if self._linking:
            return _("Link {name} to {title}").format(name=name, title=title)
        return _("{name}'s role in {title}").format(name=name, title=title)

    def compose_fields(self) -> ComposeResult:
        """The one field."""
        yield text_field(
            "role",
            _("Role"),
            self._initial,
            placeholder=_("investor, mentor, the one who vouches"),
            hint=_("what they are for the goal; may be left empty"),
        )

    def submit(self) -> str | None:
        """Link the contact (or change the role), with whatever role was typed."""
        role = clean_text(self.text)
        if self._linking:
            self._store.goals.link(self._goal.id, self._contact_id, role)
        else:
            self._store.goals.set_role(self._goal.id, self._contact_id, role)
        return role
