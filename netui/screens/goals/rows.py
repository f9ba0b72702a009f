"""What a goal page's keys do to the row under the cursor: open, link, remove, and the wanted people.

Each action writes through the Store; the topic it announces reloads the
page, so the row moves (a linked candidate becomes a linked contact) without
a hand-made refresh. Every change is in the undo journal, and its notice
names the undo key. A record deleted meanwhile by another netui gives a
message, never a crash.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.widgets import DataTable

from netui.areas import typed
from netui.domain.contact_rules import clean_text
from netui.domain.goal_records import (
    GoalCandidate,
    GoalLedgerItem,
    GoalMember,
    GoalRef,
    GoalSlotRecord,
)
from netui.i18n import _
from netui.screens.goals.actions import GoalActions
from netui.screens.goals.table import GoalSection, GoalTable
from netui.screens.goals.view import one_line
from netui.state import NotFound


class GoalRowActions(GoalActions):
    """A goal's page, whose focused section's row the row keys act on."""

    def section(self, key: str) -> GoalSection:
        """The section named `key` (members, candidates, slots, events, ledger)."""
        return self.query_one(f"#section-{key}", GoalSection)

    def focused_section(self) -> GoalSection | None:
        """The section whose table has the focus, if any."""
        focused = self.focused
        if isinstance(focused, GoalTable) and isinstance(focused.parent, GoalSection):
            return focused.parent
        return None

    def _current(self) -> tuple[str, Any] | None:
        """The focused section's key and the record under its cursor; None (said) when none."""
        section = self.focused_section()
        if section is None or section.current is None:
            self.tell(_("Nothing selected: tab moves from section to section"))
            return None
        return section.key, section.current

    def _goal(self) -> GoalRef | None:
        return self.current_goal()

    def _slot(self, key_id: str) -> GoalSlotRecord | None:
        """The wanted person under the cursor; elsewhere, says where to go."""
        current = self._current()
        if current is None:
            return None
        if not isinstance(current[1], GoalSlotRecord):
            self.tell(
                _("{key} acts on a wanted person: move to a row under Wanted people").format(
                    key=typed(key_id)
                )
            )
            return None
        return current[1]

    def _gone(self, error: NotFound) -> None:
        self.tell(_("{error} (deleted elsewhere)").format(error=error), error=True)
        self.reload()  # nothing was announced here: another netui made the change

    # -- opening ------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """Open the row's contact; on an open wanted person, pick the contact who fills it."""
        current = self._current()
        if current is None:
            return
        _key, item = current
        if isinstance(item, GoalSlotRecord):
            if item.contact_id is None:
                self.action_fill_slot()
            else:
                self.open_contact(item.contact_id)
        elif isinstance(item, GoalMember | GoalCandidate | GoalLedgerItem):
            self.open_contact(item.contact_id)
        else:
            self.tell(_("Events have no page of their own yet: the row is all of it"))

    def open_contact(self, contact_id: int) -> None:
        """Show the contact's page over this one; escape there comes back here."""
        from netui.screens.contacts.detail import ContactDetailScreen

        def check() -> None:
            if not self.store.contacts.exists(contact_id):
                raise NotFound(_("contact {id} no longer exists").format(id=contact_id))

        if self.attempt(check, gone=self._gone):
            self.app.push_screen(ContactDetailScreen(self.store, contact_id))

    # -- people -------------------------------------------------------------------

    def action_link(self) -> None:
        """Link the candidate under the cursor, asking their role; on a linked contact, change it."""
        from netui.screens.goals.line_forms import RoleForm

        goal = self._goal()
        current = self._current()
        if goal is None or current is None:
            return
        _key, item = current
        if isinstance(item, GoalCandidate):

            def linked(role: str | None) -> None:
                if role is None:
                    return
                if role:
                    done = _("Linked {name} to {title} as {role}")
                else:
                    done = _("Linked {name} to {title}")
                self.tell_undoable(done.format(name=item.name, title=goal.title, role=role))

            self.open_dialog(lambda: RoleForm(self.store, goal, item.contact_id, item.name), linked)
        elif isinstance(item, GoalMember):

            def changed(role: str | None) -> None:
                if role is None:
                    return
                if role:
                    done = _("{name} is {role} in {title}")
                else:
                    done = _("{name} has no role in {title} now")
                self.tell_undoable(done.format(name=item.name, title=goal.title, role=role))

            self.open_dialog(
                lambda: RoleForm(self.store, goal, item.contact_id, item.name, role=item.role),
                changed,
            )
        else:
            self.tell(
                _("{key} links a candidate: move to a row under Candidates").format(
                    key=typed("goal_detail.link")
                )
            )

    def action_remove(self) -> None:
        """Take the linked contact under the cursor off the goal, or remove the wanted person."""
        goal = self._goal()
        current = self._current()
        if goal is None or current is None:
            return
        _key, item = current
        if isinstance(item, GoalMember):
            if self.attempt(
                lambda: self.store.goals.unlink(goal.id, item.contact_id), gone=self._gone
            ):
                self.tell_undoable(
                    _("Took {name} off {title}").format(name=item.name, title=goal.title)
                )
        elif isinstance(item, GoalSlotRecord):
            if self.attempt(lambda: self.store.goals.remove_slot(item.id), gone=self._gone):
                self.tell_undoable(
                    _("Removed the wanted person “{slot}”").format(slot=item.description)
                )
        else:
            self.tell(
                _(
                    "{key} takes a linked contact off the goal, or removes a wanted person: "
                    "move to a row under Linked contacts or Wanted people"
                ).format(key=typed("goal_detail.remove"))
            )

    # -- wanted people --------------------------------------------------------------

    def action_add_slot(self) -> None:
        """Add a person the goal still needs."""
        from netui.screens.goals.line_forms import SlotForm

        goal = self._goal()
        if goal is None:
            return

        def added(text: str | None) -> None:
            if text is not None:
                self.tell_undoable(
                    _("{title} wants “{slot}”").format(title=goal.title, slot=clean_text(text))
                )

        self.open_dialog(lambda: SlotForm(self.store, goal), added)

    def action_reword_slot(self) -> None:
        """Change what the wanted person under the cursor says."""
        from netui.screens.goals.line_forms import SlotForm

        goal = self._goal()
        slot = self._slot("goal_detail.reword")
        if goal is None or slot is None:
            return

        def reworded(text: str | None) -> None:
            if text is not None:
                self.tell_undoable(
                    _("The wanted person now reads “{slot}”").format(slot=clean_text(text))
                )

        self.open_dialog(lambda: SlotForm(self.store, goal, slot), reworded)

    def action_fill_slot(self) -> None:
        """Fill the wanted person under the cursor with a contact picked by name."""
        from netui.screens.contacts.picker import ContactPicker

        slot = self._slot("goal_detail.fill")
        if slot is None:
            return

        def picked(contact_id: int | None) -> None:
            if contact_id is None:
                return
            refs = self.read(lambda: self.store.contacts.refs([contact_id]))
            ref = (refs or {}).get(contact_id)
            name = ref.name if ref else _("contact {id}").format(id=contact_id)
            if self.attempt(
                lambda: self.store.goals.fill_slot(slot.id, contact_id), gone=self._gone
            ):
                self.tell_undoable(
                    _("{name} fills “{slot}”").format(name=name, slot=slot.description)
                )

        self.app.push_screen(
            ContactPicker(
                self.store, _("Who fills “{slot}”?").format(slot=one_line(slot.description))
            ),
            picked,
        )

    def action_reopen_slot(self) -> None:
        """Open the filled wanted person under the cursor again (the contact stays linked)."""
        slot = self._slot("goal_detail.reopen")
        if slot is None:
            return
        if slot.is_open:
            self.tell(
                _("“{slot}” is open already: {key} fills it").format(
                    slot=slot.description, key=typed("goal_detail.fill")
                )
            )
            return
        if self.attempt(lambda: self.store.goals.open_slot(slot.id), gone=self._gone):
            self.tell_undoable(
                _("“{slot}” is open again; {name} stays linked").format(
                    slot=slot.description, name=slot.contact_name
                )
            )
