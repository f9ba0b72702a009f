"""Link a contact to a goal from the contact: the goal typed with completion, their part, or one
of the goal's wanted people they are.

The active goals are read once, when the dialog opens (a handful: `store.goals.refs()`); a
goal is named by its title (completed as it is typed) or `#ID`, as capture's `goal:` names
one. Choosing a wanted person fills that slot (`store.goals.fill_slot`), which links the
contact with the slot as their part unless they have one; otherwise the contact is linked
with the part typed, or an existing link gets the new part. Each is one command, undone
with u.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Input, Select

from netui.areas import bindings
from netui.domain.contact_rules import ValidationError
from netui.domain.goal_records import GoalLink, GoalRef, GoalSlotRecord
from netui.domain.reading import search_fold
from netui.i18n import _
from netui.screens.common.failure import in_form
from netui.screens.common.form import FormScreen
from netui.state import Store, StoreError
from netui.widgets.form_field import FormField, text_field

GOAL_HINT = _("a goal's title (→ takes the suggestion) or #ID")
ROLE_HINT = _("what they are to the goal: investor, mentor, a reference (optional)")
SLOT_ROLE_HINT = _("their part is the wanted person they are, unless they have one")


def match_goal(refs: list[GoalRef], text: str) -> GoalRef:
    """The one active goal `text` names: `#ID`, else the title folded (case, width, kana) equal
    to it, else the only title starting with it, else the only one holding it.

    Raises:
        ValidationError: no goal, or several ("goal"); the message names them.
    """
    wanted = text.strip()
    if not wanted:
        raise ValidationError("goal", _("say which goal: its title or #ID"))
    digits = wanted[1:].strip()
    if wanted.startswith(("#", "＃")) and digits.isdigit():
        found = [ref for ref in refs if ref.id == int(digits)]
        if not found:
            raise ValidationError("goal", _("no active goal #{id}").format(id=digits))
        return found[0]
    folded = search_fold(wanted)
    for test in (
        lambda title: title == folded,
        lambda title: title.startswith(folded),
        lambda title: folded in title,
    ):
        found = [ref for ref in refs if test(search_fold(ref.title))]
        if len(found) == 1:
            return found[0]
        if found:
            names = "; ".join(f"#{ref.id} {ref.title}" for ref in found[:5])
            raise ValidationError(
                "goal",
                _("{count} goals match “{text}”: {names}; type more or its #ID").format(
                    count=len(found), text=wanted, names=names
                ),
            )
    raise ValidationError("goal", _("no active goal matches “{text}”").format(text=wanted))


class GoalSuggester(Suggester):
    """Completes an active goal's title as it is typed (folded: case, width, kana)."""

    def __init__(self, refs: list[GoalRef]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self._refs = refs

    async def get_suggestion(self, value: str) -> str | None:
        """The first active goal, by title, whose title starts with what was typed."""
        wanted = search_fold(value)
        if not wanted:
            return None
        for ref in self._refs:
            if search_fold(ref.title).startswith(wanted):
                return ref.title
        return None


class GoalLinkForm(FormScreen[str]):
    """Link the contact to an active goal, with a part or as a wanted person; dismisses with
    what was done, as a sentence, or None."""

    DEFAULT_CSS = """
    GoalLinkForm FormField {
        margin: 0 0 1 0;
    }
    """

    BINDINGS = bindings("goal_link_form.save", "goal_link_form.cancel")

    AUTO_FOCUS = "#goal"

    def __init__(self, store: Store, contact_id: int) -> None:
        """The dialog for one contact.

        Args:
            store: Where the goals are read and the link is saved.
            contact_id: Who is linked.
        """
        super().__init__()
        self._store = store
        self._contact_id = contact_id
        ref = store.contacts.refs([contact_id]).get(contact_id)
        self._contact_name = ref.name if ref else ""
        self._refs = store.goals.refs()
        self._links = {link.goal_id: link for link in store.goals.of_contact(contact_id)}
        self._goal: GoalRef | None = None
        self._slots: list[GoalSlotRecord] = []
        if ref is None:
            self.missing = _("contact {id} no longer exists").format(id=contact_id)
        elif not self._refs:
            self.missing = _("No active goal to link {name} to: set one up first").format(
                name=self._contact_name
            )

    def heading(self) -> Content:
        return Content(_("Link {name} to a goal").format(name=self._contact_name))

    def compose_fields(self) -> ComposeResult:
        """The goal, their part, and the goal's wanted people still open."""
        from netui.widgets.text_input import TextInput

        goal = TextInput(
            placeholder=_("Find a mentor, #3"), suggester=GoalSuggester(self._refs),
            id="goal", compact=True,
        )  # fmt: skip
        yield FormField(_("Goal"), goal, hint=GOAL_HINT)
        yield text_field("role", _("Part"), "", _("investor, mentor"), hint=ROLE_HINT)
        slots: Select[int] = Select(
            [], prompt=_("not one of its wanted people"), id="slot", compact=True, disabled=True
        )
        yield FormField(
            _("Wanted person"), slots, hint=_("the goal's open slots, once it is chosen")
        )

    # -- the goal, as typed ---------------------------------------------------------------

    def _parse_goal(self) -> GoalRef:
        return match_goal(self._refs, self.query_one("#goal", Input).value)

    def _describe(self, ref: GoalRef) -> str:
        link = self._links.get(ref.id)
        if link is None:
            return _("#{id} {title}").format(id=ref.id, title=ref.title)
        if link.role:
            return _("#{id} {title}: already linked, as {role}").format(
                id=ref.id, title=ref.title, role=link.role
            )
        return _("#{id} {title}: already linked").format(id=ref.id, title=ref.title)

    def _check_goal(self, *, show: bool) -> GoalRef | None:
        box = self.query_one("#goal-field", FormField)
        if not self.query_one("#goal", Input).value.strip() and not show:
            box.set_error(None)
            box.set_hint(GOAL_HINT)
            found = None
        else:
            found = box.check(self._parse_goal, self._describe, show=show)
        if found != self._goal:
            self._goal = found
            self._show_slots(found)
        return found

    def _show_slots(self, goal: GoalRef | None) -> None:
        """The chosen goal's open slots in the wanted-person choice (none: it is disabled)."""
        slots: list[GoalSlotRecord] = []
        if goal is not None:
            try:
                slots = [slot for slot in self._store.goals.get(goal.id).slots if slot.is_open]
            except StoreError as error:
                self.show_error(in_form(error))
        self._slots = slots
        choice = self.query_one("#slot", Select)
        choice.set_options((Content(slot.description), slot.id) for slot in slots)
        choice.disabled = not slots
        box = self.query_one("#slot-field", FormField)
        if goal is None:
            box.set_hint(_("the goal's open slots, once it is chosen"))
        elif slots:
            box.set_hint(
                _("{count} open: choose one they are, or leave it").format(count=len(slots))
            )
        else:
            box.set_hint(_("the goal has no open wanted person"))
        self._show_role()

    def _show_role(self) -> None:
        slot_chosen = self._slot_id() is not None
        role = self.query_one("#role", Input)
        role.disabled = slot_chosen
        self.query_one("#role-field", FormField).set_hint(
            SLOT_ROLE_HINT if slot_chosen else ROLE_HINT
        )

    def _slot_id(self) -> int | None:
        value = self.query_one("#slot", Select).value
        return value if isinstance(value, int) else None

    def opened(self) -> None:
        """The goal field starts empty: its hint says what to type."""
        self._check_goal(show=False)

    def changed(self) -> bool:
        """Something was typed or chosen."""
        return bool(
            self.query_one("#goal", Input).value.strip()
            or self.query_one("#role", Input).value.strip()
            or self._slot_id() is not None
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        """Say which goal the text names, or what is wrong, as it is typed."""
        event.stop()
        if event.input.id == "goal":
            self._check_goal(show=False)

    def on_select_changed(self, event: Select.Changed) -> None:
        """A wanted person chosen makes it their part."""
        event.stop()
        self._show_role()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a text field saves, like ctrl+s."""
        event.stop()
        self.action_save()

    # -- saving ---------------------------------------------------------------------------

    def submit(self) -> str | None:
        """Link, fill the slot, or change the part; what was done, as a sentence."""
        goal = self._check_goal(show=True)
        if goal is None:
            self.query_one("#goal", Input).focus()
            return None
        name, title = self._contact_name, goal.title
        slot_id = self._slot_id()
        if slot_id is not None:
            slot = next(slot for slot in self._slots if slot.id == slot_id)
            self._store.goals.fill_slot(slot_id, self._contact_id)
            return _("{name} is {slot} for {title}").format(
                name=name, slot=slot.description, title=title
            )
        role = self.query_one("#role", Input).value.strip()
        link: GoalLink | None = self._links.get(goal.id)
        if link is None:
            self._store.goals.link(goal.id, self._contact_id, role)
            if role:
                return _("Linked {name} to {title} as {role}").format(
                    name=name, title=title, role=role
                )
            return _("Linked {name} to {title}").format(name=name, title=title)
        if role and role != link.role:
            self._store.goals.set_role(goal.id, self._contact_id, role)
            return _("{name} is now {role} for {title}").format(name=name, role=role, title=title)
        raise ValidationError(
            "goal",
            _("{name} is already linked to {title}: type a new part, or choose a wanted person")
            .format(name=name, title=title),
        )  # fmt: skip
